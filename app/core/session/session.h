// The visit state machine: one resident's session from the attract screen to the wipe.
// Views read SessionState and dispatch Intents; dispatch returns Effects for the platform
// (save to the outbox, send a rating, log). Time comes in with every call; nothing here sleeps,
// reads a clock or touches I/O, so every path is tested in microseconds.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/catalog/offer.h"
#include "core/filing/due_date.h"
#include "core/form/field_check.h"
#include "core/ports.h"
#include "core/receipt/paper.h"  // [paper]
#include "core/session/answers.h"
#include "core/staff/staff.h"  // [staff]
#include "core/text/compose.h"

namespace motcua::core {

class AdminUnits;

enum class Screen {
    Attract,          // "Chạm để bắt đầu"
    Choose,           // browse or search procedures
    Eligibility,      // "is this the right procedure?" question
    EligibilityExit,  // "this is not the right procedure: do this instead"
    Requirements,     // papers to bring, fee, processing time
    Guidance,         // guidance-only procedures (thường trú, tạm trú): where and how
    Question,         // one page of questions
    Review,           // check your answers
    Submitting,       // saving and sending
    Receipt,          // dossier code, due date
    Rating,           // how was the service
    Thanks,           // short thank-you, then the wipe
    Lookup,           // "how is my dossier doing?": type or scan the full code
};

enum class LookupState { None, Asking, Found, Waiting, NotFound, Unavailable };

// The answer to a status lookup, as shown on the lookup screen.
struct LookupView {
    LookupState state = LookupState::None;
    std::string code;          // exactly what was asked for
    std::string procedure;     // TenTTHC
    int trang_thai = 0;        // 1..10 (Found)
    std::string ngay_hen_tra;  // portal time
};

// [layout] Four text sizes by cap height (VVSG 2.0 ranges: 3.5-4.2, 4.8-5.6, 6.4-7.1, 8.5-9.0 mm);
// Normal (4.9 mm) is the default. The view maps them to millimetres with the panel's ppi.
enum class TextSize { Small, Normal, Large, ExtraLarge };
// Standard: >= 10:1 for all text; HighLight: black on white; HighDark: white on black;
// LowGlare: dim, warm text on dark grey for light-sensitive eyes. Every mode >= 7:1 text.
enum class Contrast { Standard, HighLight, HighDark, LowGlare };
// [/layout]

struct Settings {
    Language language = Language::Vietnamese;
    TextSize text_size = TextSize::Normal;
    Contrast contrast = Contrast::Standard;
    bool operator==(const Settings&) const = default;
};

enum class Delivery {
    None,
    Saving,    // writing to the outbox
    Sending,   // saved; the worker is talking to the portal
    Accepted,  // the portal gave a MaHoSo
    Queued,    // saved, not yet accepted: provisional code on the receipt
    Held,      // saved, the portal refused it: staff will look
};

struct Submission {
    std::string idempotency_key;
    std::string provisional_code;
    std::string ma_ho_so;
    std::string ngay_hen_tra;  // portal time yyyyMMddHHmmss, from the portal
    std::string expected_due;  // portal time computed by the kiosk (shown while provisional)
    Delivery delivery = Delivery::None;
    std::int64_t started_ms = 0;
    std::string held_reason;
    std::string received_at;  // [paper] portal time the kiosk received it (the receipt says so)
};

// [help] How a physical keyboard's letters become Vietnamese (the on-screen keyboard has its own
// mark and tone keys and never composes). Off in number fields and for text an IME composed.
enum class Typing { Telex, Vni, Off };

// [help] A question drawn over the screen until it is answered.
enum class Ask {
    None,
    LeaveVisit,     // "Về trang đầu" with answers given: throw them away?
    AfterGuidance,  // the guidance page is read: another procedure, or the start page?
};
// [/help]

struct SessionConfig {
    std::int64_t idle_warning_ms = 5 * 60 * 1000;  // no touch this long → "are you still there?"
    std::int64_t idle_countdown_ms = 45 * 1000;    // then this long to answer, then the wipe
    std::int64_t receipt_idle_ms = 2 * 60 * 1000;  // receipt and rating: shorter, nothing to lose
    std::int64_t provisional_after_ms = 4000;      // the resident never waits longer on the network
    std::int64_t thanks_ms = 6000;
    std::string kiosk_id = "KIOSK-01";
    HolidayCalendar holidays;  // for the expected due date on the receipt
    std::string home_ward;     // the ward code where the kiosk stands: offered first
    // [help] Physical keyboard: Telex by default (UniKey users expect it), VNI, or off. Only in
    // Vietnamese; English visits type plain letters.
    Typing typing = Typing::Telex;
    // [help] A call to staff pauses the idle timers, but not for ever: after this long with
    // nobody acknowledging it, they run again (so a forgotten visit is still wiped).
    std::int64_t staff_call_max_ms = 15 * 60 * 1000;
    // [/help]
    std::vector<CounterGroup> counter_groups;  // [paper] queue ticket groups (counters.json)
};

// One procedure's visit: where the resident is in it and everything they answered. Reset as a
// whole when another procedure is chosen, and with the wipe; nothing of it outlives the visit.
struct VisitState {
    std::string procedure_code;  // chosen procedure, empty before the choice
    int eligibility_index = 0;
    int page_index = 0;
    int item = 1;                      // on a repeatable page: which item (1-based)
    std::map<std::string, int> items;  // repeatable page id → how many items
    bool returning_to_review = false;
    Answers answers;                                           // typed, see answers.h
    std::map<std::string, std::string> errors;                 // input key → error code
    std::map<std::string, std::vector<std::string>> warnings;  // input key → warning codes
    // Answers whose warnings the resident has seen (input key → the answer warned about): the
    // first "Tiếp tục" shows a new warning on the page, a second one with the same answer moves on.
    std::map<std::string, std::string> warned;
};

// [staff] Staff mode: an overlay over the resident's visit, which it never touches (leaving it
// returns the resident exactly where they were). The resident's timers wait while it is open.
enum class StaffPage { Pin, Outbox, Status, Counts, Events, Cancel };
enum class StaffPinOutcome { Right, Wrong, Locked, NotSet, Failed };

struct StaffState {
    bool open = false;      // the PIN pad or a staff page covers the screen
    bool unlocked = false;  // the right PIN was given since it opened
    StaffPage page = StaffPage::Pin;
    std::string pin;        // digits typed on the pad; never logged, cleared when checked
    bool checking = false;  // the PIN went to the platform; waiting for StaffPinResult
    StaffPinOutcome last = StaffPinOutcome::Right;  // meaningful once `tried`
    bool tried = false;
    int failures_left = StaffPinMaxFailures;
    std::int64_t locked_ms_left = 0;
    std::int64_t cancel_id = 0;  // the outbox entry being cancelled (StaffPage::Cancel)
    std::string cancel_code;
    std::string reason;        // the cancel reason, typed (physical keyboard) or chosen
    std::string reprint_code;  // typed (physical keyboard)
    std::string focused;       // "reason", "reprint" or ""
    std::string message;       // i18n key of the last action's confirmation, or ""
    std::int64_t last_activity_ms = 0;
};
inline constexpr std::int64_t StaffIdleMs = 3 * 60 * 1000;  // then staff mode closes by itself
// [/staff]

struct SessionState {
    Screen screen = Screen::Attract;
    Settings settings;
    std::string search_text;
    VisitState visit;
    std::string focused_field;    // a field id, "search" on the choose screen, or empty
    bool keyboard_shift = false;  // the next letter typed on the on-screen keyboard is a capital
    Submission submission;
    std::string notice;  // an i18n key shown as a banner ("notice.save_failed"), empty if none
    std::int64_t last_activity_ms = 0;
    bool idle_warning = false;
    int rating = 0;
    std::string lookup_code;  // typed on the lookup screen
    LookupView lookup;
    int visit_number = 0;  // increases with every wipe; views use it to reset scroll positions
    // [speech] Voice for this visit (off until "Nghe hướng dẫn" or "Nghe lại"; the wipe turns it
    // off again), and how many times the resident asked to hear the page (each ask reads it anew).
    bool voice = false;
    int listen_requests = 0;
    // [/speech]
    // Derived when what they depend on changes (never on every frame): the procedures matching
    // search_text (indices into the catalogue, best first), and for each address field of the
    // page that is at its ward step, the matching wards' codes, best first.
    std::vector<int> search_hits;
    std::map<std::string, std::vector<std::string>> ward_hits;
    // [staff]
    StaffState staff;
    bool assisted = false;               // staff took this visit over ("Cán bộ hỗ trợ")
    std::int64_t visit_started_ms = -1;  // monotonic, at Start; -1 outside a visit
    // [/staff]
    // [help]
    bool staff_called = false;         // "Gọi cán bộ" tapped, not yet acknowledged by staff
    std::int64_t staff_called_ms = 0;  // when (monotonic)
    Ask ask = Ask::None;               // the question drawn over the screen
    std::string scan_message;          // i18n key: a scan that changed nothing, and why
    // [/help]
    PaperState paper;  // [paper] receipt and ticket printing, the queue number

