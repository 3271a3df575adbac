// The one civil date of core: a day of the proleptic Gregorian calendar, with no time zone.
// A plain value (year, month, day) that reads like the forms it comes from; every computation
// on it (validity, leap years, day counts, weekdays) is std::chrono's calendar arithmetic
// (year_month_day, sys_days), not a hand-written algorithm. "Today" always comes in as an
// argument: core reads no clock (tests/unit/purity_test.cpp).
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::core {

struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    // Member order (year, month, day) makes the defaulted comparison chronological.
    friend auto operator<=>(const Date&, const Date&) = default;

    std::chrono::year_month_day ymd() const {
        return std::chrono::year_month_day{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    }
    static Date from(std::chrono::year_month_day ymd) {
        return Date{static_cast<int>(ymd.year()),
                    static_cast<int>(static_cast<unsigned>(ymd.month())),
                    static_cast<int>(static_cast<unsigned>(ymd.day()))};
    }
};

// Same encoding as std::chrono::weekday: Sunday = 0. Vietnamese "Thứ hai" is Monday.
enum class Weekday { Sunday = 0, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday };

// Leap years of the Gregorian calendar (2024, 2000; not 1900, 2100).
bool is_leap_year(int year);
// 28..31; 0 when the month is not 1..12.
int days_in_month(int year, int month);
// True for a real day of the calendar in the years std::chrono supports (-32767..32767):
// 31/02 and 29/02/2023 are not. (Forms also bound the year: form/date.h is_real_date.)
bool is_valid_date(int year, int month, int day);
inline bool is_valid_date(Date date) {
    return is_valid_date(date.year, date.month, date.day);
}

// Days since 1970-01-01 (negative before it), for a valid date; the inverse of civil_from_days.
std::int64_t days_from_civil(Date date);
Date civil_from_days(std::int64_t days);
// The date `count` days later (earlier when negative).
Date add_days(Date date, std::int64_t count);
Weekday weekday(Date date);

// Strict "yyyy-mm-dd" forming a real date, the whole text (configuration files: fees,
// holidays); nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view text);
// "yyyy-mm-dd", zero-padded.
std::string format_iso_date(Date date);

}  // namespace motcua::core
