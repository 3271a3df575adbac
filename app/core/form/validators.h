// Field validators: each takes what the resident typed and returns the normalised value to keep
// (NFC, tidy spaces, canonical format) or an Error whose code the UI shows as "error.<code>".
// They never throw and never log personal data: an Error detail describes the shape of the
// problem, not the value. An empty answer is always Error "required"; whether a field may be
// left empty is the form's decision, made before calling these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/form/date.h"
#include "core/result.h"

namespace motcua::core {

// A valid value plus non-blocking warnings (codes, shown as "warning.<code>"): the resident may
// go on, but should look again (e.g. an ID number that disagrees with the birth date).
struct Checked {
    std::string value;
    std::vector<std::string> warnings;
};

// [SECTION] Person names ------------------------------------------------------------------------

inline constexpr std::size_t kMaxNameCodePoints = 100;

// Validates and tidies a full name: NFC, Vietnamese letters only (a–z incl. f j w z, đ, and the
// vowels ă â ê ô ơ ư with any of the five tone marks), words separated by single spaces, each word
// in Title Case ("nguyễn  văn AN" → "Nguyễn Văn An"). An apostrophe inside a word is kept
// because Ê Đê and Jrai names use it ("H'Hen Niê"). Errors: "required", "name_invalid_chars"
// (digits, punctuation, symbols, letters from other alphabets), "name_too_long" (> 100 code
// points).
Result<std::string> validate_person_name(std::string_view text);

// The three name fields of civil-status forms.
struct NameParts {
    std::string ho;       // family name: the first word
    std::string chu_dem;  // middle words, space-separated; empty for two-word names
    std::string ten;      // given name: the last word
};
// Splits a (normalised) full name into first word / middle words / last word. A one-word name
// goes into `ten`. Compound family names exist, so the resident must be able to correct this.
NameParts split_name(std::string_view full_name);
// Joins the parts back with single spaces, skipping empty ones.
std::string join_name(const NameParts& parts);

// [SECTION] Dates -------------------------------------------------------------------------------

struct DateRules {
    bool allow_future = false;         // most dates (birth, death, issue) are in the past
    std::optional<int> min_age_years;  // completed years on `today`, inclusive
    std::optional<int> max_age_years;
};
// Parses with parse_date (same error codes), then checks the rules against `today` (the
// resident's local date, passed in). Errors also: "date_in_future", "age_too_young", "age_too_old".
Result<Date> validate_date_field(std::string_view text, Date today, const DateRules& rules);

// [SECTION] Phone, email, numbers ---------------------------------------------------------------

// Vietnamese mobile numbers. Accepts spaces, dots, dashes and brackets, and the prefixes +84, 84,
// 0084 and 0; returns "0xxxxxxxxx" (10 digits, 03/05/07/08/09). Errors: "required",
// "phone_format" (not digits or wrong length), "phone_not_mobile" (a landline 02x, or another
// prefix).
Result<std::string> validate_mobile_phone(std::string_view text);

// A simple, sane email check: one '@', no spaces, ASCII, a dot in the domain, a letter TLD.
// Returns it trimmed with the domain lowercased. Errors: "required", "email_format".
Result<std::string> validate_email(std::string_view text);

struct NumberRules {
    std::optional<std::int64_t> min;
    std::optional<std::int64_t> max;
};
// A whole number, optionally signed, optionally grouped by thousands with '.' or ' ' as people
// write them in Vietnam ("1.000", "12 500"). Decimals ("1,5") are refused. Errors: "required",
// "number_format", "number_too_small", "number_too_large".
Result<std::int64_t> validate_whole_number(std::string_view text, const NumberRules& rules);

// [SECTION] Text and choices --------------------------------------------------------------------

// One line of free text: NFC, every run of whitespace (incl. line breaks and no-break spaces)
// becomes one space, trimmed. Errors: "required", "text_invalid_chars" (invalid UTF-8 or control
// characters), "text_too_long" (more than max_code_points code points after tidying).
Result<std::string> validate_free_text(std::string_view text, std::size_t max_code_points);

// The value must be one of `options` (compared after NFC). Errors: "required", "choice_invalid".
Result<std::string> validate_single_choice(std::string_view value,
                                           const std::vector<std::string>& options);

struct ChoiceRules {
    std::size_t min_count = 1;  // 0 allows choosing nothing
    std::optional<std::size_t> max_count;
};
// Every value must be one of `options`; duplicates are dropped and the result follows the order
// of `options`. Errors: "required" (nothing chosen while min_count > 0), "choice_invalid",
// "choice_too_few", "choice_too_many".
Result<std::vector<std::string>> validate_multiple_choice(const std::vector<std::string>& values,
                                                          const std::vector<std::string>& options,
                                                          const ChoiceRules& rules);

// Yes/no answers: "yes"/"no", "có"/"không" (also without marks), "true"/"false", "1"/"0", any
// case. Errors: "required", "yes_no_invalid".
Result<bool> validate_yes_no(std::string_view text);

// [SECTION] Helpers shared with the identity parsers --------------------------------------------

// Number of Unicode code points in valid UTF-8 (for invalid UTF-8, a rough count).
std::size_t count_code_points(std::string_view utf8);

}  // namespace motcua::core
