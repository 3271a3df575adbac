#include "ui/view.h"

#include <imgui.h>

#include "ui/screens.h"
#include "ui/widgets.h"

namespace motcua::ui {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

void draw_screen(Frame& frame) {
    std::visit(
        Overloaded{
            [&](const core::AttractScreen& screen) { screen_attract(frame, screen); },
            [&](const core::ChooseScreen& screen) { screen_choose(frame, screen); },
            [&](const core::EligibilityScreen& screen) { screen_eligibility(frame, screen); },
            [&](const core::EligibilityExitScreen& screen) {
                screen_eligibility_exit(frame, screen);
            },
            [&](const core::RequirementsScreen& screen) { screen_requirements(frame, screen); },
            [&](const core::GuidanceScreen& screen) { screen_guidance(frame, screen); },
            [&](const core::QuestionScreen& screen) { screen_question(frame, screen); },
            [&](const core::ReviewScreen& screen) { screen_review(frame, screen); },
            [&](const core::SubmittingScreen& screen) { screen_submitting(frame, screen); },
            [&](const core::ReceiptScreen& screen) { screen_receipt(frame, screen); },
            [&](const core::RatingScreen& screen) { screen_rating(frame, screen); },
            [&](const core::ThanksScreen& screen) { screen_thanks(frame, screen); },
            [&](const core::LookupScreen& screen) { screen_lookup(frame, screen); },
        },
        frame.model().body);
}

void header(Frame& frame, float height) {
    // The header is chrome at a fixed size: it must fit on one line at every text size.
    const core::Header& spec = frame.model().header;
    const float unit = frame.context.fonts.body[0]->FontSize;
    const float button_h = height - unit * 0.6f;
    ImGui::SetCursorPos(ImVec2(unit * 0.6f, unit * 0.3f));
    ImGui::PushFont(frame.context.fonts.body[0]);
    if (spec.home) {
        action(frame, *spec.home, ImVec2(unit * 7.5f, button_h));
        ImGui::SameLine();
    }
    // Text size and language: on every screen, changeable at any time (Anywhere Ballot).
    const float right_w = unit * 8.5f + unit * 6.5f + ImGui::GetStyle().ItemSpacing.x;
    // [speech] minimal: "Nghe lại" after "Về trang đầu" where it fits (layout owns the design)
    if (spec.listen && ImGui::GetCursorPosX() + unit * 5.5f + ImGui::GetStyle().ItemSpacing.x * 2 <
                           ImGui::GetWindowWidth() - right_w - unit * 0.6f) {
        action(frame, *spec.listen, ImVec2(unit * 5.5f, button_h));
        ImGui::SameLine();
    }
    // [/speech]
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - right_w - unit * 0.6f);
    action(frame, spec.text_size, ImVec2(unit * 8.5f, button_h));
    ImGui::SameLine();
    action(frame, spec.language, ImVec2(unit * 6.5f, button_h));
    ImGui::PopFont();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    draw->AddLine(ImVec2(origin.x, origin.y + height),
                  ImVec2(origin.x + ImGui::GetWindowWidth(), origin.y + height),
                  frame.colours.border, 2.0f);
}

void footer(Frame& frame, const core::Footer& spec, float top, float height, bool compact) {
    // Compact while the keyboard is up: normal-size text, so the keyboard keeps its room.
    const float unit = compact ? frame.context.fonts.body[0]->FontSize : frame.unit();
    const float button_h = height - unit * 0.8f;
    const float width = ImGui::GetWindowWidth();
    ImGui::SetCursorPos(ImVec2(unit * 0.6f, top + unit * 0.4f));
    ImGui::PushFont(compact ? frame.context.fonts.heading[0] : frame.heading());
    if (spec.back) action(frame, *spec.back, ImVec2(width * 0.3f, button_h));
    if (spec.primary) {
        ImGui::SetCursorPos(ImVec2(width - width * 0.45f - unit * 0.6f, top + unit * 0.4f));
        action(frame, *spec.primary, ImVec2(width * 0.45f, button_h));
    }
    ImGui::PopFont();
}

