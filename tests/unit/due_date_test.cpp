#include "core/filing/due_date.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/filing/portal_time.h"

using namespace motcua::core;

namespace {

LocalDateTime at(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
    return LocalDateTime{year, month, day, hour, minute, second};
}

// A holiday file (the one format, core::parse_holiday_file) listing `dates` (yyyy-mm-dd).
std::string holiday_file(const std::vector<std::string>& dates) {
    std::string list;
    for (const auto& date : dates)
        list += std::string(list.empty() ? "" : ",") + R"({"date": ")" + date +
                R"(", "name": "x", "basis": "test"})";
    return R"({"format": 1, "covers": {"from": "2026-01-01", "to": "2028-12-31"}, "holidays": [)" +
           list + "]}";
}

HolidayCalendar calendar_of(const std::vector<std::string>& dates) {
    auto calendar = parse_holiday_file(holiday_file(dates), "test");
    INFO((calendar.ok() ? std::string() : calendar.error().detail));
    REQUIRE(calendar.ok());
    return *calendar;
}

std::string read_source_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// Tết Bính Ngọ 2026 as a run of days off, Saturday 14/02 to Sunday 22/02 (test data here; the
// shipped calendar is tested below).
const std::vector<std::string> Tet2026 = {"2026-02-14", "2026-02-15", "2026-02-16",
                                          "2026-02-17", "2026-02-18", "2026-02-19",
                                          "2026-02-20", "2026-02-21", "2026-02-22"};

}  // namespace

// [SECTION] portal time

TEST_CASE("portal time is Vietnam wall time at UTC+7", "[time]") {
    // 2026-03-10T07:30:00Z
    const std::int64_t unix_ms = 1773127800000;
    const LocalDateTime local = vietnam_time_from_unix_ms(unix_ms);
    CHECK(local == at(2026, 3, 10, 14, 30, 0));
    CHECK(format_portal_time(local) == "20260310143000");
    CHECK(unix_ms_from_vietnam_time(local) == unix_ms);

    SECTION("milliseconds are truncated toward the past") {
        CHECK(vietnam_time_from_unix_ms(unix_ms + 999) == local);
        CHECK(vietnam_time_from_unix_ms(-1) == at(1970, 1, 1, 6, 59, 59));
    }
    SECTION("17:00 UTC is already the next day in Vietnam") {
        // 2026-12-31T17:00:00Z
        CHECK(vietnam_time_from_unix_ms(1798736400000) == at(2027, 1, 1, 0, 0, 0));
    }
}