    // The text of the answer an input key names ("x", "x#2", "x.tinh", "x.day_du"...), as
    // answer_text() gives it; "" when none.
    std::string answer(const std::string& input_key) const {
        return answer_text(visit.answers, input_key);
    }
};

namespace intent {
struct Start {};
struct Home {};  // "Về đầu": end the visit, wipe everything
struct ChooseProcedure {
    std::string code;
};
struct AnswerEligibility {
    bool yes;
};
struct Next {};
struct Back {};
struct Focus {
    std::string field;
};
struct TypeText {
    std::string utf8;
};
struct Backspace {};
struct Shift {};  // on-screen keyboard: next letter capital
struct Scan {
    std::string payload;
};  // a scanner burst (ID card QR)
struct ClearField {
    std::string field;
};
struct ApplyTone {
    Tone tone;
};
struct ApplyMark {
    Mark mark;
};
struct Choose {
    std::string field;
    std::string value;
};  // single choice / yes-no
struct Toggle {
    std::string field;
    std::string value;
};  // multi choice
struct EditPage {
    int page;
};
struct AddItem {};     // repeatable page: one more item
struct RemoveItem {};  // repeatable page: drop this item
struct Submit {};
struct Saved {
    bool ok;
    std::string detail;
};  // from the platform, after SaveDossier
struct Accepted {
    std::string provisional_code;
    std::string ma_ho_so;
    std::string ngay_hen_tra;
};
struct Held {
    std::string provisional_code;
    std::string reason;
};
struct Finish {};  // receipt → rating
struct Rate {
    int level;
};  // 1..3
struct StillHere {};
struct OpenLookup {};
// The answer to effect::LookupDossier, from the platform. `local_waiting`: the code is a filing
// this kiosk still holds in its outbox (not yet at the portal).
struct LookupResult {
    std::string code;
    LookupState state;
    std::string procedure;
    int trang_thai = 0;
    std::string ngay_hen_tra;
};
struct Tick {};
// [paper] Queue tickets and printing.
struct TakeTicket {};  // attract: "Lấy số thứ tự": show the counter groups
struct ChooseCounter {
    std::string group_id;
};
struct CloseTicket {};  // attract: the ticket panel's "Xong"
// From the platform: a number issued (effect::IssueTicket), or why none could be.
struct TicketIssued {
    IssuedTicket ticket;
    std::string error;  // i18n error code when no number was issued
};
// From the print worker: a job finished (ok), failed (error code), or there is no printer.
struct PrintResult {
    PrintJobKind kind = PrintJobKind::Receipt;
    PrintState state = PrintState::Printed;
    std::string error;
};
// [/paper]
struct SetTextSize {
    TextSize size;
};
struct SetContrast {
    Contrast contrast;
};
struct SetLanguage {
    Language language;
};
// [staff]
struct StaffCornerTap {};  // the hidden corner target (five within 3 s open the PIN pad)
struct StaffPinKey {
    std::string digit;  // "0".."9"
};
struct StaffPinBackspace {};
struct StaffPinSubmit {};
// The platform's answer to effect::CheckStaffPin.
struct StaffPinResult {
    StaffPinOutcome outcome;
    int failures_left = 0;
    std::int64_t locked_ms_left = 0;
};
struct StaffLeave {};  // back to the resident, exactly where they were
struct StaffOpenPage {
    StaffPage page;
};
struct StaffFocus {
    std::string field;  // "reason", "reprint" or ""
};
struct StaffRetry {
    std::int64_t id;
};
struct StaffCancelStart {
    std::int64_t id;
    std::string code;
};
struct StaffCancelReason {
    std::string reason;  // a preset reason (the text shown)
};
struct StaffCancelConfirm {};
struct StaffRefreshCatalog {};
// Print again the receipt kept under this MaHoSo or provisional code (last 30 days): staff mode
// only (refused unless unlocked). The outcome comes back as PrintResult{Reprint} and is in
// SessionState::paper.reprint ("receipt_not_found" when nothing is kept under the code).
struct StaffReprint {
    std::string code;  // empty: the code typed in the reprint box
};
struct StaffAssist {};  // "Cán bộ hỗ trợ": staff take the visit over and file it with the resident
// [/staff]
// [help]
struct CallStaff {};             // "Gọi cán bộ": someone is coming
struct StaffAcknowledgeCall {};  // staff took the call (from staff mode): the banner goes
struct ConfirmHome {};           // "Bỏ hồ sơ, về trang đầu" in the LeaveVisit dialog
struct CloseDialog {};           // the safe choice: stay where you were
struct ChooseAnother {};         // after guidance: back to the list, nothing of this visit kept
// The procedure an exit page names ("choose Cấp bản sao trích lục instead"), in one tap.
struct SwitchProcedure {
    std::string code;
};
// Text from a physical keyboard (SDL_TEXTINPUT): composed with Telex or VNI when it is plain
// ASCII and the field takes letters; text an IME already composed passes unchanged.
struct KeyText {
    std::string utf8;
};
// [/help]
// [speech]
struct VoiceOn {};  // "Nghe hướng dẫn" on the attract screen: voice on for the visit
struct Listen {};   // "Nghe lại": read this page again (and turn voice on)
// [/speech]
}  // namespace intent

// clang-format off
using Intent = std::variant<
    intent::Start, intent::Home, intent::ChooseProcedure, intent::AnswerEligibility, intent::Next,
    intent::Back, intent::Focus, intent::TypeText, intent::Backspace, intent::Shift, intent::Scan,
    intent::ClearField, intent::ApplyTone, intent::ApplyMark, intent::Choose, intent::Toggle,
    intent::EditPage, intent::AddItem, intent::RemoveItem, intent::Submit, intent::Saved,
    intent::Accepted, intent::Held, intent::Finish, intent::Rate, intent::StillHere,
    intent::OpenLookup, intent::LookupResult, intent::Tick, intent::SetTextSize,
    intent::SetContrast, intent::SetLanguage,
    // [staff]
    intent::StaffCornerTap, intent::StaffPinKey, intent::StaffPinBackspace, intent::StaffPinSubmit,
    intent::StaffPinResult, intent::StaffLeave, intent::StaffOpenPage, intent::StaffFocus,
    intent::StaffRetry, intent::StaffCancelStart, intent::StaffCancelReason,
    intent::StaffCancelConfirm, intent::StaffRefreshCatalog,
    intent::StaffReprint, intent::StaffAssist,
    // [/staff]
    // [help]
    intent::CallStaff, intent::StaffAcknowledgeCall, intent::ConfirmHome,
    intent::CloseDialog, intent::ChooseAnother, intent::SwitchProcedure,
    intent::KeyText,
    // [/help]
    intent::VoiceOn, intent::Listen,  // [speech]
    // [paper]
    intent::TakeTicket, intent::ChooseCounter, intent::CloseTicket,
    intent::TicketIssued, intent::PrintResult
    >;
// clang-format on

namespace effect {
// Write this dossier to the outbox in one transaction, then answer with intent::Saved.
struct SaveDossier {
    std::string idempotency_key;
    std::string provisional_code;
    std::string procedure_code;
    std::string payload_json;
};
struct SendRating {
    std::string code;
    int level;
};
// A structured log line: never personal data.
struct Log {
    std::string event;
    std::string detail;
};
struct VisitEnded {};
// Ask the portal (or the local outbox) for the status of the dossier with exactly this code.
struct LookupDossier {
    std::string code;
};
// [staff]
// Check the PIN against the stored hash and the persisted lockout; answer with StaffPinResult.
struct CheckStaffPin {
    std::string pin;
};
struct StaffRetryFiling {
    std::int64_t id;
};
// Never send this entry; the record stays with the reason, and the platform logs it.
struct StaffCancelFiling {
    std::int64_t id;
    std::string reason;
};
struct RefreshCatalog {};
// Today's counts (counts only): a filing saved, and a visit ended.
struct CountFiling {
    std::string procedure_code;
    bool assisted = false;
};
struct CountVisit {  // a visit ended (the wipe)
    VisitCount visit;
};
struct CountVisitStarted {};  // a visit began (the attract tapped, or staff started it)
// [/staff]
// [help] Tell staff a resident needs help: the platform runs the configured notification (a
// command, or an HTTP POST on the LAN) off the UI thread. Carries no personal data.
struct NotifyStaff {
    std::string screen;  // where the resident is: "question", "review"...
};
// [/help]
// [paper] Print the receipt the screen model shows now (once, when the receipt appears).
struct PrintReceipt {};
// [paper] Issue the next queue number of this counter group (SQLite), then answer with
// intent::TicketIssued; the dossier code goes on the ticket after a filing.
struct IssueTicket {
    std::string group_id;
    std::string dossier_code;
};
// [paper] Print the queue ticket the session holds now.
struct PrintTicket {};
// [paper] Staff: print the kept receipt with this code again (PaperDesk::reprint).
struct Reprint {
    std::string code;
};
}  // namespace effect

// clang-format off
using Effect =
    std::variant<effect::SaveDossier, effect::SendRating, effect::Log, effect::VisitEnded,
                 effect::LookupDossier,
                 // [staff]
                 effect::CheckStaffPin, effect::StaffRetryFiling, effect::StaffCancelFiling,
                 effect::RefreshCatalog, effect::CountFiling, effect::CountVisit,
                 effect::CountVisitStarted,
                 // [/staff]
                 effect::NotifyStaff,  // [help]
                 // [paper]
                 effect::PrintReceipt, effect::IssueTicket, effect::PrintTicket, effect::Reprint
                 >;
// clang-format on

struct Now {
    std::int64_t monotonic_ms = 0;
    std::int64_t wall_unix_ms = 0;
};

// [help] What the answers to a card's fields (ID number, birth date, sex; found by their
// "prefill") say against each other: field id -> warning codes ("id_number_sex_mismatch",
// "id_number_birth_year_mismatch"). Empty when they agree or too little is known.
struct PersonFacts {
    std::map<std::string, std::vector<std::string>> conflicts;
};
PersonFacts person_facts(const Procedure& procedure, const Answers& answers);
// "question", "review"...: a screen named in logs and notifications.
std::string_view screen_name(Screen screen);
// [/help]

class Session {
public:
    Session(std::shared_ptr<const CatalogOffer> offer, SessionConfig config, Random& random);
    Session(const Catalog& catalog, SessionConfig config,
            Random& random);  // tests: a bundled offer

