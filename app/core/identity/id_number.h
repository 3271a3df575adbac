// The 12-digit personal ID number (số định danh cá nhân): PPP G YY RRRRRR
// (identity.md §2). PPP = birth-registration province (old codes), G = sex and century,
// YY = birth year in the century, R = random. There is no check digit, so a number is only ever
// refused for its shape; disagreements with other facts are warnings.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/form/date.h"
#include "core/form/validators.h"
#include "core/result.h"

namespace motcua::core {

enum class Sex { Male, Female };

// "Nam" / "Nữ", as on forms and on the card.
std::string_view sex_label(Sex sex);

struct ProvincePrefix {
    std::string_view code;  // "001".."096": "0" + the pre-2025 two-digit province code
    std::string_view name;  // the province as it was then, e.g. "Yên Bái"
};
// The 63 pre-2025 provinces. Never look these codes up in the 2025 admin-units data: new
// province codes mean other provinces (prefix 015 = Yên Bái, new code 15 = Lào Cai).
std::span<const ProvincePrefix> province_prefixes();
std::optional<std::string_view> province_for_prefix(std::string_view code);

// What the number says about its holder.
struct IdNumberParts {
    std::string_view province_prefix;  // first 3 digits (a view into the number passed in)
    Sex sex = Sex::Male;               // G even = male, odd = female
    int birth_year = 1900;             // 1900 + 100 * (G / 2) + YY
};
// Decodes a number that is already exactly 12 ASCII digits; nullopt otherwise.
std::optional<IdNumberParts> decode_id_number(std::string_view digits);

// Facts known from elsewhere (the CCCD QR, earlier answers) to cross-check against.
struct IdNumberHints {
    std::optional<Date> date_of_birth;
    std::optional<Sex> sex;
};

// Strips spaces, dots and dashes and requires exactly 12 ASCII digits. The value is the bare 12
// digits; warnings (never errors): "id_number_unknown_province", "id_number_sex_mismatch",
// "id_number_birth_year_mismatch". Errors: "required", "id_number_old_cmnd" (9 digits: an old
// identity card number), "id_number_format".
Result<Checked> check_id_number(std::string_view text, const IdNumberHints& hints = {});

}  // namespace motcua::core
