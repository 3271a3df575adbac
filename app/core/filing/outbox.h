// The outbox: every submitted dossier waits here until the portal has accepted it. Pure state
// transitions driven by events and by the time passed in; the store (platform/store) persists
// each returned entry, and a worker sends the due ones.
//
//   make_entry → Pending --on_send_started--> Sending --Accepted--> Accepted (final)
//                 ^  ^                           |  |
//                 |  +-------Retry (backoff)-----+  +--Held--> Held
//                 |  +--on_crash_recovery (start-up)              |
//                 +--on_staff_retry, on_fixable_hold_retry (auth,-+
//                    configuration: at start-up and every 10 min)  |
//                                            Held/Pending --on_staff_cancel--> Cancelled (final)
//
// The idempotency key is created with the entry and sent with every attempt, so a resend after
// a timeout or a crash cannot create a second dossier. The payload is frozen at make_entry: only
// on_purge rewrites it, once Accepted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/filing/portal_reply.h"
#include "core/filing/retry_policy.h"
#include "core/ports.h"
#include "core/result.h"

namespace motcua::core {

enum class OutboxState { Pending, Sending, Accepted, Held, Cancelled };

// What is wrong with an entry the portal has not accepted, read from its last error code: what
// the staff notice names, and whether a hold clears by itself once the cause is fixed.
//   Auth     wrong or expired token, client certificate refused (401, 403)
//   Tls      the TLS handshake or the certificate check failed (retried with backoff)
//   Config   the kiosk talks to something that is not the portal's API (404 on the route)
//   Refused  the portal refused this dossier (400, 413, 422...): staff decide
//   Network  no answer, server errors, captive pages, rate limits: it passes by itself
//   None     nothing wrong
enum class HoldKind { None, Network, Tls, Config, Auth, Refused };

HoldKind hold_kind(std::string_view reason_code);
// "none", "network", "tls", "config", "auth", "refused": the i18n suffix ("staff.problem." + it).
std::string_view to_string(HoldKind kind);
// True for the kinds a person fixes outside the dossier (auth, tls, config): such a hold is
// resent on its own, at start-up and every FixableHoldRetryMs.
bool is_fixable(HoldKind kind);
inline constexpr std::int64_t FixableHoldRetryMs = 10 * 60 * 1000;

struct OutboxEntry {
    std::int64_t id = 0;  // assigned by the store
    std::string idempotency_key;
    std::string provisional_code;  // printed on the receipt before the portal answers
    std::string procedure_code;    // MaTTHC
    std::string payload_json;      // frozen at make_entry
    OutboxState state = OutboxState::Pending;
    int attempts = 0;  // sends that got an outcome (reset by a staff retry)
    std::int64_t created_unix_ms = 0;
    std::int64_t next_attempt_unix_ms = 0;
    std::string ma_ho_so;  // set once Accepted
    std::string ngay_hen_tra;
    int trang_thai = 0;
    std::string last_error_code;  // i18n suffix of the last Retry or Held reason
    std::string last_error_detail;
    std::int64_t accepted_unix_ms = 0;
    bool personal_data_purged = false;
    // What the portal adapter saved between the requests of one filing (core::Portal::file),
    // opaque to everything else: "" until a multi-step API (OpenCPS) has done its first step.
    // Kept after acceptance (a later status lookup may need it); never holds form answers.
    std::string portal_progress;
};

// A new entry, Pending and due now. The key and code come from make_idempotency_key and
// make_provisional_code; create them before the first attempt and store them with the payload.
OutboxEntry make_entry(std::string idempotency_key, std::string provisional_code,
                       std::string procedure_code, std::string payload_json,
                       std::int64_t now_unix_ms);

// True when the entry waits to be sent and its time has come.
bool is_due(const OutboxEntry& entry, std::int64_t now_unix_ms);

// The worker picked the entry up: Pending → Sending. Persist this before the request goes out.
// Any other state is returned unchanged.
OutboxEntry on_send_started(OutboxEntry entry);

// The portal's answer to one attempt. Accepted stores the codes (from any state but Accepted:
// the portal has the dossier, whatever we thought). Retry and Held apply only to a Sending entry:
// Retry → Pending, attempts+1, due after next_delay_ms; Held → Held, attempts+1, with the reason.
// An Accepted entry never changes.
OutboxEntry on_outcome(OutboxEntry entry, const SubmitOutcome& outcome, std::int64_t now_unix_ms,
                       const RetryPolicy& policy, Random& random);

// At start-up, a Sending entry means the app stopped mid-request: Pending and due now. Resending
// with the same key is safe (the portal returns the stored result). Other states unchanged.
OutboxEntry on_crash_recovery(OutboxEntry entry, std::int64_t now_unix_ms);

// Staff asked to send again: a Held or Pending entry becomes Pending, due now, with a fresh
// backoff (attempts 0), from the adapter's first step (portal_progress cleared: the same
// idempotency key makes that safe). The last error stays visible until the next outcome.
OutboxEntry on_staff_retry(OutboxEntry entry, std::int64_t now_unix_ms);

// The worker's start-up and its slow schedule: a Held entry whose cause is fixable (is_fixable)
// becomes Pending, due now, keeping its attempts and last error. Anything else is unchanged.
OutboxEntry on_fixable_hold_retry(OutboxEntry entry, std::int64_t now_unix_ms);

// Staff cancelled a Held or Pending entry: Cancelled (final, never sent), with the reason in
// last_error_detail and last_error_code "cancelled". The record and its payload stay (staff may
// need them to contact the resident); the caller logs it. Other states are unchanged.
OutboxEntry on_staff_cancel(OutboxEntry entry, std::string reason);

// True when the entry is still not accepted (nor cancelled) max_age_ms after it was created:
// show it to staff.
// Stale entries are never deleted.
bool is_stale(const OutboxEntry& entry, std::int64_t now_unix_ms, std::int64_t max_age_ms);

// Once Accepted, replaces the payload by purge_personal_data(payload) and marks it purged.
// Any other state is returned unchanged: an unsent dossier keeps everything.
OutboxEntry on_purge(OutboxEntry entry);

// The payload without personal data: keeps only the top-level scalar fields MaTTHC, TenTTHC,
// MaTam, MaKiosk, NgayNop and SoNgayXuLy. Drops everything else, known or not. Unparsable input
// gives "{}".
std::string purge_personal_data(const std::string& payload_json);

// "pending", "sending", "accepted", "held", "cancelled": the text stored in SQLite.
std::string_view to_string(OutboxState state);
// The inverse of to_string; error code "outbox_state_unknown" for anything else.
Result<OutboxState> parse_outbox_state(std::string_view text);

}  // namespace motcua::core
