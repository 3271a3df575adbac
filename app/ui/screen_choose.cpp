#include <imgui.h>

#include "ui/screens.h"

namespace motcua::ui {

// Browse every procedure, or search by typing (without accents is fine).
void screen_choose(Frame& frame, const core::ChooseScreen& screen) {
    const float unit = frame.unit();
    const float width = ImGui::GetContentRegionAvail().x;
    if (!screen.typing) {  // while typing, every line goes to the results
        heading(frame, screen.title.text);
        text(frame, screen.search_label.text, frame.body(), frame.colours.text);
    }
    // The box says what it is for even when its label is off screen (while typing).
    const float clear_w = screen.clear ? std::max(frame.target(), unit * 4.5f) : 0;
    field_box(frame, screen.search, screen.clear ? clear_w + ImGui::GetStyle().ItemSpacing.x : 0,
              /*placeholder=*/screen.typing);
    if (screen.clear) {
        ImGui::SameLine();
        action(frame, *screen.clear, ImVec2(clear_w, ImGui::GetItemRectSize().y));
    }
    ImGui::Dummy(ImVec2(0, unit * 0.2f));
    if (screen.no_results) notice_box(frame, screen.no_results->text, false);
    ImGui::PushFont(frame.body());
    for (const auto& procedure : screen.procedures) wide_action(frame, procedure, width);
    ImGui::PopFont();
}

}  // namespace motcua::ui
