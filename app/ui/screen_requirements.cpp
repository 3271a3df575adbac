#include <imgui.h>

#include "ui/screens.h"

namespace motcua::ui {

namespace {

const char* kind_key(core::DocumentKind kind) {
    switch (kind) {
        case core::DocumentKind::Original: return "documents.original";
        case core::DocumentKind::Copy: return "documents.copy";
        case core::DocumentKind::OriginalOrCopy: return "documents.original_or_copy";
        case core::DocumentKind::Show: return "documents.show";
    }
    return "documents.original";
}

void documents(Frame& frame, const core::Procedure& procedure) {
    if (procedure.documents.empty()) return;
    text(frame, frame.t("requirements.documents"), frame.heading(), frame.colours.text);
    for (const auto& document : procedure.documents) {
        std::string line = "•  " + document.name.in(frame.language) + " (" +
                           frame.f(kind_key(document.kind), {{"count", std::to_string(document.count)}}) + ")";
        paragraph(frame, line);
        if (!document.note.empty()) muted(frame, "    " + document.note.in(frame.language));
    }
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
}

void section(Frame& frame, const char* title_key, const core::LocalText& body) {
    if (body.empty()) return;
    text(frame, frame.t(title_key), frame.heading(), frame.colours.text);
    paragraph(frame, body.in(frame.language));
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
}

}  // namespace

// What you need before you start: papers, fee, time, where it is decided.
Footer screen_requirements(Frame& frame) {
    const auto& procedure = chosen(frame);
    text(frame, procedure.name.in(frame.language), frame.title(), frame.colours.text);
    if (!procedure.description.empty()) paragraph(frame, procedure.description.in(frame.language));
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
    documents(frame, procedure);
    section(frame, "requirements.fee", procedure.fee_note);
    section(frame, "requirements.time", procedure.processing_note);
    section(frame, "requirements.authority", procedure.authority);
    return Footer{.back = true, .primary_key = "requirements.start"};
}

// Procedures the kiosk does not file (thường trú, tạm trú): where and how to do them.
Footer screen_guidance(Frame& frame) {
    const auto& procedure = chosen(frame);
    text(frame, procedure.name.in(frame.language), frame.title(), frame.colours.text);
    notice_box(frame, frame.t("guidance.not_here"), false);
    paragraph(frame, procedure.guidance.in(frame.language));
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
    documents(frame, procedure);
    section(frame, "requirements.authority", procedure.authority);
    section(frame, "requirements.fee", procedure.fee_note);
    return Footer{.back = true, .primary_key = "guidance.done", .primary = core::intent::Finish{}};
}

}  // namespace motcua::ui
