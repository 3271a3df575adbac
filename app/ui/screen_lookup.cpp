#include <imgui.h>

#include "ui/screens.h"

namespace motcua::ui {

// "How is my dossier doing?": the whole code from the receipt (typed or scanned), then its
// status in plain words. Never a partial code.
void screen_lookup(Frame& frame, const core::LookupScreen& screen) {
    heading(frame, screen.title.text);
    paragraph(frame, screen.intro.text);
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.3f));
    frame.field = "field:" + screen.box.id;
    frame.field_top = ImGui::GetCursorScreenPos().y;
    text(frame, screen.code_label.text, frame.heading(), frame.colours.text, 0.0f,
         TextRole::Question);
    if (!screen.error.empty())
        text(frame, screen.error.text, frame.body(), frame.colours.danger, 0.0f, TextRole::Error);
    field_box(frame, screen.box);
    frame.field.clear();
    frame.field_top = -1;
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
    switch (screen.show) {
        case core::LookupShow::Nothing:
            break;
        case core::LookupShow::Paragraph:
            paragraph(frame, screen.result.text);
            break;
        case core::LookupShow::Notice:
            notice_box(frame, screen.result.text, false);
            break;
        case core::LookupShow::ErrorNotice:
            notice_box(frame, screen.result.text, true);
            break;
    }
    if (!screen.due.empty()) paragraph(frame, screen.due.text);
}

}  // namespace motcua::ui
