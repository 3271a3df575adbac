#include <imgui.h>

#include "ui/screens.h"

namespace motcua::ui {

namespace {

void documents(Frame& frame, const std::optional<core::Documents>& documents) {
    if (!documents) return;
    text(frame, documents->heading.text, frame.heading(), frame.colours.text);
    for (const auto& document : documents->lines) {
        paragraph(frame, document.line.text);
        if (!document.note.empty()) {
            ImGui::Indent(frame.unit());
            muted(frame, document.note.text);
            ImGui::Unindent(frame.unit());
        }
    }
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
}

void section(Frame& frame, const std::optional<core::Section>& section) {
    if (!section) return;
    text(frame, section->title.text, frame.heading(), frame.colours.text);
    paragraph(frame, section->body.text);
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
}

void fee(Frame& frame, const std::optional<core::FeeWording>& fee) {
    if (!fee) return;
    text(frame, fee->heading.text, frame.heading(), frame.colours.text);
    if (!fee->amount.empty()) text(frame, fee->amount.text, frame.heading(), frame.colours.text);
    if (!fee->rule_note.empty()) paragraph(frame, fee->rule_note.text);
    if (!fee->procedure_note.empty()) paragraph(frame, fee->procedure_note.text);
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
}

}  // namespace

// What you need before you start: papers, fee, time, where it is decided.
void screen_requirements(Frame& frame, const core::RequirementsScreen& screen) {
    text(frame, screen.name.text, frame.title(), frame.colours.text, 0.0f, TextRole::Heading);
    if (!screen.description.empty()) paragraph(frame, screen.description.text);
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
    documents(frame, screen.documents);
    fee(frame, screen.fee);
    section(frame, screen.time);
    section(frame, screen.authority);
}

// Procedures the kiosk does not file (thường trú, tạm trú): where and how to do them.
void screen_guidance(Frame& frame, const core::GuidanceScreen& screen) {
    text(frame, screen.name.text, frame.title(), frame.colours.text, 0.0f, TextRole::Heading);
    notice_box(frame, screen.not_here.text, false);
    paragraph(frame, screen.guidance.text);
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
    documents(frame, screen.documents);
    section(frame, screen.authority);
    fee(frame, screen.fee);
}

}  // namespace motcua::ui
