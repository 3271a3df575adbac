#include "core/filing/due_date.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "core/json/object_reader.h"
#include "core/json/strict_reader.h"

namespace motcua::core {

namespace {

// Only yyyy-mm-dd in files: "05/02/2027" could be read as May 2nd by a foreign editor.
Date read_iso_day(const strict_json::ObjectReader& reader, const char* key) {
    const std::string text = reader.string(key);
    const auto date = parse_iso_date(text);
    if (!date)
        strict_json::fail(reader.path(key),
                          "expected a real date written yyyy-mm-dd, found \"" + text + "\"");
    return *date;
}

}  // namespace

Result<HolidayCalendar> parse_holiday_file(std::string_view json_text,
                                           std::string_view source_name) {
    const std::string source(source_name);
    auto doc = strict_json::read(json_text);
    if (!doc) return make_error("holidays_invalid", source + ": " + doc.error().detail);
    try {
        strict_json::ObjectReader reader(*doc, "$", {"format", "_about", "covers", "holidays"});
        if (reader.integer("format", 1, 1) != 1)
            strict_json::fail("$.format", "missing; expected 1");
        if (reader.has("_about")) {  // for the people who edit the file; not read
            const auto& about = reader.at("_about");
            const bool text =
                about.is_string() ||
                (about.is_array() && std::all_of(about.begin(), about.end(), [](const auto& line) {
                     return line.is_string();
                 }));
            if (!text) strict_json::fail("$._about", "expected a string or a list of strings");
        }
        if (!reader.has("covers"))
            strict_json::fail("$.covers",
                              "missing; expected {\"from\": yyyy-mm-dd, \"to\": yyyy-mm-dd}");
        strict_json::ObjectReader covers(reader.at("covers"), "$.covers", {"from", "to"});
        HolidayCalendar calendar;
        calendar.covers_from = read_iso_day(covers, "from");
        calendar.covers_to = read_iso_day(covers, "to");
        if (*calendar.covers_to < *calendar.covers_from)
            strict_json::fail("$.covers.to", "ends before \"from\"");
        const auto& list = reader.array("holidays");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string path = strict_json::index_path("$.holidays", i);
            strict_json::ObjectReader entry(list[i], path, {"date", "name", "basis"});
            const Date date = read_iso_day(entry, "date");
            if (entry.string("name").empty())
                strict_json::fail(entry.path("name"), "expected the holiday's name");
            if (entry.string("basis").empty())
                strict_json::fail(entry.path("basis"),
                                  "expected where this day comes from (a law, a decision)");
            if (!calendar.covers(date))
                strict_json::fail(entry.path("date"),
                                  format_iso_date(date) + " is outside \"covers\"");
            if (!calendar.days.insert(date).second)
                strict_json::fail(entry.path("date"), format_iso_date(date) + " is listed twice");
        }
        return calendar;
    } catch (const std::exception& e) {  // strict_json::SchemaError, or nlohmann's own
        return make_error("holidays_invalid", source + ": " + e.what());
    }
}

bool is_working_day(const Date& date, const HolidayCalendar& calendar) {
    const Weekday day_of_week = weekday(date);
    return day_of_week != Weekday::Sunday && day_of_week != Weekday::Saturday &&
           !calendar.contains(date);
}

Date next_working_day(const Date& date, const HolidayCalendar& calendar) {
    // Terminates: the calendar is finite, so some later weekday is not in it.
    Date next = add_days(date, 1);
    while (!is_working_day(next, calendar)) next = add_days(next, 1);
    return next;
}

Date effective_reception_day(const LocalDateTime& received, const HolidayCalendar& calendar) {
    const Date day = date_of(received);
    if (is_working_day(day, calendar) && received.hour < ReceptionCutoffHour) return day;
    return next_working_day(day, calendar);
}

LocalDateTime due_at(const LocalDateTime& received, int working_days,
                     const HolidayCalendar& calendar) {
    Date day = effective_reception_day(received, calendar);
    for (int i = 0; i < working_days; ++i) day = next_working_day(day, calendar);
    return LocalDateTime{day.year, day.month, day.day, DueHour, 0, 0};
}

}  // namespace motcua::core
