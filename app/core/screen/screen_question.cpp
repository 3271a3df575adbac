// The screen model of one page of questions: the counter, the fields with their options, the
// address picker's step, errors and warnings, and the repeatable page's Add/Remove.
#include <algorithm>

#include "core/form/admin_units.h"
#include "core/form/field_check.h"
#include "core/form/reference.h"
#include "core/screen/words.h"

namespace motcua::core {

namespace {

// The options a choice field offers: yes/no, the 54 ethnic groups, nationalities, or its own.
std::vector<ChoiceOption> options_for(const Words& w, const FieldDef& field) {
    if (field.type == FieldType::YesNo) {
        const std::string& yes = w.strings.text("answer.yes");
        const std::string& no = w.strings.text("answer.no");
        return {{"yes", {yes, yes}}, {"no", {no, no}}};
    }
    std::vector<ChoiceOption> list;
    if (field.type == FieldType::Ethnicity)
        for (const auto& group : ethnic_groups())
            list.push_back({std::string(group.name), {std::string(group.name), {}}});
    if (field.type == FieldType::Nationality)
        for (const auto& nation : nationalities())
            list.push_back({std::string(nation.name), {std::string(nation.name), {}}});
    if (!list.empty()) return list;
    return field.options;
}

std::vector<Action> option_actions(const Words& w, const FieldDef& field, const std::string& key,
                                   const Answers& answers, const AnswerKey& answer) {
    const bool multi = field.type == FieldType::MultiChoice;
    std::vector<Action> actions;
    for (const auto& option : options_for(w, field)) {
        Intent tap = multi ? Intent{intent::Toggle{key, option.value}}
                           : Intent{intent::Choose{key, option.value}};
        // Yes and no carry their i18n keys, so speech can play a recorded "Có"/"Không".
        Text label = w.local(option.label);
        if (field.type == FieldType::YesNo)
            label.key = option.value == "yes" ? "answer.yes" : "answer.no";
        actions.push_back(
            Action{std::move(label), "option:" + key + ":" + option.value, std::move(tap), true,
                   answer_has_choice(answers, answer, option.value) ? ButtonStyle::Selected
                                                                    : ButtonStyle::Secondary});
    }
    return actions;
}

// An address in three steps on one page: the province on buttons, the ward by typing a few
// letters of its name, then the house number and street. Without the list of wards (the portal
// not reached yet) the whole address is typed on one line.
AddressInput address_input(const Words& w, const Session& session, const FieldDef& field,
                           bool has_error) {
    const SessionState& state = session.state();
    const AdminUnits* units = session.admin_units();
    AddressInput input;
    if (!units) {
        input.step = AddressStep::WholeLine;
        input.whole_line_hint = w.t("address.whole_line");
        input.box = FieldBox{w.local(field.label), field.id, state.answer(field.id),
                             state.focused_field == field.id, has_error};
        return input;
    }
    const Province* province = units->find_province(state.answer(field.id + kAddressProvince));
    if (!province) {
        input.step = AddressStep::Province;
        // Most residents live in the commune where the kiosk stands: one tap for it.
        const std::string& home = session.config().home_ward;
        const Ward* ward = home.empty() ? nullptr : units->find_ward(home);
        if (ward) {
            input.home_prompt = w.t("address.home");
            input.home = Action{
                Text{ward->full_name + ", " + units->province_of_ward(home)->full_name, {}},
                "home_ward:" + field.id, intent::Choose{field.id + kAddressWard, ward->code}};
        }
        input.province_prompt =
            w.t(ward ? "address.choose_province_other" : "address.choose_province");
        for (const Province* each : units->provinces_by_name())
            input.provinces.push_back(
                Action{Text{each->name, {}}, "province:" + field.id + ":" + each->code,
                       intent::Choose{field.id + kAddressProvince, each->code}});
        return input;
    }
    input.province = ChosenPart{w.t("address.province"), Text{province->full_name, {}},
                                w.action("address.change", "change_province:" + field.id,
                                         intent::ClearField{field.id + kAddressProvince})};
    const Ward* ward = units->find_ward(state.answer(field.id + kAddressWard));
    if (!ward || units->province_of_ward(ward->code) != province) {
        input.step = AddressStep::Ward;
        const std::string search_key = field.id + kAddressSearch;
        input.find_ward = w.f("address.find_ward", {{"province", province->full_name}});
        input.box = FieldBox{w.t("address.search_label"), search_key, state.answer(search_key),
                             state.focused_field == search_key, has_error};
        // Searched when the typed text changed (Session keeps the hits), not on every frame.
        if (auto hits = state.ward_hits.find(field.id); hits != state.ward_hits.end())
            for (const std::string& code : hits->second)
                if (const Ward* found = units->find_ward(code))
                    input.wards.push_back(
                        Action{Text{found->full_name, {}}, "ward:" + field.id + ":" + found->code,
                               intent::Choose{field.id + kAddressWard, found->code}});
        if (input.wards.empty()) input.no_ward = w.t("address.no_ward");
        return input;
    }
    input.step = AddressStep::Detail;
    input.ward = ChosenPart{w.t("address.ward"), Text{ward->full_name, {}},
                            w.action("address.change", "change_ward:" + field.id,
                                     intent::ClearField{field.id + kAddressWard})};
    // Repeated next to the box: with the keyboard open the choices above are scrolled away.
    input.summary = Text{ward->full_name + ", " + province->full_name, {}};
    input.detail_label = w.t("address.detail");
    input.detail_hint = w.t("address.detail_hint");
    input.box = FieldBox{w.t("address.detail"), field.id, state.answer(field.id),
                         state.focused_field == field.id, has_error};
    return input;
}

}  // namespace

QuestionScreen make_question(const Words& w, const Session& session, const Procedure& procedure) {
    const SessionState& state = session.state();
    const PageDef& page = procedure.pages[static_cast<std::size_t>(state.visit.page_index)];
    QuestionScreen screen;

    // Finding a ward with the keyboard open: the box and the results take the whole page.
    if (state.focused_field.ends_with(kAddressSearch) && session.admin_units())
        for (const auto& field : page.fields)
            if (field.type == FieldType::Address &&
                state.focused_field == field.id + kAddressSearch)
                if (session.admin_units()->find_province(
                        state.answer(field.id + kAddressProvince))) {
                    screen.ward_search_only =
                        address_input(w, session, field, state.visit.errors.count(field.id) > 0);
                    return screen;
                }

    const std::vector<int> pages = session.visible_pages();
    const auto position =
        std::find(pages.begin(), pages.end(), state.visit.page_index) - pages.begin() + 1;
    // [help] The total never changes under the resident: a procedure whose pages depend on the
    // answers says "Bước x" (the step), one with fixed pages "Trang x/y".
    const bool pages_vary =
        std::any_of(procedure.pages.begin(), procedure.pages.end(),
                    [](const PageDef& each) { return each.show_if.has_value(); });
    screen.progress = pages_vary
                          ? w.f("question.step", {{"procedure", procedure.name.in(w.language)},
                                                  {"page", std::to_string(position)}})
                          : w.f("question.progress", {{"procedure", procedure.name.in(w.language)},
                                                      {"page", std::to_string(position)},
                                                      {"pages", std::to_string(pages.size())}});
    // [/help]
    screen.title = w.local(page.title);
    screen.help = w.local(page.help);
    // A repeatable page says which item this is: "Giấy tờ thứ 2 / 3".
    const int items = session.item_count(page);
    if (page.repeat) {
        const std::string title = item_title(page.repeat->item_title, w.language, state.visit.item);
        screen.item = Text{items > 1 ? title + " / " + std::to_string(items) : title, {}};
    }
    if (!state.notice.empty()) screen.notice = w.t(state.notice);
    int error_count = 0;
    for (const auto& field : page.fields)
        if (session.field_visible(field) &&
            state.visit.errors.count(item_key(field.id, state.visit.item)))
            ++error_count;
    if (error_count > 0)
        screen.error_summary =
            w.f("question.error_summary", {{"count", std::to_string(error_count)}});

    for (const auto& field : page.fields) {
        if (!session.field_visible(field)) continue;
        QuestionField shown;
        shown.label = w.local(field.label);
        if (!field.required) shown.label.text += " " + w.strings.text("question.optional");
        shown.hint = w.local(field.hint);
        const std::string key = item_key(field.id, state.visit.item);
        auto error = state.visit.errors.find(key);
        const bool has_error = error != state.visit.errors.end();
        if (has_error) shown.error = w.t("error." + error->second);
        const std::string value = state.answer(key);
        if (field.type == FieldType::Address) {
            shown.input = InputKind::Address;
            shown.address = address_input(w, session, field, has_error);
        } else if (is_typed(field.type)) {
            shown.input = InputKind::Box;
            shown.box =
                FieldBox{w.local(field.label), key, value, state.focused_field == key, has_error};
        } else {
            shown.input = InputKind::Options;
            shown.options = option_actions(w, field, key, state.visit.answers,
                                           AnswerKey{field.id, state.visit.item});
        }
        if (auto warnings = state.visit.warnings.find(key); warnings != state.visit.warnings.end())
            for (const auto& warning : warnings->second)
                shown.warnings.push_back(w.t("warning." + warning));
        screen.fields.push_back(std::move(shown));
    }
    if (page.repeat) {
        // Another item only after the last one; removing only above the minimum.
        if (state.visit.item == items && items < page.repeat->max)
            screen.add_item = Action{Text{"+  " + page.repeat->add_label.in(w.language), {}},
                                     "add_item", intent::AddItem{}};
        if (items > std::max(1, page.repeat->min))
            screen.remove_item = w.action("repeat.remove", "remove_item", intent::RemoveItem{});
    }
    return screen;
}

}  // namespace motcua::core
