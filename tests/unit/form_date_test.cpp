#include <catch2/catch.hpp>
#include <string>
#include <tuple>

#include "core/form/date.h"

using namespace motcua::core;

namespace {

Date parse_ok(std::string_view text) {
    Result<Date> parsed = parse_date(text);
    INFO("input: " << std::string(text));
    REQUIRE(parsed.ok());
    return *parsed;
}

std::string parse_error(std::string_view text) {
    Result<Date> parsed = parse_date(text);
    INFO("input: " << std::string(text));
    REQUIRE_FALSE(parsed.ok());
    return parsed.error().code;
}

}  // namespace

TEST_CASE("typed dates are read day first with any usual separator", "[date]") {
    auto [text, expected] = GENERATE(table<std::string, Date>({
        {"12/06/2019", {2019, 6, 12}},
        {"2/6/2019", {2019, 6, 2}},
        {"02-06-2019", {2019, 6, 2}},
        {"02.06.2019", {2019, 6, 2}},
        {"02 06 2019", {2019, 6, 2}},
        {"  2  /  6 / 2019 ", {2019, 6, 2}},
        {"12062019", {2019, 6, 12}},
        {"01012000", {2000, 1, 1}},
        {"2019-06-12", {2019, 6, 12}},
        {"29/02/2024", {2024, 2, 29}},
        {"29/02/2000", {2000, 2, 29}},
        {"31/12/1999", {1999, 12, 31}},
        {"01/01/1900", {1900, 1, 1}},
    }));
    CHECK(parse_ok(text) == expected);
}

TEST_CASE("impossible or malformed dates are refused with a precise code", "[date]") {
    auto [text, code] = GENERATE(table<std::string, std::string>({
        {"", "required"},
        {"   ", "required"},
        {"31/02/2020", "date_not_real"},
        {"29/02/2023", "date_not_real"},
        {"29/02/1900", "date_not_real"},
        {"31/04/2021", "date_not_real"},
        {"00/01/2021", "date_not_real"},
        {"10/13/2021", "date_not_real"},
        {"10/00/2021", "date_not_real"},
        {"31/12/1899", "date_year_range"},
        {"01011850", "date_year_range"},
        // Issue 9: every part wrong gets a message about every part, not only the year.
        {"00/00/0000", "date_not_real_any"},
        {"00000000", "date_not_real_any"},
        {"32/13/1850", "date_not_real_any"},
        {"00/00/2020", "date_not_real"},
        {"12/06/19", "date_format"},
        {"12/06/019", "date_format"},
        {"12/06", "date_format"},
        {"120/06/2019", "date_format"},
        {"12/06-2019", "date_format"},
        {"12//06/2019", "date_format"},
        {"12/06/2019/1", "date_format"},
        {"1206201", "date_format"},
        {"120620199", "date_format"},
        {"12a06a2019", "date_format"},
        {"ngày 12", "date_format"},
        {"/12/06/2019", "date_format"},
    }));
    CHECK(parse_error(text) == code);
}

TEST_CASE("the CCCD date format is exactly 8 digits ddmmyyyy", "[date]") {
    CHECK(*parse_ddmmyyyy("15042021") == Date{2021, 4, 15});
    CHECK(parse_ddmmyyyy("1504202").error().code == "date_format");
    CHECK(parse_ddmmyyyy("15/04/21").error().code == "date_format");
    CHECK(parse_ddmmyyyy("31022021").error().code == "date_not_real");
    CHECK(parse_ddmmyyyy("").error().code == "required");
}

TEST_CASE("dates are formatted zero-padded day first and ISO for payloads", "[date]") {
    CHECK(format_date({2019, 6, 2}) == "02/06/2019");
    CHECK(format_date({1999, 12, 31}) == "31/12/1999");
    CHECK(format_iso_date({2019, 6, 2}) == "2019-06-02");
    CHECK(parse_ok(format_date({2024, 2, 29})) == Date{2024, 2, 29});
}

TEST_CASE("dates compare chronologically", "[date]") {
    CHECK(Date{2019, 6, 12} < Date{2019, 6, 13});
    CHECK(Date{2019, 6, 30} < Date{2019, 7, 1});
    CHECK(Date{2018, 12, 31} < Date{2019, 1, 1});
    CHECK(Date{2019, 6, 12} == Date{2019, 6, 12});
    CHECK_FALSE(Date{2020, 1, 1} < Date{2019, 12, 31});
}

TEST_CASE("leap years follow the Gregorian rule", "[date]") {
    CHECK(is_real_date({2024, 2, 29}));
    CHECK(is_real_date({2000, 2, 29}));
    CHECK_FALSE(is_real_date({1900, 2, 29}));
    CHECK_FALSE(is_real_date({2023, 2, 29}));
    CHECK(is_real_date({2023, 2, 28}));
    CHECK(is_real_date({2023, 4, 30}));
    CHECK_FALSE(is_real_date({2023, 4, 31}));
    CHECK_FALSE(is_real_date({2023, 13, 1}));
    CHECK_FALSE(is_real_date({2023, 0, 1}));
    CHECK_FALSE(is_real_date({2023, 1, 0}));
}

