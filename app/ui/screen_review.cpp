#include <imgui.h>

#include "ui/screens.h"

namespace motcua::ui {

// Check your answers: every answer with a "Sửa" button for its page; the button says "Gửi hồ sơ".
void screen_review(Frame& frame, const core::ReviewScreen& screen) {
    const float unit = frame.unit();
    heading(frame, screen.title.text);
    paragraph(frame, screen.intro.text);
    if (screen.notice) notice_box(frame, screen.notice->text, true);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    const float width = ImGui::GetContentRegionAvail().x;
    for (const auto& page : screen.pages) {
        ImGui::Separator();
        ImGui::Dummy(ImVec2(0, unit * 0.2f));
        for (const auto& item : page.items) {
            if (!item.title.empty())
                text(frame, item.title.text, frame.body(), frame.colours.primary);
            for (const auto& row : item.rows) {
                muted(frame, row.label.text);
                text(frame, row.answer.text, frame.heading(), frame.colours.text);
                // [help] flagged, not blocked: the ID number says otherwise
                for (const auto& warning : row.warnings) notice_box(frame, warning.text, false);
            }
        }
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + width - unit * 8.0f);
        action(frame, page.edit, ImVec2(unit * 8.0f, frame.tall(2.0f)));
    }
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    paragraph(frame, screen.declaration.text);
}

}  // namespace motcua::ui
