#include "core/filing/outbox.h"

#include <array>
#include <nlohmann/json.hpp>
#include <type_traits>

namespace motcua::core {

OutboxEntry make_entry(std::string idempotency_key, std::string provisional_code,
                       std::string procedure_code, std::string payload_json,
                       std::int64_t now_unix_ms) {
    OutboxEntry entry;
    entry.idempotency_key = std::move(idempotency_key);
    entry.provisional_code = std::move(provisional_code);
    entry.procedure_code = std::move(procedure_code);
    entry.payload_json = std::move(payload_json);
    entry.state = OutboxState::Pending;
    entry.created_unix_ms = now_unix_ms;
    entry.next_attempt_unix_ms = now_unix_ms;
    return entry;
}

bool is_due(const OutboxEntry& entry, std::int64_t now_unix_ms) {
    return entry.state == OutboxState::Pending && now_unix_ms >= entry.next_attempt_unix_ms;
}

OutboxEntry on_send_started(OutboxEntry entry) {
    if (entry.state == OutboxState::Pending) entry.state = OutboxState::Sending;
    return entry;
}

OutboxEntry on_outcome(OutboxEntry entry, const SubmitOutcome& outcome, std::int64_t now_unix_ms,
                       const RetryPolicy& policy, Random& random) {
    if (entry.state == OutboxState::Accepted) return entry;
    std::visit(
        [&](const auto& result) {
            using T = std::decay_t<decltype(result)>;
            if constexpr (std::is_same_v<T, SubmitAccepted>) {
                // Even a late answer for an entry we had given up on is the truth: the portal
                // holds the dossier, and the resident's code is what matters.
                if (entry.state == OutboxState::Sending) ++entry.attempts;
                entry.state = OutboxState::Accepted;
                entry.ma_ho_so = result.ma_ho_so;
                entry.ngay_hen_tra = result.ngay_hen_tra;
                entry.trang_thai = result.trang_thai;
                entry.accepted_unix_ms = now_unix_ms;
                entry.last_error_code.clear();
                entry.last_error_detail.clear();
            } else if (entry.state != OutboxState::Sending) {
                // A stale Retry or Held (the entry was recovered or retried by staff meanwhile):
                // the newer decision stands.
            } else if constexpr (std::is_same_v<T, SubmitRetry>) {
                const std::int64_t delay =
                    next_delay_ms(policy, entry.attempts, result.retry_after_seconds, random);
                ++entry.attempts;
                entry.state = OutboxState::Pending;
                entry.next_attempt_unix_ms = now_unix_ms + delay;
                entry.last_error_code = result.reason_code;
                entry.last_error_detail = result.detail;
            } else {
                ++entry.attempts;
                entry.state = OutboxState::Held;
                entry.last_error_code = result.reason_code;
                entry.last_error_detail = result.detail;
            }
        },
        outcome);
    return entry;
}

OutboxEntry on_crash_recovery(OutboxEntry entry, std::int64_t now_unix_ms) {
    if (entry.state == OutboxState::Sending) {
        entry.state = OutboxState::Pending;
        entry.next_attempt_unix_ms = now_unix_ms;
    }
    return entry;
}

OutboxEntry on_staff_retry(OutboxEntry entry, std::int64_t now_unix_ms) {
    if (entry.state == OutboxState::Held || entry.state == OutboxState::Pending) {
        entry.state = OutboxState::Pending;
        entry.next_attempt_unix_ms = now_unix_ms;
        entry.attempts = 0;
        // From the first step again: a multi-step adapter's saved step may be what the portal
        // refuses (a dossier it lost, a site moved). Safe: the first step carries the same
        // idempotency key, and the portal answers it with the dossier it already has.
        entry.portal_progress.clear();
    }
    return entry;
}

OutboxEntry on_fixable_hold_retry(OutboxEntry entry, std::int64_t now_unix_ms) {
    if (entry.state == OutboxState::Held && is_fixable(hold_kind(entry.last_error_code))) {
        entry.state = OutboxState::Pending;
        entry.next_attempt_unix_ms = now_unix_ms;
    }
    return entry;
}

OutboxEntry on_staff_cancel(OutboxEntry entry, std::string reason) {
    if (entry.state == OutboxState::Held || entry.state == OutboxState::Pending) {
        entry.state = OutboxState::Cancelled;
        entry.last_error_code = "cancelled";
        entry.last_error_detail = std::move(reason);
    }
    return entry;
}

HoldKind hold_kind(std::string_view reason_code) {
    if (reason_code.empty()) return HoldKind::None;
    if (reason_code == "portal_unauthorized") return HoldKind::Auth;
    if (reason_code == "portal_tls") return HoldKind::Tls;
    if (reason_code == "portal_not_found" || reason_code == "portal_config")
        return HoldKind::Config;
    if (reason_code == "portal_bad_request" || reason_code == "portal_payload_too_large" ||
        reason_code == "portal_rejected" || reason_code == "portal_refused" ||
        reason_code == "cancelled")
        return HoldKind::Refused;
    return HoldKind::Network;
}

std::string_view to_string(HoldKind kind) {
    switch (kind) {
        case HoldKind::None:
            return "none";
        case HoldKind::Network:
            return "network";
        case HoldKind::Tls:
            return "tls";
        case HoldKind::Config:
            return "config";
        case HoldKind::Auth:
            return "auth";
        case HoldKind::Refused:
            return "refused";
    }
    return "none";  // unreachable
}

bool is_fixable(HoldKind kind) {
    return kind == HoldKind::Auth || kind == HoldKind::Tls || kind == HoldKind::Config;
}

bool is_stale(const OutboxEntry& entry, std::int64_t now_unix_ms, std::int64_t max_age_ms) {
    return entry.state != OutboxState::Accepted && entry.state != OutboxState::Cancelled &&
           now_unix_ms - entry.created_unix_ms >= max_age_ms;
}

OutboxEntry on_purge(OutboxEntry entry) {
    if (entry.state != OutboxState::Accepted || entry.personal_data_purged) return entry;
    entry.payload_json = purge_personal_data(entry.payload_json);
    entry.personal_data_purged = true;
    return entry;
}

std::string purge_personal_data(const std::string& payload_json) {
    // An allow-list, not a deny-list: a field added to the payload later is dropped until someone
    // decides it carries no personal data.
    static constexpr std::array<const char*, 6> Kept = {"MaTTHC",  "TenTTHC", "MaTam",
                                                        "MaKiosk", "NgayNop", "SoNgayXuLy"};
    try {
        const nlohmann::json payload =
            nlohmann::json::parse(payload_json, nullptr, /*allow_exceptions=*/false);
        nlohmann::json kept = nlohmann::json::object();
        if (payload.is_object()) {
            for (const char* key : Kept) {
                const auto it = payload.find(key);
                // Scalars only: an object or array under a kept name could hide anything.
                if (it != payload.end() && it->is_primitive() && !it->is_null()) kept[key] = *it;
            }
        }
        return kept.dump();
    } catch (const nlohmann::json::exception&) {
        return "{}";
    }
}

std::string_view to_string(OutboxState state) {
    switch (state) {
        case OutboxState::Pending:
            return "pending";
        case OutboxState::Sending:
            return "sending";
        case OutboxState::Accepted:
            return "accepted";
        case OutboxState::Held:
            return "held";
        case OutboxState::Cancelled:
            return "cancelled";
    }
    return "pending";  // unreachable: every enumerator is handled above
}

Result<OutboxState> parse_outbox_state(std::string_view text) {
    for (OutboxState state : {OutboxState::Pending, OutboxState::Sending, OutboxState::Accepted,
                              OutboxState::Held, OutboxState::Cancelled}) {
        if (text == to_string(state)) return state;
    }
    std::string shown(text.substr(0, 32));
    return make_error("outbox_state_unknown", "outbox state '" + shown +
                                                  "' is not one of "
                                                  "pending, sending, accepted, held, cancelled");
}

}  // namespace motcua::core
