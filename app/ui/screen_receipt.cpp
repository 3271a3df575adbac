#include <imgui.h>

#include <algorithm>

#include "ui/screens.h"

namespace motcua::ui {

namespace {

// The largest of title, heading and body in which `content` fits `width` on one line (a code
// must never wrap or run under the QR); body when none does (it then wraps at its letters'
// width, still whole on screen).
ImFont* font_that_fits(Frame& frame, const std::string& content, float width) {
    for (ImFont* font : {frame.title(), frame.heading(), frame.body()}) {
        ImGui::PushFont(font);
        const float needed = ImGui::CalcTextSize(content.c_str()).x;
        ImGui::PopFont();
        if (needed <= width) return font;
    }
    return frame.body();
}

// The code, and when to come back, in a column `width` wide starting at the cursor; with
// `no_paper`, the notice that nothing printed right under the code (the column is then the
// whole width).
void code_column(Frame& frame, const core::ReceiptScreen& receipt, float width, bool no_paper) {
    const float wrap_x = ImGui::GetCursorPosX() + width;
    text(frame, receipt.code_label.text, frame.body(), frame.colours.text, wrap_x);
    text(frame, receipt.code, font_that_fits(frame, receipt.code, width), frame.colours.text,
         wrap_x);
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.3f));
    if (no_paper) notice_box(frame, receipt.print_notice->text, true);
    if (!receipt.due.empty()) {
        text(frame, receipt.due_label.text, frame.body(), frame.colours.text, wrap_x);
        text(frame, receipt.due.text, font_that_fits(frame, receipt.due.text, width),
             frame.colours.text, wrap_x);
    }
}

// A QR with its caption under it, `side` wide, at the cursor.
void qr_with_caption(Frame& frame, const std::string& payload, const std::string& caption,
                     float side) {
    ImGui::BeginGroup();
    qr_code(frame, payload, side);
    text(frame, caption, frame.body(), frame.colours.muted_text, ImGui::GetCursorPosX() + side);
    ImGui::EndGroup();
}

void ticket_box(Frame& frame, const core::TicketView& ticket) {
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.3f));
    // Not the page heading (the audit wants those in view on entry): a box title below the code.
    text(frame, ticket.heading.text, frame.heading(), frame.colours.text);
    text(frame, ticket.number, frame.title(), frame.colours.text);
    paragraph(frame, ticket.group.text);
    muted(frame, ticket.time.text);
    if (!ticket.code.empty()) muted(frame, ticket.code.text);
    paragraph(frame, ticket.wait.text);
    if (ticket.print_notice) notice_box(frame, ticket.print_notice->text, ticket.print_failed);
}

}  // namespace

// While the filing is written and sent. Never longer than a few seconds: after that the
// receipt shows the provisional code.
void screen_submitting(Frame& frame, const core::SubmittingScreen& screen) {
    heading(frame, screen.title.text);
    paragraph(frame, screen.body.text);
}

// The receipt: the dossier code (or the provisional one), when to come back, a QR of the
// tracking address, then the rest of the paper receipt: who, when, where, the fee (and its
// VietQR), the originals to bring, whether the paper printed.
void screen_receipt(Frame& frame, const core::ReceiptScreen& receipt) {
    const float unit = frame.unit();
    heading(frame, receipt.title.text);

    // The code beside its QR when both fit side by side; otherwise the QR goes under the code,
    // so it can never cover it (1024 × 768 at the largest text did).
    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = unit;
    const float visible = ImGui::GetContentRegionAvail().y;
    const float qr_side =
        std::min(std::max(visible * 0.55f, unit * 4.0f), std::min(unit * 7.0f, avail));
    const float column = avail - qr_side - gap;
    ImFont* code_font = font_that_fits(frame, receipt.code, std::max(column, 1.0f));
    const bool side_by_side = column >= unit * 10.0f && code_font != frame.body();
    // No paper: the resident must photograph or copy the code, so say so where it is seen
    // with the code (at the largest text it sat below the fold, unseen): above the code when
    // the QR stands beside it, right under the code otherwise.
    const bool no_paper = receipt.print_notice && receipt.print_failed;
    if (side_by_side) {
        if (no_paper) notice_box(frame, receipt.print_notice->text, true);
        ImGui::BeginGroup();
        code_column(frame, receipt, column, false);
        ImGui::EndGroup();
        ImGui::SameLine(0, 0);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                             std::max(0.0f, avail - qr_side - ImGui::GetItemRectSize().x));
        qr_with_caption(frame, receipt.qr_payload, receipt.qr_caption.text, qr_side);
    } else {
        code_column(frame, receipt, avail, no_paper);
        ImGui::Dummy(ImVec2(0, unit * 0.3f));
        qr_with_caption(frame, receipt.qr_payload, receipt.qr_caption.text, qr_side);
    }

    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    // Right under the code: that the paper is coming.
    if (receipt.print_notice && !receipt.print_failed)
        notice_box(frame, receipt.print_notice->text, false);
    if (receipt.notice) notice_box(frame, receipt.notice->text, false);
    if (receipt.ticket) ticket_box(frame, *receipt.ticket);
    if (!receipt.office.empty()) muted(frame, receipt.office.text);
    muted(frame, receipt.procedure.text);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    for (const auto& row : receipt.rows) {
        // Shown above already: the procedure under the title, the due date beside the code.
        if (row.value == receipt.procedure || row.value == receipt.due) continue;
        muted(frame, row.label.text);
        paragraph(frame, row.value.text);
    }
    if (receipt.payment) {
        ImGui::Dummy(ImVec2(0, unit * 0.3f));
        paragraph(frame, receipt.payment->heading.text);
        qr_with_caption(frame, receipt.payment->payload, receipt.payment->note.text, qr_side);
        muted(frame, receipt.payment->account.text);
    }
    if (!receipt.originals.empty()) {
        ImGui::Dummy(ImVec2(0, unit * 0.3f));
        paragraph(frame, receipt.originals_heading.text);
        for (const auto& original : receipt.originals) paragraph(frame, "•  " + original.text);
    }
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
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

// [paper] The attract screen's queue ticket panel: the counter groups, then the number.
void ticket_panel(Frame& frame, const core::TicketPanel& panel) {
    const float unit = frame.unit();
    const float width = std::min(ImGui::GetContentRegionAvail().x, unit * 22.0f);
    if (!panel.title.empty()) text(frame, panel.title.text, frame.heading(), frame.colours.text);
    for (const auto& group : panel.groups) action(frame, group, ImVec2(width, unit * 2.6f));
    if (panel.ticket) ticket_box(frame, *panel.ticket);
    if (panel.error) notice_box(frame, panel.error->text, true);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    action(frame, panel.close, ImVec2(std::min(width, unit * 10.0f), unit * 2.4f));
}

}  // namespace motcua::ui