TEST_CASE("civil day numbers round-trip over many centuries", "[time]") {
    CHECK(days_from_civil(Date{1970, 1, 1}) == 0);
    CHECK(days_from_civil(Date{2000, 3, 1}) == 11017);
    CHECK(civil_from_days(-1) == Date{1969, 12, 31});

    // Walk 800 years day by day: each day is the previous one plus one, in calendar terms.
    Date previous = civil_from_days(days_from_civil(Date{1700, 1, 1}) - 1);
    const std::int64_t first = days_from_civil(Date{1700, 1, 1});
    const std::int64_t last = days_from_civil(Date{2500, 1, 1});
    int mismatches = 0;
    for (std::int64_t days = first; days < last; ++days) {
        const Date date = civil_from_days(days);
        const bool same_month = date.year == previous.year && date.month == previous.month &&
                                date.day == previous.day + 1;
        const bool new_month =
            date.day == 1 && previous.day == days_in_month(previous.year, previous.month) &&
            (date.month == previous.month + 1 ||
             (date.month == 1 && previous.month == 12 && date.year == previous.year + 1));
        if (!(same_month || new_month) || days_from_civil(date) != days) ++mismatches;
        previous = date;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("weekdays follow the calendar", "[time]") {
    CHECK(weekday(Date{1970, 1, 1}) == static_cast<Weekday>(4));    // Thursday
    CHECK(weekday(Date{2026, 3, 13}) == static_cast<Weekday>(5));   // Friday
    CHECK(weekday(Date{2026, 3, 14}) == static_cast<Weekday>(6));   // Saturday
    CHECK(weekday(Date{2026, 3, 15}) == static_cast<Weekday>(0));   // Sunday
    CHECK(weekday(Date{1969, 12, 31}) == static_cast<Weekday>(3));  // Wednesday
    CHECK(weekday(Date{2024, 2, 29}) == static_cast<Weekday>(4));   // Thursday
}

TEST_CASE("portal time parsing accepts only 14 digits forming a real date and time", "[time]") {
    SECTION("valid times parse to their fields") {
        CHECK(parse_portal_time("20260310143000") == at(2026, 3, 10, 14, 30, 0));
        CHECK(parse_portal_time("20240229235959") == at(2024, 2, 29, 23, 59, 59));
        CHECK(parse_portal_time("20000229000000") == at(2000, 2, 29, 0, 0, 0));
    }
    SECTION("anything else is rejected") {
        const std::string bad =
            GENERATE(as<std::string>{}, "", "2026031014300", "202603101430000", "2026-03-10 14:30",
                     "2026031014300a", "+2026031014300", " 20260310143000", "20260230120000",
                     "20250229000000", "21000229000000", "20261310120000", "20260300120000",
                     "20260310240000", "20260310126000", "20260310123060");
        CAPTURE(bad);
        CHECK_FALSE(parse_portal_time(bad).has_value());
    }
}

TEST_CASE("portal and display formats pad every field", "[time]") {
    const LocalDateTime time = at(2026, 1, 5, 7, 3, 9);
    CHECK(format_portal_time(time) == "20260105070309");
    CHECK(format_display_date(time) == "05/01/2026");
    CHECK(format_display_date(Date{2027, 12, 31}) == "31/12/2027");
    CHECK(format_display_date_time(time) == "07:03 05/01/2026");
}

// [SECTION] holiday calendar

TEST_CASE("a holiday file lists each day once, inside what it covers, with a name and a basis",
          "[due-date]") {
    auto calendar = parse_holiday_file(holiday_file({"2027-01-01", "2026-09-02"}), "holidays.json");
    REQUIRE(calendar.ok());
    CHECK(calendar->days.size() == 2);
    CHECK(calendar->contains(Date{2027, 1, 1}));
    CHECK(calendar->contains(Date{2026, 9, 2}));
    CHECK_FALSE(calendar->contains(Date{2026, 9, 3}));
    CHECK(calendar->covers(Date{2028, 12, 31}));
    CHECK_FALSE(calendar->covers(Date{2029, 1, 1}));
}

TEST_CASE("a broken holiday file is refused with the JSON path and what is wrong", "[due-date]") {
    auto [text, expected] = GENERATE(table<std::string, std::string>({
        {holiday_file({"2026-01-01", "30/02/2026"}),
         "holidays.json: $.holidays[1].date: expected a real date written yyyy-mm-dd"},
        {holiday_file({"2026-02-30"}), "$.holidays[0].date: expected a real date"},
        {holiday_file({"2026-2-3"}), "$.holidays[0].date: expected a real date"},
        {holiday_file({"2029-01-01"}), "$.holidays[0].date: 2029-01-01 is outside \"covers\""},
        {holiday_file({"2026-09-02", "2026-09-02"}),
         "$.holidays[1].date: 2026-09-02 is listed twice"},
        {R"({"format": 1, "covers": {"from": "2026-01-01", "to": "2026-12-31"}, "holidays": [{"date": "2026-01-01", "name": "x"}]})",
         "$.holidays[0].basis: missing"},
        {R"({"format": 1, "covers": {"from": "2026-01-01", "to": "2026-12-31"}, "holidays": [{"date": "2026-01-01", "name": "x", "basis": "y", "note": 1}]})",
         "$.holidays[0].note: unknown key"},
        {R"({"format": 1, "holidays": []})", "$.covers: missing"},
        {R"({"covers": {"from": "2026-01-01", "to": "2026-12-31"}, "holidays": []})",
         "$.format: missing"},
        {R"({"holidays": ["2026-01-01"]})", "$.format: missing"},  // the old list format
        {R"({"format": 1, "format": 1})", "$.format: this key appears twice"},
        {"", "$: not valid JSON"},
    }));
    CAPTURE(text);
    auto calendar = parse_holiday_file(text, "holidays.json");
    REQUIRE_FALSE(calendar.ok());
    CHECK(calendar.error().code == "holidays_invalid");
    CHECK_THAT(calendar.error().detail, Catch::StartsWith("holidays.json: "));
    CHECK_THAT(calendar.error().detail, Catch::Contains(expected));
}

TEST_CASE("the shipped holiday file covers 2026 to 2028 with Tết by the lunar calendar",
          "[due-date]") {
    auto calendar = parse_holiday_file(
        read_source_file(MOTCUA_SOURCE_DIR "/assets/config/holidays.json"), "holidays.json");
    INFO((calendar.ok() ? std::string() : calendar.error().detail));
    REQUIRE(calendar.ok());
    CHECK(calendar->covers(Date{2026, 1, 1}));
    CHECK(calendar->covers(Date{2028, 12, 31}));
    // Mùng 1 Tết: 17/02/2026, 06/02/2027, 26/01/2028; Giỗ Tổ (10/3 lunar): 26/04/2026 (a Sunday,
    // made up on Monday 27/04), 16/04/2027, 04/04/2028.
    for (Date day : {Date{2026, 2, 17}, Date{2027, 2, 6}, Date{2028, 1, 26}, Date{2026, 4, 27},
                     Date{2027, 4, 16}, Date{2028, 4, 4}})
        CHECK(calendar->contains(day));
    for (int year : {2026, 2027, 2028}) {
        CAPTURE(year);
        for (Date day : {Date{year, 1, 1}, Date{year, 4, 30}, Date{year, 5, 1}, Date{year, 9, 2}})
            CHECK(calendar->contains(day));
        // Quốc khánh is two days: 2/9 and the day before or after.
        CHECK((calendar->contains(Date{year, 9, 1}) || calendar->contains(Date{year, 9, 3})));
        // Five working days of Tết each year, at least.
        int tet_working_days = 0;
        for (int day = 0; day < 40; ++day) {
            const Date date = add_days(Date{year, 1, 15}, day);
            if (calendar->contains(date) && weekday(date) != Weekday::Sunday &&
                weekday(date) != Weekday::Saturday)
                ++tet_working_days;
        }
        CHECK(tet_working_days >= 5);
    }
}

TEST_CASE("a filing on the working day before Tết 2027 is due after the holiday", "[due-date]") {
    auto calendar = parse_holiday_file(
        read_source_file(MOTCUA_SOURCE_DIR "/assets/config/holidays.json"), "holidays.json");
    REQUIRE(calendar.ok());
    // Thursday 04/02/2027 is the last working day before the break (29 tháng Chạp, Fri 05/02,
    // to Thu 11/02); mùng 1 Tết is Saturday 06/02.
    CHECK(is_working_day(Date{2027, 2, 4}, *calendar));
    CHECK_FALSE(is_working_day(Date{2027, 2, 5}, *calendar));
    // Received 10:00: day 0 is 04/02; one working day later is the first day after the break.
    CHECK(due_at(at(2027, 2, 4, 10, 0, 0), 1, *calendar) == at(2027, 2, 12, 17, 0, 0));
    CHECK(due_at(at(2027, 2, 4, 10, 0, 0), 3, *calendar) == at(2027, 2, 16, 17, 0, 0));
    // After the 15:00 cut-off it counts from the first working day after Tết.
    CHECK(effective_reception_day(at(2027, 2, 4, 15, 0, 0), *calendar) == Date{2027, 2, 12});
    CHECK(due_at(at(2027, 2, 4, 15, 0, 0), 0, *calendar) == at(2027, 2, 12, 17, 0, 0));
    // Without the calendar the same filing would be promised during Tết.
    CHECK(due_at(at(2027, 2, 4, 10, 0, 0), 1, HolidayCalendar{}) == at(2027, 2, 5, 17, 0, 0));
}

TEST_CASE("working days are Monday to Friday minus holidays", "[due-date]") {
    const HolidayCalendar holidays = calendar_of({"2026-09-02"});
    CHECK(is_working_day(Date{2026, 9, 1}, holidays));
    CHECK_FALSE(is_working_day(Date{2026, 9, 2}, holidays));  // Quốc khánh, a Wednesday
    CHECK_FALSE(is_working_day(Date{2026, 9, 5}, holidays));  // Saturday
    CHECK_FALSE(is_working_day(Date{2026, 9, 6}, holidays));  // Sunday
    CHECK(next_working_day(Date{2026, 9, 1}, holidays) == Date{2026, 9, 3});
}

// [SECTION] due date

TEST_CASE("a same-day procedure received on Friday before 15:00 is due that Friday", "[due-date]") {
    const HolidayCalendar none;
    CHECK(due_at(at(2026, 3, 13, 14, 59, 59), 0, none) == at(2026, 3, 13, 17, 0, 0));
    CHECK(due_at(at(2026, 3, 13, 7, 30, 0), 0, none) == at(2026, 3, 13, 17, 0, 0));
}

TEST_CASE("a dossier received on Friday at 15:00 counts from Monday", "[due-date]") {
    const HolidayCalendar none;
    CHECK(effective_reception_day(at(2026, 3, 13, 15, 0, 0), none) == Date{2026, 3, 16});
    CHECK(due_at(at(2026, 3, 13, 15, 0, 0), 0, none) == at(2026, 3, 16, 17, 0, 0));
    CHECK(due_at(at(2026, 3, 13, 23, 59, 59), 1, none) == at(2026, 3, 17, 17, 0, 0));
}

TEST_CASE("a dossier received on Saturday counts from Monday whatever the hour", "[due-date]") {
    const HolidayCalendar none;
    const int hour = GENERATE(0, 9, 14, 16);
    CAPTURE(hour);
    CHECK(due_at(at(2026, 3, 14, hour, 0, 0), 0, none) == at(2026, 3, 16, 17, 0, 0));
    CHECK(due_at(at(2026, 3, 15, hour, 0, 0), 0, none) == at(2026, 3, 16, 17, 0, 0));
}

TEST_CASE("three working days from Thursday skip the weekend", "[due-date]") {
    const HolidayCalendar none;
    // Thu 12/03 → Fri 13, Mon 16, Tue 17.
    CHECK(due_at(at(2026, 3, 12, 10, 0, 0), 3, none) == at(2026, 3, 17, 17, 0, 0));
    // After 15:00 the count starts on Friday: Mon 16, Tue 17, Wed 18.
    CHECK(due_at(at(2026, 3, 12, 15, 30, 0), 3, none) == at(2026, 3, 18, 17, 0, 0));
}

TEST_CASE("the Tết holiday run pushes the due date past the whole break", "[due-date]") {
    const HolidayCalendar tet = calendar_of(Tet2026);
    SECTION("received on the last afternoon before Tết, same-day procedure") {
        CHECK(due_at(at(2026, 2, 13, 16, 0, 0), 0, tet) == at(2026, 2, 23, 17, 0, 0));
    }
    SECTION("received during Tết") {
        CHECK(due_at(at(2026, 2, 18, 9, 0, 0), 0, tet) == at(2026, 2, 23, 17, 0, 0));
    }
    SECTION("three working days straddling Tết") {
        // Thu 12/02 → Fri 13/02, Mon 23/02, Tue 24/02.
        CHECK(due_at(at(2026, 2, 12, 10, 0, 0), 3, tet) == at(2026, 2, 24, 17, 0, 0));
    }
    SECTION("without the calendar the same dossier is due during the break") {
        CHECK(due_at(at(2026, 2, 12, 10, 0, 0), 3, HolidayCalendar{}) == at(2026, 2, 17, 17, 0, 0));
    }
}

TEST_CASE("a dossier received on New Year's Eve afternoon is due in the new year", "[due-date]") {
    const HolidayCalendar new_year = calendar_of({"2027-01-01"});
    // Thu 31/12/2026 15:30 → Fri 01/01 is a holiday → counts from Mon 04/01/2027.
    CHECK(effective_reception_day(at(2026, 12, 31, 15, 30, 0), new_year) == Date{2027, 1, 4});
    CHECK(due_at(at(2026, 12, 31, 15, 30, 0), 1, new_year) == at(2027, 1, 5, 17, 0, 0));
    CHECK(due_at(at(2026, 12, 31, 10, 0, 0), 1, new_year) == at(2027, 1, 4, 17, 0, 0));
}

TEST_CASE("a negative working-day count is treated as zero", "[due-date]") {
    CHECK(due_at(at(2026, 3, 12, 10, 0, 0), -3, HolidayCalendar{}) == at(2026, 3, 12, 17, 0, 0));
}
