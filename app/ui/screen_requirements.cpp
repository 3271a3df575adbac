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
        if (!document.note.empty()) {
            ImGui::Indent(frame.unit());
            muted(frame, document.note.in(frame.language));
            ImGui::Unindent(frame.unit());
        }
    }
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
}

void section(Frame& frame, const char* title_key, const core::LocalText& body) {
    if (body.empty()) return;
    text(frame, frame.t(title_key), frame.heading(), frame.colours.text);
    paragraph(frame, body.in(frame.language));
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));
}

// The fee in force today from the province's configuration, in words a resident reads:
// "8.000 ₫ mỗi bản", "2.000 ₫ mỗi trang; từ trang thứ 3: 1.000 ₫ mỗi trang; tối đa 200.000 ₫
// cho mỗi bản", "Miễn phí". Empty when the configuration has no amount for this procedure.
std::string fee_amount(const Frame& frame, const core::FeeRule& rule) {
    const std::string unit = rule.per.in(frame.language);
    auto priced = [&](long long amount) {
        const std::string money = core::format_vnd(amount);
        return unit.empty() ? money : frame.f("fee.per_unit", {{"amount", money}, {"unit", unit}});
    };
    std::string line;
    if (rule.tiers.empty()) {
        if (rule.amount == 0) return frame.t("fee.free");
        line = priced(rule.amount);
    } else {
        for (const auto& tier : rule.tiers) {
            if (!line.empty()) line += "; ";
            line += tier.from_unit <= 1 ? priced(tier.amount)
                                        : frame.f("fee.from_unit", {{"unit", unit},
                                                                    {"from", std::to_string(tier.from_unit)},
                                                                    {"price", priced(tier.amount)}});
        }
    }
    if (rule.max) line += "; " + frame.f("fee.max", {{"amount", core::format_vnd(*rule.max)}});
    return line;
}

void fee(Frame& frame, const core::Procedure& procedure) {
    const core::FeeRule* rule =
        frame.context.fees && !procedure.fee_key.empty() ? frame.context.fees->find(procedure.fee_key, frame.context.today)
                                                         : nullptr;
    if (!rule && procedure.fee_note.empty()) return;
    text(frame, frame.t("requirements.fee"), frame.heading(), frame.colours.text);
    if (rule) {
        text(frame, fee_amount(frame, *rule), frame.heading(), frame.colours.text);
        if (!rule->note.empty()) paragraph(frame, rule->note.in(frame.language));
    }
    if (!procedure.fee_note.empty()) paragraph(frame, procedure.fee_note.in(frame.language));
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
    fee(frame, procedure);
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
    fee(frame, procedure);
    return Footer{.back = true, .primary_key = "guidance.done", .primary = core::intent::Finish{}};
}

}  // namespace motcua::ui
