#include <imgui.h>

#include <algorithm>

#include "core/form/field_check.h"
#include "core/form/admin_units.h"
#include "core/form/reference.h"
#include "ui/screens.h"

namespace motcua::ui {

namespace {

// Big option buttons, several per row when they are short.
void options(Frame& frame, const std::string& key, const std::vector<core::ChoiceOption>& choices,
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
        std::string id = "option:" + key + ":" + option.value;
        if (i % static_cast<std::size_t>(per_row) != 0) ImGui::SameLine();
        if (button(frame, option.label.in(frame.language), id.c_str(), ImVec2(button_w, unit * 2.4f),
                   selected ? Style::Selected : Style::Secondary)) {
            if (multi)
                frame.emit(core::intent::Toggle{key, option.value});
            else
                frame.emit(core::intent::Choose{key, option.value});
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

// A choice already made, with "Đổi" to make it again.
void chosen_part(Frame& frame, const std::string& label, const std::string& value, const std::string& id,
                 core::Intent change) {
    const float unit = frame.unit();
    muted(frame, label);
    const float button_w = unit * 6.0f;
    const float right = ImGui::GetWindowContentRegionMax().x - button_w;
    text(frame, value, frame.heading(), frame.colours.text, right - unit);
    ImGui::SameLine(right);
    if (button(frame, frame.t("address.change"), id.c_str(), ImVec2(button_w, unit * 2.2f), Style::Secondary))
        frame.emit(std::move(change));
}

// Finding the ward: a search box and the wards that match, best first. While the keyboard is
// open only a few fit, so only the box and the results are drawn (as on the choose screen).
void ward_search(Frame& frame, const core::FieldDef& field, const core::Province& province, bool has_error) {
    const auto& state = frame.context.session.state();
    const core::AdminUnits& units = *frame.context.session.admin_units();
    const std::string search_key = field.id + core::kAddressSearch;
    const std::string typed = state.answer(search_key);
    const bool typing = state.focused_field == search_key;
    const float unit = frame.unit();
    const float width = ImGui::GetContentRegionAvail().x;
    text(frame, frame.f("address.find_ward", {{"province", province.full_name}}), frame.body(), frame.colours.text);
    field_box(frame, frame.t("address.search_label"), search_key, typed, typing, has_error);
    const std::size_t limit = typing ? 4 : province.wards.size();
    auto wards = units.search_wards(province.code, typed, limit);
    if (wards.empty()) notice_box(frame, frame.t("address.no_ward"), false);
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    for (const core::Ward* ward : wards) {
        const std::string id = "ward:" + field.id + ":" + ward->code;
        if (button(frame, ward->full_name, id.c_str(), ImVec2(width, unit * 2.4f), Style::Secondary))
            frame.emit(core::intent::Choose{field.id + core::kAddressWard, ward->code});
    }
    ImGui::PopStyleVar();
}

// An address in three steps on one page: the province on buttons, the ward by typing a few
// letters of its name, then the house number and street. Without the list of wards (the portal
// not reached yet) the whole address is typed on one line.
void address(Frame& frame, const core::FieldDef& field, bool has_error) {
    const auto& state = frame.context.session.state();
    const core::AdminUnits* units = frame.context.session.admin_units();
    const float unit = frame.unit();
    if (!units) {
        muted(frame, frame.t("address.whole_line"));
        field_box(frame, field.label.in(frame.language), field.id, state.answer(field.id),
                  state.focused_field == field.id, has_error);
        return;
    }
    const core::Province* province = units->find_province(state.answer(field.id + core::kAddressProvince));
    if (!province) {
        // Most residents live in the commune where the kiosk stands: one tap for it.
        const std::string& home = frame.context.session.config().home_ward;
        const core::Ward* ward = home.empty() ? nullptr : units->find_ward(home);
        if (ward) {
            text(frame, frame.t("address.home"), frame.body(), frame.colours.text);
            const std::string label = ward->full_name + ", " + units->province_of_ward(home)->full_name;
            const std::string id = "home_ward:" + field.id;
            ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
            if (button(frame, label, id.c_str(), ImVec2(ImGui::GetContentRegionAvail().x, unit * 2.4f)))
                frame.emit(core::intent::Choose{field.id + core::kAddressWard, ward->code});
            ImGui::PopStyleVar();
            ImGui::Dummy(ImVec2(0, unit * 0.4f));
        }
        text(frame, frame.t(ward ? "address.choose_province_other" : "address.choose_province"), frame.body(),
             frame.colours.text);
        const std::vector<const core::Province*> sorted = units->provinces_by_name();
        const float gap = ImGui::GetStyle().ItemSpacing.x;
        const int per_row = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().x + gap) / (unit * 9.0f + gap)));
        const float button_w = (ImGui::GetContentRegionAvail().x - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            if (i % static_cast<std::size_t>(per_row) != 0) ImGui::SameLine();
            const std::string id = "province:" + field.id + ":" + sorted[i]->code;
            if (button(frame, sorted[i]->name, id.c_str(), ImVec2(button_w, unit * 2.4f), Style::Secondary))
                frame.emit(core::intent::Choose{field.id + core::kAddressProvince, sorted[i]->code});
        }
        return;
    }
    chosen_part(frame, frame.t("address.province"), province->full_name, "change_province:" + field.id,
                core::intent::ClearField{field.id + core::kAddressProvince});
    const core::Ward* ward = units->find_ward(state.answer(field.id + core::kAddressWard));
    if (!ward || units->province_of_ward(ward->code) != province) {
        ward_search(frame, field, *province, has_error);
        return;
    }
    chosen_part(frame, frame.t("address.ward"), ward->full_name, "change_ward:" + field.id,
                core::intent::ClearField{field.id + core::kAddressWard});
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    // Repeated next to the box: with the keyboard open the choices above are scrolled away.
    muted(frame, ward->full_name + ", " + province->full_name);
    text(frame, frame.t("address.detail"), frame.body(), frame.colours.text);
    muted(frame, frame.t("address.detail_hint"));
    field_box(frame, frame.t("address.detail"), field.id, state.answer(field.id), state.focused_field == field.id,
              has_error);
}

}  // namespace

