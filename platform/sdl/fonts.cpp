#include "platform/sdl/fonts.h"

#include <imgui.h>
#include <stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace motcua::platform {

namespace {

// Vietnamese (ImGui's own table) plus general punctuation and the đồng sign.
const ImWchar* glyph_ranges() {
    static const ImWchar ranges[] = {
        0x0020,
        0x007E,  // Basic Latin
        0x00A0,
        0x00A0,  // no-break space (between an amount and ₫)
        0x00B7,
        0x00B7,  // ·
        // The Latin-1 letters Vietnamese uses (À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý and lower case)
        0x00C0,
        0x00C3,
        0x00C8,
        0x00CA,
        0x00CC,
        0x00CD,
        0x00D2,
        0x00D5,
        0x00D9,
        0x00DA,
        0x00DD,
        0x00DD,
        0x00E0,
        0x00E3,
        0x00E8,
        0x00EA,
        0x00EC,
        0x00ED,
        0x00F2,
        0x00F5,
        0x00F9,
        0x00FA,
        0x00FD,
        0x00FD,
        0x0102,
        0x0103,
        0x0110,
        0x0111,
        0x0128,
        0x0129,
        0x0168,
        0x0169,
        0x01A0,
        0x01A1,
        0x01AF,
        0x01B0,  // Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư
        0x1EA0,
        0x1EF9,  // Vietnamese extended
        0x2013,
        0x2014,  // – —
        0x201C,
        0x201D,  // “ ”
        0x2022,
        0x2022,  // •
        0x2026,
        0x2026,  // …
        0x20AB,
        0x20AB,  // ₫
        0x2713,
        0x2713,  // ✓ (when the font has it)
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
            candidates.push_back(
                {preferred + "/NotoSans-Regular.ttf", preferred + "/NotoSans-Bold.ttf"});
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

core::Result<float> cap_height_ratio(const std::string& ttf_path) {
    std::ifstream in(ttf_path, std::ios::binary);
    std::vector<unsigned char> data((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
    stbtt_fontinfo info;
    const int offset = data.empty() ? -1 : stbtt_GetFontOffsetForIndex(data.data(), 0);
    if (offset < 0 || !stbtt_InitFont(&info, data.data(), offset))
        return core::make_error("font_missing", "could not read " + ttf_path);
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    if (!stbtt_GetCodepointBox(&info, 'H', &x0, &y0, &x1, &y1) || y1 <= y0)
        return core::make_error("font_missing", ttf_path + " has no 'H' to measure");
    // ImGui sizes a font by stbtt_ScaleForPixelHeight (ascent - descent = the size in px).
    return static_cast<float>(y1 - y0) * stbtt_ScaleForPixelHeight(&info, 1.0f);
}

core::Result<ui::Fonts> load_fonts(const FontPaths& paths, float ppi) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoMouseCursors;
    ImFontConfig config;
    // Big text needs no sub-pixel oversampling; 1×1 keeps the atlas (and start-up) small.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    auto ratio = cap_height_ratio(paths.regular);
    if (!ratio) return ratio.error();
    auto bold_ratio = cap_height_ratio(paths.bold);
    if (!bold_ratio) return bold_ratio.error();
    ui::Fonts fonts;
    fonts.ppi = ppi;
    fonts.cap_ratio = *ratio;
    // Body text of each size from its cap height; headings 1.25× body in bold; a title is the
    // next size's heading (the largest reuses the largest heading: a ninth font would cost a
    // third of the atlas build for one line of text).
    ImFont* bold[ui::TextSizes] = {};
    for (int i = 0; i < ui::TextSizes; ++i) {
        const float cap_px = ui::CapHeightMm[i] * ppi / 25.4f;
        const float body_px = std::round(cap_px / *ratio);
        const float heading_px = std::round(cap_px * 1.25f / *bold_ratio);
        fonts.body[i] =
            io.Fonts->AddFontFromFileTTF(paths.regular.c_str(), body_px, &config, glyph_ranges());
        if (!fonts.body[i])
            return core::make_error("font_missing", "could not load " + paths.regular);
        bold[i] =
            io.Fonts->AddFontFromFileTTF(paths.bold.c_str(), heading_px, &config, glyph_ranges());
        if (!bold[i]) return core::make_error("font_missing", "could not load " + paths.bold);
    }
    for (int i = 0; i < ui::TextSizes; ++i) {
        fonts.heading[i] = bold[i];
        fonts.title[i] = bold[std::min(i + 1, ui::TextSizes - 1)];
    }
    if (!io.Fonts->Build()) return core::make_error("font_missing", "font atlas build failed");
    return fonts;
}

}  // namespace motcua::platform
