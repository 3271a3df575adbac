// Our rasteriser (platform/render/) on draw data from a real ImGui context: coverage rules,
// blending without seams, and damage tracking that redraws exactly what a full frame would.
#include <catch2/catch.hpp>
#include <imgui.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <set>

#include "platform/render/rasterizer.h"

namespace {

using motcua::platform::render::Rasterizer;

constexpr int Width = 320, Height = 200;
constexpr ImU32 Clear = IM_COL32(250, 250, 250, 255);

// An ImGui context with the built-in font; each frame draws with `draw` on the foreground list.
class Frames {
public:
    Frames() {
        m_context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(Width, Height);
        io.DeltaTime = 1.0f / 60.0f;
        io.Fonts->AddFontDefault();
        unsigned char* alpha = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsAlpha8(&alpha, &w, &h);
        m_atlas.assign(alpha, alpha + static_cast<std::size_t>(w) * h);
        m_atlas_width = w;
        m_atlas_height = h;
        io.Fonts->SetTexID(texture_id());
    }
    ~Frames() { ImGui::DestroyContext(m_context); }
    ImTextureID texture_id() { return reinterpret_cast<ImTextureID>(this); }
    void give_atlas(Rasterizer& raster) { raster.set_alpha_texture(texture_id(), m_atlas.data(), m_atlas_width, m_atlas_height); }
    ImDrawData* frame(const std::function<void(ImDrawList&)>& draw) {
        ImGui::NewFrame();
        draw(*ImGui::GetForegroundDrawList());
        ImGui::Render();
        return ImGui::GetDrawData();
    }

private:
    ImGuiContext* m_context;
    std::vector<unsigned char> m_atlas;
    int m_atlas_width = 0, m_atlas_height = 0;
};

std::uint32_t at(const Rasterizer& raster, int x, int y) { return raster.pixels()[y * raster.width() + x]; }

int count(const Rasterizer& raster, std::uint32_t colour) {
    int n = 0;
    for (int i = 0; i < raster.width() * raster.height(); ++i) n += raster.pixels()[i] == colour;
    return n;
}

bool same_pixels(const Rasterizer& a, const Rasterizer& b) {
    return std::memcmp(a.pixels(), b.pixels(), sizeof(std::uint32_t) * a.width() * a.height()) == 0;
}

}  // namespace

TEST_CASE("a rectangle covers exactly the pixels whose centres lie inside it", "[render]") {
    Frames frames;
    Rasterizer raster(Width, Height);
    frames.give_atlas(raster);
    const ImU32 red = IM_COL32(255, 0, 0, 255);
    SECTION("whole-pixel corners") {
        raster.render(frames.frame([&](ImDrawList& list) { list.AddRectFilled({10, 20}, {30, 25}, red); }), Clear);
        CHECK(count(raster, red) == 20 * 5);
        CHECK(at(raster, 10, 20) == red);
        CHECK(at(raster, 29, 24) == red);
        CHECK(at(raster, 30, 24) == Clear);
        CHECK(at(raster, 29, 25) == Clear);
        CHECK(raster.stats().rectangles >= 1);
        CHECK(raster.stats().triangles == 0);
    }
    SECTION("half-pixel corners") {
        raster.render(frames.frame([&](ImDrawList& list) { list.AddRectFilled({10.5f, 20.5f}, {30.5f, 25.5f}, red); }), Clear);
        CHECK(count(raster, red) == 20 * 5);
        CHECK(at(raster, 10, 20) == red);
        CHECK(at(raster, 9, 20) == Clear);
    }
}

