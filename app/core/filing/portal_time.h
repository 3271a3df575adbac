// Portal time: wall-clock dates and times in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight
// saving), the zone every one-stop system uses for NgayNop, NgayTiepNhan and NgayHenTra.
// Dates are core::Date (core/calendar/date.h, std::chrono calendar arithmetic); no time-zone
// database, no clock reads.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar/date.h"

namespace motcua::core {

// A local date and time in Asia/Ho_Chi_Minh, to the second.
struct LocalDateTime {
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    friend auto operator<=>(const LocalDateTime&, const LocalDateTime&) = default;
};

inline constexpr std::int64_t VietnamUtcOffsetSeconds = 7 * 3600;

// The date part of a local date-time.
Date date_of(const LocalDateTime& time);

// Unix milliseconds (UTC) → the wall time in Vietnam; milliseconds are truncated toward the past.
LocalDateTime vietnam_time_from_unix_ms(std::int64_t unix_ms);
// Wall time in Vietnam → Unix milliseconds (UTC). Exact inverse for whole seconds.
std::int64_t unix_ms_from_vietnam_time(const LocalDateTime& time);

// "yyyyMMddHHmmss", the portal's date-time format (e.g. "20260310143000").
std::string format_portal_time(const LocalDateTime& time);
// Strict parse of "yyyyMMddHHmmss": exactly 14 ASCII digits forming a real date and time
// (seconds 0..59); anything else is nullopt.
std::optional<LocalDateTime> parse_portal_time(std::string_view text);

// "dd/mm/yyyy", the date as printed on a Vietnamese receipt.
std::string format_display_date(const Date& date);
std::string format_display_date(const LocalDateTime& time);
// "HH:mm dd/mm/yyyy", a date-time as printed on a receipt (e.g. "17:00 12/03/2026").
std::string format_display_date_time(const LocalDateTime& time);

}  // namespace motcua::core