void idle_overlay(Frame& frame) {
    if (!frame.model().idle) return;
    const core::IdleOverlay& idle = *frame.model().idle;
    frame.context.registry.cover_all();
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 170));
    ImGui::Begin(
        "idle", nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const float unit = frame.unit();
    const ImVec2 panel(io.DisplaySize.x * 0.7f, unit * 11.0f);
    ImGui::SetCursorPos(ImVec2((io.DisplaySize.x - panel.x) / 2, (io.DisplaySize.y - panel.y) / 2));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, frame.colours.surface);
    ImGui::BeginChild("idle_panel", panel, true);
    ImGui::SetCursorPos(ImVec2(unit, unit));
    ImGui::Indent(unit);
    ImGui::PushTextWrapPos(panel.x - unit);
    heading(frame, idle.title.text);
    paragraph(frame, idle.countdown.text);
    ImGui::PopTextWrapPos();
    ImGui::Unindent(unit);
    ImGui::SetCursorPosX(unit);
    ImGui::PushFont(frame.heading());
    action(frame, idle.still_here, ImVec2(panel.x - 2 * unit, unit * 2.6f));
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace

void draw(const ViewContext& context, std::vector<core::Intent>& intents) {
    const core::ScreenModel& model = context.model;
    Frame frame{context, intents, palette(model.contrast), model.text_size};
    ImGuiIO& io = ImGui::GetIO();
    ImGuiStyle& style = ImGui::GetStyle();
    style.ItemSpacing = ImVec2(frame.unit() * 0.4f, frame.unit() * 0.4f);
    style.FrameRounding = frame.unit() * 0.25f;
    style.FramePadding = ImVec2(frame.unit() * 0.4f, frame.unit() * 0.3f);
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 2;

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // The renderer clears to the background colour: painting it again as a full-screen window
    // costs a million blended pixels a frame in the software renderer.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_Border, frame.colours.border);
    ImGui::PushFont(frame.body());
    ImGui::Begin("kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);

    const float unit = frame.unit();
    const float header_h = context.fonts.body[0]->FontSize * 2.6f;
    const bool typing = model.keyboard.kind != core::KeyboardKind::None;
    const bool numbers = model.keyboard.kind == core::KeyboardKind::Numbers;
    // While typing, the keyboard takes the lower part; the footer slims down to make room (or
    // steps aside when the model hides it: searching, the attract screen).
    const float footer_h = !model.footer.shown ? 0
                           : typing            ? context.fonts.body[0]->FontSize * 2.6f
                                               : unit * 3.4f;
    const float keyboard_h = typing ? io.DisplaySize.y * (numbers ? 0.36f : 0.40f) : 0;
    const float content_h = io.DisplaySize.y - header_h - footer_h - keyboard_h;

    header(frame, header_h);

    ImGui::SetCursorPos(ImVec2(unit * 1.2f, header_h + unit * 0.2f));
    begin_content(frame, "content",
                  ImVec2(io.DisplaySize.x - unit * 2.0f, content_h - unit * 0.4f));
    ImGui::SetCursorPos(ImVec2(unit * 0.2f, unit * 0.6f));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - unit * 1.4f);
    draw_screen(frame);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, unit));
    end_content(frame);

    if (keyboard_h > 0) {
        ImGui::SetCursorPos(ImVec2(unit * 0.6f, header_h + content_h));
        ImDrawList* draw_list = ImGui::GetWindowDrawList();
        draw_list->AddRectFilled(ImVec2(0, header_h + content_h - unit * 0.2f),
                                 ImVec2(io.DisplaySize.x, header_h + content_h + keyboard_h),
                                 frame.colours.secondary);
        ImGui::PushItemWidth(io.DisplaySize.x - unit * 1.2f);
        ImGui::BeginGroup();
        ImGui::Dummy(ImVec2(io.DisplaySize.x - unit * 1.2f, 1));
        keyboard(frame, model.keyboard, keyboard_h - context.fonts.body[0]->FontSize * 0.6f);
        ImGui::EndGroup();
        ImGui::PopItemWidth();
    }
    if (footer_h > 0)
        footer(frame, model.footer, header_h + content_h + keyboard_h, footer_h, typing);

    ImGui::End();
    ImGui::PopFont();
    ImGui::PopStyleColor(2);
    idle_overlay(frame);
}

}  // namespace motcua::ui
