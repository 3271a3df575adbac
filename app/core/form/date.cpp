#include "core/form/date.h"

#include <array>
#include <cstdio>
#include <optional>
#include <vector>

#include "core/text/ascii.h"

namespace motcua::core {

namespace {

using text::is_ascii_digit;

bool is_space(char c) {
    return text::is_one_of(c, text::LineSpace);
}

int to_int(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

// Checks a parsed (day, month, year) triple and turns it into a Date or the precise error.
Result<Date> make_date(int year, int month, int day, std::string_view shape) {
    Date date{year, month, day};
    // A day or month that exists in no year ("00/00/0000", "32/13/1850") is the first thing
    // wrong with it: saying only that the year is too early would send the resident to fix the
    // wrong part.
    if (month < 1 || month > 12 || day < 1 || day > 31) {
        if (year < kMinDateYear || year > kMaxDateYear)
            return make_error("date_not_real_any", "no such day, month or year (" +
                                                       std::string(shape) + " " +
                                                       format_date(date) + ")");
        return make_error("date_not_real", "no such day or month (" + std::string(shape) + " " +
                                               format_date(date) + ")");
    }
    if (year < kMinDateYear || year > kMaxDateYear) {
        return make_error("date_year_range", "year " + std::to_string(year) + " is before " +
                                                 std::to_string(kMinDateYear));
    }
    if (!is_real_date(date)) {
        return make_error("date_not_real", "no such day in the calendar (" + std::string(shape) +
                                               " " + format_date(date) + ")");
    }
    return date;
}

// One separator between date parts: a run of spaces with at most one of '/', '-', '.' in it.
// Returns the punctuation used (' ' when only spaces), or nullopt when it is not a separator.
std::optional<char> read_separator(std::string_view text, std::size_t& pos) {
    std::optional<char> punctuation;
    std::size_t start = pos;
    while (pos < text.size() && !is_ascii_digit(text[pos])) {
        char c = text[pos];
        if (c == '/' || c == '-' || c == '.') {
            if (punctuation) return std::nullopt;
            punctuation = c;
        } else if (!is_space(c)) {
            return std::nullopt;
        }
        ++pos;
    }
    if (pos == start) return std::nullopt;
    return punctuation.value_or(' ');
}

std::string_view read_digits(std::string_view text, std::size_t& pos) {
    std::size_t start = pos;
    while (pos < text.size() && is_ascii_digit(text[pos])) ++pos;
    return text.substr(start, pos - start);
}

// Vietnamese digit words; the context-dependent forms (mốt, tư, lăm, linh) are chosen below.
constexpr std::array<std::string_view, 10> kDigitWords = {"không", "một", "hai", "ba",  "bốn",
                                                          "năm",   "sáu", "bảy", "tám", "chín"};

// Reads 0..99, alone or after a hundreds word (then a zero tens digit reads "linh": "một trăm
// linh năm").
void append_tens_and_units(int n, bool after_hundreds, std::vector<std::string_view>& words) {
    int tens = n / 10;
    int units = n % 10;
    if (tens == 0) {
        if (units == 0) return;
        if (after_hundreds) words.push_back("linh");
        words.push_back(kDigitWords[units]);  // "linh một", "linh bốn", "linh năm"
        return;
    }
    if (tens == 1) {
        words.push_back("mười");
        if (units == 5) {
            words.push_back("lăm");
        } else if (units != 0) {
            words.push_back(kDigitWords[units]);  // "mười một", "mười bốn": no "mốt"/"tư" here
        }
        return;
    }
    words.push_back(kDigitWords[tens]);
    words.push_back("mươi");
    switch (units) {
        case 0:
            break;
        case 1:
            words.push_back("mốt");
            break;
        case 4:
            words.push_back("tư");
            break;
        case 5:
            words.push_back("lăm");
            break;
        default:
            words.push_back(kDigitWords[units]);
            break;
    }
}

// Reads one group of three digits. A group after a larger one always says its hundreds, even
// "không trăm", so 2019 reads "hai nghìn không trăm mười chín".
void append_group(int n, bool has_higher_group, std::vector<std::string_view>& words) {
    int hundreds = n / 100;
    int rest = n % 100;
    if (hundreds > 0 || has_higher_group) {
        words.push_back(kDigitWords[hundreds]);
        words.push_back("trăm");
        append_tens_and_units(rest, true, words);
    } else {
        append_tens_and_units(rest, false, words);
    }
}

std::string join_words(const std::vector<std::string_view>& words) {
    std::string out;
    for (std::string_view word : words) {
        if (!out.empty()) out += ' ';
        out += word;
    }
    return out;
}

}  // namespace

bool is_real_date(Date date) {
    return date.year >= 1 && date.year <= kMaxDateYear && date.month >= 1 && date.month <= 12 &&
           date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

Result<Date> parse_ddmmyyyy(std::string_view text) {
    if (text.empty()) return make_error("required", "empty date");
    if (text.size() != 8) {
        return make_error("date_format", "expected 8 digits ddmmyyyy, got " +
                                             std::to_string(text.size()) + " characters");
    }
    for (char c : text) {
        if (!is_ascii_digit(c)) return make_error("date_format", "expected 8 digits ddmmyyyy");
    }
    return make_date(to_int(text.substr(4, 4)), to_int(text.substr(2, 2)),
                     to_int(text.substr(0, 2)), "ddmmyyyy");
}

Result<Date> parse_date(std::string_view text) {
    text = text::trim(text, text::LineSpace);
    if (text.empty()) return make_error("required", "empty date");

    std::size_t pos = 0;
    std::string_view first = read_digits(text, pos);
    if (pos == text.size()) {
        if (first.size() == 8) return parse_ddmmyyyy(first);
        return make_error("date_format", "a date without separators must be 8 digits ddmmyyyy");
    }
    std::optional<char> separator1 = read_separator(text, pos);
    std::string_view second = read_digits(text, pos);
    std::optional<char> separator2 = read_separator(text, pos);
    std::string_view third = read_digits(text, pos);
    if (pos != text.size() || !separator1 || !separator2 || first.empty() || second.empty() ||
        third.empty()) {
        return make_error("date_format", "expected day, month and year, e.g. 12/06/2019");
    }
    if (*separator1 != *separator2) {
        return make_error("date_format", "mixed separators between day, month and year");
    }
    if (first.size() == 4 && second.size() <= 2 && third.size() <= 2 && *separator1 == '-') {
        return make_date(to_int(first), to_int(second), to_int(third), "yyyy-mm-dd");
    }
    if (first.size() > 2 || second.size() > 2) {
        return make_error("date_format", "day and month have 1 or 2 digits");
    }
    if (third.size() != 4) {
        // A 2-digit year is ambiguous for birth dates (1925 or 2025?), so it is refused.
        return make_error("date_format", "the year must have 4 digits");
    }
    return make_date(to_int(third), to_int(second), to_int(first), "dd/mm/yyyy");
}

std::string format_date(Date date) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", date.day, date.month, date.year);
    return buffer;
}

int age_on(Date birth, Date on) {
    int years = on.year - birth.year;
    // Comparing (month, day) pairs makes a 29/02 birthday fall after 28/02 in common years,
    // so the year is completed on 01/03.
    if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --years;
    return years;
}

std::string number_in_words(std::int64_t number) {
    if (number == 0) return "không";
    std::vector<std::string_view> words;
    constexpr std::int64_t kLargest = 999'999'999'999;  // the documented range; clamped beyond
    if (number < 0) {
        words.push_back("âm");
        number = number < -kLargest ? kLargest : -number;
    }
    if (number > kLargest) number = kLargest;
    static constexpr std::array<std::string_view, 4> kScales = {"tỷ", "triệu", "nghìn", ""};
    static constexpr std::array<std::int64_t, 4> kDivisors = {1'000'000'000, 1'000'000, 1'000, 1};
    bool has_higher_group = false;
    for (std::size_t i = 0; i < kScales.size(); ++i) {
        int group = static_cast<int>((number / kDivisors[i]) % 1000);
        if (group == 0) continue;  // 1 000 005 reads "một triệu không trăm linh năm"
        append_group(group, has_higher_group, words);
        if (!kScales[i].empty()) words.push_back(kScales[i]);
        has_higher_group = true;
    }
    return join_words(words);
}

// Choices the sources leave open (procedures.md §6), fixed here so every form agrees:
// - days 1–10 read "mùng" (more common in speech and print today than "mồng");
// - solar months read by their number, so month 1 is "một" ("tháng Giêng" is the lunar first
//   month), and month 4 is "tư" ("tháng tư" is the only usual reading);
// - day 4 is "mùng bốn", 14 "mười bốn", 24 "hai mươi tư": "tư" only after "mươi".
std::string date_in_words(Date date) {
    std::string out = "Ngày ";
    if (date.day >= 1 && date.day <= 10) {
        out += "mùng ";
    }
    out += number_in_words(date.day);
    out += " tháng ";
    out += date.month == 4 ? std::string("tư") : number_in_words(date.month);
    out += " năm ";
    out += number_in_words(date.year);
    return out;
}

}  // namespace motcua::core
