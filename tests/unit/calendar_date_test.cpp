// The one civil date (core/calendar/date.h) on std::chrono's calendar: leap years, month
// lengths, day counts, weekdays, the strict ISO reader, and the 15:00 reception cut-off.
#include <catch2/catch.hpp>

#include "core/calendar/date.h"
#include "core/filing/due_date.h"

using namespace motcua::core;

TEST_CASE("leap years are every fourth year except centuries not divisible by 400", "[calendar]") {
    CHECK(is_leap_year(2024));
    CHECK(is_leap_year(2028));
    CHECK(is_leap_year(2000));
    CHECK(is_leap_year(1600));
    CHECK_FALSE(is_leap_year(2026));
    CHECK_FALSE(is_leap_year(1900));
    CHECK_FALSE(is_leap_year(2100));
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2026, 2) == 28);
    CHECK(days_in_month(1900, 2) == 28);
    CHECK(days_in_month(2000, 2) == 29);
    CHECK(days_in_month(2026, 4) == 30);
    CHECK(days_in_month(2026, 12) == 31);
    CHECK(days_in_month(2026, 13) == 0);
    CHECK(days_in_month(2026, 0) == 0);
}

TEST_CASE("only real days are valid dates, whatever numbers come in", "[calendar]") {
    CHECK(is_valid_date(2024, 2, 29));
    CHECK_FALSE(is_valid_date(2023, 2, 29));
    CHECK_FALSE(is_valid_date(2100, 2, 29));
    CHECK(is_valid_date(2000, 2, 29));
    CHECK_FALSE(is_valid_date(2026, 4, 31));
    CHECK_FALSE(is_valid_date(2026, 0, 1));
    CHECK_FALSE(is_valid_date(2026, 1, 0));
    CHECK_FALSE(is_valid_date(2026, 1, 256));  // chrono::day would wrap at 256
    CHECK_FALSE(is_valid_date(2026, 1, -1));
    CHECK_FALSE(is_valid_date(40000, 1, 1));
    CHECK_FALSE(is_valid_date(2026, 2147483647, 1));
}

TEST_CASE("day counts and weekdays come from chrono and agree with known days", "[calendar]") {
    CHECK(days_from_civil(Date{1970, 1, 1}) == 0);
    CHECK(days_from_civil(Date{2026, 2, 17}) == 20501);
    CHECK(civil_from_days(20501) == Date{2026, 2, 17});
    CHECK(add_days(Date{2024, 2, 28}, 1) == Date{2024, 2, 29});
    CHECK(add_days(Date{2026, 2, 28}, 1) == Date{2026, 3, 1});
    CHECK(add_days(Date{2026, 12, 31}, 1) == Date{2027, 1, 1});
    CHECK(add_days(Date{2026, 1, 1}, -1) == Date{2025, 12, 31});
    // Mùng 1 Tết: Tuesday 17/02/2026, Saturday 06/02/2027, Wednesday 26/01/2028.
    CHECK(weekday(Date{2026, 2, 17}) == Weekday::Tuesday);
    CHECK(weekday(Date{2027, 2, 6}) == Weekday::Saturday);
    CHECK(weekday(Date{2028, 1, 26}) == Weekday::Wednesday);
    CHECK(weekday(Date{2024, 2, 29}) == Weekday::Thursday);
}

TEST_CASE("the ISO reader takes exactly yyyy-mm-dd forming a real day", "[calendar]") {
    CHECK(parse_iso_date("2028-02-29") == Date{2028, 2, 29});
    for (const char* bad :
         {"2027-02-29", "2026-2-3", "26-02-03", "2026/02/03", " 2026-02-03", "2026-02-03 ",
          "2026-13-01", "2026-00-10", "+026-01-01", "2026-01-1a", ""})
        CHECK_FALSE(parse_iso_date(bad));
    CHECK(format_iso_date(Date{987, 6, 5}) == "0987-06-05");
}

TEST_CASE(
    "a dossier counts from the same day until 14:59:59 and from the next working day at 15:00",
    "[calendar][due-date]") {
    const HolidayCalendar none;
    // Tuesday 10/03/2026.
    CHECK(effective_reception_day(LocalDateTime{2026, 3, 10, 14, 59, 59}, none) ==
          Date{2026, 3, 10});
    CHECK(effective_reception_day(LocalDateTime{2026, 3, 10, 15, 0, 0}, none) == Date{2026, 3, 11});
    // Friday 13/03/2026 at 15:00 counts from Monday.
    CHECK(effective_reception_day(LocalDateTime{2026, 3, 13, 15, 0, 0}, none) == Date{2026, 3, 16});
    // A leap day is a working day like any other: Thursday 29/02/2024.
    CHECK(due_at(LocalDateTime{2024, 2, 29, 9, 0, 0}, 1, none) ==
          LocalDateTime{2024, 3, 1, 17, 0, 0});
}
