#include <imgui.h>

#include <algorithm>

#include "core/form/field_check.h"
#include "core/form/reference.h"
#include "ui/screens.h"

namespace motcua::ui {

namespace {

// Big option buttons, several per row when they are short.
void options(Frame& frame, const core::FieldDef& field, const std::vector<core::ChoiceOption>& choices,
             const std::string& current, bool multi) {
    const float unit = frame.unit();
    const float avail = ImGui::GetContentRegionAvail().x;
    std::string joined = "|" + current + "|";
    float longest = 0;
    for (const auto& option : choices)
        longest = std::max(longest, ImGui::CalcTextSize(option.label.in(frame.language).c_str()).x);
    const float button_w = std::max(unit * 7.0f, longest + unit * 2.0f);
    const int per_row = std::max(1, static_cast<int>((avail + ImGui::GetStyle().ItemSpacing.x) /
                                                     (button_w + ImGui::GetStyle().ItemSpacing.x)));
    for (std::size_t i = 0; i < choices.size(); ++i) {
        const auto& option = choices[i];
        bool selected = multi ? joined.find("|" + option.value + "|") != std::string::npos : current == option.value;
        std::string id = "option:" + field.id + ":" + option.value;
        if (i % static_cast<std::size_t>(per_row) != 0) ImGui::SameLine();
        if (button(frame, option.label.in(frame.language), id.c_str(), ImVec2(button_w, unit * 2.4f),
                   selected ? Style::Selected : Style::Secondary)) {
            if (multi)
                frame.emit(core::intent::Toggle{field.id, option.value});
            else
                frame.emit(core::intent::Choose{field.id, option.value});
        }
    }
}

std::vector<core::ChoiceOption> options_for(const Frame& frame, const core::FieldDef& field) {
    using core::FieldType;
    if (field.type == FieldType::YesNo)
        return {{"yes", {frame.t("answer.yes"), frame.t("answer.yes")}}, {"no", {frame.t("answer.no"), frame.t("answer.no")}}};
    std::vector<core::ChoiceOption> list;
    if (field.type == FieldType::Ethnicity)
        for (const auto& group : core::ethnic_groups()) list.push_back({std::string(group.name), {std::string(group.name), {}}});
    if (field.type == FieldType::Nationality)
        for (const auto& nation : core::nationalities()) list.push_back({std::string(nation.name), {std::string(nation.name), {}}});
    if (!list.empty()) return list;
    return field.options;
}

}  // namespace

// One page of questions: the title says what to do; errors on top and by each field.
Footer screen_question(Frame& frame) {
    const auto& procedure = chosen(frame);
    const auto& session = frame.context.session;
    const auto& state = session.state();
    const auto& page = procedure.pages[static_cast<std::size_t>(state.page_index)];
    const float unit = frame.unit();

    auto pages = session.visible_pages();
    auto position = std::find(pages.begin(), pages.end(), state.page_index) - pages.begin() + 1;
    muted(frame, frame.f("question.progress", {{"procedure", procedure.name.in(frame.language)},
                                               {"page", std::to_string(position)},
                                               {"pages", std::to_string(pages.size())}}));
    heading(frame, page.title.in(frame.language));
    if (!page.help.empty()) paragraph(frame, page.help.in(frame.language));

    if (!state.notice.empty()) notice_box(frame, frame.t(state.notice.c_str()), false);
    int error_count = 0;
    for (const auto& field : page.fields)
        if (session.field_visible(field) && state.errors.count(field.id)) ++error_count;
    if (error_count > 0)
        notice_box(frame, frame.f("question.error_summary", {{"count", std::to_string(error_count)}}), true);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));

    for (const auto& field : page.fields) {
        if (!session.field_visible(field)) continue;
        std::string label = field.label.in(frame.language);
        if (!field.required) label += " " + frame.t("question.optional");
        text(frame, label, frame.heading(), frame.colours.text);
        if (!field.hint.empty()) muted(frame, field.hint.in(frame.language));
        auto error = state.errors.find(field.id);
        if (error != state.errors.end()) text(frame, frame.t(("error." + error->second).c_str()), frame.body(), frame.colours.danger);
        auto answer = state.answers.find(field.id);
        const std::string value = answer == state.answers.end() ? "" : answer->second;
        if (core::is_typed(field.type)) {
            field_box(frame, field.label.in(frame.language), field.id, value, state.focused_field == field.id,
                      error != state.errors.end());
        } else {
            options(frame, field, options_for(frame, field), value, field.type == core::FieldType::MultiChoice);
        }
        if (auto warnings = state.warnings.find(field.id); warnings != state.warnings.end())
            for (const auto& warning : warnings->second) muted(frame, frame.t(("warning." + warning).c_str()));
        ImGui::Dummy(ImVec2(0, unit * 0.6f));
    }
    return Footer{.back = true, .primary_key = state.returning_to_review ? "question.save" : "question.next"};
}

}  // namespace motcua::ui
