#include <imgui.h>

#include "ui/screens.h"

namespace motcua::ui {

// While the filing is written and sent. Never longer than a few seconds: after that the
// receipt shows the provisional code.
Footer screen_submitting(Frame& frame) {
    const auto& submission = frame.context.session.state().submission;
    heading(frame, frame.t("submitting.title"));
    paragraph(frame, frame.t(submission.delivery == core::Delivery::Saving ? "submitting.saving" : "submitting.sending"));
    return {};
}

// The receipt: the dossier code (or the provisional one), when to come back, and a QR of it.
Footer screen_receipt(Frame& frame) {
    const auto& submission = frame.context.session.state().submission;
    const auto& procedure = chosen(frame);
    const float unit = frame.unit();
    const bool accepted = submission.delivery == core::Delivery::Accepted;
    const bool held = submission.delivery == core::Delivery::Held;
    heading(frame, frame.t(accepted ? "receipt.title_accepted" : "receipt.title_saved"));
    muted(frame, procedure.name.in(frame.language));
    ImGui::Dummy(ImVec2(0, unit * 0.4f));

    const std::string code = accepted ? submission.ma_ho_so : submission.provisional_code;
    ImGui::BeginGroup();
    paragraph(frame, frame.t(accepted ? "receipt.code_label" : "receipt.provisional_label"));
    text(frame, code, frame.title(), frame.colours.text);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    const std::string due = accepted ? submission.ngay_hen_tra : submission.expected_due;
    if (!due.empty()) {
        paragraph(frame, frame.t(accepted ? "receipt.due_label" : "receipt.expected_due_label"));
        text(frame, display_time(due, true), frame.heading(), frame.colours.text);
    }
    ImGui::EndGroup();
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - unit * 7.0f);
    qr_code(frame, code, unit * 7.0f);

    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    if (held)
        notice_box(frame, frame.t("receipt.held"), false);
    else if (!accepted)
        notice_box(frame, frame.t("receipt.queued"), false);
    paragraph(frame, frame.t("receipt.next_steps"));
    return Footer{.primary_key = "receipt.done", .primary = core::intent::Finish{}};
}

// Satisfaction: three big answers, or skip.
Footer screen_rating(Frame& frame) {
    const float unit = frame.unit();
    heading(frame, frame.t("rating.title"));
    ImGui::Dummy(ImVec2(0, unit * 0.4f));
    ImGui::PushFont(frame.heading());
    const float w = std::min(ImGui::GetContentRegionAvail().x, unit * 22.0f);
    const std::pair<const char*, int> levels[] = {{"rating.very_satisfied", 3}, {"rating.satisfied", 2},
                                                  {"rating.not_satisfied", 1}};
    for (const auto& [key, level] : levels) {
        std::string id = "rate_" + std::to_string(level);
        if (button(frame, frame.t(key), id.c_str(), ImVec2(w, unit * 3.0f))) frame.emit(core::intent::Rate{level});
    }
    ImGui::PopFont();
    return Footer{.primary_key = "rating.skip", .primary = core::intent::Finish{}, .primary_style = Style::Secondary};
}

Footer screen_thanks(Frame& frame) {
    text(frame, frame.t("thanks.title"), frame.title(), frame.colours.text);
    paragraph(frame, frame.t("thanks.body"));
    return Footer{.primary_key = "thanks.done", .primary = core::intent::Home{}};
}

}  // namespace motcua::ui