    // A newer catalogue or set of administrative units (from the portal or its cache). Taken at
    // once on the attract screen, otherwise when the current visit ends.
    void offer_catalog(std::shared_ptr<const CatalogOffer> offer);
    void offer_admin_units(std::shared_ptr<const AdminUnits> units);
    const CatalogOffer& offer() const { return *m_offer; }
    const Catalog& catalog() const { return m_offer->catalog; }
    // Null until the portal (or the cache) has provided them.
    const AdminUnits* admin_units() const { return m_units.get(); }

    // Applies one intent at time `now`; returns what the platform must do.
    std::vector<Effect> dispatch(const Intent& intent, Now now);
    const SessionState& state() const { return m_state; }
    const Procedure* procedure() const;
    const SessionConfig& config() const { return m_config; }

    // Pages of the chosen procedure that are shown, given the answers so far (indices).
    std::vector<int> visible_pages() const;
    bool field_visible(const FieldDef& field) const;
    // How many items a page has (1 unless it is repeatable).
    int item_count(const PageDef& page) const;
    // When the loop must wake up next (monotonic ms), or -1 when no timer is pending.
    std::int64_t next_deadline_ms(std::int64_t now_ms) const;
    // Seconds left in the "are you still there?" countdown (0 when not warning).
    int idle_seconds_left(std::int64_t now_ms) const;

private:
    using Effects = std::vector<Effect>;

