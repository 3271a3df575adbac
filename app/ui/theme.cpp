#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace motcua::ui {

namespace {

// 0xRRGGBB, opaque.
constexpr ImU32 hex(unsigned rgb) {
    return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 255);
}

// Every palette in one table: a row a colour, a column a mode, in core::Contrast order.
//   Standard: dark text on warm white, dark blue actions; every text >= 10:1 (VVSG default).
//   HighLight: black on white, navy actions, black edges.
//   HighDark: white on black, yellow actions, white edges.
//   LowGlare, for light-sensitive eyes: no large bright areas; warm, dimmed text on dark grey.
constexpr int Modes = 4;
struct Row {
    ImU32 Palette::*field;
    ImU32 by_mode[Modes];
};
// clang-format off
constexpr Row colours[] = {
    //                          Standard       HighLight      HighDark       LowGlare
    {&Palette::background,     {hex(0xFAFAF7), hex(0xFFFFFF), hex(0x000000), hex(0x181818)}},
    {&Palette::surface,        {hex(0xFFFFFF), hex(0xFFFFFF), hex(0x000000), hex(0x1E1E1E)}},
    {&Palette::text,           {hex(0x1A1A1A), hex(0x000000), hex(0xFFFFFF), hex(0xCDC3AF)}},
    {&Palette::muted_text,     {hex(0x323232), hex(0x1E1E1E), hex(0xEBEBEB), hex(0xC3BBAA)}},
    {&Palette::primary,        {hex(0x003778), hex(0x000096), hex(0xFFDD00), hex(0xE1AA46)}},
    {&Palette::primary_text,   {hex(0xFFFFFF), hex(0xFFFFFF), hex(0x000000), hex(0x181818)}},
    {&Palette::secondary,      {hex(0xE4E8EE), hex(0xEBEBEB), hex(0x282828), hex(0x2C2C2C)}},
    {&Palette::secondary_text, {hex(0x141414), hex(0x000000), hex(0xFFFFFF), hex(0xCDC3AF)}},
    {&Palette::danger,         {hex(0x78000F), hex(0x960000), hex(0xFF7878), hex(0xF59187)}},
    {&Palette::danger_surface, {hex(0xFDECEE), hex(0xFFEBEB), hex(0x280000), hex(0x241818)}},
    {&Palette::border,         {hex(0x6E6E6E), hex(0x000000), hex(0xFFFFFF), hex(0x969187)}},
    {&Palette::focus,          {hex(0xFFBF00), hex(0xFF8C00), hex(0x00C8FF), hex(0x6EA0DC)}},
    {&Palette::success,        {hex(0x005A28), hex(0x005000), hex(0x78FF78), hex(0x96D296)}},
    {&Palette::key,            {hex(0xF5F7FA), hex(0xFFFFFF), hex(0x1E1E1E), hex(0x282828)}},
    {&Palette::key_text,       {hex(0x0F0F0F), hex(0x000000), hex(0xFFFFFF), hex(0xCDC3AF)}},
};
// The least contrast any text may have, by mode.
constexpr float text_bars[Modes] = {10.0f, 7.0f, 7.0f, 7.0f};
// clang-format on
static_assert(sizeof(colours) / sizeof(colours[0]) == 15, "a row for every colour of Palette");

constexpr Palette make_palette(int mode) {
    Palette palette{};
    for (const Row& row : colours) palette.*row.field = row.by_mode[mode];
    palette.text_bar = text_bars[mode];
    return palette;
}

constexpr Palette palettes[Modes] = {make_palette(0), make_palette(1), make_palette(2),
                                     make_palette(3)};

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
    const int mode = static_cast<int>(contrast);
    return palettes[mode >= 0 && mode < Modes ? mode : 0];
}

float contrast_ratio(ImU32 a, ImU32 b) {
    float la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

}  // namespace motcua::ui
