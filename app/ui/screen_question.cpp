#include <imgui.h>

#include <algorithm>

#include "ui/screens.h"

namespace motcua::ui {

namespace {

// Big option buttons, several per row when they are short.
void options(Frame& frame, const std::vector<core::Action>& choices) {
    const float unit = frame.unit();
    const float avail = ImGui::GetContentRegionAvail().x;
    float longest = 0;
    for (const auto& option : choices)
        longest = std::max(longest, ImGui::CalcTextSize(option.label.text.c_str()).x);
    const float button_w = std::max(unit * 7.0f, longest + unit * 2.0f);
    const int per_row = std::max(1, static_cast<int>((avail + ImGui::GetStyle().ItemSpacing.x) /
                                                     (button_w + ImGui::GetStyle().ItemSpacing.x)));
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (i % static_cast<std::size_t>(per_row) != 0) ImGui::SameLine();
        action(frame, choices[i], ImVec2(button_w, unit * 2.4f));
    }
}

// A choice already made, with "Đổi" to make it again.
void chosen_part(Frame& frame, const core::ChosenPart& part) {
    const float unit = frame.unit();
    muted(frame, part.label.text);
    const float button_w = unit * 6.0f;
    const float right = ImGui::GetWindowContentRegionMax().x - button_w;
    text(frame, part.value.text, frame.heading(), frame.colours.text, right - unit);
    ImGui::SameLine(right);
    action(frame, part.change, ImVec2(button_w, unit * 2.2f));
}

// Finding the ward: a search box and the wards that match, best first.
void ward_search(Frame& frame, const core::AddressInput& input) {
    const float unit = frame.unit();
    const float width = ImGui::GetContentRegionAvail().x;
    text(frame, input.find_ward.text, frame.body(), frame.colours.text);
    field_box(frame, input.box);
    if (input.no_ward) notice_box(frame, input.no_ward->text, false);
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    for (const auto& ward : input.wards) action(frame, ward, ImVec2(width, unit * 2.4f));
    ImGui::PopStyleVar();
}

// An address in the step the model says: the province on buttons, the ward by typing, then the
// house number and street; or the whole address on one line.
void address(Frame& frame, const core::AddressInput& input) {
    const float unit = frame.unit();
    switch (input.step) {
        case core::AddressStep::WholeLine:
            muted(frame, input.whole_line_hint.text);
            field_box(frame, input.box);
            return;
        case core::AddressStep::Province: {
            if (input.home) {
                text(frame, input.home_prompt.text, frame.body(), frame.colours.text);
                ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
                action(frame, *input.home, ImVec2(ImGui::GetContentRegionAvail().x, unit * 2.4f));
                ImGui::PopStyleVar();
                ImGui::Dummy(ImVec2(0, unit * 0.4f));
            }
            text(frame, input.province_prompt.text, frame.body(), frame.colours.text);
            const float gap = ImGui::GetStyle().ItemSpacing.x;
            const int per_row = std::max(
                1,
                static_cast<int>((ImGui::GetContentRegionAvail().x + gap) / (unit * 9.0f + gap)));
            const float button_w =
                (ImGui::GetContentRegionAvail().x - gap * static_cast<float>(per_row - 1)) /
                static_cast<float>(per_row);
            for (std::size_t i = 0; i < input.provinces.size(); ++i) {
                if (i % static_cast<std::size_t>(per_row) != 0) ImGui::SameLine();
                action(frame, input.provinces[i], ImVec2(button_w, unit * 2.4f));
            }
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
            text(frame, input.detail_label.text, frame.body(), frame.colours.text);
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
        text(frame, field.label.text, frame.heading(), frame.colours.text);
        if (!field.hint.empty()) muted(frame, field.hint.text);
        if (!field.error.empty()) text(frame, field.error.text, frame.body(), frame.colours.danger);
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
        ImGui::Dummy(ImVec2(0, unit * 0.6f));
    }
    // Add another item (after the last one), or drop this one, far apart so a slip of the
    // finger cannot remove what was meant to be added; "Tiếp tục" moves on.
    if (screen.add_item || screen.remove_item) {
        const float width = std::min(ImGui::GetContentRegionAvail().x * 0.48f, unit * 16.0f);
        const float right = ImGui::GetWindowContentRegionMax().x - width;
        if (screen.add_item) action(frame, *screen.add_item, ImVec2(width, unit * 2.4f));
        if (screen.remove_item) {
            if (screen.add_item) ImGui::SameLine(right);
            action(frame, *screen.remove_item, ImVec2(width, unit * 2.4f));
        }
    }
}

}  // namespace motcua::ui
