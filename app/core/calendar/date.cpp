#include "core/calendar/date.h"

#include <cstdio>

namespace motcua::core {

namespace chrono = std::chrono;

bool is_leap_year(int year) {
    return chrono::year{year}.is_leap();
}

int days_in_month(int year, int month) {
    if (month < 1 || month > 12) return 0;
    const chrono::year_month_day_last last{
        chrono::year{year}, chrono::month_day_last{chrono::month{static_cast<unsigned>(month)}}};
    return static_cast<int>(static_cast<unsigned>(last.day()));
}

bool is_valid_date(int year, int month, int day) {
    // Range-check before converting: chrono::day holds 0..255 and chrono::year -32767..32767.
    if (year < -32767 || year > 32767 || month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    return Date{year, month, day}.ymd().ok();
}

std::int64_t days_from_civil(Date date) {
    return chrono::sys_days{date.ymd()}.time_since_epoch().count();
}

Date civil_from_days(std::int64_t days) {
    return Date::from(chrono::year_month_day{chrono::sys_days{chrono::days{days}}});
}

Date add_days(Date date, std::int64_t count) {
    return Date::from(chrono::year_month_day{chrono::sys_days{date.ymd()} + chrono::days{count}});
}

Weekday weekday(Date date) {
    return static_cast<Weekday>(chrono::weekday{chrono::sys_days{date.ymd()}}.c_encoding());
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i)
        for (std::size_t j = starts[i]; j < starts[i] + lengths[i]; ++j) {
            if (text[j] < '0' || text[j] > '9') return std::nullopt;
            parts[i] = parts[i] * 10 + (text[j] - '0');
        }
    if (!is_valid_date(parts[0], parts[1], parts[2])) return std::nullopt;
    return Date{parts[0], parts[1], parts[2]};
}

std::string format_iso_date(Date date) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

}  // namespace motcua::core
