// The Vietnamese text normaliser: turns what the screen shows into words a synthesiser reads
// correctly (espeak-ng reads "20.000 đồng" as "hai mươi nghìn không trăm đồng", an ID number as
// one enormous number, "UBND" in English letters: ../shared/domain/speech.md).
//
// Money, times, dates in words, ID and phone numbers and codes digit by digit in groups, the
// kiosk's abbreviations, and Vietnamese number words with their irregular forms (mốt, lăm/nhăm,
// tư, linh/lẻ, mười/mươi). Pure: feed it only texts from the screen model.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace motcua::core::speech {

// How numbers are read. Formal is what the Northern voice and the civil service say: "linh",
// "lăm", "nghìn". NorthernSpoken says "hai mươi nhăm"; Southern says "lẻ" and "ngàn".
enum class NumberStyle { Formal, NorthernSpoken, Southern };

// 0 → "không", 21 → "hai mươi mốt", 105 → "một trăm linh năm", 2021 → "hai nghìn không trăm
// hai mươi mốt", 20000 → "hai mươi nghìn". Up to 18 446 744 073 709 551 615.
std::string number_words(std::uint64_t n, NumberStyle style = NumberStyle::Formal);

// Each digit in words, no grouping: "012" → "không một hai". Non-digits are skipped.
std::string digit_words(std::string_view digits);

// Digits read one by one in groups with a pause (", ") between groups: 12 digits (an ID number)
// in four groups of 3, 10 digits (a phone number) as 4-3-3, 9 as 3-3-3, otherwise groups of 3
// from the left with a last group of 2 to 4 digits.
std::string digits_in_groups(std::string_view digits);

// A code ("KD4MX7PA", "000.00.H01-261201-0001") letter by letter and digit by digit; dots,
// dashes and slashes become pauses.
std::string code_words(std::string_view code);

// 15:00 → "mười lăm giờ"; 9:05 → "chín giờ năm phút". hour 0..23, minute 0..59.
std::string time_words(int hour, int minute);

// 20/11/2021 → "ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi mốt"
// (April is "tháng tư").
std::string date_words(int day, int month, int year);

// 8000 → "tám nghìn đồng".
std::string money_words(std::uint64_t dong);

// The whole text, ready for synthesis: numbers, money, times, dates, codes and abbreviations
// in words; other words unchanged; whitespace collapsed. Valid UTF-8 in, valid UTF-8 out.
std::string normalize(std::string_view text, NumberStyle style = NumberStyle::Formal);

}  // namespace motcua::core::speech
