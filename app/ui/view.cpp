#include "ui/view.h"

#include <imgui.h>

#include "core/form/field_check.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace motcua::ui {

namespace {

using core::Screen;

Footer draw_screen(Frame& frame) {
    switch (frame.context.session.state().screen) {
        case Screen::Attract: return screen_attract(frame);
        case Screen::Choose: return screen_choose(frame);
        case Screen::Eligibility: return screen_eligibility(frame);
        case Screen::EligibilityExit: return screen_eligibility_exit(frame);
        case Screen::Requirements: return screen_requirements(frame);
        case Screen::Guidance: return screen_guidance(frame);
        case Screen::Question: return screen_question(frame);
        case Screen::Review: return screen_review(frame);
        case Screen::Submitting: return screen_submitting(frame);
        case Screen::Receipt: return screen_receipt(frame);
        case Screen::Rating: return screen_rating(frame);
        case Screen::Thanks: return screen_thanks(frame);
        case Screen::Lookup: return screen_lookup(frame);
    }
    return {};
}

void header(Frame& frame, float height) {
    // The header is chrome at a fixed size: it must fit on one line at every text size.
    const auto& state = frame.context.session.state();
    const float unit = frame.context.fonts.body[0]->FontSize;
    const float button_h = height - unit * 0.6f;
    ImGui::SetCursorPos(ImVec2(unit * 0.6f, unit * 0.3f));
    ImGui::PushFont(frame.context.fonts.body[0]);
    if (state.screen != Screen::Attract && state.screen != Screen::Submitting) {
        if (button(frame, frame.t("header.home"), "home", ImVec2(unit * 7.5f, button_h)))
            frame.emit(core::intent::Home{});
        ImGui::SameLine();
    }
    // Text size and language: on every screen, changeable at any time (Anywhere Ballot).
    const float right_w = unit * 8.5f + unit * 6.5f + ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - right_w - unit * 0.6f);
    const char* size_key = state.settings.text_size == core::TextSize::ExtraLarge ? "header.text_smaller"
                                                                                  : "header.text_larger";
    if (button(frame, frame.t(size_key), "text_size", ImVec2(unit * 8.5f, button_h))) {
        auto next = state.settings.text_size == core::TextSize::Normal ? core::TextSize::Large
                    : state.settings.text_size == core::TextSize::Large ? core::TextSize::ExtraLarge
                                                                        : core::TextSize::Normal;
        frame.emit(core::intent::SetTextSize{next});
    }
    ImGui::SameLine();
    bool english = state.settings.language == core::Language::English;
    if (button(frame, frame.t("header.other_language"), "language", ImVec2(unit * 6.5f, button_h)))
        frame.emit(core::intent::SetLanguage{english ? core::Language::Vietnamese : core::Language::English});
    ImGui::PopFont();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    draw->AddLine(ImVec2(origin.x, origin.y + height), ImVec2(origin.x + ImGui::GetWindowWidth(), origin.y + height),
                  frame.colours.border, 2.0f);
}

void footer(Frame& frame, const Footer& spec, float top, float height, bool compact) {
    // Compact while the keyboard is up: normal-size text, so the keyboard keeps its room.
    const float unit = compact ? frame.context.fonts.body[0]->FontSize : frame.unit();
    const float button_h = height - unit * 0.8f;
    const float width = ImGui::GetWindowWidth();
    ImGui::SetCursorPos(ImVec2(unit * 0.6f, top + unit * 0.4f));
    ImGui::PushFont(compact ? frame.context.fonts.heading[0] : frame.heading());
    if (spec.back) {
        if (button(frame, frame.t("footer.back"), "back", ImVec2(width * 0.3f, button_h)))
            frame.emit(core::intent::Back{});
    }
    if (spec.primary_key) {
        ImGui::SetCursorPos(ImVec2(width - width * 0.45f - unit * 0.6f, top + unit * 0.4f));
        if (button(frame, frame.t(spec.primary_key), "primary", ImVec2(width * 0.45f, button_h),
                   spec.primary_style, spec.primary_enabled))
            frame.emit(spec.primary);
    }
    ImGui::PopFont();
}

