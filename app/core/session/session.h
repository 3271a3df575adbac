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

enum class TextSize { Normal, Large, ExtraLarge };
enum class Contrast { Standard, High };

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

struct SessionConfig {
    std::int64_t idle_warning_ms = 5 * 60 * 1000;  // no touch this long → "are you still there?"
    std::int64_t idle_countdown_ms = 45 * 1000;    // then this long to answer, then the wipe
    std::int64_t receipt_idle_ms = 2 * 60 * 1000;  // receipt and rating: shorter, nothing to lose
    std::int64_t provisional_after_ms = 4000;      // the resident never waits longer on the network
    std::int64_t thanks_ms = 6000;
    std::string kiosk_id = "KIOSK-01";
    HolidayCalendar holidays;  // for the expected due date on the receipt
    std::string home_ward;     // the ward code where the kiosk stands: offered first
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
    // Derived when what they depend on changes (never on every frame): the procedures matching
    // search_text (indices into the catalogue, best first), and for each address field of the
    // page that is at its ward step, the matching wards' codes, best first.
    std::vector<int> search_hits;
    std::map<std::string, std::vector<std::string>> ward_hits;
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
// Staff mode: print again the receipt kept under this MaHoSo or provisional code (last 30
// days). The staff screen dispatches it; the outcome comes back as PrintResult{Reprint} and is
// in SessionState::paper.reprint ("receipt_not_found" when nothing is kept under the code).
struct Reprint {
    std::string code;
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
}  // namespace intent

using Intent =
    std::variant<intent::Start, intent::Home, intent::ChooseProcedure, intent::AnswerEligibility,
                 intent::Next, intent::Back, intent::Focus, intent::TypeText, intent::Backspace,
                 intent::Shift, intent::Scan, intent::ClearField, intent::ApplyTone,
                 intent::ApplyMark, intent::Choose, intent::Toggle, intent::EditPage,
                 intent::AddItem, intent::RemoveItem, intent::Submit, intent::Saved,
                 intent::Accepted, intent::Held, intent::Finish, intent::Rate, intent::StillHere,
                 intent::OpenLookup, intent::LookupResult, intent::Tick, intent::SetTextSize,
                 intent::SetContrast, intent::SetLanguage,
                 // [paper]
                 intent::TakeTicket, intent::ChooseCounter, intent::CloseTicket,
                 intent::TicketIssued, intent::PrintResult, intent::Reprint>;

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

using Effect = std::variant<effect::SaveDossier, effect::SendRating, effect::Log,
                            effect::VisitEnded, effect::LookupDossier, effect::PrintReceipt,
                            effect::IssueTicket, effect::PrintTicket, effect::Reprint>;  // [paper]

struct Now {
    std::int64_t monotonic_ms = 0;
    std::int64_t wall_unix_ms = 0;
};

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
    // [paper]
    void on(const intent::TakeTicket&, Now, Effects&);
    void on(const intent::ChooseCounter&, Now, Effects&);
    void on(const intent::CloseTicket&, Now, Effects&);
    void on(const intent::TicketIssued&, Now, Effects&);
    void on(const intent::PrintResult&, Now, Effects&);
    void on(const intent::Reprint&, Now, Effects&);
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
};

}  // namespace motcua::core
