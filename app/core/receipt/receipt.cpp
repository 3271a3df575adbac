#include "core/receipt/receipt.h"

#include "core/receipt/vietqr.h"

namespace motcua::core {

namespace {

std::string tracking_payload(const PaperConfig* paper, const std::string& code) {
    if (!paper || paper->tracking_url.empty()) return code;
    std::string url = paper->tracking_url;
    if (auto at = url.find("{code}"); at != std::string::npos)
        url.replace(at, 6, code);
    else
        url += code;
    return url;
}

const char* original_key(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::Original:
            return "documents.original";
        case DocumentKind::OriginalOrCopy:
            return "documents.original_or_copy";
        case DocumentKind::Show:
            return "documents.show";
        case DocumentKind::Copy:
            return "documents.copy";
    }
    return "documents.original";
}

// Printing, printed, failed (why, and what to do instead), or no printer at all.
std::optional<Text> print_notice(const Words& w, const char* prefix, const PrintProgress& progress,
                                 const std::string& number) {
    const std::string base = prefix;
    switch (progress.state) {
        case PrintState::None:
            return std::nullopt;
        case PrintState::Printing:
            return w.t(base + ".printing");
        case PrintState::Printed:
            return w.t(base + ".printed");
        case PrintState::NoPrinter:
            return w.f(base + ".none", {{"number", number}});
        case PrintState::Failed:
            return w.f(base + ".failed",
                       {{"reason", w.strings.text("error." + (progress.error.empty()
                                                                  ? std::string("printer_offline")
                                                                  : progress.error))},
                        {"number", number}});
    }
    return std::nullopt;
}

bool is_problem(const PrintProgress& progress) {
    return progress.state == PrintState::Failed || progress.state == PrintState::NoPrinter;
}

}  // namespace

std::optional<Result<std::string>> fee_vietqr(const PaperConfig* paper, const FeeRule* rule,
                                              const std::string& dossier_code) {
    if (!paper || !paper->has_bank_account() || !rule) return std::nullopt;
    // Only a fee known now: one amount per dossier. Per copy or per page, the counter knows.
    if (!rule->per.empty() || !rule->tiers.empty() || rule->amount <= 0) return std::nullopt;
    return build_vietqr(BankTransfer{paper->bank_bin, paper->bank_account, rule->amount,
                                     dossier_code, VietQrService::ToAccount});
}

void fill_receipt(ReceiptScreen& receipt, const Words& w, const SessionState& state,
                  const Procedure& procedure, const ScreenInputs& inputs) {
    const PaperConfig* paper = inputs.paper;
    const Submission& submission = state.submission;
    receipt.provisional = submission.delivery != Delivery::Accepted;
    receipt.office = paper && !paper->office_name.empty() ? Text{paper->office_name, {}}
                                                          : w.local(procedure.authority);
    receipt.form_title = w.t("receipt.form_title");
    receipt.qr_payload = tracking_payload(paper, receipt.code);
    receipt.qr_caption =
        w.t(receipt.provisional ? "receipt.qr_caption_provisional" : "receipt.qr_caption");

    auto row = [&](const char* key, Text value) {
        if (!value.empty()) receipt.rows.push_back({w.t(key), std::move(value)});
    };
    row("receipt.row.procedure", receipt.procedure);
    row("receipt.row.applicant", Text{state.answer(procedure.owner_field), {}});
    if (!submission.received_at.empty())
        row("receipt.row.received", Text{display_time(submission.received_at, true), {}});
    if (!receipt.due.empty()) receipt.rows.push_back({receipt.due_label, receipt.due});
    row("receipt.row.collect", receipt.office);

    const FeeRule* rule = inputs.fees && !procedure.fee_key.empty()
                              ? inputs.fees->find(procedure.fee_key, inputs.today)
                              : nullptr;
    if (rule) row("receipt.row.fee", Text{fee_amount_text(w.strings, w.language, *rule), {}});
    if (auto payment = fee_vietqr(paper, rule, receipt.code)) {
        if (payment->ok()) {
            PaymentQr qr;
            qr.heading = w.t("receipt.payment_heading");
            qr.payload = payment->value();
            qr.account = w.f("receipt.payment_account",
                             {{"bank", paper->bank_name}, {"account", paper->bank_account}});
            qr.note = w.f("receipt.payment_note", {{"amount", format_vnd(rule->amount)},
                                                   {"code", vietqr_ascii_note(receipt.code)}});
            receipt.payment = std::move(qr);
        } else {
            row("receipt.row.payment", w.t("error.vietqr_invalid"));
        }
    }

    for (const auto& document : procedure.documents) {
        if (document.kind == DocumentKind::Copy) continue;
        receipt.originals.push_back(
            Text{document.name.in(w.language) + " (" +
                     w.strings.format(original_key(document.kind),
                                      {{"count", std::to_string(document.count)}}) +
                     ")",
                 {}});
    }
    if (!receipt.originals.empty()) receipt.originals_heading = w.t("receipt.originals_heading");

    receipt.print_notice = print_notice(w, "receipt.print", state.paper.receipt, receipt.code);
    receipt.print_failed = is_problem(state.paper.receipt);
    if (state.paper.ticket_issued)
        receipt.ticket =
            make_ticket_view(w, *state.paper.ticket_issued, state.paper.ticket, inputs);
}