void idle_overlay(Frame& frame) {
    const auto& session = frame.context.session;
    if (!session.state().idle_warning) return;
    frame.context.registry.cover_all();
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 170));
    ImGui::Begin("idle", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const float unit = frame.unit();
    const ImVec2 panel(io.DisplaySize.x * 0.7f, unit * 11.0f);
    ImGui::SetCursorPos(ImVec2((io.DisplaySize.x - panel.x) / 2, (io.DisplaySize.y - panel.y) / 2));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, frame.colours.surface);
    ImGui::BeginChild("idle_panel", panel, true);
    ImGui::SetCursorPos(ImVec2(unit, unit));
    ImGui::Indent(unit);
    ImGui::PushTextWrapPos(panel.x - unit);
    heading(frame, frame.t("idle.title"));
    paragraph(frame, frame.f("idle.countdown", {{"seconds", std::to_string(session.idle_seconds_left(frame.context.now_ms))}}));
    ImGui::PopTextWrapPos();
    ImGui::Unindent(unit);
    ImGui::SetCursorPosX(unit);
    ImGui::PushFont(frame.heading());
    if (button(frame, frame.t("idle.still_here"), "still_here", ImVec2(panel.x - 2 * unit, unit * 2.6f), Style::Primary))
        frame.emit(core::intent::StillHere{});
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace

void draw(const ViewContext& context, std::vector<core::Intent>& intents) {
    const auto& state = context.session.state();
    const int size_index = static_cast<int>(state.settings.text_size);
    Frame frame{context, intents, palette(state.settings.contrast), state.settings.language, size_index};
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
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);

    const float unit = frame.unit();
    const float header_h = context.fonts.body[0]->FontSize * 2.6f;
    const bool typing = !state.focused_field.empty() &&
                        (state.screen == Screen::Question || state.screen == Screen::Choose || state.screen == Screen::Lookup);
    bool numbers = false;
    if (typing && state.screen == Screen::Question)
        if (const core::FieldDef* field = chosen(frame).answer_owner(state.focused_field))
            numbers = core::uses_number_pad(field->type);
    // While typing, the keyboard takes the lower part; the footer slims down to make room.
    // Searching: results must show between the box and the keyboard, so the footer steps aside
    // (the keyboard's "Xong" closes it and brings the footer back).
    const bool searching = typing && (state.screen == Screen::Choose ||
                                      (state.screen == Screen::Question && state.focused_field.ends_with(core::kAddressSearch)));
    const float footer_h = state.screen == Screen::Attract || searching ? 0
                           : typing ? context.fonts.body[0]->FontSize * 2.6f
                                    : unit * 3.4f;
    const float keyboard_h = typing ? io.DisplaySize.y * (numbers ? 0.36f : 0.40f) : 0;
    const float content_h = io.DisplaySize.y - header_h - footer_h - keyboard_h;

    header(frame, header_h);

    ImGui::SetCursorPos(ImVec2(unit * 1.2f, header_h + unit * 0.2f));
    begin_content(frame, "content", ImVec2(io.DisplaySize.x - unit * 2.0f, content_h - unit * 0.4f));
    ImGui::SetCursorPos(ImVec2(unit * 0.2f, unit * 0.6f));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - unit * 1.4f);
    Footer spec = draw_screen(frame);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, unit));
    end_content(frame);

    if (keyboard_h > 0) {
        ImGui::SetCursorPos(ImVec2(unit * 0.6f, header_h + content_h));
        ImDrawList* draw_list = ImGui::GetWindowDrawList();
        draw_list->AddRectFilled(ImVec2(0, header_h + content_h - unit * 0.2f),
                                 ImVec2(io.DisplaySize.x, header_h + content_h + keyboard_h), frame.colours.secondary);
        ImGui::PushItemWidth(io.DisplaySize.x - unit * 1.2f);
        ImGui::BeginGroup();
        ImGui::Dummy(ImVec2(io.DisplaySize.x - unit * 1.2f, 1));
        keyboard(frame, numbers, keyboard_h - context.fonts.body[0]->FontSize * 0.6f);
        ImGui::EndGroup();
        ImGui::PopItemWidth();
    }
    if (footer_h > 0) footer(frame, spec, header_h + content_h + keyboard_h, footer_h, typing);

    ImGui::End();
    ImGui::PopFont();
    ImGui::PopStyleColor(2);
    idle_overlay(frame);
}

}  // namespace motcua::ui
