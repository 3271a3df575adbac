// Index:
//  [SECTION] UTF-8 and NFC helpers (core/text/utf8, refusing invalid bytes)
//  [SECTION] Person names
//  [SECTION] Dates
//  [SECTION] Phone
//  [SECTION] Email
//  [SECTION] Whole numbers
//  [SECTION] Free text and choices
#include "core/form/validators.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "core/text/ascii.h"
#include "core/text/utf8.h"

namespace motcua::core {

namespace {

// [SECTION] UTF-8 and NFC helpers ---------------------------------------------------------------

// NFC of valid UTF-8, or nullopt: a validator refuses invalid bytes rather than replacing them
// with U+FFFD as core::to_nfc does.
std::optional<std::string> checked_nfc(std::string_view text) {
    if (!is_valid_utf8(text)) return std::nullopt;
    return to_nfc(text);
}

bool is_ascii_space(char c) {
    return text::is_one_of(c, text::LineSpace);
}

std::string_view trim_ascii(std::string_view value) {
    return text::trim(value, text::LineSpace);
}

// Whitespace as a resident's input may carry it: ASCII, no-break and other Unicode spaces.
bool is_whitespace(char32_t cp) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f') {
        return true;
    }
    utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
           category == UTF8PROC_CATEGORY_ZP;
}

bool is_control(char32_t cp) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_CC;
}

char32_t to_lower(char32_t cp) {
    return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}
char32_t to_upper(char32_t cp) {
    return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp)));
}

using text::ascii_lower;

// [SECTION] Person names ------------------------------------------------------------------------

// A letter of the Vietnamese alphabet, or f/j/w/z (foreign and minority names use them).
// Marked vowels are recognised by their canonical decomposition, so the set is exact without a
// hand-typed table: a vowel base, at most one vowel mark that fits it (â ê ô, ă, ơ ư) and at
// most one tone mark. "ñ", "ü" or "ç" decompose to other marks and are refused.
bool is_vietnamese_letter(char32_t cp) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
    if (cp == U'đ' || cp == U'Đ') return true;  // no decomposition: checked by value
    if (cp < 0xC0) return false;

    utf8proc_int32_t parts[8];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), parts, 8,
                                                 UTF8PROC_DECOMPOSE, &boundclass);
    if (n < 2 || n > 3) return false;
    if (parts[0] >= 0x80) return false;
    char base = ascii_lower(static_cast<char>(parts[0]));
    if (base != 'a' && base != 'e' && base != 'i' && base != 'o' && base != 'u' && base != 'y') {
        return false;
    }
    int vowel_marks = 0;
    int tone_marks = 0;
    for (utf8proc_ssize_t i = 1; i < n; ++i) {
        switch (parts[i]) {
            case 0x0302:  // circumflex: â ê ô
                if (base != 'a' && base != 'e' && base != 'o') return false;
                ++vowel_marks;
                break;
            case 0x0306:  // breve: ă
                if (base != 'a') return false;
                ++vowel_marks;
                break;
            case 0x031B:  // horn: ơ ư
                if (base != 'o' && base != 'u') return false;
                ++vowel_marks;
                break;
            case 0x0300:  // huyền
            case 0x0301:  // sắc
            case 0x0303:  // ngã
            case 0x0309:  // hỏi
            case 0x0323:  // nặng
                ++tone_marks;
                break;
            default:
                return false;
        }
    }
    return vowel_marks <= 1 && tone_marks <= 1;
}

bool is_apostrophe(char32_t cp) {
    return cp == U'\'' || cp == U'\u2019' || cp == U'\u02BC';
}

}  // namespace