TEST_CASE("translucent triangles that share edges blend every pixel once", "[render]") {
    Frames frames;
    Rasterizer raster(Width, Height);
    frames.give_atlas(raster);
    // A rotated quad and a pie as separate triangles (each through the triangle rasteriser), and
    // a circle (a fan, filled as one polygon), at half alpha over white.
    const ImU32 half_blue = IM_COL32(0, 0, 255, 128);
    ImGui::GetStyle().AntiAliasedFill = false;  // no fringe: every covered pixel has the same colour
    raster.render(frames.frame([&](ImDrawList& list) {
        list.AddTriangleFilled({60, 20}, {120, 50}, {90, 110}, half_blue);
        list.AddTriangleFilled({60, 20}, {90, 110}, {30, 80}, half_blue);
        const ImVec2 centre{100.3f, 150.6f};
        for (int i = 0; i < 7; ++i) {
            const float a0 = static_cast<float>(i) * 0.9f, a1 = static_cast<float>(i + 1) * 0.9f;
            list.AddTriangleFilled(centre, {centre.x + 40 * std::cos(a0), centre.y + 40 * std::sin(a0)},
                                   {centre.x + 40 * std::cos(a1), centre.y + 40 * std::sin(a1)}, half_blue);
        }
        list.AddCircleFilled({220, 100}, 60, half_blue, 48);
    }),
                  IM_COL32(255, 255, 255, 255));
    std::set<std::uint32_t> colours(raster.pixels(), raster.pixels() + Width * Height);
    INFO("distinct colours: " << colours.size());
    CHECK(colours.size() == 2);  // white and one blend: no seam drawn twice, no gap
    CHECK(raster.stats().polygons >= 1);  // the circle's fan filled as one polygon
    CHECK(raster.stats().triangles >= 9);
    const std::uint32_t inside = at(raster, 220, 100);
    // Pixel centres exactly on the quad's shared diagonal, (60, 20) to (90, 110): one triangle
    // owns each (no gap, no double blend).
    for (int k = 1; k < 29; ++k) CHECK(at(raster, 60 + k, 21 + 3 * k) == inside);
    CHECK(at(raster, 75, 65) == inside);
    CHECK(((inside >> 16) & 0xFF) > 200);  // blue
    CHECK((inside & 0xFF) > 120);          // red: half of the white under it
    CHECK((inside & 0xFF) < 135);
}

TEST_CASE("text draws glyphs from the 8-bit atlas in the text colour", "[render]") {
    Frames frames;
    Rasterizer raster(Width, Height);
    frames.give_atlas(raster);
    const ImU32 black = IM_COL32(0, 0, 0, 255);
    raster.render(frames.frame([&](ImDrawList& list) { list.AddText({10, 10}, black, "Motcua"); }), Clear);
    CHECK(count(raster, black) > 40);
    CHECK(count(raster, Clear) > Width * Height - 2000);
}

TEST_CASE("damage tracking redraws only changed tiles and gives the pixels of a full redraw", "[render]") {
    Frames frames;
    Rasterizer tracked(Width, Height), full(Width, Height);
    frames.give_atlas(tracked);
    frames.give_atlas(full);
    auto scene = [&](int pressed_key, const char* text) {
        return [=](ImDrawList& list) {
            list.AddRectFilled({0, 0}, {Width, 40}, IM_COL32(40, 60, 90, 255));
            list.AddText({8, 8}, IM_COL32(255, 255, 255, 255), text);
            for (int k = 0; k < 8; ++k) {
                const float x = 10.0f + static_cast<float>(k) * 38.0f;
                const ImU32 fill = k == pressed_key ? IM_COL32(90, 140, 220, 255) : IM_COL32(230, 232, 240, 255);
                list.AddRectFilled({x, 120}, {x + 34, 160}, fill, 6.0f);
                list.AddRect({x, 120}, {x + 34, 160}, IM_COL32(120, 120, 120, 255), 6.0f, 0, 2.0f);
            }
        };
    };
    struct Step {
        int key;
        const char* text;
    };
    const Step steps[] = {{-1, "Ho va ten"}, {-1, "Ho va ten"}, {2, "Ho va ten"}, {-1, "Ho va ten a"}, {5, "Ho va ten a"}, {5, "Ho va ten a"}};
    int step_number = 0;
    for (const Step& step : steps) {
        INFO("step " << step_number);
        ImDrawData* data = frames.frame(scene(step.key, step.text));
        tracked.render(data, Clear);
        full.invalidate();
        full.render(data, Clear);
        CHECK(full.stats().tiles_drawn == full.stats().tiles);
        CHECK(same_pixels(tracked, full));
        if (step_number == 0) CHECK(tracked.stats().tiles_drawn == tracked.stats().tiles);
        if (step_number == 1 || step_number == 5) CHECK(tracked.stats().tiles_drawn == 0);  // nothing changed
        if (step_number == 2) CHECK(tracked.stats().tiles_drawn <= 2);  // one key lights up
        if (step_number == 2) CHECK(tracked.stats().tiles_drawn >= 1);
        ++step_number;
    }
    SECTION("a different clear colour redraws everything") {
        tracked.render(frames.frame(scene(5, "Ho va ten a")), IM_COL32(0, 0, 0, 255));
        CHECK(tracked.stats().tiles_drawn == tracked.stats().tiles);
    }
}