// One page of questions: the title says what to do; errors on top and by each field.
Footer screen_question(Frame& frame) {
    const auto& procedure = chosen(frame);
    const auto& session = frame.context.session;
    const auto& state = session.state();
    const auto& page = procedure.pages[static_cast<std::size_t>(state.page_index)];
    const float unit = frame.unit();

    // Finding a ward with the keyboard open: the box and the results take the whole page.
    if (state.focused_field.ends_with(core::kAddressSearch))
        for (const auto& field : page.fields)
            if (field.type == core::FieldType::Address && state.focused_field == field.id + core::kAddressSearch)
                if (const core::AdminUnits* units = session.admin_units())
                    if (const core::Province* province = units->find_province(state.answer(field.id + core::kAddressProvince))) {
                        ward_search(frame, field, *province, state.errors.count(field.id) > 0);
                        return Footer{.back = true, .primary_key = "question.next"};
                    }

    auto pages = session.visible_pages();
    auto position = std::find(pages.begin(), pages.end(), state.page_index) - pages.begin() + 1;
    muted(frame, frame.f("question.progress", {{"procedure", procedure.name.in(frame.language)},
                                               {"page", std::to_string(position)},
                                               {"pages", std::to_string(pages.size())}}));
    heading(frame, page.title.in(frame.language));
    if (!page.help.empty()) paragraph(frame, page.help.in(frame.language));
    // A repeatable page says which item this is: "Giấy tờ thứ 2".
    const int items = session.item_count(page);
    if (page.repeat) {
        const std::string title = item_title(frame, *page.repeat, state.item);
        text(frame, items > 1 ? title + " / " + std::to_string(items) : title, frame.heading(), frame.colours.primary);
    }

    if (!state.notice.empty()) notice_box(frame, frame.t(state.notice.c_str()), false);
    int error_count = 0;
    for (const auto& field : page.fields)
        if (session.field_visible(field) && state.errors.count(core::item_key(field.id, state.item))) ++error_count;
    if (error_count > 0)
        notice_box(frame, frame.f("question.error_summary", {{"count", std::to_string(error_count)}}), true);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));

    for (const auto& field : page.fields) {
        if (!session.field_visible(field)) continue;
        std::string label = field.label.in(frame.language);
        if (!field.required) label += " " + frame.t("question.optional");
        text(frame, label, frame.heading(), frame.colours.text);
        if (!field.hint.empty()) muted(frame, field.hint.in(frame.language));
        const std::string key = core::item_key(field.id, state.item);
        auto error = state.errors.find(key);
        if (error != state.errors.end()) text(frame, frame.t(("error." + error->second).c_str()), frame.body(), frame.colours.danger);
        const std::string value = state.answer(key);
        if (field.type == core::FieldType::Address) {
            address(frame, field, error != state.errors.end());
        } else if (core::is_typed(field.type)) {
            field_box(frame, field.label.in(frame.language), key, value, state.focused_field == key,
                      error != state.errors.end());
        } else {
            options(frame, key, options_for(frame, field), value, field.type == core::FieldType::MultiChoice);
        }
        if (auto warnings = state.warnings.find(key); warnings != state.warnings.end())
            for (const auto& warning : warnings->second) muted(frame, frame.t(("warning." + warning).c_str()));
        ImGui::Dummy(ImVec2(0, unit * 0.6f));
    }
    if (page.repeat) {
        // Add another item (after the last one), or drop this one, far apart so a slip of the
        // finger cannot remove what was meant to be added; "Tiếp tục" moves on.
        const float width = std::min(ImGui::GetContentRegionAvail().x * 0.48f, unit * 16.0f);
        const float right = ImGui::GetWindowContentRegionMax().x - width;
        bool same_row = false;
        if (state.item == items && items < page.repeat->max) {
            if (button(frame, "+  " + page.repeat->add_label.in(frame.language), "add_item", ImVec2(width, unit * 2.4f)))
                frame.emit(core::intent::AddItem{});
            same_row = true;
        }
        if (items > std::max(1, page.repeat->min)) {
            if (same_row) ImGui::SameLine(right);
            if (button(frame, frame.t("repeat.remove"), "remove_item", ImVec2(width, unit * 2.4f)))
                frame.emit(core::intent::RemoveItem{});
        }
    }
    return Footer{.back = true, .primary_key = state.returning_to_review ? "question.save" : "question.next"};
}

}  // namespace motcua::ui
