#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace motcua::ui {

namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) {
    return IM_COL32(r, g, b, 255);
}

// Standard: dark text on warm white, blue actions (WCAG AA+ everywhere).
const Palette standard = {
    rgb(250, 250, 247), rgb(255, 255, 255), rgb(26, 26, 26), rgb(70, 70, 70),    rgb(0, 84, 166),
    rgb(255, 255, 255), rgb(228, 232, 238), rgb(20, 20, 20), rgb(176, 0, 32),    rgb(253, 236, 238),
    rgb(120, 120, 120), rgb(255, 191, 0),   rgb(0, 110, 50), rgb(236, 239, 243), rgb(15, 15, 15),
};

// High contrast: white on black, yellow actions.
const Palette high = {
    rgb(0, 0, 0),       rgb(0, 0, 0),    rgb(255, 255, 255), rgb(235, 235, 235),
    rgb(255, 221, 0),   rgb(0, 0, 0),    rgb(40, 40, 40),    rgb(255, 255, 255),
    rgb(255, 120, 120), rgb(40, 0, 0),   rgb(255, 255, 255), rgb(0, 200, 255),
    rgb(120, 255, 120), rgb(30, 30, 30), rgb(255, 255, 255),
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
    return contrast == core::Contrast::High ? high : standard;
}

float contrast_ratio(ImU32 a, ImU32 b) {
    float la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

}  // namespace motcua::ui
