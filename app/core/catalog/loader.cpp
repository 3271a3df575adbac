#include "core/catalog/loader.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "core/json/object_reader.h"
#include "core/json/strict_reader.h"
#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace motcua::core {

using nlohmann::json;

const FieldDef* Procedure::find_field(std::string_view field_id) const {
    for (const auto& page : pages)
        for (const auto& field : page.fields)
            if (field.id == field_id) return &field;
    return nullptr;
}

const PageDef* Procedure::page_of(std::string_view field_id) const {
    for (const auto& page : pages)
        for (const auto& field : page.fields)
            if (field.id == field_id) return &page;
    return nullptr;
}

const FieldDef* Procedure::answer_owner(std::string_view answer_key) const {
    // "document.name#2": the second item of a repeatable group.
    if (const std::size_t hash = answer_key.rfind('#'); hash != std::string_view::npos) {
        const std::string_view number = answer_key.substr(hash + 1);
        if (number.empty() || number.find_first_not_of("0123456789") != std::string_view::npos)
            return nullptr;
        const FieldDef* field = find_field(answer_key.substr(0, hash));
        const PageDef* page = field ? page_of(field->id) : nullptr;
        return page && page->repeat ? field : nullptr;
    }
    if (const FieldDef* field = find_field(answer_key)) return field;
    for (const char* part : {kAddressProvince, kAddressWard, kAddressSearch}) {
        const std::string_view suffix(part);
        if (answer_key.size() > suffix.size() && answer_key.ends_with(suffix))
            if (const FieldDef* field =
                    find_field(answer_key.substr(0, answer_key.size() - suffix.size()));
                field && field->type == FieldType::Address)
                return field;
    }
    return nullptr;
}

const Procedure* Catalog::find(std::string_view code) const {
    for (const auto& procedure : procedures)
        if (procedure.code == code) return &procedure;
    return nullptr;
}

