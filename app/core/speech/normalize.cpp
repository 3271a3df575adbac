// The Vietnamese text normaliser (normalize.h).
//
// Index
//   [SECTION] Number words   units, tens, hundreds, scales, with the irregular forms
//   [SECTION] Digits, codes  digit by digit in groups, letters by their Vietnamese names
//   [SECTION] Times, dates, money
//   [SECTION] Whole texts    one word at a time: classify, then say
#include "core/speech/normalize.h"

#include <array>
#include <map>
#include <optional>
#include <vector>

namespace motcua::core::speech {

namespace {

constexpr std::array<const char*, 10> Digit = {"không", "một", "hai", "ba",  "bốn",
                                               "năm",   "sáu", "bảy", "tám", "chín"};

void append(std::string& out, std::string_view word) {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += word;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

// [SECTION] Number words ----------------------------------------------------------------------

// The last digit after "mươi" (20..99): 1 is "mốt", 4 is "tư", 5 is "lăm" (or "nhăm").
const char* unit_after_muoi(int unit, NumberStyle style) {
    if (unit == 1) return "mốt";
    if (unit == 4) return "tư";
    if (unit == 5) return style == NumberStyle::NorthernSpoken ? "nhăm" : "lăm";
    return Digit[unit];
}

// 0..999. `full`: a group after a higher one, read with its hundreds even when they are zero
// ("một nghìn không trăm linh năm").
std::string below_thousand(int n, bool full, NumberStyle style) {
    const int hundreds = n / 100, tens = n / 10 % 10, unit = n % 10;
    std::string out;
    if (hundreds > 0 || full) {
        append(out, Digit[hundreds]);
        append(out, "trăm");
    }
    if (tens == 0) {
        if (unit != 0) {
            if (!out.empty()) append(out, style == NumberStyle::Southern ? "lẻ" : "linh");
            append(out, Digit[unit]);
        }
    } else if (tens == 1) {
        append(out, "mười");
        if (unit == 5)
            append(out, "lăm");
        else if (unit != 0)
            append(out, Digit[unit]);
    } else {
        append(out, Digit[tens]);
        append(out, "mươi");
        if (unit != 0) append(out, unit_after_muoi(unit, style));
    }
    return out;
}

std::string below_billion(std::uint64_t n, bool full, NumberStyle style) {
    const char* thousand = style == NumberStyle::Southern ? "ngàn" : "nghìn";
    const int millions = static_cast<int>(n / 1'000'000);
    const int thousands = static_cast<int>(n / 1000 % 1000);
    const int rest = static_cast<int>(n % 1000);
    std::string out;
    bool higher = full;
    if (millions > 0) {
        append(out, below_thousand(millions, higher, style));
        append(out, "triệu");
        higher = true;
    }
    if (thousands > 0) {
        append(out, below_thousand(thousands, higher, style));
        append(out, thousand);
        higher = true;
    }
    if (rest > 0) append(out, below_thousand(rest, higher, style));
    return out;
}

std::string number_words_impl(std::uint64_t n, bool full, NumberStyle style) {
    constexpr std::uint64_t Billion = 1'000'000'000;
    if (n < Billion) return below_billion(n, full, style);
    std::string out = number_words_impl(n / Billion, full, style);
    append(out, "tỷ");
    if (n % Billion > 0) append(out, below_billion(n % Billion, true, style));
    return out;
}

// [SECTION] Digits, codes ---------------------------------------------------------------------

// Letters as Vietnamese read them in codes and abbreviations.
const char* letter_name(char c) {
    static constexpr std::array<const char*, 26> Names = {
        "a",  "bê", "xê", "dê",  "e",    "ép", "giê", "hát", "i",  "giây",   "ca",  "e lờ",  "em",
        "en", "o",  "pê", "quy", "e rờ", "ét", "tê",  "u",   "vê", "vê kép", "ích", "i dài", "dét"};
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return Names[static_cast<std::size_t>(c - 'A')];
}

std::vector<std::size_t> group_sizes(std::size_t n) {
    if (n <= 4) return {n};
    if (n == 10) return {4, 3, 3};  // a phone number: 0912 345 678
    std::vector<std::size_t> sizes(n / 3, 3);
    if (n % 3 == 1) sizes.back() = 4;  // never a lone digit at the end: 7 → 3, 4
    if (n % 3 == 2) sizes.push_back(2);
    return sizes;
}

// [SECTION] Whole texts -----------------------------------------------------------------------

const std::map<std::string, std::string, std::less<>>& abbreviations() {
    static const std::map<std::string, std::string, std::less<>> table = {
        {"UBND", "ủy ban nhân dân"},
        {"HĐND", "hội đồng nhân dân"},
        {"CCCD", "căn cước công dân"},
        {"CMND", "chứng minh nhân dân"},
        {"TTHC", "thủ tục hành chính"},
        {"VNeID", "vê en e ai đi"},
        {"BHYT", "bảo hiểm y tế"},
        {"BHXH", "bảo hiểm xã hội"},
        {"SĐT", "số điện thoại"},
        {"ĐT", "điện thoại"},
        {"TP", "thành phố"},
        {"TP.", "thành phố"},
        {"Tp.", "thành phố"},
        {"MST", "mã số thuế"},
        {"STK", "số tài khoản"},
        {"CSDL", "cơ sở dữ liệu"},
        {"QR", "kiu a"},
        {"OTP", "ô tê pê"},
        {"PIN", "pin"},
        {"v.v.", "vân vân"},
        {"v.v", "vân vân"},
        {"VNĐ", "đồng"},
        {"VND", "đồng"},
        {"₫", "đồng"},
        {"%", "phần trăm"},
        {"/", "trên"},
        {"&", "và"},
        {"·", ","},
        {"–", ","},
        {"—", ","},
        {"…", "..."},
        {"MaHoSo", "mã hồ sơ"},
    };
    return table;
}

// Between the groups of a number written in groups (never in screen text: a control character).
constexpr char GroupMark = '\x1e';

bool is_currency(std::string_view word) {
    return word == "₫" || word == "đ" || word == "đồng" || word == "VNĐ" || word == "VND" ||
           word == "vnđ" || word == "Đồng";
}

// Digits with "." between groups of three ("20.000"): the value, or nothing.
std::optional<std::uint64_t> dotted_number(std::string_view s) {
    if (s.empty() || !is_digit(s[0])) return std::nullopt;
    std::uint64_t value = 0;
    std::size_t run = 0, groups = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_digit(s[i])) {
            if (++run > 3 || value > 1'000'000'000'000'000ULL) return std::nullopt;
            value = value * 10 + static_cast<std::uint64_t>(s[i] - '0');
        } else if (s[i] == '.') {
            if (run == 0 || (groups > 0 && run != 3)) return std::nullopt;
            run = 0;
            ++groups;
        } else {
            return std::nullopt;
        }
    }
    if (groups == 0 || run != 3) return std::nullopt;
    return value;
}

std::optional<std::uint64_t> plain_number(std::string_view s) {
    if (!all_digits(s) || s.size() > 18) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : s) value = value * 10 + static_cast<std::uint64_t>(c - '0');
    return value;
}

// A number as it is written in running text: "2021" in words, "012345678901" digit by digit.
std::string say_digits_run(std::string_view run, NumberStyle style) {
    if (run.size() >= 5 || (run.size() >= 2 && run[0] == '0')) return digits_in_groups(run);
    return number_words(*plain_number(run), style);
}

std::vector<std::string_view> split_on(std::string_view s, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == separator) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return parts;
}

