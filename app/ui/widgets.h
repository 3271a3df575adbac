// Shared widgets sized for touch and for elderly eyes. Every interactive one goes through
// register_item() so the driver and the accessibility audit see it.
#pragma once

#include <imgui.h>

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
    int size_index;  // 0..2, the resident's text size

    const core::ScreenModel& model() const { return context.model; }
    ImFont* body() const { return context.fonts.body[size_index]; }
    ImFont* heading() const { return context.fonts.heading[size_index]; }
    ImFont* title() const { return context.fonts.title[size_index]; }
    float unit() const { return body()->FontSize; }
    void emit(core::Intent intent) const { intents.push_back(std::move(intent)); }
};

using Style = core::ButtonStyle;

// A large button. Returns true when tapped (and enabled). id is stable across wording changes.
bool button(Frame& frame, const std::string& label, const char* id, ImVec2 size,
            Style style = Style::Secondary, bool enabled = true);
// A button for one of the model's actions: emits its intent when tapped.
void action(Frame& frame, const core::Action& action, ImVec2 size);
// Wrapped text in the given font and colour, recorded for "expect".
// wrap_x: where lines wrap, in window coordinates; 0 = the window's right edge.
void text(Frame& frame, const std::string& content, ImFont* font, ImU32 colour,
          float wrap_x = 0.0f);
void heading(Frame& frame, const std::string& content);
void paragraph(Frame& frame, const std::string& content);
void muted(Frame& frame, const std::string& content);
// A bordered box with a message (error or notice).
void notice_box(Frame& frame, const std::string& content, bool error);
// Records the last ImGui item as a tap target.
void register_item(Frame& frame, const std::string& label, const std::string& id, bool enabled,
                   ImU32 text_colour, ImU32 background);
// Begins the scrollable content area (touch drag scrolls it); ends with end_content().
void begin_content(Frame& frame, const char* id, ImVec2 size);
void end_content(Frame& frame);
// The on-screen keyboard of the model: letters with Vietnamese mark and tone keys, or a number pad.
void keyboard(Frame& frame, const core::Keyboard& keys, float height);
// A QR code drawn as squares, `side` pixels wide.
void qr_code(Frame& frame, const std::string& payload, float side);

}  // namespace motcua::ui
