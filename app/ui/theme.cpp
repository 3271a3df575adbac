#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace motcua::ui {

namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) {
    return IM_COL32(r, g, b, 255);
}

// Fields: background, surface, text, muted_text, primary, primary_text, secondary,
// secondary_text, danger, danger_surface, border, focus, success, key, key_text, text_bar.

// Standard: dark text on warm white, dark blue actions; every text >= 10:1 (VVSG default).
const Palette standard = {
    rgb(250, 250, 247), rgb(255, 255, 255), rgb(26, 26, 26),    rgb(50, 50, 50),
    rgb(0, 55, 120),    rgb(255, 255, 255), rgb(228, 232, 238), rgb(20, 20, 20),
    rgb(120, 0, 15),    rgb(253, 236, 238), rgb(110, 110, 110), rgb(255, 191, 0),
    rgb(0, 90, 40),     rgb(245, 247, 250), rgb(15, 15, 15),    10.0f,
};

// High contrast, light: black on white, navy actions, black edges.
const Palette high_light = {
    rgb(255, 255, 255), rgb(255, 255, 255), rgb(0, 0, 0),       rgb(30, 30, 30),
    rgb(0, 0, 150),     rgb(255, 255, 255), rgb(235, 235, 235), rgb(0, 0, 0),
    rgb(150, 0, 0),     rgb(255, 235, 235), rgb(0, 0, 0),       rgb(255, 140, 0),
    rgb(0, 80, 0),      rgb(255, 255, 255), rgb(0, 0, 0),       7.0f,
};

// High contrast, dark: white on black, yellow actions, white edges.
const Palette high_dark = {
    rgb(0, 0, 0),       rgb(0, 0, 0),    rgb(255, 255, 255), rgb(235, 235, 235),
    rgb(255, 221, 0),   rgb(0, 0, 0),    rgb(40, 40, 40),    rgb(255, 255, 255),
    rgb(255, 120, 120), rgb(40, 0, 0),   rgb(255, 255, 255), rgb(0, 200, 255),
    rgb(120, 255, 120), rgb(30, 30, 30), rgb(255, 255, 255), 7.0f,
};

// Low glare, for light-sensitive eyes: no large bright areas; warm, dimmed text on dark grey.
const Palette low_glare = {
    rgb(24, 24, 24),    rgb(30, 30, 30), rgb(205, 195, 175), rgb(195, 187, 170),
    rgb(225, 170, 70),  rgb(24, 24, 24), rgb(44, 44, 44),    rgb(205, 195, 175),
    rgb(245, 145, 135), rgb(36, 24, 24), rgb(150, 145, 135), rgb(110, 160, 220),
    rgb(150, 210, 150), rgb(40, 40, 40), rgb(205, 195, 175), 7.0f,
};

float channel(unsigned value) {
    float c = static_cast<float>(value) / 255.0f;
    return c <= 0.03928f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

float luminance(ImU32 colour) {
    unsigned r = (colour >> IM_COL32_R_SHIFT) & 0xFF, g = (colour >> IM_COL32_G_SHIFT) & 0xFF,
             b = (colour >> IM_COL32_B_SHIFT) & 0xFF;
    return 0.2126f * channel(r) + 0.7152f * channel(g) + 0.0722f * channel(b);
}

}  // namespace

const Palette& palette(core::Contrast contrast) {
    switch (contrast) {
        case core::Contrast::HighLight:
            return high_light;
        case core::Contrast::HighDark:
            return high_dark;
        case core::Contrast::LowGlare:
            return low_glare;
        case core::Contrast::Standard:
            break;
    }
    return standard;
}

float contrast_ratio(ImU32 a, ImU32 b) {
    float la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

}  // namespace motcua::ui
