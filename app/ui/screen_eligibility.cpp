#include <imgui.h>

#include "ui/screens.h"

namespace motcua::ui {

// "Is this the right procedure?": one question, two big answers.
void screen_eligibility(Frame& frame, const core::EligibilityScreen& screen) {
    const float unit = frame.unit();
    muted(frame, screen.procedure.text);
    question(frame, screen.question.text);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    ImGui::PushFont(frame.heading());
    const float w = std::min(ImGui::GetContentRegionAvail().x, unit * 24.0f);
    action(frame, screen.yes, ImVec2(w, frame.tall(2.4f)));
    action(frame, screen.no, ImVec2(w, frame.tall(2.4f)));
    ImGui::PopFont();
}

// The wrong procedure: say plainly what to do instead.
void screen_eligibility_exit(Frame& frame, const core::EligibilityExitScreen& screen) {
    heading(frame, screen.title.text);
    paragraph(frame, screen.body.text);
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.5f));
    muted(frame, screen.ask_staff.text);
    // [help] The procedure to do instead, in one tap.
    if (screen.offer) {
        ImGui::Dummy(ImVec2(0, frame.unit() * 0.5f));
        ImGui::PushFont(frame.heading());
        action(frame, *screen.offer,
               ImVec2(std::min(ImGui::GetContentRegionAvail().x, frame.unit() * 28.0f),
                      frame.unit() * 3.0f));
        ImGui::PopFont();
    }
    // [/help]
}

}  // namespace motcua::ui
