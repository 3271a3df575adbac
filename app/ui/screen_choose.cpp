#include <imgui.h>

#include "ui/screens.h"

namespace motcua::ui {

// Browse every procedure, or search by typing (without accents is fine).
Footer screen_choose(Frame& frame) {
    const auto& state = frame.context.session.state();
    const auto& catalog = frame.context.session.catalog();
    const float unit = frame.unit();
    const float width = ImGui::GetContentRegionAvail().x;
    if (state.focused_field != "search") {  // while typing, every line goes to the results
        heading(frame, frame.t("choose.title"));
        text(frame, frame.t("choose.search_label"), frame.body(), frame.colours.text);
    }
    field_box(frame, frame.t("choose.search_label"), "search", state.search_text, state.focused_field == "search", false);
    if (!state.search_text.empty()) {
        ImGui::SameLine();
        if (button(frame, frame.t("choose.clear"), "clear_search", ImVec2(unit * 5.0f, unit * 2.2f)))
            frame.emit(core::intent::ClearField{"search"});
    }
    ImGui::Dummy(ImVec2(0, unit * 0.4f));

    std::vector<int> shown;
    if (state.search_text.empty()) {
        for (int i = 0; i < static_cast<int>(catalog.procedures.size()); ++i) shown.push_back(i);
    } else {
        for (const auto& hit : frame.context.session.offer().search.query(state.search_text, 20)) shown.push_back(hit.id);
        if (shown.empty()) notice_box(frame, frame.t("choose.no_results"), false);
    }
    ImGui::PushFont(frame.body());
    for (int index : shown) {
        const core::Procedure& procedure = catalog.procedures[static_cast<std::size_t>(index)];
        std::string id = "procedure_" + procedure.code;
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
        if (button(frame, procedure.name.in(frame.language), id.c_str(), ImVec2(width, unit * 2.6f)))
            frame.emit(core::intent::ChooseProcedure{procedure.code});
        ImGui::PopStyleVar();
    }
    ImGui::PopFont();
    return Footer{.back = true};
}

}  // namespace motcua::ui
