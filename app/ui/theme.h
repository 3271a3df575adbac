// Colours and sizes. Sizes derive from the font height, so every text size scales the layout.
#pragma once

#include <imgui.h>

#include "core/screen/screen.h"

namespace motcua::ui {

struct Palette {
    ImU32 background, surface, text, muted_text, primary, primary_text, secondary, secondary_text,
        danger, danger_surface, border, focus, success, key, key_text;
};

const Palette& palette(core::Contrast contrast);

// Fonts loaded once at start-up for every text size (no reload when a resident changes size).
struct Fonts {
    ImFont* body[3] = {};
    ImFont* heading[3] = {};
    ImFont* title[3] = {};
};

// WCAG relative-luminance contrast ratio between two colours.
float contrast_ratio(ImU32 a, ImU32 b);

}  // namespace motcua::ui