std::optional<int> small(std::string_view s, std::size_t max_digits) {
    if (!all_digits(s) || s.size() > max_digits) return std::nullopt;
    return static_cast<int>(*plain_number(s));
}

std::optional<std::string> as_time(std::string_view s) {
    // 15:00, 9:05, 15h, 15h30
    std::vector<std::string_view> parts;
    if (s.find(':') != std::string_view::npos) {
        parts = split_on(s, ':');
        if (parts.size() != 2 || parts[1].size() != 2) return std::nullopt;
    } else if (auto h = s.find('h'); h != std::string_view::npos && h > 0) {
        parts = {s.substr(0, h), s.substr(h + 1)};
        if (parts[1].empty()) parts[1] = "00";
        if (parts[1].size() != 2) return std::nullopt;
    } else {
        return std::nullopt;
    }
    auto hour = small(parts[0], 2), minute = small(parts[1], 2);
    if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
    return time_words(*hour, *minute);
}

std::optional<std::string> as_date(std::string_view s) {
    auto parts = split_on(s, '/');
    if (parts.size() == 3) {
        auto day = small(parts[0], 2), month = small(parts[1], 2), year = small(parts[2], 4);
        if (!day || !month || !year || parts[2].size() != 4 || *day < 1 || *day > 31 ||
            *month < 1 || *month > 12)
            return std::nullopt;
        return date_words(*day, *month, *year);
    }
    return std::nullopt;
}