    // One handler per intent (session.cpp, [SECTION] Intents).
    void on(const intent::Start&, Now, Effects&);
    void on(const intent::Home&, Now, Effects&);
    void on(const intent::ChooseProcedure&, Now, Effects&);
    void on(const intent::AnswerEligibility&, Now, Effects&);
    void on(const intent::Next&, Now, Effects&);
    void on(const intent::Back&, Now, Effects&);
    void on(const intent::Focus&, Now, Effects&);
    void on(const intent::TypeText&, Now, Effects&);
    void on(const intent::Backspace&, Now, Effects&);
    void on(const intent::Shift&, Now, Effects&);
    void on(const intent::Scan&, Now, Effects&);
    void on(const intent::ClearField&, Now, Effects&);
    void on(const intent::ApplyTone&, Now, Effects&);
    void on(const intent::ApplyMark&, Now, Effects&);
    void on(const intent::Choose&, Now, Effects&);
    void on(const intent::Toggle&, Now, Effects&);
    void on(const intent::EditPage&, Now, Effects&);
    void on(const intent::AddItem&, Now, Effects&);
    void on(const intent::RemoveItem&, Now, Effects&);
    void on(const intent::Submit&, Now, Effects&);
    void on(const intent::Saved&, Now, Effects&);
    void on(const intent::Accepted&, Now, Effects&);
    void on(const intent::Held&, Now, Effects&);
    void on(const intent::Finish&, Now, Effects&);
    void on(const intent::Rate&, Now, Effects&);
    void on(const intent::StillHere&, Now, Effects&);
    void on(const intent::OpenLookup&, Now, Effects&);
    void on(const intent::LookupResult&, Now, Effects&);
    void on(const intent::Tick&, Now, Effects&);
    void on(const intent::SetTextSize&, Now, Effects&);
    void on(const intent::SetContrast&, Now, Effects&);
    void on(const intent::SetLanguage&, Now, Effects&);
    // [staff]
    void on(const intent::StaffCornerTap&, Now, Effects&);
    void on(const intent::StaffPinKey&, Now, Effects&);
    void on(const intent::StaffPinBackspace&, Now, Effects&);
    void on(const intent::StaffPinSubmit&, Now, Effects&);
    void on(const intent::StaffPinResult&, Now, Effects&);
    void on(const intent::StaffLeave&, Now, Effects&);
    void on(const intent::StaffOpenPage&, Now, Effects&);
    void on(const intent::StaffFocus&, Now, Effects&);
    void on(const intent::StaffRetry&, Now, Effects&);
    void on(const intent::StaffCancelStart&, Now, Effects&);
    void on(const intent::StaffCancelReason&, Now, Effects&);
    void on(const intent::StaffCancelConfirm&, Now, Effects&);
    void on(const intent::StaffRefreshCatalog&, Now, Effects&);
    void on(const intent::StaffReprint&, Now, Effects&);
    void on(const intent::StaffAssist&, Now, Effects&);
    // Staff mode takes typing (the physical keyboard) into its focused box, and nothing else
    // of the resident's intents; true when the intent was staff mode's to handle.
    bool staff_takes(const Intent& intent, Now now, Effects& effects);
    void close_staff(Now now);
    // [/staff]
    // [help]
    void on(const intent::CallStaff&, Now, Effects&);
    void on(const intent::StaffAcknowledgeCall&, Now, Effects&);
    void on(const intent::ConfirmHome&, Now, Effects&);
    void on(const intent::CloseDialog&, Now, Effects&);
    void on(const intent::ChooseAnother&, Now, Effects&);
    void on(const intent::SwitchProcedure&, Now, Effects&);
    void on(const intent::KeyText&, Now, Effects&);
    bool visit_has_answers() const;
    Typing typing_here() const;  // the composer for the input being typed into now
    void compose_keys(const std::string& ascii, Typing typing);
    void check_person_facts(const PageDef& page, int item);
    // [/help]
    void on(const intent::VoiceOn&, Now, Effects&);  // [speech]
    void on(const intent::Listen&, Now, Effects&);   // [speech]
    // [paper]
    void on(const intent::TakeTicket&, Now, Effects&);
    void on(const intent::ChooseCounter&, Now, Effects&);
    void on(const intent::CloseTicket&, Now, Effects&);
    void on(const intent::TicketIssued&, Now, Effects&);
    void on(const intent::PrintResult&, Now, Effects&);
    void receipt_shown(Effects& effects);  // the receipt appeared: print it, and a ticket
    // [/paper]

