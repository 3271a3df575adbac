// Staff mode's rules, as plain functions a test drives in microseconds: the hidden corner
// gesture, the PIN lockout arithmetic, and today's counts (counts only, never personal data).
// The platform keeps the PIN hash, the lockout and the counts in 0600 files; nothing here reads
// a clock or a file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/filing/outbox.h"
#include "core/result.h"

namespace motcua::core {

// [SECTION] The hidden gesture

inline constexpr int StaffGestureTaps = 5;
inline constexpr std::int64_t StaffGestureWindowMs = 3000;

// Five taps in the corner within 3 s open the PIN pad. Taps older than the window are forgotten.
class CornerGesture {
public:
    // One tap at `now_ms` (monotonic); true on the tap that completes the gesture (then it
    // starts counting again from nothing).
    bool tap(std::int64_t now_ms);
    void reset() { m_taps.clear(); }
    int pending() const { return static_cast<int>(m_taps.size()); }

private:
    std::vector<std::int64_t> m_taps;
};

// [SECTION] The PIN lockout

inline constexpr int StaffPinMaxFailures = 5;
inline constexpr std::int64_t StaffLockoutMs = 5 * 60 * 1000;

// Persisted (0600) so a restart does not hand out five more guesses. Wall-clock times: the
// lockout must outlive the process, and the monotonic clock restarts with the machine.
struct PinLockout {
    int failures = 0;                       // wrong PINs since the last right one or lock
    std::int64_t locked_until_unix_ms = 0;  // 0: not locked
    bool operator==(const PinLockout&) const = default;
};

// A lock never lasts longer than StaffLockoutMs from now: a clock set back (a dead RTC, NTP
// correcting it) cannot lock staff out for hours. A clock set forward ends it early: whoever
// can set the clock has the machine in hand anyway.
PinLockout normalise_lockout(PinLockout lockout, std::int64_t now_unix_ms);
bool is_locked(const PinLockout& lockout, std::int64_t now_unix_ms);
// Milliseconds until the lock ends (0 when not locked), after normalise_lockout.
std::int64_t lockout_ms_left(const PinLockout& lockout, std::int64_t now_unix_ms);
// A wrong PIN: one more failure; the fifth locks for StaffLockoutMs from now.
PinLockout after_wrong_pin(PinLockout lockout, std::int64_t now_unix_ms);
// The right PIN: everything forgotten.
PinLockout after_right_pin(PinLockout lockout);
int failures_left(const PinLockout& lockout);
std::string encode_lockout(const PinLockout& lockout);
// Error "staff_lock_invalid" when the text is not a lockout this code wrote.
Result<PinLockout> decode_lockout(const std::string& json);

// [SECTION] Today's counts

// What one visit adds to the counts: no names, no numbers, no answers. The one record of how a
// visit ended: staff mode's counts (count_visit) and the ops metrics (visit_metric) both read it.
struct VisitCount {
    std::string abandoned_at;  // the step the resident left at ("question"), "" if not abandoned
    std::int64_t duration_ms = 0;
    bool filed = false;         // a dossier of this visit was saved in the outbox
    std::string ended_at = "";  // the step it ended at, as screen_name() names it
};

// The Prometheus counter one ended visit adds 1 to: motcua_visits_finished_total (filed),
// motcua_visits_abandoned_total{step} (abandoned_at), else motcua_visits_ended_total{step}
// (a visit that ended where visits end without a filing: guidance, eligibility_exit, lookup).
// docs/events.md lists them.
struct VisitMetric {
    std::string family;
    std::string step;  // the "step" label; "" for none
    auto operator<=>(const VisitMetric&) const = default;
};
VisitMetric visit_metric(const VisitCount& visit);

struct DailyCounts {
    std::string date;                      // Vietnam's date, "2026-12-01"
    std::map<std::string, int> filings;    // procedure code → filings saved
    std::map<std::string, int> abandoned;  // step → visits left there
    std::vector<std::int64_t> visit_ms;    // every visit's length, for the median
    int self_service = 0;                  // filings made by the resident alone
    int assisted = 0;                      // filings made with staff help
    bool operator==(const DailyCounts&) const = default;
};

// The counts for `today`: the same ones, or fresh ones when the day changed.
DailyCounts counts_for_day(DailyCounts counts, const std::string& today);
DailyCounts count_filing(DailyCounts counts, const std::string& today,
                         const std::string& procedure_code, bool assisted);
DailyCounts count_visit(DailyCounts counts, const std::string& today, const VisitCount& visit);
// The median visit length in ms (the lower middle of an even count); -1 when no visit ended.
std::int64_t median_visit_ms(const DailyCounts& counts);
int total_filings(const DailyCounts& counts);
std::string encode_counts(const DailyCounts& counts);
// Error "staff_counts_invalid" when the text is not counts this code wrote.
Result<DailyCounts> decode_counts(const std::string& json);

// [SECTION] What the platform knows, for the staff pages

struct StaffOutboxRow {
    std::int64_t id = 0;
    std::string code;       // MaHoSo once accepted, else the provisional code
    std::string procedure;  // the procedure's name (or code)
    OutboxState state = OutboxState::Pending;
    std::string reason_code;    // last_error_code: the portal's reason when held
    std::string reason_detail;  // its detail (the portal's own words), or the cancel reason
    std::int64_t age_ms = 0;    // since it was saved
};

// The scanner is a keyboard-wedge QR reader: all the kiosk can know of it is the last scan it
// typed, when, and whether it was an ID card's (CCCD) QR.
struct LastScan {
    std::int64_t at_unix_ms = 0;
    bool id_card = false;  // the payload reads as a CCCD QR
    bool operator==(const LastScan&) const = default;
};
// What a scan burst tells staff about the scanner (never its content: it holds personal data).
LastScan scan_seen(const std::string& payload, std::int64_t now_unix_ms);

struct StaffView {
    std::vector<StaffOutboxRow> outbox;  // newest first
    bool portal_configured = false;
    bool portal_reachable = false;
    std::string problem_key;  // "staff.problem.<kind>", "" when nothing is wrong
    bool clock_implausible = false;
    // The printer's state, as the paper desk last saw it; "staff.device.unknown" until then.
    std::string printer_key = "staff.device.unknown";
    std::optional<LastScan> last_scan;  // none since the kiosk started
    std::string catalog_origin;         // "bundled", "cache" or "portal"
    DailyCounts counts;
    std::vector<std::string> events;  // the last log events, newest first, no personal data
};

}  // namespace motcua::core
