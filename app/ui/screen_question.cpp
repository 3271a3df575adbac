#include <imgui.h>

#include <algorithm>

#include "ui/screens.h"

namespace motcua::ui {

namespace {

// Big option buttons, several per row when they are short; labels wrap when they are long.
void options(Frame& frame, const std::vector<core::Action>& choices) {
    const float unit = frame.unit();
    float longest = 0;
    for (const auto& option : choices)
        longest = std::max(longest, ImGui::CalcTextSize(option.label.text.c_str()).x);
    std::vector<const core::Action*> all;
    for (const auto& option : choices) all.push_back(&option);
    grid(frame, all, std::max(unit * 7.0f, longest + unit * 2.0f));
}

// A choice already made, with "Đổi" to make it again.
void chosen_part(Frame& frame, const core::ChosenPart& part) {
    const float unit = frame.unit();
    muted(frame, part.label.text);
    const float button_w = unit * 6.0f;
    const float right = ImGui::GetWindowContentRegionMax().x - button_w;
    text(frame, part.value.text, frame.heading(), frame.colours.text, right - unit);
    ImGui::SameLine(right);
    action(frame, part.change, ImVec2(button_w, frame.tall(2.0f)));
}

// Finding the ward: a search box and the wards that match, best first.
void ward_search(Frame& frame, const core::AddressInput& input) {
    const float unit = frame.unit();
    const float width = ImGui::GetContentRegionAvail().x;
    const std::string group = frame.field;
    frame.field = "field:" + input.box.id;
    if (group != frame.field) frame.field_top = ImGui::GetCursorScreenPos().y;
    text(frame, input.find_ward.text, frame.body(), frame.colours.text, 0.0f, TextRole::Label);
    field_box(frame, input.box);
    frame.field = group;
    if (input.no_ward) notice_box(frame, input.no_ward->text, false);
    (void)unit;
    for (const auto& ward : input.wards) wide_action(frame, ward, width);
}

// An address in the step the model says: the province on buttons, the ward by typing, then the
// house number and street; or the whole address on one line.
void address(Frame& frame, const core::AddressInput& input) {
    const float unit = frame.unit();
    switch (input.step) {
        case core::AddressStep::WholeLine:
            frame.field = "field:" + input.box.id;
            frame.field_top = ImGui::GetCursorScreenPos().y;
            muted(frame, input.whole_line_hint.text);
            field_box(frame, input.box);
            return;
        case core::AddressStep::Province: {
            if (input.home) {
                text(frame, input.home_prompt.text, frame.body(), frame.colours.text);
                wide_action(frame, *input.home, ImGui::GetContentRegionAvail().x);
                ImGui::Dummy(ImVec2(0, unit * 0.2f));
            }
            text(frame, input.province_prompt.text, frame.body(), frame.colours.text);
            std::vector<const core::Action*> provinces;
            for (const auto& province : input.provinces) provinces.push_back(&province);
            grid(frame, provinces, unit * 9.0f);
            return;
        }
        case core::AddressStep::Ward:
            if (input.province) chosen_part(frame, *input.province);
            ward_search(frame, input);
            return;
        case core::AddressStep::Detail:
            if (input.province) chosen_part(frame, *input.province);
            if (input.ward) chosen_part(frame, *input.ward);
            ImGui::Dummy(ImVec2(0, unit * 0.3f));
            muted(frame, input.summary.text);
            frame.field = "field:" + input.box.id;
            frame.field_top = ImGui::GetCursorScreenPos().y;
            text(frame, input.detail_label.text, frame.body(), frame.colours.text, 0.0f,
                 TextRole::Label);
            muted(frame, input.detail_hint.text);
            field_box(frame, input.box);
            return;
    }
}

}  // namespace

// One page of questions: the title says what to do; errors on top and by each field.
void screen_question(Frame& frame, const core::QuestionScreen& screen) {
    const float unit = frame.unit();
    // Finding a ward with the keyboard open: the box and the results take the whole page.
    if (screen.ward_search_only) {
        ward_search(frame, *screen.ward_search_only);
        return;
    }
    muted(frame, screen.progress.text);
    heading(frame, screen.title.text);
    if (!screen.help.empty()) paragraph(frame, screen.help.text);
    if (!screen.item.empty()) text(frame, screen.item.text, frame.heading(), frame.colours.primary);
    if (screen.notice) notice_box(frame, screen.notice->text, false);
    if (screen.error_summary) notice_box(frame, screen.error_summary->text, true);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));

    for (const auto& field : screen.fields) {
        // The label, hint and error belong to the field: they stay in view with it while typing.
        // (An address's group starts at the step being typed: address() sets it.)
        if (field.input == core::InputKind::Box) {
            frame.field = "field:" + field.box.id;
            frame.field_top = ImGui::GetCursorScreenPos().y;
        }
        text(frame, field.label.text, frame.heading(), frame.colours.text, 0.0f,
             TextRole::Question);
        if (!field.hint.empty()) muted(frame, field.hint.text);
        if (!field.error.empty())
            text(frame, field.error.text, frame.body(), frame.colours.danger, 0.0f,
                 TextRole::Error);
        switch (field.input) {
            case core::InputKind::Address:
                address(frame, field.address);
                break;
            case core::InputKind::Box:
                field_box(frame, field.box);
                break;
            case core::InputKind::Options:
                options(frame, field.options);
                break;
        }
        for (const auto& warning : field.warnings) muted(frame, warning.text);
        frame.field.clear();
        frame.field_top = -1;
        ImGui::Dummy(ImVec2(0, unit * 0.4f));
    }
    // Add another item (after the last one), or drop this one, far apart so a slip of the
    // finger cannot remove what was meant to be added; "Tiếp tục" moves on.
    if (screen.add_item || screen.remove_item) {
        const float width = std::min(ImGui::GetContentRegionAvail().x * 0.48f, unit * 16.0f);
        const float right = ImGui::GetWindowContentRegionMax().x - width;
        if (screen.add_item) action(frame, *screen.add_item, ImVec2(width, frame.tall(2.2f)));
        if (screen.remove_item) {
            if (screen.add_item) ImGui::SameLine(right);
            action(frame, *screen.remove_item, ImVec2(width, frame.tall(2.2f)));
        }
    }
}

}  // namespace motcua::ui
