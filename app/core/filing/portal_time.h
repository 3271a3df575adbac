// Portal time: wall-clock dates and times in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight
// saving), the zone every one-stop system uses for NgayNop, NgayTiepNhan and NgayHenTra.
// Pure civil-calendar arithmetic (proleptic Gregorian), no time-zone database, no clock reads.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::core {

// A calendar date. Valid when is_valid_date() says so; the functions below assume valid input.
struct CivilDate {
    int year = 1970;
    int month = 1;
    int day = 1;
    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

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

// Civil-calendar arithmetic, in its own namespace: app/core/form/date.h has similar helpers for
// its own Date type, and overloads of the same names would invite ambiguous calls.
// FIXME: one date type for core (form::Date and CivilDate) once both have settled.
namespace civil {
// True for a real Gregorian date (leap years included).
bool is_valid_date(int year, int month, int day);
// 28..31 for a valid year and month.
int days_in_month(int year, int month);
// Days since 1970-01-01 (negative before it); the inverse of civil_from_days.
std::int64_t days_from_civil(const CivilDate& date);
// The date that is `days` days after 1970-01-01.
CivilDate civil_from_days(std::int64_t days);
// 0 = Sunday, 1 = Monday, ... 6 = Saturday.
int weekday(const CivilDate& date);
// The date `count` days later (earlier when negative).
CivilDate add_days(const CivilDate& date, std::int64_t count);
// The date part of a local date-time.
CivilDate date_of(const LocalDateTime& time);
}  // namespace civil

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
std::string format_display_date(const CivilDate& date);
std::string format_display_date(const LocalDateTime& time);
// "HH:mm dd/mm/yyyy", a date-time as printed on a receipt (e.g. "17:00 12/03/2026").
std::string format_display_date_time(const LocalDateTime& time);

}  // namespace motcua::core
