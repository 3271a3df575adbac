#include <imgui.h>

#include "ui/screens.h"

namespace motcua::ui {

// "Is this the right procedure?": one question, two big answers.
Footer screen_eligibility(Frame& frame) {
    const auto& procedure = chosen(frame);
    const auto& state = frame.context.session.state();
    const auto& question = procedure.eligibility[static_cast<std::size_t>(state.eligibility_index)];
    const float unit = frame.unit();
    muted(frame, procedure.name.in(frame.language));
    heading(frame, question.question.in(frame.language));
    ImGui::Dummy(ImVec2(0, unit * 0.5f));
    ImGui::PushFont(frame.heading());
    const float w = std::min(ImGui::GetContentRegionAvail().x, unit * 24.0f);
    if (button(frame, frame.t("answer.yes"), "answer_yes", ImVec2(w, unit * 3.0f)))
        frame.emit(core::intent::AnswerEligibility{true});
    if (button(frame, frame.t("answer.no"), "answer_no", ImVec2(w, unit * 3.0f)))
        frame.emit(core::intent::AnswerEligibility{false});
    ImGui::PopFont();
    return Footer{.back = true};
}

// The wrong procedure: say plainly what to do instead.
Footer screen_eligibility_exit(Frame& frame) {
    const auto& procedure = chosen(frame);
    const auto& state = frame.context.session.state();
    const auto& question = procedure.eligibility[static_cast<std::size_t>(state.eligibility_index)];
    heading(frame, question.exit_title.in(frame.language));
    paragraph(frame, question.exit_body.in(frame.language));
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.5f));
    muted(frame, frame.t("exit.ask_staff"));
    return Footer{.back = true, .primary_key = "exit.done", .primary = core::intent::Finish{}};
}

}  // namespace motcua::ui