TEST_CASE("age counts completed years, a 29 February birthday completing on 1 March", "[date]") {
    CHECK(age_on({1990, 6, 12}, {2024, 6, 11}) == 33);
    CHECK(age_on({1990, 6, 12}, {2024, 6, 12}) == 34);
    CHECK(age_on({2006, 1, 1}, {2024, 1, 1}) == 18);
    CHECK(age_on({2006, 1, 2}, {2024, 1, 1}) == 17);
    CHECK(age_on({2004, 2, 29}, {2023, 2, 28}) == 18);
    CHECK(age_on({2004, 2, 29}, {2023, 3, 1}) == 19);
    CHECK(age_on({2004, 2, 29}, {2024, 2, 29}) == 20);
    CHECK(age_on({2024, 5, 1}, {2024, 4, 30}) == -1);
}

TEST_CASE("day numbers round-trip and match known weekdays", "[date]") {
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(days_from_civil({2000, 3, 1}) == 11017);
    CHECK(days_from_civil({1969, 12, 31}) == -1);
    CHECK(civil_from_days(19723) == Date{2024, 1, 1});
    for (int days = -30000; days <= 60000; days += 7) {
        Date date = civil_from_days(days);
        REQUIRE(is_real_date(date));
        REQUIRE(days_from_civil(date) == days);
    }
    CHECK(weekday({1970, 1, 1}) == Weekday::Thursday);
    CHECK(weekday({2025, 9, 2}) == Weekday::Tuesday);  // Quốc khánh 2025
    CHECK(weekday({1945, 9, 2}) == Weekday::Sunday);
    CHECK(weekday({1900, 1, 1}) == Weekday::Monday);
    CHECK(weekday({2024, 2, 29}) == Weekday::Thursday);
    CHECK(add_days({2024, 2, 28}, 1) == Date{2024, 2, 29});
    CHECK(add_days({2023, 12, 31}, 1) == Date{2024, 1, 1});
    CHECK(add_days({2024, 3, 1}, -1) == Date{2024, 2, 29});
}

TEST_CASE("numbers read out in Vietnamese use mốt, tư, lăm and linh where they belong", "[date]") {
    auto [number, words] = GENERATE(table<long long, std::string>({
        {0, "không"},
        {1, "một"},
        {4, "bốn"},
        {5, "năm"},
        {10, "mười"},
        {11, "mười một"},
        {14, "mười bốn"},
        {15, "mười lăm"},
        {20, "hai mươi"},
        {21, "hai mươi mốt"},
        {24, "hai mươi tư"},
        {25, "hai mươi lăm"},
        {31, "ba mươi mốt"},
        {99, "chín mươi chín"},
        {100, "một trăm"},
        {101, "một trăm linh một"},
        {104, "một trăm linh bốn"},
        {105, "một trăm linh năm"},
        {110, "một trăm mười"},
        {115, "một trăm mười lăm"},
        {1000, "một nghìn"},
        {1999, "một nghìn chín trăm chín mươi chín"},
        {1905, "một nghìn chín trăm linh năm"},
        {2000, "hai nghìn"},
        {2005, "hai nghìn không trăm linh năm"},
        {2010, "hai nghìn không trăm mười"},
        {2019, "hai nghìn không trăm mười chín"},
        {2021, "hai nghìn không trăm hai mươi mốt"},
        {2024, "hai nghìn không trăm hai mươi tư"},
        {2100, "hai nghìn một trăm"},
        {200000, "hai trăm nghìn"},
        {1000005, "một triệu không trăm linh năm"},
        {1250000, "một triệu hai trăm năm mươi nghìn"},
        {2000000000, "hai tỷ"},
        {-15, "âm mười lăm"},
    }));
    CHECK(number_in_words(number) == words);
}

TEST_CASE("birth dates are written in words as civil-status forms require", "[date]") {
    auto [date, words] = GENERATE(table<Date, std::string>({
        {{2019, 6, 12}, "Ngày mười hai tháng sáu năm hai nghìn không trăm mười chín"},
        {{2000, 1, 1}, "Ngày mùng một tháng một năm hai nghìn"},
        {{1999, 12, 31}, "Ngày ba mươi mốt tháng mười hai năm một nghìn chín trăm chín mươi chín"},
        {{2015, 5, 15}, "Ngày mười lăm tháng năm năm hai nghìn không trăm mười lăm"},
        {{2021, 11, 21}, "Ngày hai mươi mốt tháng mười một năm hai nghìn không trăm hai mươi mốt"},
        {{2024, 4, 24}, "Ngày hai mươi tư tháng tư năm hai nghìn không trăm hai mươi tư"},
        {{2010, 10, 10}, "Ngày mùng mười tháng mười năm hai nghìn không trăm mười"},
        {{2005, 3, 4}, "Ngày mùng bốn tháng ba năm hai nghìn không trăm linh năm"},
        {{2023, 2, 14}, "Ngày mười bốn tháng hai năm hai nghìn không trăm hai mươi ba"},
        {{1975, 4, 30}, "Ngày ba mươi tháng tư năm một nghìn chín trăm bảy mươi lăm"},
        {{2001, 7, 25}, "Ngày hai mươi lăm tháng bảy năm hai nghìn không trăm linh một"},
        {{1990, 9, 11}, "Ngày mười một tháng chín năm một nghìn chín trăm chín mươi"},
    }));
    CHECK(date_in_words(date) == words);
}