Result<std::string> validate_person_name(std::string_view text) {
    std::optional<std::string> nfc = checked_nfc(text);
    if (!nfc) return make_error("name_invalid_chars", "name is not valid UTF-8");
    std::u32string in = decode_utf8(*nfc);

    // Split into words on any whitespace; check and re-case each word.
    std::vector<std::u32string> words;
    std::u32string word;
    auto finish_word = [&]() -> Status {
        if (word.empty()) return Ok{};
        if (is_apostrophe(word.back())) {
            return make_error("name_invalid_chars", "apostrophe at the end of a word");
        }
        words.push_back(std::move(word));
        word.clear();
        return Ok{};
    };
    for (char32_t cp : in) {
        if (is_whitespace(cp)) {
            if (Status status = finish_word(); !status) return status.error();
            continue;
        }
        if (is_apostrophe(cp)) {
            if (word.empty() || is_apostrophe(word.back())) {
                return make_error("name_invalid_chars", "apostrophe not between two letters");
            }
            word.push_back(U'\'');
            continue;
        }
        if (!is_vietnamese_letter(cp)) {
            std::string kind = cp >= '0' && cp <= '9' ? "a digit" : "U+" + [cp] {
                char buffer[16];
                std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>(cp));
                return std::string(buffer);
            }();
            return make_error("name_invalid_chars", "name contains " + kind);
        }
        // Title Case: upper at the start of a word and after an apostrophe ("H'Hen").
        bool starts = word.empty() || word.back() == U'\'';
        word.push_back(starts ? to_upper(cp) : to_lower(cp));
    }
    if (Status status = finish_word(); !status) return status.error();
    if (words.empty()) return make_error("required", "empty name");

    std::u32string joined;
    for (const std::u32string& w : words) {
        if (!joined.empty()) joined += U' ';
        joined += w;
    }
    if (joined.size() > kMaxNameCodePoints) {
        return make_error("name_too_long", std::to_string(joined.size()) + " code points, max " +
                                               std::to_string(kMaxNameCodePoints));
    }
    return encode_utf8(joined);
}

NameParts split_name(std::string_view full_name) {
    std::vector<std::string_view> words;
    std::size_t pos = 0;
    while (pos < full_name.size()) {
        while (pos < full_name.size() && is_ascii_space(full_name[pos])) ++pos;
        std::size_t start = pos;
        while (pos < full_name.size() && !is_ascii_space(full_name[pos])) ++pos;
        if (pos > start) words.push_back(full_name.substr(start, pos - start));
    }
    NameParts parts;
    if (words.empty()) return parts;
    parts.ten = std::string(words.back());
    if (words.size() == 1) return parts;
    parts.ho = std::string(words.front());
    for (std::size_t i = 1; i + 1 < words.size(); ++i) {
        if (!parts.chu_dem.empty()) parts.chu_dem += ' ';
        parts.chu_dem += words[i];
    }
    return parts;
}

std::string join_name(const NameParts& parts) {
    std::string out;
    for (const std::string* part : {&parts.ho, &parts.chu_dem, &parts.ten}) {
        std::string_view trimmed = trim_ascii(*part);
        if (trimmed.empty()) continue;
        if (!out.empty()) out += ' ';
        out += trimmed;
    }
    return out;
}

// [SECTION] Dates -------------------------------------------------------------------------------

Result<Date> validate_date_field(std::string_view text, Date today, const DateRules& rules) {
    Result<Date> parsed = parse_date(text);
    if (!parsed) return parsed;
    Date date = *parsed;
    if (!rules.allow_future && date > today) {
        return make_error("date_in_future", "date is after today (" + format_date(today) + ")");
    }
    int age = age_on(date, today);
    if (rules.min_age_years && age < *rules.min_age_years) {
        return make_error("age_too_young", "age " + std::to_string(age) + " is under " +
                                               std::to_string(*rules.min_age_years));
    }
    if (rules.max_age_years && age > *rules.max_age_years) {
        return make_error("age_too_old", "age " + std::to_string(age) + " is over " +
                                             std::to_string(*rules.max_age_years));
    }
    return date;
}

// [SECTION] Phone -------------------------------------------------------------------------------

