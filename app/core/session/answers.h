// A visit's answers, typed by what each field asks for: typed text, a date, one choice, a set of
// choices, or an address in its parts. Intents and views name an answer by its input key, a string:
//   "x"        the answer of field x (item 1 of a repeatable page)
//   "x#2"      item 2 of field x on a repeatable page
//   "x.tinh"   the province of address x, "x.xa" its ward, "x.tim" what is typed to find the ward
// input_ref() reads such a key once; inside the session every answer is an AnswerKey and a value.
#pragma once

#include <compare>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/calendar/date.h"
#include "core/catalog/procedure.h"

namespace motcua::core {

// Where an answer lives: a field, and on a repeatable page the item (1-based).
struct AnswerKey {
    std::string field;
    int item = 1;
    auto operator<=>(const AnswerKey&) const = default;
};

// Typed text: names, numbers, ID numbers, phone numbers.
struct TextAnswer {
    std::string text;
    bool operator==(const TextAnswer&) const = default;
};
// A date field: the civil date itself once its page is checked (or a card scan filled it); until
// then what the resident is typing into the box, unparsed. Exactly one of the two is set. Typing
// is the input boundary (parse_date reads the text when the page is checked); dd/mm/yyyy is made
// only where a date is shown, spoken or filed (answer_text, the dossier).
struct DateAnswer {
    std::optional<Date> date;  // checked or scanned: the date; then `typed` is empty
    std::string typed;         // being typed, not yet checked; then `date` is empty
    bool operator==(const DateAnswer&) const = default;

    static DateAnswer of(Date value) { return DateAnswer{value, {}}; }
    static DateAnswer typing(std::string text) { return DateAnswer{std::nullopt, std::move(text)}; }
    // The text of its box: what is being typed, or the date as dd/mm/yyyy.
    std::string shown() const;
};
struct ChoiceAnswer {  // choice, yes/no, ethnicity, nationality
    std::string value;
    bool operator==(const ChoiceAnswer&) const = default;
};
struct ChoiceSetAnswer {  // multi-choice: the values chosen, in option order, never empty
    std::vector<std::string> values;
    bool operator==(const ChoiceSetAnswer&) const = default;
};
struct AddressAnswerParts {
    std::string province;  // 2-digit code, chosen on buttons
    std::string ward;      // 5-digit code, found by typing
    std::string detail;    // house number and street (the whole line when no units are known)
    std::string search;    // typed to find the ward: never filed
    std::string full;      // the whole address in words, set when the page is checked
    bool operator==(const AddressAnswerParts&) const = default;
    bool empty() const {
        return province.empty() && ward.empty() && detail.empty() && search.empty();
    }
};

using Answer =
    std::variant<TextAnswer, DateAnswer, ChoiceAnswer, ChoiceSetAnswer, AddressAnswerParts>;
using Answers = std::map<AnswerKey, Answer>;

// Which part of an answer an input key names.
enum class AnswerPart { Whole, Province, Ward, Search, Full };

struct InputRef {
    const FieldDef* field = nullptr;  // null when the key names no field of the procedure
    AnswerKey key;
    AnswerPart part = AnswerPart::Whole;
};

// Reads an input key ("x", "x#2", "x.tinh", "x.xa", "x.tim", "x.day_du") against a procedure.
InputRef input_ref(const Procedure& procedure, const std::string& input_key);

// The text of one part of an answer as shown in its box or compared by show_if: typed text,
// a date as dd/mm/yyyy (or what is being typed into it), the choice's value, the set's values
// joined by '|' (the procedure format's form), an address part. "" when there is none.
std::string answer_text(const Answers& answers, const AnswerKey& key,
                        AnswerPart part = AnswerPart::Whole);
// The same for an input key read without the procedure: "x#2" is item 2, and ".tinh", ".xa",
// ".tim", ".day_du" name parts when an address answer is kept under the rest.
std::string answer_text(const Answers& answers, const std::string& input_key);
// True when `value` is among the answer's choices (a choice or a set of choices).
bool answer_has_choice(const Answers& answers, const AnswerKey& key, const std::string& value);

}  // namespace motcua::core
