// Whether the wall clock can be believed. A kiosk whose RTC battery died boots in 1970 (or
// 2000); one set by hand may be years ahead. Nothing the resident is told (a due date, a filing
// time) may come from such a clock: callers check it first and say the clock is wrong instead.
#pragma once

#include <cstdint>

namespace motcua::core {

// 2025-01-01T00:00:00Z: no kiosk running this code has a correct clock before it.
inline constexpr std::int64_t EarliestPlausibleUnixMs = 1'735'689'600'000;
// 2100-01-01T00:00:00Z: far beyond any deployment; a later clock was set wrong.
inline constexpr std::int64_t LatestPlausibleUnixMs = 4'102'444'800'000;

// True when `unix_ms` lies in [EarliestPlausibleUnixMs, LatestPlausibleUnixMs).
constexpr bool is_plausible_wall_clock(std::int64_t unix_ms) {
    return unix_ms >= EarliestPlausibleUnixMs && unix_ms < LatestPlausibleUnixMs;
}

}  // namespace motcua::core
