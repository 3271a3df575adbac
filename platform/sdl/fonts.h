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

// Adds the fonts to the current ImGui context's atlas and builds it. body_px is the Normal size.
core::Result<ui::Fonts> load_fonts(const FontPaths& paths, float body_px);

}  // namespace motcua::platform
