// One place that knows how to check an answer for each field type. Called on "Tiếp tục":
// returns the normalised value to keep, or an error code for "error.<code>"; what the person
// typed is never thrown away.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar/date.h"
#include "core/catalog/procedure.h"

namespace motcua::core {

struct FieldCheck {
    std::string value;                  // normalised (NFC, tidy spaces, canonical format)
    std::string error;                  // empty when valid
    std::vector<std::string> warnings;  // shown but not blocking (e.g. ID vs birth date)
    // A valid date field's date (`value` is its dd/mm/yyyy); kept as the answer.
    std::optional<Date> date = std::nullopt;
};

// today_* is the resident's local date (Asia/Ho_Chi_Minh).
FieldCheck check_field(const FieldDef& field, const std::string& raw, int today_year,
                       int today_month, int today_day);

// True when the answer is typed (keyboard or number pad) rather than chosen from buttons.
bool is_typed(FieldType type);

// True when the type is typed with the numeric pad rather than the letter keyboard.
bool uses_number_pad(FieldType type);

}  // namespace motcua::core
