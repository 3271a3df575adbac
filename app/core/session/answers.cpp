#include "core/session/answers.h"

#include "core/form/date.h"

namespace motcua::core {

namespace {

// "x#2" → ("x", 2); anything else is item 1. A malformed number leaves the key whole.
AnswerKey split_item(const std::string& input_key) {
    const std::size_t hash = input_key.rfind('#');
    if (hash == std::string::npos || hash + 1 == input_key.size() ||
        input_key.find_first_not_of("0123456789", hash + 1) != std::string::npos ||
        input_key.size() - hash > 4)
        return AnswerKey{input_key, 1};
    return AnswerKey{input_key.substr(0, hash), std::stoi(input_key.substr(hash + 1))};
}

}  // namespace

std::string DateAnswer::shown() const {
    return date ? format_date(*date) : typed;
}

InputRef input_ref(const Procedure& procedure, const std::string& input_key) {
    InputRef ref;
    ref.field = procedure.answer_owner(input_key);
    if (!ref.field) {
        // ".day_du" is never an input, but review and tests read it.
        const std::string_view full(kAddressFull);
        if (input_key.ends_with(full))
            if (const FieldDef* field =
                    procedure.find_field(input_key.substr(0, input_key.size() - full.size()));
                field && field->type == FieldType::Address)
                return InputRef{field, AnswerKey{field->id, 1}, AnswerPart::Full};
        return InputRef{nullptr, AnswerKey{input_key, 1}, AnswerPart::Whole};
    }
    if (ref.field->type != FieldType::Address) {
        ref.key = split_item(input_key);
        return ref;
    }
    ref.key = AnswerKey{ref.field->id, 1};
    if (input_key == ref.field->id + kAddressProvince)
        ref.part = AnswerPart::Province;
    else if (input_key == ref.field->id + kAddressWard)
        ref.part = AnswerPart::Ward;
    else if (input_key == ref.field->id + kAddressSearch)
        ref.part = AnswerPart::Search;
    return ref;
}

std::string answer_text(const Answers& answers, const AnswerKey& key, AnswerPart part) {
    auto it = answers.find(key);
    if (it == answers.end()) return {};
    const Answer& answer = it->second;
    if (const auto* address = std::get_if<AddressAnswerParts>(&answer)) {
        switch (part) {
            case AnswerPart::Whole:
                return address->detail;
            case AnswerPart::Province:
                return address->province;
            case AnswerPart::Ward:
                return address->ward;
            case AnswerPart::Search:
                return address->search;
            case AnswerPart::Full:
                return address->full;
        }
        return {};
    }
    if (part != AnswerPart::Whole) return {};
    if (const auto* text = std::get_if<TextAnswer>(&answer)) return text->text;
    if (const auto* date = std::get_if<DateAnswer>(&answer)) return date->shown();
    if (const auto* choice = std::get_if<ChoiceAnswer>(&answer)) return choice->value;
    std::string joined;
    for (const auto& value : std::get<ChoiceSetAnswer>(answer).values)
        joined += (joined.empty() ? "" : "|") + value;
    return joined;
}

std::string answer_text(const Answers& answers, const std::string& input_key) {
    const AnswerKey key = split_item(input_key);
    if (answers.count(key)) return answer_text(answers, key);
    for (const auto& [suffix, part] :
         {std::pair{kAddressProvince, AnswerPart::Province},
          std::pair{kAddressWard, AnswerPart::Ward}, std::pair{kAddressSearch, AnswerPart::Search},
          std::pair{kAddressFull, AnswerPart::Full}}) {
        const std::string_view tail(suffix);
        if (input_key.size() > tail.size() && input_key.ends_with(tail))
            return answer_text(
                answers, AnswerKey{input_key.substr(0, input_key.size() - tail.size()), 1}, part);
    }
    return {};
}

bool answer_has_choice(const Answers& answers, const AnswerKey& key, const std::string& value) {
    auto it = answers.find(key);
    if (it == answers.end()) return false;
    if (const auto* choice = std::get_if<ChoiceAnswer>(&it->second)) return choice->value == value;
    if (const auto* set = std::get_if<ChoiceSetAnswer>(&it->second))
        for (const auto& chosen : set->values)
            if (chosen == value) return true;
    return false;
}

}  // namespace motcua::core
