// Shared widgets sized for touch and for elderly eyes. Every interactive one goes through
// register_item() so the driver and the accessibility audit see it.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "core/session/session.h"
#include "ui/registry.h"
#include "ui/theme.h"
#include "ui/view.h"

namespace motcua::ui {

// What every screen function needs while drawing one frame.
struct Frame {
    const ViewContext& context;
    std::vector<core::Intent>& intents;
    const Palette& colours;
    core::Language language;
    int size_index;  // 0..2, the resident's text size

    const std::string& t(const char* key) const { return context.strings.in(language).text(key); }
    std::string f(const char* key, const std::vector<std::pair<std::string, std::string>>& values) const {
        return context.strings.in(language).format(key, values);
    }
    ImFont* body() const { return context.fonts.body[size_index]; }
    ImFont* heading() const { return context.fonts.heading[size_index]; }
    ImFont* title() const { return context.fonts.title[size_index]; }
    float unit() const { return body()->FontSize; }
    void emit(core::Intent intent) const { intents.push_back(std::move(intent)); }
};

enum class Style { Primary, Secondary, Danger, Selected, Key };

// A large button. Returns true when tapped (and enabled). id is stable across wording changes.
bool button(Frame& frame, const std::string& label, const char* id, ImVec2 size,
            Style style = Style::Secondary, bool enabled = true);
// Wrapped text in the given font and colour, recorded for "expect".
// wrap_x: where lines wrap, in window coordinates; 0 = the window's right edge.
void text(Frame& frame, const std::string& content, ImFont* font, ImU32 colour, float wrap_x = 0.0f);
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
// The on-screen keyboard: letters with Vietnamese mark and tone keys, or a number pad.
void keyboard(Frame& frame, bool numbers, float height);
// A QR code drawn as squares, `side` pixels wide.
void qr_code(Frame& frame, const std::string& payload, float side);

}  // namespace motcua::ui
