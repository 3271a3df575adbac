#include "core/form/field_check.h"

#include <algorithm>

#include "core/form/date.h"
#include "core/form/reference.h"
#include "core/form/validators.h"
#include "core/identity/id_number.h"
#include "core/text/utf8.h"

namespace motcua::core {

namespace {

bool is_blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::vector<std::string> option_values(const FieldDef& field) {
    std::vector<std::string> values;
    if (field.type == FieldType::Ethnicity)
        for (const auto& group : ethnic_groups()) values.emplace_back(group.name);
    else if (field.type == FieldType::Nationality)
        for (const auto& nation : nationalities()) values.emplace_back(nation.name);
    else
        for (const auto& option : field.options) values.push_back(option.value);
    return values;
}

}  // namespace

bool is_typed(FieldType type) {
    return type != FieldType::Choice && type != FieldType::MultiChoice &&
           type != FieldType::YesNo && type != FieldType::Ethnicity &&
           type != FieldType::Nationality;
}

bool uses_number_pad(FieldType type) {
    return type == FieldType::Date || type == FieldType::IdNumber || type == FieldType::Phone ||
           type == FieldType::Number;
}

FieldCheck check_field(const FieldDef& field, const std::string& raw, int today_year,
                       int today_month, int today_day) {
    const std::string text = to_nfc(raw);
    if (is_blank(text)) {
        if (field.required) return FieldCheck{{}, "required", {}};
        return FieldCheck{};
    }
    switch (field.type) {
        case FieldType::PersonName: {
            auto name = validate_person_name(text);
            return name ? FieldCheck{*name, {}, {}} : FieldCheck{{}, name.error().code, {}};
        }
        case FieldType::Text:
        case FieldType::Address: {  // without the list of wards: the whole address as one line
            auto free = validate_free_text(text, static_cast<std::size_t>(field.max_length));
            return free ? FieldCheck{*free, {}, {}} : FieldCheck{{}, free.error().code, {}};
        }
        case FieldType::Date: {
            DateRules rules;
            rules.allow_future = !field.not_future;
            rules.min_age_years = field.min_age;
            rules.max_age_years = field.max_age;
            auto date = validate_date_field(text, Date{today_year, today_month, today_day}, rules);
            return date ? FieldCheck{format_date(*date), {}, {}, *date}
                        : FieldCheck{{}, date.error().code, {}};
        }
        case FieldType::IdNumber: {
            auto id = check_id_number(text);
            return id ? FieldCheck{id->value, {}, id->warnings}
                      : FieldCheck{{}, id.error().code, {}};
        }
        case FieldType::Phone: {
            auto phone = validate_mobile_phone(text);
            return phone ? FieldCheck{*phone, {}, {}} : FieldCheck{{}, phone.error().code, {}};
        }
        case FieldType::Email: {
            auto email = validate_email(text);
            return email ? FieldCheck{*email, {}, {}} : FieldCheck{{}, email.error().code, {}};
        }
        case FieldType::Number: {
            NumberRules rules;
            rules.min = field.min;
            rules.max = field.max;
            auto number = validate_whole_number(text, rules);
            return number ? FieldCheck{std::to_string(*number), {}, {}}
                          : FieldCheck{{}, number.error().code, {}};
        }
        case FieldType::Choice:
        case FieldType::Ethnicity:
        case FieldType::Nationality: {
            auto choice = validate_single_choice(text, option_values(field));
            return choice ? FieldCheck{*choice, {}, {}} : FieldCheck{{}, choice.error().code, {}};
        }
        case FieldType::MultiChoice: {
            std::vector<std::string> values;
            std::size_t start = 0;
            while (start <= text.size()) {
                std::size_t bar = text.find('|', start);
                values.push_back(text.substr(start, bar - start));
                if (bar == std::string::npos) break;
                start = bar + 1;
            }
            auto chosen = validate_multiple_choice(values, option_values(field), ChoiceRules{});
            return chosen ? FieldCheck{text, {}, {}} : FieldCheck{{}, chosen.error().code, {}};
        }
        case FieldType::YesNo: {
            auto yes = validate_yes_no(text);
            return yes ? FieldCheck{*yes ? "yes" : "no", {}, {}}
                       : FieldCheck{{}, yes.error().code, {}};
        }
    }
    return FieldCheck{{}, "required", {}};
}

}  // namespace motcua::core
