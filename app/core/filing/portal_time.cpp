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

}  // namespace

Date date_of(const LocalDateTime& time) {
    return Date{time.year, time.month, time.day};
}

LocalDateTime vietnam_time_from_unix_ms(std::int64_t unix_ms) {
    const std::int64_t local_seconds = floor_div(unix_ms, MsPerSecond) + VietnamUtcOffsetSeconds;
    const std::int64_t days = floor_div(local_seconds, SecondsPerDay);
    const std::int64_t second_of_day = local_seconds - days * SecondsPerDay;
    const Date date = civil_from_days(days);
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

std::string format_display_date(const Date& date) {
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
