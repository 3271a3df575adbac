#include <imgui.h>

#include <algorithm>

#include "ui/screens.h"

namespace motcua::ui {

// The first thing a resident sees: what the machine is for, one huge button, and the
// settings they may need before anything else (text size, contrast, language).
void screen_attract(Frame& frame, const core::AttractScreen& screen) {
    const float unit = frame.unit();
    const float width = ImGui::GetContentRegionAvail().x;
    text(frame, screen.title.text, frame.title(), frame.colours.text, 0.0f, TextRole::Heading);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    paragraph(frame, screen.subtitle.text);
    ImGui::Dummy(ImVec2(0, unit * 0.6f));
    ImGui::PushFont(frame.title());
    action(frame, screen.start, ImVec2(width, frame.tall(3.2f)));
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    // The settings and the other ways in, two a row (one a row on a narrow screen); their
    // labels wrap rather than shrink.
    std::vector<const core::Action*> more;
    if (screen.voice) more.push_back(&*screen.voice);
    more.push_back(&screen.contrast);
    more.push_back(&screen.lookup);
    if (screen.ticket && !screen.ticket_panel) more.push_back(&*screen.ticket);
    grid(frame, more, std::min(width, unit * 11.0f));
    // [paper] The panel "Lấy số thứ tự" opens: the counter groups, then the number.
    if (screen.ticket_panel) {
        ImGui::Dummy(ImVec2(0, unit * 0.5f));
        ticket_panel(frame, *screen.ticket_panel);
    }
    // [/paper]
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    muted(frame, screen.help.text);
    // [staff] a discreet marker: what is wrong is shown in staff mode
    if (screen.staff_notice) muted(frame, screen.staff_notice->text);
}

}  // namespace motcua::ui
