// [layout] Text sizes in millimetres: the body font of each size has the cap height the VVSG
// range asks for, measured on the glyphs ImGui really rasterised, at several panel densities.
#include "platform/sdl/fonts.h"

#include <imgui.h>

#include <catch2/catch.hpp>

TEST_CASE("Noto Sans's cap height is read from the font", "[fonts][mm]") {
    auto paths = motcua::platform::locate_fonts({});
    REQUIRE(paths);
    auto ratio = motcua::platform::cap_height_ratio(paths->regular);
    REQUIRE(ratio);
    // 714 font units of cap height over ascent + descent (1069 + 293) in Noto Sans.
    CHECK(*ratio == Approx(714.0 / 1362.0).epsilon(0.02));
    CHECK_FALSE(motcua::platform::cap_height_ratio("/nonexistent.ttf"));
}

TEST_CASE("each text size's capitals are as tall in millimetres as its VVSG range says",
          "[fonts][mm]") {
    auto paths = motcua::platform::locate_fonts({});
    REQUIRE(paths);
    const float ppi = GENERATE(69.0f, 96.0f, 160.0f);
    ImGui::CreateContext();
    auto fonts = motcua::platform::load_fonts(*paths, ppi);
    REQUIRE(fonts);
    CHECK(fonts->ppi == ppi);
    const float ranges[4][2] = {{3.5f, 4.2f}, {4.8f, 5.6f}, {6.4f, 7.1f}, {8.5f, 9.0f}};
    for (int size = 0; size < motcua::ui::TextSizes; ++size) {
        const ImFontGlyph* h = fonts->body[size]->FindGlyphNoFallback('H');
        REQUIRE(h);
        const float cap_mm = (h->Y1 - h->Y0) * 25.4f / ppi;
        INFO("ppi " << ppi << ", size " << size << ": cap height " << cap_mm << " mm");
        // One pixel of rounding either way (the glyph box is whole pixels).
        const float pixel_mm = 25.4f / ppi;
        CHECK(cap_mm >= ranges[size][0] - pixel_mm);
        CHECK(cap_mm <= ranges[size][1] + pixel_mm);
        if (size > 0) CHECK(fonts->body[size]->FontSize > fonts->body[size - 1]->FontSize);
        CHECK(fonts->heading[size]->FontSize > fonts->body[size]->FontSize);
    }
    CHECK(std::abs(fonts->body[1]->FindGlyphNoFallback('H')->Y1 -
                   fonts->body[1]->FindGlyphNoFallback('H')->Y0 - 4.9f * ppi / 25.4f) <= 1.5f);
    ImGui::DestroyContext();
}
