// Loads Noto Sans (fonts-noto-core) once at start-up, at every text size the kiosk offers,
// with Vietnamese glyphs plus – — “ ” … and ₫. A missing font is a clear error, not a crash.
#pragma once

#include <string>

#include "core/result.h"
#include "ui/theme.h"

namespace motcua::platform {

struct FontPaths {
    std::string regular;
    std::string bold;
};

// The first existing Noto Sans pair: `preferred` (a directory or a .ttf) first, then the
// Debian locations.
core::Result<FontPaths> locate_fonts(const std::string& preferred);

// [layout] The font's cap height over its ImGui pixel size (stb_truetype's "pixel height", ascent
// minus descent): read from the 'H' glyph's bounds in the file. About 0.52 for Noto Sans.
core::Result<float> cap_height_ratio(const std::string& ttf_path);

// Adds the fonts to the current ImGui context's atlas and builds it, once, for all four text
// sizes: each size's body text has the cap height ui::CapHeightMm[size] on a panel of `ppi`
// pixels per inch (headings 1.25× that, titles one heading size up).
core::Result<ui::Fonts> load_fonts(const FontPaths& paths, float ppi);

}  // namespace motcua::platform
