#include "core/filing/due_date.h"

#include <catch2/catch.hpp>

#include "core/filing/portal_time.h"

using namespace motcua::core;
using namespace motcua::core::civil;

namespace {

LocalDateTime at(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
    return LocalDateTime{year, month, day, hour, minute, second};
}

HolidayCalendar calendar_of(const std::vector<std::string>& dates) {
    auto calendar = parse_holidays(dates);
    REQUIRE(calendar.ok());
    return *calendar;
}

// Tết Bính Ngọ 2026 as a run of days off, Saturday 14/02 to Sunday 22/02 (the dates are test
// data, not a statement of the official 2026 schedule).
const std::vector<std::string> Tet2026 = {"14/02/2026", "15/02/2026", "16/02/2026",
                                          "17/02/2026", "18/02/2026", "19/02/2026",
                                          "20/02/2026", "21/02/2026", "22/02/2026"};

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
    CHECK(days_from_civil(CivilDate{1970, 1, 1}) == 0);
    CHECK(days_from_civil(CivilDate{2000, 3, 1}) == 11017);
    CHECK(civil_from_days(-1) == CivilDate{1969, 12, 31});

    // Walk 800 years day by day: each day is the previous one plus one, in calendar terms.
    CivilDate previous = civil_from_days(days_from_civil(CivilDate{1700, 1, 1}) - 1);
    const std::int64_t first = days_from_civil(CivilDate{1700, 1, 1});
    const std::int64_t last = days_from_civil(CivilDate{2500, 1, 1});
    int mismatches = 0;
    for (std::int64_t days = first; days < last; ++days) {
        const CivilDate date = civil_from_days(days);
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
    CHECK(weekday(CivilDate{1970, 1, 1}) == 4);    // Thursday
    CHECK(weekday(CivilDate{2026, 3, 13}) == 5);   // Friday
    CHECK(weekday(CivilDate{2026, 3, 14}) == 6);   // Saturday
    CHECK(weekday(CivilDate{2026, 3, 15}) == 0);   // Sunday
    CHECK(weekday(CivilDate{1969, 12, 31}) == 3);  // Wednesday
    CHECK(weekday(CivilDate{2024, 2, 29}) == 4);   // Thursday
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
    CHECK(format_display_date(CivilDate{2027, 12, 31}) == "31/12/2027");
    CHECK(format_display_date_time(time) == "07:03 05/01/2026");
}

// [SECTION] holiday calendar

TEST_CASE("holiday lists accept both date styles and skip comments", "[due-date]") {
    auto calendar =
        parse_holidays({"# Tết Dương lịch", "01/01/2027", "2026-09-02", "", " 2/9/2026 "});
    REQUIRE(calendar.ok());
    CHECK(calendar->days.size() == 2);
    CHECK(calendar->contains(CivilDate{2027, 1, 1}));
    CHECK(calendar->contains(CivilDate{2026, 9, 2}));
    CHECK_FALSE(calendar->contains(CivilDate{2026, 9, 3}));
}

TEST_CASE("a holiday list with a bad date fails and names the entry", "[due-date]") {
    const std::string bad = GENERATE(as<std::string>{}, "30/02/2026", "2026-2-3", "02/09/26",
                                     "tomorrow", "2026/09/02", "32/01/2026");
    CAPTURE(bad);
    auto calendar = parse_holidays({"01/01/2026", bad});
    REQUIRE_FALSE(calendar.ok());
    CHECK(calendar.error().code == "holiday_date_invalid");
    CHECK_THAT(calendar.error().detail, Catch::Contains("entry 2"));
}

TEST_CASE("working days are Monday to Friday minus holidays", "[due-date]") {
    const HolidayCalendar holidays = calendar_of({"2026-09-02"});
    CHECK(is_working_day(CivilDate{2026, 9, 1}, holidays));
    CHECK_FALSE(is_working_day(CivilDate{2026, 9, 2}, holidays));  // Quốc khánh, a Wednesday
    CHECK_FALSE(is_working_day(CivilDate{2026, 9, 5}, holidays));  // Saturday
    CHECK_FALSE(is_working_day(CivilDate{2026, 9, 6}, holidays));  // Sunday
    CHECK(next_working_day(CivilDate{2026, 9, 1}, holidays) == CivilDate{2026, 9, 3});
}

// [SECTION] due date

TEST_CASE("a same-day procedure received on Friday before 15:00 is due that Friday", "[due-date]") {
    const HolidayCalendar none;
    CHECK(due_at(at(2026, 3, 13, 14, 59, 59), 0, none) == at(2026, 3, 13, 17, 0, 0));
    CHECK(due_at(at(2026, 3, 13, 7, 30, 0), 0, none) == at(2026, 3, 13, 17, 0, 0));
}

TEST_CASE("a dossier received on Friday at 15:00 counts from Monday", "[due-date]") {
    const HolidayCalendar none;
    CHECK(effective_reception_day(at(2026, 3, 13, 15, 0, 0), none) == CivilDate{2026, 3, 16});
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
    const HolidayCalendar new_year = calendar_of({"01/01/2027"});
    // Thu 31/12/2026 15:30 → Fri 01/01 is a holiday → counts from Mon 04/01/2027.
    CHECK(effective_reception_day(at(2026, 12, 31, 15, 30, 0), new_year) == CivilDate{2027, 1, 4});
    CHECK(due_at(at(2026, 12, 31, 15, 30, 0), 1, new_year) == at(2027, 1, 5, 17, 0, 0));
    CHECK(due_at(at(2026, 12, 31, 10, 0, 0), 1, new_year) == at(2027, 1, 4, 17, 0, 0));
}

TEST_CASE("a negative working-day count is treated as zero", "[due-date]") {
    CHECK(due_at(at(2026, 3, 12, 10, 0, 0), -3, HolidayCalendar{}) == at(2026, 3, 12, 17, 0, 0));
}