Result<std::string> validate_mobile_phone(std::string_view text) {
    text = trim_ascii(text);
    if (text.empty()) return make_error("required", "empty phone number");

    std::string digits;
    bool plus = false;
    for (char c : text) {
        if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '\t') continue;
        if (c == '+' && digits.empty() && !plus) {
            plus = true;
            continue;
        }
        if (c < '0' || c > '9') {
            return make_error("phone_format",
                              "phone number contains a character other than digits"
                              " and separators");
        }
        digits += c;
    }
    if (digits.empty()) return make_error("phone_format", "no digits");

    // Bring every international form to the national one: +84 / 84 / 0084, with or without
    // the trunk 0 people often keep after the country code ("+84 (0) 912 ...").
    bool international = plus;
    if (!plus && digits.rfind("0084", 0) == 0) {
        digits.erase(0, 2);
        international = true;
    }
    if (international) {
        if (digits.rfind("84", 0) != 0) {
            return make_error("phone_format", "international number outside Vietnam (+84)");
        }
        digits.erase(0, 2);
        if (digits.empty() || digits[0] != '0') digits.insert(0, "0");
    } else if (digits.rfind("84", 0) == 0 && (digits.size() == 11 || digits.size() == 12)) {
        digits.erase(0, 2);
        if (digits[0] != '0') digits.insert(0, "0");
    }

    if (digits[0] != '0') {
        return make_error("phone_format", "national number must start with 0");
    }
    if (digits.size() >= 2 && digits[1] == '2') {
        return make_error("phone_not_mobile", "02x is a landline area code");
    }
    if (digits.size() != 10) {
        return make_error("phone_format", std::to_string(digits.size()) + " digits, expected 10");
    }
    if (std::string_view("35789").find(digits[1]) == std::string_view::npos) {
        return make_error("phone_not_mobile",
                          std::string("prefix 0") + digits[1] + " is not a mobile prefix");
    }
    return digits;
}

// [SECTION] Email -------------------------------------------------------------------------------

namespace {

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_local_part_char(char c) {
    return is_ascii_alnum(c) ||
           std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos;
}

}  // namespace

Result<std::string> validate_email(std::string_view text) {
    text = trim_ascii(text);
    if (text.empty()) return make_error("required", "empty email");
    if (text.size() > 254) return make_error("email_format", "longer than 254 characters");

    std::size_t at = text.find('@');
    if (at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) {
        return make_error("email_format", "needs exactly one '@'");
    }
    std::string_view local = text.substr(0, at);
    std::string_view domain = text.substr(at + 1);
    if (local.empty() || local.size() > 64) {
        return make_error("email_format", "the part before '@' is empty or too long");
    }
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
        return make_error("email_format", "misplaced dot before '@'");
    }
    for (char c : local) {
        if (!is_local_part_char(c)) {
            return make_error("email_format", "space, accent or symbol before '@'");
        }
    }

    std::size_t labels = 0;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = domain.find('.', start);
        std::string_view label = domain.substr(
            start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
            return make_error("email_format", "empty or malformed part in the domain");
        }
        for (char c : label) {
            if (!is_ascii_alnum(c) && c != '-') {
                return make_error("email_format", "space, accent or symbol in the domain");
            }
        }
        ++labels;
        if (dot == std::string_view::npos) {
            bool letters_only = std::all_of(label.begin(), label.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            });
            if (label.size() < 2 || !letters_only) {
                return make_error("email_format", "the domain ending is not a name like .vn");
            }
            break;
        }
        start = dot + 1;
    }
    if (labels < 2) return make_error("email_format", "the domain has no dot");

    std::string out(local);
    out += '@';
    for (char c : domain) out += ascii_lower(c);
    return out;
}

// [SECTION] Whole numbers -----------------------------------------------------------------------

Result<std::int64_t> validate_whole_number(std::string_view text, const NumberRules& rules) {
    text = trim_ascii(text);
    if (text.empty()) return make_error("required", "empty number");

    bool negative = false;
    if (text.front() == '+' || text.front() == '-') {
        negative = text.front() == '-';
        text.remove_prefix(1);
        text = trim_ascii(text);
    }
    // Collect digits; a '.' or ' ' is a thousands separator only in well-formed groups of 3
    // ("1.000", "12 500"), so "1.5" is refused rather than read as 15.
    std::string digits;
    char separator = 0;
    std::size_t group_length = 0;
    bool grouped = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            digits += c;
            ++group_length;
            continue;
        }
        if (c != '.' && c != ' ') {
            return make_error("number_format", "only digits, with '.' or space between thousands");
        }
        if (separator != 0 && c != separator) {
            return make_error("number_format", "mixed thousands separators");
        }
        bool first_group_ok = !grouped && group_length >= 1 && group_length <= 3;
        bool later_group_ok = grouped && group_length == 3;
        if (!first_group_ok && !later_group_ok) {
            return make_error("number_format", "thousands separator in the wrong place");
        }
        separator = c;
        grouped = true;
        group_length = 0;
    }
    if (digits.empty() || (grouped && group_length != 3)) {
        return make_error("number_format", "not a whole number");
    }

    std::size_t first_nonzero = digits.find_first_not_of('0');
    std::string_view significant = first_nonzero == std::string::npos
                                       ? std::string_view("0")
                                       : std::string_view(digits).substr(first_nonzero);
    if (significant.size() > 18) {
        // Beyond any bound a form uses, and beyond int64 soon after: report the direction.
        return negative ? make_error("number_too_small", "more than 18 digits")
                        : make_error("number_too_large", "more than 18 digits");
    }
    std::int64_t value = 0;
    for (char c : significant) value = value * 10 + (c - '0');
    if (negative) value = -value;

    if (rules.min && value < *rules.min) {
        return make_error("number_too_small", "minimum is " + std::to_string(*rules.min));
    }
    if (rules.max && value > *rules.max) {
        return make_error("number_too_large", "maximum is " + std::to_string(*rules.max));
    }
    return value;
}

