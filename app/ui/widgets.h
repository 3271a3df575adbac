// Shared widgets sized for touch and for elderly eyes. Every interactive one goes through
// register_item() so the driver and the accessibility audit see it.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/screen/screen.h"
#include "ui/registry.h"
#include "ui/theme.h"
#include "ui/view.h"

namespace motcua::ui {

// What every screen function needs while drawing one frame.
struct Frame {
    const ViewContext& context;
    std::vector<core::Intent>& intents;
    const Palette& colours;
    int size_index;    // 0..3, the content's text size (the resident's, or a step smaller
                       // while typing on a short screen)
    int chrome_index;  // 0..3, the header, footer and keyboard's text size
    ImU32 backdrop;    // what is behind what is drawn now (contrast is measured against it)
    Zone zone = Zone::Content;
    bool scrolls = false;  // drawing inside the scrolling content area
    std::string field;     // texts drawn now label or explain this field ("field:<id>"), or ""
    float field_top = -1;  // screen y where the field's label starts (kept in view with it)
    bool question_seen = false;  // the page's first question has been drawn
    float entry_extent = 0;      // how far down the content its headings and first question end

    const core::ScreenModel& model() const { return context.model; }
    ImFont* body() const { return context.fonts.body[size_index]; }
    ImFont* heading() const { return context.fonts.heading[size_index]; }
    ImFont* title() const { return context.fonts.title[size_index]; }
    ImFont* chrome_body() const { return context.fonts.body[chrome_index]; }
    ImFont* chrome_heading() const { return context.fonts.heading[chrome_index]; }
    float unit() const { return body()->FontSize; }
    // The least touch target and the least gap between targets, in px.
    float target() const { return std::ceil(context.fonts.px(TargetMm)); }
    float gap() const { return std::ceil(context.fonts.px(GapMm)); }
    // A target height: `units` of the current body size, never under 12.7 mm.
    float tall(float units) const { return std::max(target(), unit() * units); }
    void emit(core::Intent intent) const { intents.push_back(std::move(intent)); }
};

using Style = core::ButtonStyle;

// A rounded box filled with `fill` and bordered `thickness` px wide with `border`, on whole
// pixels: the straight parts are plain rectangles and the corners plain (not anti-aliased)
// quarter discs. ImDrawList::AddRect strokes a 2-px border centred half a pixel inside the box
// with a texture stretched across the stroke, and anti-aliased fringes sit half a pixel either
// side of an edge: SDL's software renderer truncates those and maps the texture a texel short,
// so the two renderers disagreed all along every border. `fill` must be opaque.
void rounded_box(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border, float rounding,
                 float thickness);
// A large button. Returns true when tapped (and enabled). id is stable across wording changes.
bool button(Frame& frame, const std::string& label, const char* id, ImVec2 size,
            Style style = Style::Secondary, bool enabled = true);
// A button for one of the model's actions: emits its intent when tapped.
void action(Frame& frame, const core::Action& action, ImVec2 size);
// A full-width button whose label wraps onto more lines (list items: procedures, wards,
// long options); as tall as its label needs, never under 12.7 mm.
void wide_action(Frame& frame, const core::Action& action, float width);
// Buttons in rows of equal cells at least `min_cell_w` wide (one a row when the screen is
// narrow); labels wrap, rows are as tall as their tallest label.
void grid(Frame& frame, const std::vector<const core::Action*>& actions, float min_cell_w);
// Wrapped text in the given font and colour, recorded for "expect".
// wrap_x: where lines wrap, in window coordinates; 0 = the window's right edge.
void text(Frame& frame, const std::string& content, ImFont* font, ImU32 colour, float wrap_x = 0.0f,
          TextRole role = TextRole::Body);
// The page's heading (checked to be in view when the page is entered).
void heading(Frame& frame, const std::string& content);
// The question a page asks, in the heading font (checked like the heading).
void question(Frame& frame, const std::string& content);
void paragraph(Frame& frame, const std::string& content);
void muted(Frame& frame, const std::string& content);
// A bordered box with a message (error or notice).
void notice_box(Frame& frame, const std::string& content, bool error);
// Records the last ImGui item as a tap target. `border` is its edge colour (the boundary is
// whichever of border and fill stands out more from the backdrop).
void register_item(Frame& frame, const std::string& label, const std::string& id, bool enabled,
                   ImU32 text_colour, ImU32 background, ImU32 border,
                   ImVec2 label_size = ImVec2(0, 0));
// Records the last ImGui item (a text) with its clip box and contrast against `behind`.
void record_text(Frame& frame, const std::string& content, ImU32 colour, TextRole role,
                 const std::string& owner, ImU32 behind);
// The widest text of `font` that fits `content` in w×h px: the given font, else the next
// smaller body fonts (a label is shrunk rather than cut).
ImFont* fitting_font(const Frame& frame, ImFont* font, const std::string& content, float w,
                     float h);
// Begins the scrollable content area (touch drag scrolls it); ends with end_content(). `page`
// names the page shown: a new page starts scrolled to its top.
void begin_content(Frame& frame, const char* id, ImVec2 size, unsigned page);
// What the view remembers about the page on screen, in the kiosk window's ImGui storage (null
// before the first frame): the page's key, whether it was scrolled, and while typing how far
// down the focused field ends and how tall it is with its label and error (at which text
// size), and the largest text size that fits it.
ImGuiStorage* page_memory();
inline const ImGuiID MemoryPage = 0x6d700001, MemoryMoved = 0x6d700002,
                     MemoryTypingCap = 0x6d700003, MemoryExtent = 0x6d700004,
                     MemoryExtentSize = 0x6d700005, MemoryCapSize = 0x6d700006,
                     MemoryEntryExtent = 0x6d700007, MemoryEntrySize = 0x6d700008,
                     MemoryEntryCap = 0x6d700009, MemoryFocusKey = 0x6d70000a,
                     MemoryFocusScrolled = 0x6d70000b,
                     MemoryFieldSpan = 0x6d70000c;  // [pixels] label top to box bottom
// Inside the content: it was scrolled by someone since its page was entered.
void mark_content_moved();
// In the kiosk window after end_content(): whether the content was scrolled on this page.
bool content_moved();
void end_content(Frame& frame);
// The margin around the chrome (header, footer, keyboard): never under the least gap.
float chrome_margin(const Frame& frame);
// The on-screen keyboard of the model: letters with Vietnamese mark and tone keys, or a number pad.
void keyboard(Frame& frame, const core::Keyboard& keys, float height);
// A QR code drawn as squares, `side` pixels wide.
void qr_code(Frame& frame, const std::string& payload, float side);

}  // namespace motcua::ui
