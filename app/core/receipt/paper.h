// Paper in the resident's hand (issue 13): what the kiosk prints, as plain data. The receipt
// ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả") is the screen model's ReceiptScreen turned into
// blocks of text and QR codes (receipt_paper in receipt.h); the queue ticket likewise. The
// platform renders blocks into a 1-bit image (platform/print/paper_render.h). Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/procedure.h"
#include "core/result.h"

namespace motcua::core {

// [SECTION] Configuration -------------------------------------------------------------------

// A counter group of the one-stop hall: its ticket numbers run on their own each day.
struct CounterGroup {
    std::string id;                       // ticket prefix, 1..4 ASCII capitals: "HT" → "HT-007"
    LocalText name;                       // "Hộ tịch"
    std::vector<std::string> categories;  // procedure categories served there ("birth", ...)
};

// The office's paper settings (flags --office-name, --bank-*, assets/config/counters.json).
struct PaperConfig {
    std::string office_name;  // "UBND phường Bến Nghé"; "" = the procedure's authority
    std::string bank_bin;     // VietQR for fees: all three set, or no payment QR
    std::string bank_account;
    std::string bank_name;
    // The tracking address in the receipt's QR, with "{code}" for the dossier code; "" = the
    // code alone (the kiosk's own lookup reads it back from a scan).
    std::string tracking_url;
    std::vector<CounterGroup> counter_groups;
    bool has_bank_account() const { return !bank_bin.empty() && !bank_account.empty(); }
};

// assets/config/counters.json:
//   {"format": 1, "_about": "...", "groups": [{"id": "HT", "name": {"vi": "Hộ tịch", "en":
//    "Civil status"}, "categories": ["birth", "death", "marriage"]}, ...]}
// Error "counters_invalid" with "<source>: <what>". Ids are unique, 1..4 capitals.
Result<std::vector<CounterGroup>> parse_counter_groups(std::string_view json_text,
                                                       std::string_view source_name);

// The group serving a category, or null.
const CounterGroup* counter_group_for(const std::vector<CounterGroup>& groups,
                                      std::string_view category);
const CounterGroup* find_counter_group(const std::vector<CounterGroup>& groups,
                                       std::string_view id);

// True when the resident must bring or show an original at the counter (a queue ticket helps).
bool needs_counter(const Procedure& procedure);

// "HT-007": the group's prefix and the number, at least three digits.
std::string ticket_label(std::string_view group_id, int number);

// [SECTION] Printing state, kept in the session --------------------------------------------

enum class PrintJobKind { Receipt, Ticket, Reprint };

enum class PrintState {
    None,       // nothing asked yet
    Printing,   // sent to the print worker
    Printed,    // the printer took it and still reports ready
    Failed,     // error below: the resident is told what to do instead
    NoPrinter,  // this kiosk has no printer configured
};

struct PrintProgress {
    PrintState state = PrintState::None;
    std::string error;  // i18n "error.<code>" when Failed
    bool operator==(const PrintProgress&) const = default;
};

// A queue number the platform issued (stored in SQLite, unique for the day and group).
struct IssuedTicket {
    std::string group_id;
    int number = 0;
    std::string time;          // "09:41 10/03/2026", local time of issue
    std::string dossier_code;  // after a filing; "" from the attract screen
};

struct PaperState {
    PrintProgress receipt;
    PrintProgress ticket;
    std::optional<IssuedTicket> ticket_issued;
    bool choosing_group = false;  // attract: "Lấy số thứ tự" tapped, groups shown
    std::string ticket_error;     // the number could not be issued (i18n error code)
    PrintProgress reprint;        // staff: the last reprint asked for (intent::StaffReprint)
};

// [SECTION] Paper blocks ----------------------------------------------------------------------

enum class PaperStyle { Small, Body, Heading, Code, Number };
enum class PaperAlign { Left, Centre };

struct PaperBlock {
    enum class Kind { Text, Qr, Space, Rule };
    Kind kind = Kind::Text;
    std::string text;  // Text: UTF-8 NFC; Qr: the payload
    PaperStyle style = PaperStyle::Body;
    PaperAlign align = PaperAlign::Left;
    int dots = 0;  // Space: rows
    bool operator==(const PaperBlock&) const = default;
};

struct PaperDocument {
    std::vector<PaperBlock> blocks;
    // The codes a reprint finds it by (MaHoSo and/or provisional code).
    std::string code;
    std::string provisional_code;
};

PaperBlock paper_text(std::string text, PaperStyle style = PaperStyle::Body,
                      PaperAlign align = PaperAlign::Left);
PaperBlock paper_qr(std::string payload);
PaperBlock paper_space(int dots);
PaperBlock paper_rule();

// A document as JSON (kept for reprints) and back. Error "receipt_invalid".
std::string paper_to_json(const PaperDocument& document);
Result<PaperDocument> paper_from_json(std::string_view json_text);

}  // namespace motcua::core