// [SECTION] Free text and choices ---------------------------------------------------------------

Result<std::string> validate_free_text(std::string_view text, std::size_t max_code_points) {
    std::optional<std::string> nfc = checked_nfc(text);
    if (!nfc) return make_error("text_invalid_chars", "text is not valid UTF-8");
    std::u32string in = decode_utf8(*nfc);
    std::u32string out;
    bool pending_space = false;
    for (char32_t cp : in) {
        if (is_whitespace(cp)) {
            pending_space = !out.empty();
            continue;
        }
        if (is_control(cp)) {
            return make_error("text_invalid_chars", "text contains a control character");
        }
        if (pending_space) out += U' ';
        pending_space = false;
        out += cp;
    }
    if (out.empty()) return make_error("required", "empty text");
    if (out.size() > max_code_points) {
        return make_error("text_too_long", std::to_string(out.size()) + " code points, max " +
                                               std::to_string(max_code_points));
    }
    return encode_utf8(out);
}

Result<std::string> validate_single_choice(std::string_view value,
                                           const std::vector<std::string>& options) {
    std::optional<std::string> nfc = checked_nfc(trim_ascii(value));
    if (!nfc) return make_error("choice_invalid", "choice is not valid UTF-8");
    if (nfc->empty()) return make_error("required", "nothing chosen");
    for (const std::string& option : options) {
        if (checked_nfc(option) == nfc) return option;
    }
    return make_error("choice_invalid",
                      "value is not one of the " + std::to_string(options.size()) + " options");
}

Result<std::vector<std::string>> validate_multiple_choice(const std::vector<std::string>& values,
                                                          const std::vector<std::string>& options,
                                                          const ChoiceRules& rules) {
    std::vector<bool> chosen(options.size(), false);
    std::size_t count = 0;
    for (const std::string& value : values) {
        Result<std::string> one = validate_single_choice(value, options);
        if (!one) {
            if (one.error().code == "required") continue;  // blank entries carry no choice
            return one.error();
        }
        auto it = std::find(options.begin(), options.end(), *one);
        auto index = static_cast<std::size_t>(it - options.begin());
        if (!chosen[index]) ++count;
        chosen[index] = true;
    }
    if (count == 0 && rules.min_count > 0) return make_error("required", "nothing chosen");
    if (count < rules.min_count) {
        return make_error("choice_too_few", std::to_string(count) + " chosen, at least " +
                                                std::to_string(rules.min_count));
    }
    if (rules.max_count && count > *rules.max_count) {
        return make_error("choice_too_many", std::to_string(count) + " chosen, at most " +
                                                 std::to_string(*rules.max_count));
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (chosen[i]) out.push_back(options[i]);
    }
    return out;
}

Result<bool> validate_yes_no(std::string_view text) {
    std::optional<std::string> nfc = checked_nfc(trim_ascii(text));
    if (!nfc) return make_error("yes_no_invalid", "answer is not valid UTF-8");
    if (nfc->empty()) return make_error("required", "no answer");
    std::string lowered;
    for (char32_t cp : decode_utf8(*nfc)) append_utf8(lowered, to_lower(cp));
    for (std::string_view yes : {"yes", "có", "co", "true", "1"}) {
        if (lowered == yes) return true;
    }
    for (std::string_view no : {"no", "không", "khong", "false", "0"}) {
        if (lowered == no) return false;
    }
    return make_error("yes_no_invalid", "answer is not yes or no");
}

std::size_t count_code_points(std::string_view utf8) {
    std::size_t count = 0;
    for (char c : utf8) {
        // Count every byte that does not continue a sequence (10xxxxxx).
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    }
    return count;
}

}  // namespace motcua::core
