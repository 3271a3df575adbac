#include <imgui.h>

#include <algorithm>

#include "ui/screens.h"

namespace motcua::ui {

// While the filing is written and sent. Never longer than a few seconds: after that the
// receipt shows the provisional code.
void screen_submitting(Frame& frame, const core::SubmittingScreen& screen) {
    heading(frame, screen.title.text);
    paragraph(frame, screen.body.text);
}

// The receipt: the dossier code (or the provisional one), when to come back, and a QR of it.
void screen_receipt(Frame& frame, const core::ReceiptScreen& receipt) {
    const float unit = frame.unit();
    heading(frame, receipt.title.text);
    muted(frame, receipt.procedure.text);
    ImGui::Dummy(ImVec2(0, unit * 0.4f));

    ImGui::BeginGroup();
    paragraph(frame, receipt.code_label.text);
    text(frame, receipt.code, frame.title(), frame.colours.text);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    if (!receipt.due.empty()) {
        paragraph(frame, receipt.due_label.text);
        text(frame, receipt.due.text, frame.heading(), frame.colours.text);
    }
    ImGui::EndGroup();
    // [layout] minimal fix: the QR beside the code only when there is room, else below it
    // (it covered the code at the largest text on 1024×768).
    const float qr_side = unit * 7.0f;
    if (ImGui::GetItemRectSize().x + ImGui::GetStyle().ItemSpacing.x + qr_side <=
        ImGui::GetContentRegionAvail().x)
        ImGui::SameLine(ImGui::GetContentRegionAvail().x - qr_side);
    qr_code(frame, receipt.qr_payload, qr_side);

    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    if (receipt.notice) notice_box(frame, receipt.notice->text, false);
    paragraph(frame, receipt.next_steps.text);
}

// Satisfaction: three big answers, or skip.
void screen_rating(Frame& frame, const core::RatingScreen& screen) {
    const float unit = frame.unit();
    heading(frame, screen.title.text);
    ImGui::Dummy(ImVec2(0, unit * 0.4f));
    ImGui::PushFont(frame.heading());
    const float w = std::min(ImGui::GetContentRegionAvail().x, unit * 22.0f);
    for (const auto& level : screen.levels) action(frame, level, ImVec2(w, unit * 3.0f));
    ImGui::PopFont();
}

void screen_thanks(Frame& frame, const core::ThanksScreen& screen) {
    text(frame, screen.title.text, frame.title(), frame.colours.text);
    paragraph(frame, screen.body.text);
}

}  // namespace motcua::ui
