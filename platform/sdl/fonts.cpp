#include "platform/sdl/fonts.h"

#include <imgui.h>

#include <cmath>
#include <filesystem>

namespace motcua::platform {

namespace {

// Vietnamese (ImGui's own table) plus general punctuation and the đồng sign.
const ImWchar* glyph_ranges() {
    static const ImWchar ranges[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1
        0x0102, 0x0103, 0x0110, 0x0111, 0x0128, 0x0129, 0x0168, 0x0169, 0x01A0, 0x01A1,
        0x01AF, 0x01B0,  // Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư
        0x1EA0, 0x1EF9,  // Vietnamese extended
        0x2013, 0x2014,  // – —
        0x201C, 0x201D,  // “ ”
        0x2022, 0x2022,  // •
        0x2026, 0x2026,  // …
        0x20AB, 0x20AB,  // ₫
        0x2713, 0x2713,  // ✓ (when the font has it)
        0,
    };
    return ranges;
}

}  // namespace

core::Result<FontPaths> locate_fonts(const std::string& preferred) {
    namespace fs = std::filesystem;
    std::vector<FontPaths> candidates;
    if (!preferred.empty()) {
        if (fs::is_directory(preferred))
            candidates.push_back({preferred + "/NotoSans-Regular.ttf", preferred + "/NotoSans-Bold.ttf"});
        else
            candidates.push_back({preferred, preferred});
    }
    candidates.push_back({"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                          "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"});
    for (const auto& candidate : candidates) {
        std::error_code error;
        if (fs::is_regular_file(candidate.regular, error)) {
            FontPaths found = candidate;
            if (!fs::is_regular_file(found.bold, error)) found.bold = found.regular;
            return found;
        }
    }
    return core::make_error("font_missing",
                            "Noto Sans not found (looked in '" + preferred +
                                "' and /usr/share/fonts/truetype/noto): install fonts-noto-core");
}

core::Result<ui::Fonts> load_fonts(const FontPaths& paths, float body_px) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoMouseCursors;
    ImFontConfig config;
    // Big text needs no sub-pixel oversampling; 1×1 keeps the atlas (and start-up) small.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    ui::Fonts fonts;
    const float scales[3] = {1.0f, 1.25f, 1.5f};
    for (int i = 0; i < 3; ++i) {
        const float body = std::round(body_px * scales[i]);
        fonts.body[i] = io.Fonts->AddFontFromFileTTF(paths.regular.c_str(), body, &config, glyph_ranges());
        fonts.heading[i] = io.Fonts->AddFontFromFileTTF(paths.bold.c_str(), std::round(body * 1.25f), &config, glyph_ranges());
        fonts.title[i] = io.Fonts->AddFontFromFileTTF(paths.bold.c_str(), std::round(body * 1.6f), &config, glyph_ranges());
        if (!fonts.body[i] || !fonts.heading[i] || !fonts.title[i])
            return core::make_error("font_missing", "could not load " + paths.regular + " / " + paths.bold);
    }
    if (!io.Fonts->Build()) return core::make_error("font_missing", "font atlas build failed");
    return fonts;
}

}  // namespace motcua::platform