    // The timers pending on this screen, from one table: both next_deadline_ms() and Tick read it.
    enum class TimerKind {
        Provisional,  // the portal is slow: show the receipt with the provisional code
        Thanks,       // the thank-you has shown long enough: wipe
        ShortIdle,    // receipt, rating, lookup left alone: wipe
        IdleWarning,  // no touch for a while: "are you still there?"
        IdleWipe,     // the countdown ran out: wipe
        Countdown,    // redraw the countdown's seconds (no action)
        StaffIdle,    // [staff] staff mode left alone: close it (locked again)
    };
    struct Timer {
        TimerKind kind;
        std::int64_t due_ms;
    };
    std::vector<Timer> timers(std::int64_t now_ms) const;
    void fire(TimerKind kind, Now now, Effects& effects);

    void wipe(Effects& effects, Now now);
    void go_next(Effects& effects, Now now);
    void go_back();
    void submit(Effects& effects, Now now);
    bool validate_page(const PageDef& page, int item, Now now);
    bool new_warnings_shown(const PageDef& page, int item);
    void remove_item(const PageDef& page);
    void start_lookup(Effects& effects);
    void apply_scan(const std::string& payload, Effects& effects);
    std::string address_focus(const FieldDef& field) const;
    FieldCheck check_address(const FieldDef& field, Now now);
    AddressAnswerParts& address_parts(const FieldDef& field);
    void choose_address_part(const FieldDef& field, AnswerPart part, const std::string& value);
    void edit_focused(const std::function<std::string(const std::string&)>& change);
    bool condition_holds(const Condition& condition) const;
    int first_visible_page_after(int page) const;
    int last_visible_page_before(int page) const;
    void focus_first_field();
    std::int64_t idle_limit_ms() const;
    void check_invariants() const;

    void take_offers();
    void refresh_results();

    // What the derived lists were computed from, so they are searched again only on a change.
    struct SearchedFor {
        const void* source = nullptr;
        std::string typed;
        std::size_t limit = 0;
        bool operator==(const SearchedFor&) const = default;
    };
    SearchedFor m_search_for;
    std::map<std::string, SearchedFor> m_ward_search_for;

    std::shared_ptr<const CatalogOffer> m_offer;
    std::shared_ptr<const CatalogOffer> m_next_offer;
    std::shared_ptr<const AdminUnits> m_units;
    std::shared_ptr<const AdminUnits> m_next_units;
    SessionConfig m_config;
    Random& m_random;
    SessionState m_state;
    CornerGesture m_gesture;  // [staff]
    // [help] The physical keyboard's composers: they remember the last key (for "ass" -> "as").
    TelexComposer m_telex;
    VniComposer m_vni;
    // [/help]
};

}  // namespace motcua::core