TicketView make_ticket_view(const Words& w, const IssuedTicket& ticket,
                            const PrintProgress& progress, const ScreenInputs& inputs) {
    TicketView view;
    const PaperConfig* paper = inputs.paper;
    view.office = paper ? Text{paper->office_name, {}} : Text{};
    view.heading = w.t("ticket.heading");
    view.number = ticket_label(ticket.group_id, ticket.number);
    const CounterGroup* group =
        paper ? find_counter_group(paper->counter_groups, ticket.group_id) : nullptr;
    view.group =
        w.f("ticket.group", {{"group", group ? group->name.in(w.language) : ticket.group_id}});
    view.time = w.f("ticket.time", {{"time", ticket.time}});
    if (!ticket.dossier_code.empty())
        view.code = w.f("ticket.code", {{"code", ticket.dossier_code}});
    view.wait = w.t("ticket.wait");
    view.print_notice = print_notice(w, "ticket.print", progress, view.number);
    view.print_failed = is_problem(progress);
    return view;
}

std::optional<Action> make_ticket_action(const Words& w, const ScreenInputs& inputs) {
    if (!inputs.paper || inputs.paper->counter_groups.empty()) return std::nullopt;
    return w.action("ticket.take", "take_ticket", intent::TakeTicket{});
}

std::optional<TicketPanel> make_ticket_panel(const Words& w, const SessionState& state,
                                             const ScreenInputs& inputs) {
    const PaperState& paper = state.paper;
    if (!paper.choosing_group && !paper.ticket_issued && paper.ticket_error.empty())
        return std::nullopt;
    TicketPanel panel;
    if (paper.choosing_group) panel.title = w.t("ticket.choose");  // the number has its own
    if (paper.choosing_group && inputs.paper)
        for (const auto& group : inputs.paper->counter_groups)
            panel.groups.push_back(Action{w.local(group.name), "counter_" + group.id,
                                          intent::ChooseCounter{group.id}, true,
                                          ButtonStyle::Primary});
    if (paper.ticket_issued)
        panel.ticket = make_ticket_view(w, *paper.ticket_issued, paper.ticket, inputs);
    if (!paper.ticket_error.empty()) panel.error = w.t("error." + paper.ticket_error);
    panel.close = w.action("ticket.close", "close_ticket", intent::CloseTicket{});
    return panel;
}

PaperDocument receipt_paper(const ReceiptScreen& receipt) {
    PaperDocument paper;
    paper.code = receipt.code;
    if (receipt.provisional) paper.provisional_code = receipt.code;
    auto& blocks = paper.blocks;
    if (!receipt.office.empty())
        blocks.push_back(paper_text(receipt.office.text, PaperStyle::Body, PaperAlign::Centre));
    blocks.push_back(paper_text(receipt.form_title.text, PaperStyle::Heading, PaperAlign::Centre));
    blocks.push_back(paper_text(receipt.title.text, PaperStyle::Body, PaperAlign::Centre));
    blocks.push_back(paper_rule());
    blocks.push_back(paper_text(receipt.code_label.text, PaperStyle::Body, PaperAlign::Centre));
    blocks.push_back(paper_text(receipt.code, PaperStyle::Code, PaperAlign::Centre));
    if (!receipt.qr_payload.empty()) {
        blocks.push_back(paper_qr(receipt.qr_payload));
        blocks.push_back(
            paper_text(receipt.qr_caption.text, PaperStyle::Small, PaperAlign::Centre));
    }
    if (receipt.notice) {
        blocks.push_back(paper_space(8));
        blocks.push_back(paper_text(receipt.notice->text, PaperStyle::Body));
    }
    blocks.push_back(paper_rule());
    for (const auto& row : receipt.rows) {
        blocks.push_back(paper_text(row.label.text, PaperStyle::Small));
        blocks.push_back(paper_text(row.value.text, PaperStyle::Body));
        blocks.push_back(paper_space(6));
    }
    if (receipt.payment) {
        blocks.push_back(paper_rule());
        blocks.push_back(
            paper_text(receipt.payment->heading.text, PaperStyle::Body, PaperAlign::Centre));
        blocks.push_back(paper_qr(receipt.payment->payload));
        blocks.push_back(
            paper_text(receipt.payment->account.text, PaperStyle::Small, PaperAlign::Centre));
        blocks.push_back(
            paper_text(receipt.payment->note.text, PaperStyle::Small, PaperAlign::Centre));
    }
    if (!receipt.originals.empty()) {
        blocks.push_back(paper_rule());
        blocks.push_back(paper_text(receipt.originals_heading.text, PaperStyle::Body));
        for (const auto& original : receipt.originals)
            blocks.push_back(paper_text("•  " + original.text, PaperStyle::Body));
    }
    blocks.push_back(paper_rule());
    blocks.push_back(paper_text(receipt.next_steps.text, PaperStyle::Body));
    blocks.push_back(paper_space(16));
    return paper;
}

PaperDocument ticket_paper(const TicketView& ticket) {
    PaperDocument paper;
    auto& blocks = paper.blocks;
    if (!ticket.office.empty())
        blocks.push_back(paper_text(ticket.office.text, PaperStyle::Body, PaperAlign::Centre));
    blocks.push_back(paper_text(ticket.heading.text, PaperStyle::Heading, PaperAlign::Centre));
    blocks.push_back(paper_text(ticket.number, PaperStyle::Number, PaperAlign::Centre));
    blocks.push_back(paper_text(ticket.group.text, PaperStyle::Heading, PaperAlign::Centre));
    blocks.push_back(paper_text(ticket.time.text, PaperStyle::Body, PaperAlign::Centre));
    if (!ticket.code.empty())
        blocks.push_back(paper_text(ticket.code.text, PaperStyle::Body, PaperAlign::Centre));
    blocks.push_back(paper_rule());
    blocks.push_back(paper_text(ticket.wait.text, PaperStyle::Body));
    blocks.push_back(paper_space(16));
    return paper;
}

}  // namespace motcua::core