namespace {

using strict_json::fail;
using strict_json::ObjectReader;
using strict_json::type_name;

// Text for residents: "Vietnamese" or {"vi": "...", "en": "..."}; never empty.
LocalText read_text(const json& value, const std::string& at_path) {
    LocalText text;
    if (value.is_string()) {
        text.vi = value.get<std::string>();
    } else {
        ObjectReader reader(value, at_path, {"vi", "en"});
        text.vi = reader.string("vi");
        text.en = reader.string("en", false);
    }
    if (text.vi.empty()) fail(at_path, "text must not be empty");
    return text;
}

LocalText read_text(const ObjectReader& reader, const char* key, bool required = true) {
    if (!reader.has(key)) {
        if (required)
            fail(reader.path(key), "missing; expected text (a string or {\"vi\", \"en\"})");
        return {};
    }
    return read_text(reader.at(key), reader.path(key));
}

FieldType parse_field_type(const std::string& name, const std::string& path) {
    static const std::vector<std::pair<std::string, FieldType>> types = {
        {"text", FieldType::Text},
        {"person_name", FieldType::PersonName},
        {"date", FieldType::Date},
        {"id_number", FieldType::IdNumber},
        {"phone", FieldType::Phone},
        {"email", FieldType::Email},
        {"number", FieldType::Number},
        {"choice", FieldType::Choice},
        {"multi_choice", FieldType::MultiChoice},
        {"yes_no", FieldType::YesNo},
        {"ethnicity", FieldType::Ethnicity},
        {"nationality", FieldType::Nationality},
        {"address", FieldType::Address},
    };
    std::string expected;
    for (const auto& [type_name, type] : types) {
        if (type_name == name) return type;
        expected += (expected.empty() ? "" : ", ") + type_name;
    }
    fail(path, "unknown field type '" + name + "'; expected one of: " + expected);
}

Condition parse_condition(const json& node, const std::string& path,
                          const std::set<std::string>& known_fields) {
    ObjectReader reader(node, path, {"field", "equals", "in"});
    Condition condition;
    condition.field = reader.string("field");
    if (!known_fields.count(condition.field))
        fail(reader.path("field"),
             "refers to '" + condition.field + "', which is not a field asked before this point");
    if (reader.has("equals")) condition.any_of.push_back(reader.string("equals"));
    for (const auto& value : reader.array("in", false)) {
        if (!value.is_string()) fail(reader.path("in"), "expected a list of strings");
        condition.any_of.push_back(value.get<std::string>());
    }
    if (condition.any_of.empty()) fail(path, "needs \"equals\" or \"in\"");
    return condition;
}

FieldDef parse_field(const json& node, const std::string& path, std::set<std::string>& known) {
    ObjectReader reader(
        node, path,
        {"id", "type", "label", "hint", "required", "options", "min", "max", "min_age", "max_age",
         "not_future", "max_length", "show_if", "portal", "prefill", "in_words", "name_parts"});
    FieldDef field;
    field.id = reader.string("id");
    if (field.id.empty() ||
        field.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") != std::string::npos)
        fail(reader.path("id"), "'" + field.id + "' must use a-z, 0-9, '_' and '.' only");
    if (known.count(field.id)) fail(reader.path("id"), "'" + field.id + "' is used twice");
    field.type = parse_field_type(reader.string("type"), reader.path("type"));
    field.label = read_text(reader, "label");
    field.hint = read_text(reader, "hint", false);
    field.required = reader.boolean("required", true);
    field.not_future = reader.boolean("not_future", true);
    field.min = reader.integer("min", -1'000'000'000LL, 1'000'000'000LL);
    field.max = reader.integer("max", -1'000'000'000LL, 1'000'000'000LL);
    if (field.min && field.max && *field.min > *field.max)
        fail(reader.path("min"), "min is larger than max");
    if (auto age = reader.integer("min_age", 0, 150)) field.min_age = static_cast<int>(*age);
    if (auto age = reader.integer("max_age", 0, 150)) field.max_age = static_cast<int>(*age);
    if (auto length = reader.integer("max_length", 1, 2000))
        field.max_length = static_cast<int>(*length);
    if (reader.has("show_if"))
        field.show_if = parse_condition(reader.at("show_if"), reader.path("show_if"), known);
    field.portal = reader.string("portal", false, field.id);
    field.prefill = reader.string("prefill", false);
    field.in_words = reader.boolean("in_words", false);
    if (field.in_words && field.type != FieldType::Date)
        fail(reader.path("in_words"), "only a date field can be written in words");
    if (reader.has("name_parts")) {
        if (field.type != FieldType::PersonName)
            fail(reader.path("name_parts"), "only a person_name field can be split");
        ObjectReader parts(reader.at("name_parts"), reader.path("name_parts"),
                           {"ho", "chu_dem", "ten"});
        field.name_ho = parts.string("ho");
        field.name_chu_dem = parts.string("chu_dem");
        field.name_ten = parts.string("ten");
    }
    // Cards issued before 07/2025 carry old three-level addresses: they cannot fill a province
    // and a ward of today, so an address field is chosen by the resident.
    if (field.type == FieldType::Address && !field.prefill.empty())
        fail(reader.path("prefill"),
             "an address field cannot be filled from the card (its address may be the old "
             "three-level one); use a text field for that");
    static const std::vector<std::string> prefills = {
        "cccd.id_number", "cccd.full_name", "cccd.date_of_birth", "cccd.sex", "cccd.address"};
    if (!field.prefill.empty() &&
        std::find(prefills.begin(), prefills.end(), field.prefill) == prefills.end())
        fail(reader.path("prefill"),
             "unknown source '" + field.prefill +
                 "'; expected one of: cccd.id_number, cccd.full_name, cccd.date_of_birth, "
                 "cccd.sex, cccd.address");

    const json& options = reader.array("options", false);
    bool needs_options = field.type == FieldType::Choice || field.type == FieldType::MultiChoice;
    if (needs_options && options.empty())
        fail(reader.path("options"),
             "a " + std::string(field.type == FieldType::Choice ? "choice" : "multi_choice") +
                 " field needs at least two options");
    if (!needs_options && !options.empty())
        fail(reader.path("options"), "only choice and multi_choice fields take options");
    std::set<std::string> values;
    for (std::size_t i = 0; i < options.size(); ++i) {
        std::string option_path = reader.path("options") + "[" + std::to_string(i) + "]";
        ObjectReader option_reader(options[i], option_path, {"value", "label"});
        ChoiceOption option{option_reader.string("value"), read_text(option_reader, "label")};
        if (!values.insert(option.value).second)
            fail(option_path + ".value", "'" + option.value + "' is used twice");
        field.options.push_back(std::move(option));
    }
    if (needs_options && field.options.size() < 2)
        fail(reader.path("options"), "a choice needs at least two options");
    known.insert(field.id);
    return field;
}

DocumentKind parse_document_kind(const std::string& name, const std::string& path) {
    if (name == "original") return DocumentKind::Original;
    if (name == "copy") return DocumentKind::Copy;
    if (name == "original_or_copy") return DocumentKind::OriginalOrCopy;
    if (name == "show") return DocumentKind::Show;
    fail(path,
         "unknown kind '" + name + "'; expected one of: original, copy, original_or_copy, show");
}

Procedure parse(const json& doc, const std::string& file) {
    ObjectReader reader(
        doc, "$",
        {"format", "code", "name", "description", "everyday_names", "category", "authority",
         "processing", "fee", "documents", "eligibility", "pages", "guidance_only", "guidance",
         "portal", "rank", "icon", "tagline"});  // [help] rank, icon, tagline
    auto format = reader.integer("format", 1, 1);
    if (!format) fail("$.format", "missing; expected 1");
    Procedure procedure;
    procedure.source_file = file;
    procedure.code = reader.string("code");
    if (procedure.code.size() < 8 ||
        procedure.code.find_first_not_of("0123456789.H") != std::string::npos)
        fail("$.code", "'" + procedure.code + "' is not a procedure code like 1.001193");
    procedure.name = read_text(reader, "name");
    procedure.description = read_text(reader, "description", false);
    for (std::size_t i = 0; i < reader.array("everyday_names", false).size(); ++i)
        procedure.everyday_names.push_back(read_text(
            reader.at("everyday_names")[i], "$.everyday_names[" + std::to_string(i) + "]"));
    procedure.category = reader.string("category");
    // [help] Where it stands in the list, its pictogram and its one everyday line.
    procedure.rank = static_cast<int>(reader.integer("rank", 1, 1000).value_or(100));
    procedure.icon = reader.string("icon", false);
    if (!procedure.icon.empty() && std::find(std::begin(kProcedureIcons), std::end(kProcedureIcons),
                                             procedure.icon) == std::end(kProcedureIcons)) {
        std::string known;
        for (const char* icon : kProcedureIcons)
            known += std::string(known.empty() ? "" : ", ") + icon;
        fail("$.icon", "unknown icon '" + procedure.icon + "'; expected one of: " + known);
    }
    procedure.tagline = read_text(reader, "tagline", false);
    // [/help]
    procedure.authority = read_text(reader, "authority");
    procedure.guidance_only = reader.boolean("guidance_only", false);
    procedure.guidance = read_text(reader, "guidance", procedure.guidance_only);

    if (reader.has("processing")) {
        ObjectReader processing(reader.at("processing"), "$.processing", {"working_days", "note"});
        procedure.working_days =
            static_cast<int>(processing.integer("working_days", 0, 365).value_or(0));
        procedure.processing_note = read_text(processing, "note", false);
    }
    if (reader.has("fee")) {
        ObjectReader fee(reader.at("fee"), "$.fee", {"key", "note"});
        procedure.fee_key = fee.string("key", false);
        procedure.fee_note = read_text(fee, "note", false);
    }
    const json& documents = reader.array("documents", !procedure.guidance_only);
    for (std::size_t i = 0; i < documents.size(); ++i) {
        std::string path = "$.documents[" + std::to_string(i) + "]";
        ObjectReader document(documents[i], path, {"name", "kind", "count", "note"});
        DocumentDef def;
        def.name = read_text(document, "name");
        def.kind = parse_document_kind(document.string("kind", false, "original"), path + ".kind");
        def.count = static_cast<int>(document.integer("count", 1, 100).value_or(1));
        def.note = read_text(document, "note", false);
        procedure.documents.push_back(std::move(def));
    }
    const json& eligibility = reader.array("eligibility", false);
    if (eligibility.size() > 3)
        fail("$.eligibility", "at most 3 questions, found " + std::to_string(eligibility.size()));
    for (std::size_t i = 0; i < eligibility.size(); ++i) {
        std::string path = "$.eligibility[" + std::to_string(i) + "]";
        ObjectReader question(eligibility[i], path,
                              {"id", "question", "exit_when", "exit_title", "exit_body",
                               "exit_procedure"});  // [help] exit_procedure
        EligibilityQuestion def;
        def.id = question.string("id");
        def.question = read_text(question, "question");
        std::string exit_when = question.string("exit_when");
        if (exit_when != "yes" && exit_when != "no")
            fail(path + ".exit_when", "expected \"yes\" or \"no\", found '" + exit_when + "'");
        def.exit_when_yes = exit_when == "yes";
        def.exit_title = read_text(question, "exit_title");
        def.exit_body = read_text(question, "exit_body");
        // [help] The procedure to do instead, offered in one tap on the exit page.
        def.exit_procedure = question.string("exit_procedure", false);
        if (!def.exit_procedure.empty() &&
            (def.exit_procedure.size() < 8 ||
             def.exit_procedure.find_first_not_of("0123456789.H") != std::string::npos))
            fail(path + ".exit_procedure",
                 "'" + def.exit_procedure + "' is not a procedure code like 2.000635");
        // [/help]
        procedure.eligibility.push_back(std::move(def));
    }

    std::set<std::string> known_fields;
    std::set<std::string> repeat_field_ids;
    std::set<std::string> page_ids;
    const json& pages = reader.array("pages", !procedure.guidance_only);
    if (!procedure.guidance_only && pages.empty())
        fail("$.pages", "a procedure that files needs at least one page");
    if (procedure.guidance_only && !pages.empty())
        fail("$.pages", "a guidance_only procedure asks no questions");
    for (std::size_t i = 0; i < pages.size(); ++i) {
        std::string path = "$.pages[" + std::to_string(i) + "]";
        ObjectReader page_reader(pages[i], path,
                                 {"id", "title", "help", "fields", "show_if", "repeat"});
        PageDef page;
        page.id = page_reader.string("id");
        if (!page_ids.insert(page.id).second) fail(path + ".id", "'" + page.id + "' is used twice");
        page.title = read_text(page_reader, "title");
        page.help = read_text(page_reader, "help", false);
        if (page_reader.has("show_if"))
            page.show_if =
                parse_condition(page_reader.at("show_if"), path + ".show_if", known_fields);
        const json& fields = page_reader.array("fields");
        if (fields.empty()) fail(path + ".fields", "a page needs at least one field");
        if (page_reader.has("repeat")) {
            ObjectReader repeat(page_reader.at("repeat"), path + ".repeat",
                                {"min", "max", "item_title", "add_label", "portal"});
            RepeatDef def;
            def.min = static_cast<int>(repeat.integer("min", 1, 50).value_or(1));
            def.max = static_cast<int>(repeat.integer("max", 1, 50).value_or(10));
            if (def.min > def.max) fail(repeat.path("min"), "min is larger than max");
            def.item_title = read_text(repeat, "item_title");
            if (def.item_title.vi.find("{n}") == std::string::npos)
                fail(repeat.path("item_title"),
                     "must contain {n}, the item's number (\"Giấy tờ thứ {n}\")");
            def.add_label = read_text(repeat, "add_label");
            def.portal = repeat.string("portal");
            page.repeat = std::move(def);
        }
        for (std::size_t j = 0; j < fields.size(); ++j) {
            const std::string field_path = path + ".fields[" + std::to_string(j) + "]";
            page.fields.push_back(parse_field(fields[j], field_path, known_fields));
            const FieldDef& field = page.fields.back();
            if (!page.repeat) continue;
            if (field.show_if)
                fail(field_path + ".show_if", "fields of a repeatable page cannot have show_if");
            if (!field.prefill.empty())
                fail(field_path + ".prefill", "fields of a repeatable page cannot be prefilled");
            if (field.type == FieldType::Address)
                fail(field_path + ".type", "an address cannot be in a repeatable page");
        }
        if (page.repeat)
            for (const auto& field : page.fields) repeat_field_ids.insert(field.id);
        procedure.pages.push_back(std::move(page));
    }
    // Fields of a repeatable group cannot be conditions for others: which item would count?
    for (std::size_t i = 0; i < procedure.pages.size(); ++i) {
        const PageDef& page = procedure.pages[i];
        const std::string path = "$.pages[" + std::to_string(i) + "]";
        if (page.show_if && repeat_field_ids.count(page.show_if->field))
            fail(path + ".show_if",
                 "refers to '" + page.show_if->field + "', a field of a repeatable page");
        for (std::size_t j = 0; j < page.fields.size(); ++j)
            if (page.fields[j].show_if && repeat_field_ids.count(page.fields[j].show_if->field))
                fail(path + ".fields[" + std::to_string(j) + "].show_if",
                     "refers to '" + page.fields[j].show_if->field +
                         "', a field of a repeatable page");
    }

    if (reader.has("portal")) {
        ObjectReader portal(reader.at("portal"), "$.portal",
                            {"owner_field", "phone_field", "summary"});
        procedure.owner_field = portal.string("owner_field", !procedure.guidance_only);
        procedure.phone_field = portal.string("phone_field", false);
        procedure.summary = read_text(portal, "summary", false);
    } else if (!procedure.guidance_only) {
        fail("$.portal", "missing; expected {\"owner_field\": ...}");
    }
    for (const auto& [key, value] : {std::pair{"$.portal.owner_field", procedure.owner_field},
                                     std::pair{"$.portal.phone_field", procedure.phone_field}}) {
        if (!value.empty() && !known_fields.count(value))
            fail(key, "refers to '" + value + "', which is not a field of this procedure");
        if (repeat_field_ids.count(value))
            fail(key, "refers to '" + value + "', a field of a repeatable page");
    }
    return procedure;
}

}  // namespace

namespace {

// The boundary of the definition walker: every refusal becomes "procedure_invalid".
Result<Procedure> parse_procedure_value(const json& doc, const std::string& file) {
    try {
        return parse(doc, file);
    } catch (const strict_json::SchemaError& e) {
        return make_error("procedure_invalid", file + ": " + e.what());
    } catch (const std::exception& e) {  // nlohmann's own (type_error, out_of_range, ...)
        return make_error("procedure_invalid", file + ": " + e.what());
    }
}

void add_to_catalog(Catalog& catalog, Result<Procedure> procedure, const std::string& name) {
    if (!procedure) {
        catalog.problems.push_back(procedure.error());
        return;
    }
    if (const Procedure* twin = catalog.find(procedure->code)) {
        catalog.problems.push_back(
            make_error("procedure_invalid", name + ": $.code: '" + procedure->code +
                                                "' is already defined in " + twin->source_file));
        return;
    }
    catalog.procedures.push_back(std::move(procedure).value());
}

// Alphabetical as a Vietnamese reader expects: "Đăng ký" among the D's, not after Z.
void sort_catalog(Catalog& catalog) {
    std::stable_sort(catalog.procedures.begin(), catalog.procedures.end(),
                     [](const Procedure& a, const Procedure& b) {
                         return fold_key(a.name.vi) < fold_key(b.name.vi);
                     });
}

// True when `path` is `prefix` or lies inside it ("$.procedures[3]" holds "$.procedures[3].x").
bool is_inside(const std::string& path, const std::string& prefix) {
    return path.compare(0, prefix.size(), prefix) == 0 &&
           (path.size() == prefix.size() || path[prefix.size()] == '.' ||
            path[prefix.size()] == '[');
}

}  // namespace

Result<Procedure> parse_procedure(std::string_view json_text, std::string_view source_name) {
    const std::string file(source_name);
    auto doc = strict_json::read(json_text);
    if (!doc) return make_error("procedure_invalid", file + ": " + doc.error().detail);
    return parse_procedure_value(*doc, file);
}

Catalog build_catalog(const std::vector<SourceFile>& files) {
    Catalog catalog;
    for (const auto& file : files)
        add_to_catalog(catalog, parse_procedure(file.text, file.name), file.name);
    sort_catalog(catalog);
    return catalog;
}

Result<Catalog> parse_portal_catalog(std::string_view json_text, std::string_view source_name) {
    const std::string source(source_name);
    // Depth, numbers and syntax are checked for the whole document before anything walks it;
    // repeated keys and text not in NFC refuse only the entry that holds them.
    strict_json::Parsed parsed = strict_json::parse(json_text);
    if (parsed.fatal) return make_error("catalog_invalid", source + ": " + parsed.fatal->text());
    const json& doc = parsed.value;
    if (!doc.is_object() || !doc.contains("procedures") || !doc["procedures"].is_array())
        return make_error("catalog_invalid",
                          source + ": $.procedures: expected an array of procedures");
    const std::string list_path = "$.procedures";
    for (const auto& problem : parsed.problems)
        if (!problem.path.starts_with(list_path + "["))
            return make_error("catalog_invalid", source + ": " + problem.text());
    Catalog catalog;
    const json& list = doc["procedures"];
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::string name = source + "[" + std::to_string(i) + "]";
        if (list[i].is_object() && list[i].contains("code") && list[i]["code"].is_string())
            name += " (" + list[i]["code"].get<std::string>() + ")";
        const std::string entry_path = strict_json::index_path(list_path, i);
        const strict_json::Problem* problem = nullptr;
        for (const auto& candidate : parsed.problems)
            if (is_inside(candidate.path, entry_path)) {
                problem = &candidate;
                break;
            }
        if (problem) {
            // Paths inside an entry read as in a file of its own: "$.pages[0]...".
            add_to_catalog(catalog,
                           make_error("procedure_invalid",
                                      name + ": $" + problem->path.substr(entry_path.size()) +
                                          ": " + problem->what),
                           name);
            continue;
        }
        add_to_catalog(catalog, parse_procedure_value(list[i], name), name);
    }
    sort_catalog(catalog);
    return catalog;
}

}  // namespace motcua::core
