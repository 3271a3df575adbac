// The receipt and the queue ticket as one model (issue 13): filled into the screen model from the
// session, then turned into paper blocks for the printer. What the resident reads on the screen
// and on paper is decided here once.
#pragma once

#include <optional>

#include "core/receipt/paper.h"
#include "core/screen/screen.h"
#include "core/screen/words.h"

namespace motcua::core {

// Fills the [paper] fields of `receipt` (office, rows, originals, payment QR, print notice,
// queue ticket) and points its QR at the tracking address. make_receipt calls it.
void fill_receipt(ReceiptScreen& receipt, const Words& w, const SessionState& state,
                  const Procedure& procedure, const ScreenInputs& inputs);

// The queue number as shown and printed.
TicketView make_ticket_view(const Words& w, const IssuedTicket& ticket,
                            const PrintProgress& progress, const ScreenInputs& inputs);

// Attract: the "Lấy số thứ tự" action (only with counter groups configured), and the panel.
std::optional<Action> make_ticket_action(const Words& w, const ScreenInputs& inputs);
std::optional<TicketPanel> make_ticket_panel(const Words& w, const SessionState& state,
                                             const ScreenInputs& inputs);

// The VietQR payload for a fee: when the fee is one amount per dossier (> 0) and the office has
// an account. Error "vietqr_invalid" when the code does not fit the transfer note; nullopt when
// no QR is due (free, per-unit fee, no account).
std::optional<Result<std::string>> fee_vietqr(const PaperConfig* paper, const FeeRule* rule,
                                              const std::string& dossier_code);

// The receipt on paper: every word of the screen's receipt, the tracking QR and the payment QR.
PaperDocument receipt_paper(const ReceiptScreen& receipt);
// The queue ticket on paper: the office, the number large, the counter, the time, the code.
PaperDocument ticket_paper(const TicketView& ticket);

}  // namespace motcua::core
