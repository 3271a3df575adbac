#include "core/filing/due_date.h"

#include <optional>

namespace motcua::core {

using namespace civil;

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
                             text.front() == '\n'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                             text.back() == '\n'))
        text.remove_suffix(1);
    return text;
}

// A run of 1..max_digits ASCII digits, the whole of `text`.
std::optional<int> parse_digits(std::string_view text, std::size_t min_digits,
                                std::size_t max_digits) {
    if (text.size() < min_digits || text.size() > max_digits) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<CivilDate> parse_date_parts(std::string_view text) {
    std::optional<int> day, month, year;
    if (auto first = text.find('/'); first != std::string_view::npos) {
        const auto second = text.find('/', first + 1);
        if (second == std::string_view::npos) return std::nullopt;
        day = parse_digits(text.substr(0, first), 1, 2);
        month = parse_digits(text.substr(first + 1, second - first - 1), 1, 2);
        year = parse_digits(text.substr(second + 1), 4, 4);
    } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        year = parse_digits(text.substr(0, 4), 4, 4);
        month = parse_digits(text.substr(5, 2), 2, 2);
        day = parse_digits(text.substr(8, 2), 2, 2);
    }
    if (!day || !month || !year || !is_valid_date(*year, *month, *day)) return std::nullopt;
    return CivilDate{*year, *month, *day};
}

}  // namespace

Result<CivilDate> parse_calendar_date(std::string_view text) {
    const std::string_view trimmed = trim(text);
    if (auto date = parse_date_parts(trimmed)) return *date;
    return make_error("holiday_date_invalid",
                      "expected dd/mm/yyyy or yyyy-mm-dd, got '" + std::string(trimmed) + "'");
}

Result<HolidayCalendar> parse_holidays(const std::vector<std::string>& dates) {
    HolidayCalendar calendar;
    for (std::size_t i = 0; i < dates.size(); ++i) {
        const std::string_view entry = trim(dates[i]);
        if (entry.empty() || entry.front() == '#') continue;
        auto date = parse_calendar_date(entry);
        if (!date) {
            return make_error(date.error().code, "holiday entry " + std::to_string(i + 1) + ": " +
                                                     date.error().detail);
        }
        calendar.days.insert(*date);
    }
    return calendar;
}

bool is_working_day(const CivilDate& date, const HolidayCalendar& calendar) {
    const int day_of_week = weekday(date);
    return day_of_week != 0 && day_of_week != 6 && !calendar.contains(date);
}

CivilDate next_working_day(const CivilDate& date, const HolidayCalendar& calendar) {
    // Terminates: the calendar is finite, so some later weekday is not in it.
    CivilDate next = add_days(date, 1);
    while (!is_working_day(next, calendar)) next = add_days(next, 1);
    return next;
}

CivilDate effective_reception_day(const LocalDateTime& received, const HolidayCalendar& calendar) {
    const CivilDate day = date_of(received);
    if (is_working_day(day, calendar) && received.hour < ReceptionCutoffHour) return day;
    return next_working_day(day, calendar);
}

LocalDateTime due_at(const LocalDateTime& received, int working_days,
                     const HolidayCalendar& calendar) {
    CivilDate day = effective_reception_day(received, calendar);
    for (int i = 0; i < working_days; ++i) day = next_working_day(day, calendar);
    return LocalDateTime{day.year, day.month, day.day, DueHour, 0, 0};
}

}  // namespace motcua::core
