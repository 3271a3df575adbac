// Colours and sizes. Sizes derive from the font height, so every text size scales the layout.
#pragma once

#include <imgui.h>

#include "core/screen/screen.h"

namespace motcua::ui {

struct Palette {
    ImU32 background, surface, text, muted_text, primary, primary_text, secondary, secondary_text,
        danger, danger_surface, border, focus, success, key, key_text;
    float text_bar;  // the least contrast any text may have in this mode (10:1 or 7:1)
};

// [layout] Every mode keeps every text pair >= text_bar and every control's edge >= 3:1 against
// what surrounds it (tests/unit... audit_test checks the pairs).
inline constexpr float BoundaryBar = 3.0f;
const Palette& palette(core::Contrast contrast);

// The four text sizes (core::TextSize order) by the cap height of body text, in millimetres:
// one inside each VVSG 2.0 range (3.5-4.2, 4.8-5.6, 6.4-7.1, 8.5-9.0); 4.9 mm is the default.
inline constexpr int TextSizes = 4;
inline constexpr float CapHeightMm[TextSizes] = {3.8f, 4.9f, 6.7f, 8.7f};
// Touch targets at least 12.7 mm with 2.54 mm between them (VVSG / VotingWorks).
inline constexpr float TargetMm = 12.7f;
inline constexpr float GapMm = 2.54f;

// Fonts loaded once at start-up for every text size (no reload when a resident changes size).
struct Fonts {
    ImFont* body[TextSizes] = {};
    ImFont* heading[TextSizes] = {};
    ImFont* title[TextSizes] = {};
    float ppi = 96;           // the panel's pixels per inch: millimetres become pixels with it
    float cap_ratio = 0.52f;  // cap height over font size (measured from the font)
    float px(float mm) const { return mm * ppi / 25.4f; }
};

// WCAG relative-luminance contrast ratio between two colours.
float contrast_ratio(ImU32 a, ImU32 b);

}  // namespace motcua::ui