bool is_code(std::string_view s) {
    bool letter = false, digit = false;
    for (char c : s) {
        if (is_ascii_letter(c))
            letter = true;
        else if (is_digit(c))
            digit = true;
        else if (c != '-' && c != '.' && c != '/' && c != '_')
            return false;
    }
    return letter && digit;
}

bool is_capitals(std::string_view s) {
    if (s.size() < 2 || s.size() > 6) return false;
    for (char c : s)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

// Punctuation that is not part of a word: kept as it is, so the synthesiser pauses.
bool is_trailing_punctuation(char c) {
    return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == '"' ||
           c == '.';
}

std::string_view strip_suffix(std::string_view s, std::string_view suffix) {
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix
               ? s.substr(0, s.size() - suffix.size())
               : std::string_view{};
}

// One word, without its surrounding punctuation. `next` is the following word (for currency);
// `used_next` is set when it was read as part of this one.
std::string say_word(std::string_view core, std::string_view next, bool& used_next,
                     NumberStyle style) {
    used_next = false;
    const auto& table = abbreviations();
    if (auto found = table.find(core); found != table.end()) return found->second;
    if (core.empty()) return {};

    // Money with the currency written on: "8.000đ", "8.000₫".
    for (std::string_view sign : {"₫", "đ"}) {
        std::string_view amount = strip_suffix(core, sign);
        if (amount.empty()) continue;
        if (auto value = dotted_number(amount)) return money_words(*value);
        if (auto value = plain_number(amount)) return money_words(*value);
    }
    if (!is_digit(core[0]) && !is_ascii_letter(core[0])) return std::string(core);
    if (core.find(GroupMark) != std::string_view::npos) {
        std::string out;
        for (std::string_view group : split_on(core, GroupMark)) {
            if (!out.empty()) out += ",";
            append(out, digits_in_groups(group));
        }
        return out;
    }

    if (auto value = dotted_number(core)) {
        if (is_currency(next)) {
            used_next = next != "đồng" && next != "Đồng";
            return used_next ? money_words(*value) : number_words(*value, style);
        }
        return number_words(*value, style);
    }
    if (all_digits(core)) {
        if (is_currency(next) && core.size() <= 15 && core[0] != '0') {
            used_next = next != "đồng" && next != "Đồng";
            return used_next ? money_words(*plain_number(core))
                             : number_words(*plain_number(core), style);
        }
        return say_digits_run(core, style);
    }
    if (auto time = as_time(core)) return *time;
    if (auto date = as_date(core)) return *date;
    if (core.back() == '%' && all_digits(core.substr(0, core.size() - 1)))
        return say_digits_run(core.substr(0, core.size() - 1), style) + " phần trăm";
    // 2/9 ("Trang 2/9"): two numbers.
    if (auto parts = split_on(core, '/');
        parts.size() == 2 && all_digits(parts[0]) && all_digits(parts[1]))
        return say_digits_run(parts[0], style) + " trên " + say_digits_run(parts[1], style);
    // 1,5: a decimal comma.
    if (auto parts = split_on(core, ',');
        parts.size() == 2 && all_digits(parts[0]) && all_digits(parts[1]))
        return say_digits_run(parts[0], style) + " phẩy " + digit_words(parts[1]);
    if (is_code(core) || is_capitals(core)) return code_words(core);
    return std::string(core);
}

}  // namespace

std::string number_words(std::uint64_t n, NumberStyle style) {
    if (n == 0) return "không";
    return number_words_impl(n, false, style);
}

std::string digit_words(std::string_view digits) {
    std::string out;
    for (char c : digits)
        if (is_digit(c)) append(out, Digit[static_cast<std::size_t>(c - '0')]);
    return out;
}

std::string digits_in_groups(std::string_view digits) {
    std::string only;
    for (char c : digits)
        if (is_digit(c)) only += c;
    std::string out;
    std::size_t at = 0;
    for (std::size_t size : group_sizes(only.size())) {
        if (!out.empty()) out += ",";
        append(out, digit_words(std::string_view(only).substr(at, size)));
        at += size;
    }
    return out;
}

std::string code_words(std::string_view code) {
    std::string out;
    std::size_t i = 0;
    bool pause = false;
    while (i < code.size()) {
        const char c = code[i];
        if (is_digit(c)) {
            std::size_t end = i;
            while (end < code.size() && is_digit(code[end])) ++end;
            if (pause && !out.empty()) out += ",";
            append(out, digits_in_groups(code.substr(i, end - i)));
            pause = false;
            i = end;
        } else if (is_ascii_letter(c)) {
            if (pause && !out.empty()) out += ",";
            append(out, letter_name(c));
            pause = false;
            ++i;
        } else {
            pause = true;  // dashes, dots, slashes: a pause between the parts
            ++i;
        }
    }
    return out;
}

