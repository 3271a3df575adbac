// How long to wait before sending a dossier again: exponential backoff with full jitter
// (AWS Architecture Blog, "Exponential Backoff and Jitter"), never sooner than the portal asked.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/ports.h"

namespace motcua::core {

struct RetryPolicy {
    std::int64_t base_ms = 2000;   // the first window: a retry within 0–2 s
    std::int64_t cap_ms = 300000;  // no window wider than 5 minutes
};

// A Retry-After longer than this is clamped: a misconfigured or hostile server must not park
// the outbox for days. One hour still lets a portal announce a maintenance window.
inline constexpr std::int64_t MaxRetryAfterMs = 3600 * 1000;

// The value of a Retry-After header (RFC 9110 §10.2.3) in seconds, when it is delta-seconds:
// digits only, blanks around them allowed. Any number of digits: a value above
// MaxRetryAfterMs / 1000 is clamped to it instead of overflowing (and being ignored). The
// HTTP-date form and anything else give nothing (the backoff alone applies).
std::optional<int> parse_retry_after(std::string_view value);

// Delay before the next attempt, given how many attempts already failed (0 for the first
// failure). Uniform in [0, min(cap, base·2^attempt)] inclusive; overflow-safe for any attempt.
// When the server sent Retry-After, the delay is at least that (clamped to MaxRetryAfterMs),
// even above cap_ms. Negative inputs count as 0.
std::int64_t next_delay_ms(const RetryPolicy& policy, int attempt,
                           std::optional<int> retry_after_seconds, Random& random);

// The upper bound of the jitter window for an attempt: min(cap, base·2^attempt), never negative.
std::int64_t backoff_ceiling_ms(const RetryPolicy& policy, int attempt);

}  // namespace motcua::core
