#include "core/filing/retry_policy.h"

#include <algorithm>

namespace motcua::core {

std::int64_t backoff_ceiling_ms(const RetryPolicy& policy, int attempt) {
    const std::int64_t cap = std::max<std::int64_t>(policy.cap_ms, 0);
    const std::int64_t base = std::clamp<std::int64_t>(policy.base_ms, 0, cap);
    if (base == 0) return 0;
    // Double step by step and stop at the cap: no shift ever overflows, whatever the attempt.
    std::int64_t ceiling = base;
    for (int i = 0; i < attempt && ceiling < cap; ++i) {
        ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
    }
    return std::min(ceiling, cap);
}

std::optional<int> parse_retry_after(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r' ||
                              value.back() == '\n'))
        value.remove_suffix(1);
    if (value.empty()) return std::nullopt;
    constexpr std::int64_t Cap = MaxRetryAfterMs / 1000;
    std::int64_t seconds = 0;
    for (char c : value) {
        if (c < '0' || c > '9') return std::nullopt;
        seconds =
            std::min<std::int64_t>(seconds * 10 + (c - '0'), Cap);  // saturates, never overflows
    }
    return static_cast<int>(seconds);
}

std::int64_t next_delay_ms(const RetryPolicy& policy, int attempt,
                           std::optional<int> retry_after_seconds, Random& random) {
    const std::int64_t ceiling = backoff_ceiling_ms(policy, attempt);
    // below(n) is uniform in [0, n); the window is inclusive of its ceiling.
    const auto jitter =
        static_cast<std::int64_t>(random.below(static_cast<std::uint64_t>(ceiling) + 1));
    std::int64_t floor = 0;
    if (retry_after_seconds && *retry_after_seconds > 0) {
        floor = std::min<std::int64_t>(std::int64_t{*retry_after_seconds} * 1000, MaxRetryAfterMs);
    }
    return std::max(jitter, floor);
}

}  // namespace motcua::core