std::string time_words(int hour, int minute) {
    std::string out = number_words(static_cast<std::uint64_t>(hour)) + " giờ";
    if (minute > 0) out += " " + number_words(static_cast<std::uint64_t>(minute)) + " phút";
    return out;
}

std::string date_words(int day, int month, int year) {
    const std::string month_word =
        month == 4 ? "tư" : number_words(static_cast<std::uint64_t>(month));
    return "ngày " + number_words(static_cast<std::uint64_t>(day)) + " tháng " + month_word +
           " năm " + number_words(static_cast<std::uint64_t>(year));
}

std::string money_words(std::uint64_t dong) {
    return number_words(dong) + " đồng";
}

std::string normalize(std::string_view text, NumberStyle style) {
    // Words separated by ASCII whitespace (and the no-break space).
    std::vector<std::string_view> words;
    std::size_t i = 0;
    auto is_space = [&](std::size_t at, std::size_t& width) {
        const char c = text[at];
        width = 1;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
        if (c == '\xC2' && at + 1 < text.size() && text[at + 1] == '\xA0') {
            width = 2;
            return true;
        }
        return false;
    };
    while (i < text.size()) {
        std::size_t width = 0;
        if (is_space(i, width)) {
            i += width;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(end, width)) ++end;
        words.push_back(text.substr(i, end - i));
        i = end;
    }

    // A phone or ID number written in groups ("0912 345 678", "1900 1234"): one word, its groups
    // kept apart by GroupMark and read digit by digit as written.
    std::vector<std::string> joined;
    for (std::size_t w = 0; w < words.size(); ++w) {
        std::string word(words[w]);
        const bool service = word == "1900" || word == "1800";
        if ((word.size() >= 2 && word[0] == '0' && all_digits(word)) || service) {
            while (w + 1 < words.size()) {
                std::string_view next = words[w + 1];
                std::string_view digits = next;
                while (!digits.empty() && is_trailing_punctuation(digits.back()))
                    digits.remove_suffix(1);
                if (!all_digits(digits) || digits.size() > 6) break;
                word += GroupMark;
                word += next;
                ++w;
                if (digits.size() != next.size()) break;  // "678." ends the number
            }
        }
        joined.push_back(std::move(word));
    }

    std::string out;
    for (std::size_t w = 0; w < joined.size(); ++w) {
        std::string_view word = joined[w];
        if (auto found = abbreviations().find(word); found != abbreviations().end()) {
            // "v.v." keeps its dots; "·" and dashes become a pause after the previous word.
            if (found->second == "," && !out.empty())
                out += ",";
            else
                append(out, found->second);
            continue;
        }
        std::string_view lead, trail;
        std::size_t start = 0;
        while (start < word.size() && (word[start] == '(' || word[start] == '"')) ++start;
        // “ and ” are three bytes each.
        if (word.substr(start, 3) == "“") start += 3;
        std::size_t end = word.size();
        while (end > start) {
            if (is_trailing_punctuation(word[end - 1])) {
                // "8.000." keeps its last dot as punctuation; "TP." is found whole above.
                --end;
            } else if (end - start >= 3 && word.substr(end - 3, 3) == "”") {
                end -= 3;
            } else {
                break;
            }
        }
        lead = word.substr(0, start);
        trail = word.substr(end);
        std::string_view core = word.substr(start, end - start);
        std::string_view next = w + 1 < joined.size() ? std::string_view(joined[w + 1]) : "";
        // The currency word loses nothing to punctuation ("8.000 ₫,").
        std::string next_core(next);
        while (!next_core.empty() && is_trailing_punctuation(next_core.back()))
            next_core.pop_back();
        bool used_next = false;
        std::string said = say_word(core, next_core, used_next, style);
        // Ordinals and April: "thứ 1" is "thứ nhất", "thứ 4" and "tháng 4" are "tư".
        const std::string_view previous = w > 0 ? std::string_view(joined[w - 1]) : "";
        if ((previous == "thứ" || previous == "Thứ") && (core == "1" || core == "4"))
            said = core == "1" ? "nhất" : "tư";
        if ((previous == "tháng" || previous == "Tháng") && core == "4") said = "tư";
        std::string piece = std::string(lead) + said + std::string(trail);
        if (used_next) {
            // The currency word's own punctuation follows.
            piece += next.substr(next_core.size());
            ++w;
        }
        if (said == "," && !out.empty()) {
            out += ",";
            continue;
        }
        append(out, piece);
    }
    return out;
}

}  // namespace motcua::core::speech
