// Calendar dates as residents type them (dd/mm/yyyy) and as civil-status forms print them,
// including the date "ghi bằng chữ" (in words) that birth registration asks for.
// The date type and its arithmetic are core/calendar/date.h; this file is what people type and
// read.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/calendar/date.h"
#include "core/result.h"

namespace motcua::core {

// Dates the kiosk accepts from a person start here: nobody alive was born earlier, and the
// card and civil-status systems do not hold earlier dates.
inline constexpr int kMinDateYear = 1900;
inline constexpr int kMaxDateYear = 9999;

// True when the date exists in the proleptic Gregorian calendar (31/02 and 29/02/2023 do not)
// and the year is 1..9999.
bool is_real_date(Date date);

// Parses a typed date: dd/mm/yyyy or d/m/yyyy with '/', '-', '.' or spaces between the parts
// (the same separator twice), yyyy-mm-dd, or 8 digits ddmmyyyy. Surrounding spaces are ignored.
// Errors: "required" (blank), "date_format" (not one of these shapes, e.g. a 2-digit year),
// "date_not_real" (31/02, 29/02/2023, month 13), "date_year_range" (year before 1900),
// "date_not_real_any" (no such day or month and the year out of range too: 00/00/0000).
Result<Date> parse_date(std::string_view text);
// Parses exactly 8 ASCII digits ddmmyyyy (the CCCD QR format); same error codes as parse_date.
Result<Date> parse_ddmmyyyy(std::string_view text);

// "dd/mm/yyyy", zero-padded: the form shown to residents and printed.
std::string format_date(Date date);

// Completed years of age on `on` (negative when `on` is before `birth`). Someone born on 29/02
// turns a year older on 01/03 in common years.
int age_on(Date birth, Date on);

// A whole number read out in Vietnamese, as on forms and receipts: 2019 → "hai nghìn không trăm
// mười chín", 105 → "một trăm linh năm", 21 → "hai mươi mốt", 24 → "hai mươi tư", 25 → "hai mươi
// lăm". Covers 0 .. 999 999 999 999 ("nghìn", "triệu", "tỷ"); negative numbers get "âm".
std::string number_in_words(std::int64_t number);

// The date "ghi bằng chữ" for civil-status forms (procedures.md §6), e.g. 12/06/2019 →
// "Ngày mười hai tháng sáu năm hai nghìn không trăm mười chín". Days 1–10 read "mùng một" …
// "mùng mười"; month 1 reads "một" and month 4 "tư" (see date.cpp for why).
std::string date_in_words(Date date);

}  // namespace motcua::core
