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
    field_box(frame, screen.search);
    if (screen.clear) {
        ImGui::SameLine();
        action(frame, *screen.clear, ImVec2(unit * 5.0f, unit * 2.2f));
    }
    ImGui::Dummy(ImVec2(0, unit * 0.4f));
    if (screen.no_results) notice_box(frame, screen.no_results->text, false);
    ImGui::PushFont(frame.body());
    for (const auto& procedure : screen.procedures) {
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
        action(frame, procedure, ImVec2(width, unit * 2.6f));
        ImGui::PopStyleVar();
    }
    ImGui::PopFont();
}

}  // namespace motcua::ui
