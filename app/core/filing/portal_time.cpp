#include "core/filing/portal_time.h"

#include <cstdio>

namespace motcua::core {

namespace {

constexpr std::int64_t MsPerSecond = 1000;
constexpr std::int64_t SecondsPerDay = 86400;

// Floor division: -1 / 86400 must be day -1, not day 0.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

}  // namespace

namespace civil {

bool is_valid_date(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) return false;
    return day <= days_in_month(year, month);
}

int days_in_month(int year, int month) {
    static constexpr int Days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year)) return 29;
    return Days[month - 1];
}

// Howard Hinnant's days_from_civil: shift the year to start in March so the leap day is the
// last day of the year, then count whole 400-year eras.
std::int64_t days_from_civil(const CivilDate& date) {
    std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t year_of_era = y - era * 400;  // [0, 399]
    const std::int64_t m = date.month;
    const std::int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day - 1;
    const std::int64_t day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
    return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = floor_div(days, 146097);
    const std::int64_t day_of_era = days - era * 146097;
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t mp = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
    return CivilDate{year, month, day};
}

int weekday(const CivilDate& date) {
    // 1970-01-01 was a Thursday (4).
    const std::int64_t days = days_from_civil(date);
    return static_cast<int>(days - floor_div(days + 4, 7) * 7 + 4);
}

CivilDate add_days(const CivilDate& date, std::int64_t count) {
    return civil_from_days(days_from_civil(date) + count);
}

CivilDate date_of(const LocalDateTime& time) {
    return CivilDate{time.year, time.month, time.day};
}

}  // namespace civil

using namespace civil;

LocalDateTime vietnam_time_from_unix_ms(std::int64_t unix_ms) {
    const std::int64_t local_seconds = floor_div(unix_ms, MsPerSecond) + VietnamUtcOffsetSeconds;
    const std::int64_t days = floor_div(local_seconds, SecondsPerDay);
    const std::int64_t second_of_day = local_seconds - days * SecondsPerDay;
    const CivilDate date = civil_from_days(days);
    return LocalDateTime{date.year,
                         date.month,
                         date.day,
                         static_cast<int>(second_of_day / 3600),
                         static_cast<int>(second_of_day / 60 % 60),
                         static_cast<int>(second_of_day % 60)};
}

std::int64_t unix_ms_from_vietnam_time(const LocalDateTime& time) {
    const std::int64_t days = days_from_civil(date_of(time));
    const std::int64_t local_seconds =
        days * SecondsPerDay + time.hour * 3600 + time.minute * 60 + time.second;
    return (local_seconds - VietnamUtcOffsetSeconds) * MsPerSecond;
}

std::string format_portal_time(const LocalDateTime& time) {
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02d%02d%02d%02d", time.year, time.month,
                  time.day, time.hour, time.minute, time.second);
    return buffer;
}

std::optional<LocalDateTime> parse_portal_time(std::string_view text) {
    if (text.size() != 14) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    auto number = [&](std::size_t offset, std::size_t length) {
        int value = 0;
        for (std::size_t i = offset; i < offset + length; ++i) value = value * 10 + (text[i] - '0');
        return value;
    };
    LocalDateTime time{number(0, 4), number(4, 2),  number(6, 2),
                       number(8, 2), number(10, 2), number(12, 2)};
    if (!is_valid_date(time.year, time.month, time.day)) return std::nullopt;
    if (time.hour > 23 || time.minute > 59 || time.second > 59) return std::nullopt;
    return time;
}

std::string format_display_date(const CivilDate& date) {
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", date.day, date.month, date.year);
    return buffer;
}

std::string format_display_date(const LocalDateTime& time) {
    return format_display_date(date_of(time));
}

std::string format_display_date_time(const LocalDateTime& time) {
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d %02d/%02d/%04d", time.hour, time.minute,
                  time.day, time.month, time.year);
    return buffer;
}

}  // namespace motcua::core
