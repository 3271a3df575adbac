// The screen model: every screen described as one plain value computed by core from the session
// state. The view draws it, speech reads it aloud, the printer renders the receipt from it and the
// unit tests assert it. Nothing the resident sees is decided anywhere else.
//
// Texts are resolved here, in the resident's language, from the i18n keys and the catalogue. A
// text that comes from exactly one i18n key keeps that key in `Text::key`, so speech can play a
// province's recorded clip for it; composed lines (fee wording, "page 2 of 5") and catalogue
// texts have an empty key and are synthesised.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/catalog/fees.h"
#include "core/i18n/i18n.h"
#include "core/session/session.h"

namespace motcua::core {

struct Text {
    std::string text;
    std::string key;  // the i18n key it came from, or "" (catalogue text, composed line)
    bool empty() const { return text.empty(); }
    bool operator==(const Text&) const = default;
};

enum class ButtonStyle { Primary, Secondary, Danger, Selected, Key };

// A tap target: what it says, its stable id (for tests and the audit), what a tap sends.
struct Action {
    Text label;
    std::string id;
    Intent intent;
    bool enabled = true;
    ButtonStyle style = ButtonStyle::Secondary;
};

// A typed field's box: the value and a caret when focused; a tap sends Focus{id}.
struct FieldBox {
    Text label;  // what the box is called (for the driver and speech)
    std::string id;
    std::string value;
    bool focused = false;
    bool has_error = false;
};

// [SECTION] Screens, one struct each ------------------------------------------------------------

// [paper] A queue number as shown and printed.
struct TicketView {
    Text office;
    Text heading;                      // "Số thứ tự của bạn"
    std::string number;                // "HT-007"
    Text group;                        // "Quầy Hộ tịch"
    Text time;                         // "Lấy lúc 09:41 10/03/2026"
    Text code;                         // "Mã hồ sơ: ..." after a filing, else empty
    Text wait;                         // "Vui lòng chờ gọi số."
    std::optional<Text> print_notice;  // printing, or what to do when it cannot print
    bool print_failed = false;
};

// [paper] Attract: "Lấy số thứ tự" tapped: the counter groups, then the number.
struct TicketPanel {
    Text title;
    std::vector<Action> groups;  // while choosing
    std::optional<TicketView> ticket;
    std::optional<Text> error;
    Action close;
};

struct AttractScreen {
    Text title, subtitle;
    Action start, contrast, lookup;
    Text help;
    std::optional<Text> staff_notice;  // filings refused or unsent too long: tell staff
    std::optional<Action> voice;       // [speech] "Nghe hướng dẫn": voice on for the visit
    std::optional<Action> ticket;      // [paper] "Lấy số thứ tự": a queue ticket
    std::optional<TicketPanel> ticket_panel;  // [paper] choosing a group, or the number
};

struct ChooseScreen {
    bool typing = false;  // keyboard open: every line goes to the results
    Text title, search_label;
    FieldBox search;
    std::optional<Action> clear;
    std::optional<Text> no_results;
    std::vector<Action> procedures;  // every procedure, or the search hits best first
    // [help] For each of `procedures`, in the same order: its pictogram (a name from
    // kProcedureIcons, "" = a plain document) and one line in everyday words.
    struct Look {
        std::string icon;
        Text tagline;
    };
    std::vector<Look> looks = {};
    // [/help]
};

struct EligibilityScreen {
    Text procedure, question;
    Action yes, no;
};

struct EligibilityExitScreen {
    Text title, body, ask_staff;
    std::optional<Action> offer = std::nullopt;  // [help] "Làm thủ tục: ..." in one tap
};

struct DocumentLine {
    Text line;  // "•  Giấy chứng sinh (bản chính)"
    Text note;
};

struct Documents {
    Text heading;
    std::vector<DocumentLine> lines;
};

// The fee in force today in words: "8.000 ₫ mỗi bản", tiers, the cap, "Miễn phí".
struct FeeWording {
    Text heading;
    Text amount;          // empty when no rule for the procedure is in force
    Text rule_note;       // the rule's own note
    Text procedure_note;  // the procedure's fee note
};

struct Section {
    Text title, body;
};

struct RequirementsScreen {
    Text name, description;
    std::optional<Documents> documents;
    std::optional<FeeWording> fee;
    std::optional<Section> time, authority;
};

struct GuidanceScreen {
    Text name, not_here, guidance;
    std::optional<Documents> documents;
    std::optional<Section> authority;
    std::optional<FeeWording> fee;
};

// A choice already made, with "Đổi" to make it again.
struct ChosenPart {
    Text label, value;
    Action change;
};

enum class AddressStep {
    WholeLine,  // no administrative units yet: the address on one typed line
    Province,   // choose the province on buttons (or the kiosk's own ward in one tap)
    Ward,       // find the ward by typing a few letters
    Detail,     // type the house number and street
};

struct AddressInput {
    AddressStep step = AddressStep::WholeLine;
    Text whole_line_hint;                     // WholeLine
    FieldBox box;                             // WholeLine, Ward (the search), Detail
    Text home_prompt;                         // Province: "Bạn ở ..." (when a home ward is set)
    std::optional<Action> home;               // Province: the kiosk's own ward
    Text province_prompt;                     // Province
    std::vector<Action> provinces;            // Province, sorted by name
    std::optional<ChosenPart> province;       // Ward, Detail
    Text find_ward;                           // Ward
    std::optional<Text> no_ward;              // Ward: nothing matches
    std::vector<Action> wards;                // Ward: best first
    std::optional<ChosenPart> ward;           // Detail
    Text summary, detail_label, detail_hint;  // Detail
};

enum class InputKind { Box, Options, Address };

struct QuestionField {
    Text label;  // with "(không bắt buộc)" when optional
    Text hint;
    Text error;
    InputKind input = InputKind::Box;
    FieldBox box;                 // Box
    std::vector<Action> options;  // Options: selected ones have ButtonStyle::Selected
    AddressInput address;         // Address
    std::vector<Text> warnings;
};

struct QuestionScreen {
    // Finding a ward with the keyboard open: only the search and its results are drawn.
    std::optional<AddressInput> ward_search_only;
    Text progress;  // "Đăng ký khai sinh · Trang 2 / 9"
    Text title, help;
    Text item;  // on a repeatable page: "Giấy tờ thứ 2 / 3"
    std::optional<Text> notice;
    std::optional<Text> error_summary;
    std::vector<QuestionField> fields;
    std::optional<Action> add_item, remove_item;  // far apart; side by side when both shown
};

struct ReviewRow {
    Text label, answer;
    std::vector<Text> warnings = {};  // [help] answers that contradict the ID number
};

struct ReviewItem {
    Text title;  // the item's title on a repeatable page, else empty
    std::vector<ReviewRow> rows;
};

struct ReviewPage {
    std::vector<ReviewItem> items;
    Action edit;
};

struct ReviewScreen {
    Text title, intro;
    std::optional<Text> notice;
    std::vector<ReviewPage> pages;
    Text declaration;
};

struct SubmittingScreen {
    Text title, body;
};

// [paper] A label and its value on the receipt ("Người nộp:" "Nguyễn Văn An").
struct ReceiptRow {
    Text label, value;
};

// [paper] The fee paid by bank transfer: a VietQR code with the amount and the dossier code.
struct PaymentQr {
    Text heading;         // "Quét mã để nộp lệ phí bằng chuyển khoản"
    std::string payload;  // the VietQR payload (core/receipt/vietqr.h)
    Text account;         // "Ngân hàng ... · Số tài khoản ... · Tên ..."
    Text note;            // "Nội dung chuyển khoản: <code>"
};

// What the receipt says, on screen and on paper (core/receipt/receipt.h: receipt_paper).
struct ReceiptScreen {
    Text title, procedure;
    Text code_label;
    std::string code;            // the MaHoSo, or the provisional code
    Text due_label, due;         // empty when no due date is known
    std::string qr_payload;      // what the QR encodes
    std::optional<Text> notice;  // held or queued
    Text next_steps;
    // [paper] The rest of "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (portal-vocabulary.md §6).
    Text office;                   // the office's name, or the procedure's authority
    Text form_title;               // "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    Text qr_caption;               // "Quét mã để tra cứu hồ sơ"
    bool provisional = false;      // no MaHoSo yet: the code is the kiosk's
    std::vector<ReceiptRow> rows;  // procedure, applicant, received, due, where to collect, fee
    Text originals_heading;        // empty when there are no originals to bring
    std::vector<Text> originals;   // "Giấy chứng sinh (bản chính)"
    std::optional<PaymentQr> payment;
    std::optional<Text> print_notice;  // printing, printed, or what to do without paper
    bool print_failed = false;         // the notice is a warning: photograph the code
    std::optional<TicketView> ticket;  // the queue number after a filing
    // [/paper]
};

struct RatingScreen {
    Text title;
    std::vector<Action> levels;
};

struct ThanksScreen {
    Text title, body;
};

enum class LookupShow { Nothing, Paragraph, Notice, ErrorNotice };

struct LookupScreen {
    Text title, intro, code_label;
    Text error;
    FieldBox box;
    LookupShow show = LookupShow::Nothing;
    Text result;
    Text due;  // "Ngày hẹn trả kết quả: 09:00 04/12/2026", or empty
};

using ScreenBody =
    std::variant<AttractScreen, ChooseScreen, EligibilityScreen, EligibilityExitScreen,
                 RequirementsScreen, GuidanceScreen, QuestionScreen, ReviewScreen, SubmittingScreen,
                 ReceiptScreen, RatingScreen, ThanksScreen, LookupScreen>;

// [SECTION] Chrome: header, footer, keyboard, idle overlay ---------------------------------------

struct Header {
    std::optional<Action> home;
    Action text_size, language;
    std::optional<Action> listen;      // [speech] "Nghe lại": read this page again
    std::optional<Action> call_staff;  // [help] "Gọi cán bộ"
    std::optional<Action> contrast;  // [layout] "Đổi màu": the next contrast mode (not on attract)
};

// A question that must be answered before anything else ("Bỏ hồ sơ và về trang đầu?"): drawn
// over the screen, which cannot be tapped meanwhile.
struct Dialog {
    Text title, body;
    std::vector<Action> actions;  // the safe choice first
};

struct Footer {
    bool shown = true;  // hidden on the attract screen and while searching with the keyboard
    std::optional<Action> back;
    std::optional<Action> primary;
};

enum class KeyboardKind { None, Letters, Numbers };

// The on-screen keyboard's keys, row by row, each with the intent it sends. Letters: three rows
// of letters each ending with backspace, shift and space; the marks and tones ending with
// "Xong"; the digits and punctuation. Numbers: three rows of three digits ending with backspace,
// "/" and "Xong"; then 0.
struct Keyboard {
    KeyboardKind kind = KeyboardKind::None;
    std::vector<std::vector<Action>> rows;
};

// [staff] Staff mode, drawn over everything (the resident's screen stays as it was underneath).
struct StaffRow {
    Text text;    // "KD4MX7PA · Đăng ký khai sinh · Bị giữ lại · 12 phút trước"
    Text detail;  // the portal's reason when held, the cancel reason when cancelled
    std::vector<Action> actions;
};

struct StaffScreen {
    StaffPage page = StaffPage::Pin;
    Text title;
    std::vector<Action> tabs;  // the pages; the one shown is Selected (empty on the PIN pad)
    std::vector<Action> top;   // Cán bộ hỗ trợ, the call, leaving
    Text heading;
    std::optional<Text> message;  // the last action's confirmation
    std::optional<Text> error;    // a wrong PIN, the lock, a missing reason
    std::vector<Text> lines;
    std::vector<StaffRow> rows;
    std::optional<FieldBox> box;  // the cancel reason or the reprint code (physical keyboard)
    std::vector<Action> actions;  // under the box
    std::string pin_dots;         // PIN pad: one dot per digit typed
    std::vector<std::vector<Action>> pad;
};
// [/staff]

struct IdleOverlay {
    Text title, countdown;
    Action still_here;
};

struct ScreenModel {
    Screen screen = Screen::Attract;
    int text_size = 1;  // [layout] 0..3 (TextSize: Small, Normal, Large, ExtraLarge)
    Contrast contrast = Contrast::Standard;
    Header header;
    ScreenBody body;
    Footer footer;
    Keyboard keyboard;
    std::optional<IdleOverlay> idle;
    std::optional<Text> banner;  // [help] "Cán bộ đang đến hỗ trợ bạn", above the content
    std::optional<Dialog> dialog;  // [help] drawn over everything but the idle overlay
    // [staff] Staff mode, drawn over everything: nothing else is tappable meanwhile.
    std::optional<StaffScreen> staff;
    // [speech] Voice on for this visit, and the resident's asks to hear the page again (a new
    // count reads the page anew): core/speech/page.h decides what is said from these.
    bool voice = false;
    int listen_requests = 0;
    Language language = Language::Vietnamese;  // the voice and the recorded clips to use
    // [/speech]
};

// What the model needs besides the session.
struct ScreenInputs {
    const Strings& strings;
    const FeeSchedule* fees = nullptr;  // null when the fee file is missing or refused
    Date today{1, 1, 1};                // Vietnam's date, for the fees in force
    std::int64_t now_ms = 0;            // monotonic, for the idle countdown
    bool staff_notice = false;
    // What staff must know about, as i18n keys ("staff.problem.auth", "staff.problem.clock"...):
    // named after the notice, so a wrong token is not mistaken for a slow network.
    std::vector<std::string> staff_problems;
    const StaffView* staff_view = nullptr;  // [staff] while staff mode is unlocked
    // [help] The filing worker's last attempt could not reach the portal at all (no network),
    // as opposed to a portal that answers slowly: the resident is told which.
    bool portal_unreachable = false;
    const PaperConfig* paper = nullptr;  // [paper] office, bank account, counter groups
};

// [layout] The contrast mode after `contrast` in the cycle Standard → HighDark → HighLight →
// LowGlare → Standard (the attract button and the header's "Đổi màu").
Contrast next_contrast(Contrast contrast);

// The whole screen as it must look now.
ScreenModel build_screen(const Session& session, const ScreenInputs& inputs);

// [staff] Staff mode's screen, in Vietnamese (screen_staff.cpp).
StaffScreen make_staff_screen(const Session& session, const ScreenInputs& inputs);

// [SECTION] Pieces, public for the tests and for speech/printing
// -----------------------------------

// The fee rule in words: "2.000 ₫ mỗi trang; từ trang thứ 3: 1.000 ₫ mỗi trang; tối đa 200.000 ₫".
std::string fee_amount_text(const I18n& strings, Language language, const FeeRule& rule);
// "HH:mm dd/mm/yyyy" (or "dd/mm/yyyy") for a portal time; the raw text when it does not parse.
std::string display_time(const std::string& portal_time, bool with_time);
// The answer as the resident chose it: option labels rather than stored values.
std::string shown_answer(const I18n& strings, Language language, const FieldDef& field,
                         const std::string& value);

}  // namespace motcua::core
