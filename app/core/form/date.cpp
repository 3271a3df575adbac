#include "core/form/date.h"

#include <array>
#include <cstdio>
#include <optional>
#include <vector>

namespace motcua::core {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
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
            return make_error("date_not_real_any", "no such day, month or year (" + std::string(shape) +
                                                       " " + format_date(date) + ")");
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
    while (pos < text.size() && !is_digit(text[pos])) {
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
    while (pos < text.size() && is_digit(text[pos])) ++pos;
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

// Kept private: filing/portal_time.h already exports days_in_month(int, int) for CivilDate.
bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int month_length(int year, int month) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && is_leap_year(year)) return 29;
    return kDays[static_cast<std::size_t>(month - 1)];
}

}  // namespace

bool is_real_date(Date date) {
    return date.year >= 1 && date.year <= kMaxDateYear && date.month >= 1 && date.month <= 12 &&
           date.day >= 1 && date.day <= month_length(date.year, date.month);
}

Result<Date> parse_ddmmyyyy(std::string_view text) {
    if (text.empty()) return make_error("required", "empty date");
    if (text.size() != 8) {
        return make_error("date_format", "expected 8 digits ddmmyyyy, got " +
                                             std::to_string(text.size()) + " characters");
    }
    for (char c : text) {
        if (!is_digit(c)) return make_error("date_format", "expected 8 digits ddmmyyyy");
    }
    return make_date(to_int(text.substr(4, 4)), to_int(text.substr(2, 2)),
                     to_int(text.substr(0, 2)), "ddmmyyyy");
}

Result<Date> parse_date(std::string_view text) {
    text = trim(text);
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

std::string format_iso_date(Date date) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

int age_on(Date birth, Date on) {
    int years = on.year - birth.year;
    // Comparing (month, day) pairs makes a 29/02 birthday fall after 28/02 in common years,
    // so the year is completed on 01/03.
    if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --years;
    return years;
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int days_from_civil(Date date) {
    int y = date.year - (date.month <= 2 ? 1 : 0);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (date.month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + date.day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(int days) {
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    return Date{y + (m <= 2 ? 1 : 0), m, d};
}

Date add_days(Date date, int days) {
    return civil_from_days(days_from_civil(date) + days);
}

Weekday weekday(Date date) {
    int days = days_from_civil(date);
    // 1970-01-01 was a Thursday (4).
    return static_cast<Weekday>((days % 7 + 7 + 4) % 7);
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
