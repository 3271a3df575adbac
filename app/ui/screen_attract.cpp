#include <imgui.h>

#include <algorithm>

#include "ui/screens.h"

namespace motcua::ui {

// The first thing a resident sees: what the machine is for, one huge button, and the
// settings they may need before anything else (text size, contrast, language).
void screen_attract(Frame& frame, const core::AttractScreen& screen) {
    const float unit = frame.unit();
    const float width = ImGui::GetContentRegionAvail().x;
    text(frame, screen.title.text, frame.title(), frame.colours.text);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    paragraph(frame, screen.subtitle.text);
    ImGui::Dummy(ImVec2(0, unit * 0.6f));
    ImGui::PushFont(frame.title());
    action(frame, screen.start, ImVec2(width - unit * 1.4f, unit * 4.0f));
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, unit * 0.5f));
    const float half =
        std::min(unit * 12.0f, (width - unit * 1.4f - ImGui::GetStyle().ItemSpacing.x) / 2);
    action(frame, screen.contrast, ImVec2(half, unit * 2.4f));
    ImGui::SameLine();
    action(frame, screen.lookup, ImVec2(half, unit * 2.4f));
    // [paper] "Lấy số thứ tự", and the panel it opens (until the layout engineer places them).
    if (screen.ticket_panel) {
        ImGui::Dummy(ImVec2(0, unit * 0.5f));
        ticket_panel(frame, *screen.ticket_panel);
    } else if (screen.ticket) {
        ImGui::Dummy(ImVec2(0, unit * 0.5f));
        action(frame, *screen.ticket, ImVec2(half, unit * 2.4f));
    }
    // [/paper]
    ImGui::Dummy(ImVec2(0, unit * 0.5f));
    muted(frame, screen.help.text);
    if (screen.staff_notice) notice_box(frame, screen.staff_notice->text, true);
}

}  // namespace motcua::ui
