// The procedure catalog: every shipped definition loads cleanly and follows the house rules, and
// a broken definition is refused with a message that names the file, the JSON path and the fix.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/catalog/loader.h"
#include "core/text/utf8.h"
#include "nfd.h"

using namespace motcua::core;
using motcua::test::nfd;
using nlohmann::json;

namespace {

// [SECTION] Helpers -----------------------------------------------------------------------------

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// Every *.json in assets/procedures, in name order (as the kiosk loads them).
std::vector<SourceFile> shipped_files() {
    namespace fs = std::filesystem;
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(MOTCUA_SOURCE_DIR "/assets/procedures"))
        if (entry.path().extension() == ".json") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    std::vector<SourceFile> files;
    for (const auto& path : paths) files.push_back({path.filename().string(), read_file(path)});
    return files;
}

// Every piece of text a resident or an officer may read in a procedure.
std::vector<std::string> all_texts(const Procedure& procedure) {
    std::vector<std::string> texts;
    auto add = [&](const LocalText& text) {
        texts.push_back(text.vi);
        texts.push_back(text.en);
    };
    add(procedure.name);
    add(procedure.description);
    for (const auto& name : procedure.everyday_names) add(name);
    texts.push_back(procedure.category);
    add(procedure.authority);
    add(procedure.processing_note);
    add(procedure.fee_note);
    add(procedure.guidance);
    add(procedure.summary);
    for (const auto& document : procedure.documents) {
        add(document.name);
        add(document.note);
    }
    for (const auto& question : procedure.eligibility) {
        add(question.question);
        add(question.exit_title);
        add(question.exit_body);
    }
    for (const auto& page : procedure.pages) {
        add(page.title);
        add(page.help);
        for (const auto& field : page.fields) {
            add(field.label);
            add(field.hint);
            texts.push_back(field.portal);
            for (const auto& option : field.options) {
                texts.push_back(option.value);
                add(option.label);
            }
        }
    }
    return texts;
}

// The field ids named by {placeholders} in a summary template.
std::vector<std::string> placeholders(const std::string& text) {
    std::vector<std::string> names;
    static const std::regex placeholder(R"(\{([^}]*)\})");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder);
         it != std::sregex_iterator(); ++it)
        names.push_back((*it)[1].str());
    return names;
}

// A small definition that loads; each broken case changes one thing in it.
json minimal_procedure(const std::string& code = "9.000001") {
    return json::parse(R"({
      "format": 1,
      "code": ")" + code +
                       R"(",
      "name": "Thủ tục thử",
      "category": "test",
      "authority": "Uỷ ban nhân dân xã, phường",
      "documents": [{"name": "Thẻ căn cước", "kind": "show"}],
      "portal": {"owner_field": "requester.name"},
      "pages": [
        {"id": "name", "title": "Họ, chữ đệm và tên của bạn",
         "fields": [{"id": "requester.name", "type": "person_name", "label": "Họ, chữ đệm và tên"}]},
        {"id": "need", "title": "Bạn cần gì?",
         "fields": [{"id": "need", "type": "choice", "label": "Việc cần làm",
                     "options": [{"value": "mot", "label": "Việc thứ nhất"},
                                 {"value": "hai", "label": "Việc thứ hai"}]}]}
      ]
    })");
}

// Parses `doc` as file "broken.json" and returns the refusal's detail ("" if it loaded).
std::string refusal(const json& doc) {
    auto parsed = parse_procedure(doc.dump(), "broken.json");
    if (parsed) return "";
    CHECK(parsed.error().code == "procedure_invalid");
    return parsed.error().detail;
}

std::string refusal(const std::string& text) {
    auto parsed = parse_procedure(text, "broken.json");
    if (parsed) return "";
    CHECK(parsed.error().code == "procedure_invalid");
    return parsed.error().detail;
}

}  // namespace

// [SECTION] Shipped procedures ------------------------------------------------------------------

TEST_CASE("every shipped procedure file loads without a single problem", "[catalog]") {
    const auto files = shipped_files();
    const Catalog catalog = build_catalog(files);
    for (const auto& problem : catalog.problems) INFO(problem.detail);
    CHECK(catalog.problems.empty());
    CHECK(catalog.procedures.size() == files.size());
    CHECK(catalog.procedures.size() >= 10);
}

TEST_CASE("the catalog holds the commune procedures under their national codes", "[catalog]") {
    const Catalog catalog = build_catalog(shipped_files());
    struct Expected {
        const char* code;
        const char* file;
        bool guidance_only;
    };
    auto expected = GENERATE(values<Expected>({
        {"1.001193", "khai-sinh.json", false},
        {"2.000635", "trich-luc-ho-tich.json", false},
        {"1.000894", "ket-hon.json", false},
        {"1.000656", "khai-tu.json", false},
        {"1.004873", "xac-nhan-tinh-trang-hon-nhan.json", false},
        {"2.000815", "chung-thuc-ban-sao.json", false},
        {"2.000884", "chung-thuc-chu-ky.json", false},
        {"1.004859", "thay-doi-cai-chinh-bo-sung-ho-tich.json", false},
        {"1.004222", "thuong-tru.json", true},
        {"1.004194", "tam-tru.json", true},
    }));
    CAPTURE(expected.code);
    const Procedure* procedure = catalog.find(expected.code);
    REQUIRE(procedure != nullptr);
    CHECK(procedure->source_file == expected.file);
    CHECK(procedure->guidance_only == expected.guidance_only);
    CHECK_FALSE(procedure->fee_key.empty());
    CHECK_FALSE(procedure->fee_note.empty());
    CHECK_FALSE(procedure->processing_note.empty());
    CHECK(procedure->everyday_names.size() >= 3);
    if (expected.guidance_only) {
        CHECK(procedure->pages.empty());
        CHECK(procedure->owner_field.empty());
        CHECK_FALSE(procedure->guidance.empty());
        CHECK_FALSE(procedure->documents.empty());
    } else {
        CHECK_FALSE(procedure->pages.empty());
        CHECK(procedure->eligibility.size() <= 3);
    }
}

TEST_CASE("the new filing procedures each ask one to three eligibility questions", "[catalog]") {
    const Catalog catalog = build_catalog(shipped_files());
    auto code = GENERATE(as<std::string>{}, "1.000894", "1.000656", "1.004873", "2.000815",
                         "2.000884", "1.004859");
    CAPTURE(code);
    const Procedure* procedure = catalog.find(code);
    REQUIRE(procedure != nullptr);
    CHECK(procedure->eligibility.size() >= 1);
    CHECK(procedure->eligibility.size() <= 3);
    for (const auto& question : procedure->eligibility) {
        CHECK_FALSE(question.exit_title.empty());
        CHECK(question.exit_body.vi.size() > 40);  // says what to do instead, not just "no"
    }
}

TEST_CASE("the new procedures label every field differently, so check answers is unambiguous",
          "[catalog]") {
    // The review screen lists answers under their field labels: two "Ngày sinh" (yours and the
    // other person's) could not be told apart.
    const Catalog catalog = build_catalog(shipped_files());
    auto code = GENERATE(as<std::string>{}, "1.000894", "1.000656", "1.004873", "2.000815",
                         "2.000884", "1.004859");
    const Procedure* procedure = catalog.find(code);
    REQUIRE(procedure != nullptr);
    std::set<std::string> labels;
    for (const auto& page : procedure->pages)
        for (const auto& field : page.fields) {
            CAPTURE(code, field.id, field.label.vi);
            CHECK(labels.insert(field.label.vi).second);
        }
}

TEST_CASE("every text in every shipped procedure is NFC", "[catalog]") {
    for (const auto& file : shipped_files()) {
        CAPTURE(file.name);
        CHECK(is_nfc(file.text));
        auto procedure = parse_procedure(file.text, file.name);
        REQUIRE(procedure.ok());
        for (const auto& text : all_texts(*procedure)) {
            CAPTURE(text);
            CHECK(is_nfc(text));
        }
    }
}

TEST_CASE("each filing procedure names a real, always-asked owner and real summary fields",
          "[catalog]") {
    const Catalog catalog = build_catalog(shipped_files());
    for (const auto& procedure : catalog.procedures) {
        if (procedure.guidance_only) continue;
        CAPTURE(procedure.code, procedure.owner_field);
        const FieldDef* owner = procedure.find_field(procedure.owner_field);
        REQUIRE(owner != nullptr);
        // ChuHoSo must never be empty: the owner is required and never hidden by show_if.
        CHECK(owner->required);
        CHECK_FALSE(owner->show_if.has_value());
        for (const auto& page : procedure.pages)
            for (const auto& field : page.fields)
                if (&field == owner) CHECK_FALSE(page.show_if.has_value());
        if (!procedure.phone_field.empty()) CHECK(procedure.find_field(procedure.phone_field));
        for (const auto& name : placeholders(procedure.summary.vi)) {
            CAPTURE(name);
            CHECK(procedure.find_field(name) != nullptr);
        }
    }
}

TEST_CASE("no two always-shown fields write to the same portal path", "[catalog]") {
    // Two fields may share a path only when show_if makes them alternatives (e.g. "your birth
    // date", prefilled from the card, versus "their birth date").
    const Catalog catalog = build_catalog(shipped_files());
    for (const auto& procedure : catalog.procedures) {
        std::map<std::string, std::string> unconditional;  // portal path → field id
        for (const auto& page : procedure.pages)
            for (const auto& field : page.fields) {
                if (page.show_if || field.show_if) continue;
                CAPTURE(procedure.code, field.id, field.portal);
                CHECK(unconditional.emplace(field.portal, field.id).second);
            }
    }
}

TEST_CASE("fee notes describe the rule without hard-coded amounts", "[catalog]") {
    // Amounts change (and come from configuration by fee key): "2.000 đ", "10.000 đồng" must
    // never be written into a procedure file.
    static const std::regex amount(R"(\d[\d.]*\s*(₫|đồng|VND|đ(?=$|[\s.,;:)/]))|\d{1,3}\.\d{3})");
    // The pattern itself: amounts as people write them, but not "từ 2 đến 3 ngày".
    for (const char* written :
         {"2.000 đ/trang", "10.000 đồng", "mức 8000đ.", "50 VND", "1.000 mỗi trang"})
        CHECK(std::regex_search(std::string(written), amount));
    CHECK_FALSE(std::regex_search(std::string("từ 2 đến 3 ngày, sau 15 giờ"), amount));
    for (const auto& procedure : build_catalog(shipped_files()).procedures) {
        CAPTURE(procedure.code, procedure.fee_note.vi);
        CHECK_FALSE(std::regex_search(procedure.fee_note.vi, amount));
    }
}

TEST_CASE("the worked example in docs/procedure-format.md is a valid procedure", "[catalog]") {
    const std::string doc = read_file(MOTCUA_SOURCE_DIR "/docs/procedure-format.md");
    const std::string marker = "<!-- worked-example -->\n```json\n";
    auto start = doc.find(marker);
    REQUIRE(start != std::string::npos);
    start += marker.size();
    auto end = doc.find("```", start);
    REQUIRE(end != std::string::npos);
    auto example = parse_procedure(doc.substr(start, end - start), "example.json");
    INFO((example.ok() ? std::string() : example.error().detail));
    REQUIRE(example.ok());
    CHECK(example->pages.size() >= 3);
    CHECK(example->find_field(example->owner_field) != nullptr);
}

// [SECTION] Broken definitions ------------------------------------------------------------------

TEST_CASE("the minimal definition used by the broken cases loads", "[catalog]") {
    CHECK(refusal(minimal_procedure()).empty());
}

TEST_CASE("a typo in a key names its JSON path and lists the keys expected there", "[catalog]") {
    json doc = minimal_procedure();
    auto& field = doc["pages"][0]["fields"][0];
    field["lable"] = field["label"];
    field.erase("label");
    const std::string detail = refusal(doc);
    CHECK_THAT(detail, Catch::StartsWith("broken.json: $.pages[0].fields[0].lable: unknown key"));
    CHECK_THAT(detail, Catch::Contains("expected one of: id, type, label, hint, required, options, "
                                       "min, max, min_age, max_age, not_future, max_length, "
                                       "show_if, portal, prefill"));
}

TEST_CASE("a value of the wrong type says what was expected and what was found", "[catalog]") {
    struct Case {
        const char* pointer;
        json value;
        const char* message;
    };
    auto c = GENERATE(values<Case>({
        {"/code", 1000894, "$.code: expected a string, found a number"},
        {"/pages/0/fields/0/required", "yes",
         "$.pages[0].fields[0].required: expected true or false"},
        {"/pages/0/fields/0/max_length", "200",
         "$.pages[0].fields[0].max_length: expected a whole number, found a string"},
        {"/pages/0/fields/0/max_length", 0,
         "$.pages[0].fields[0].max_length: expected a number from 1 to 2000, found 0"},
        {"/pages", json::object(), "$.pages: expected a list, found an object"},
        {"/documents/0/kind", "photo",
         "$.documents[0].kind: unknown kind 'photo'; expected one of: original, copy, "
         "original_or_copy, show"},
    }));
    json doc = minimal_procedure();
    doc[json::json_pointer(c.pointer)] = c.value;
    CAPTURE(c.pointer);
    CHECK_THAT(refusal(doc), Catch::Contains(c.message));
}

TEST_CASE("an unknown field type lists the thirteen types", "[catalog]") {
    json doc = minimal_procedure();
    doc["pages"][0]["fields"][0]["type"] = "adress";
    CHECK_THAT(refusal(doc),
               Catch::Contains("$.pages[0].fields[0].type: unknown field type 'adress'; expected "
                               "one of: text, person_name, date, id_number, phone, email, number, "
                               "choice, multi_choice, yes_no, ethnicity, nationality, address"));
}

TEST_CASE("a repeatable page is checked: its title, bounds, and what its fields may not do",
          "[catalog]") {
    auto repeatable = [] {
        json doc = minimal_procedure();
        doc["pages"][1]["repeat"] = {
            {"item_title", "Việc thứ {n}"}, {"add_label", "Thêm việc"}, {"portal", "Viec"}};
        return doc;
    };
    SECTION("a good one loads") {
        auto parsed = parse_procedure(repeatable().dump(), "ok.json");
        REQUIRE(parsed);
        REQUIRE(parsed->pages[1].repeat);
        CHECK(parsed->pages[1].repeat->max == 10);
        CHECK(parsed->answer_owner("need#3") == &parsed->pages[1].fields[0]);
        CHECK(parsed->answer_owner("requester.name#2") == nullptr);  // not a repeatable page
        CHECK(parsed->answer_owner("need#x") == nullptr);
    }
    SECTION("the item title must show the number") {
        json doc = repeatable();
        doc["pages"][1]["repeat"]["item_title"] = "Việc khác";
        CHECK_THAT(refusal(doc), Catch::Contains("$.pages[1].repeat.item_title: must contain {n}"));
    }
    SECTION("min above max") {
        json doc = repeatable();
        doc["pages"][1]["repeat"]["min"] = 4;
        doc["pages"][1]["repeat"]["max"] = 2;
        CHECK_THAT(refusal(doc), Catch::Contains("$.pages[1].repeat.min: min is larger than max"));
    }
    SECTION("a missing array path") {
        json doc = repeatable();
        doc["pages"][1]["repeat"].erase("portal");
        CHECK_THAT(refusal(doc), Catch::Contains("$.pages[1].repeat.portal: missing"));
    }
    SECTION("no prefill inside") {
        json doc = repeatable();
        doc["pages"][1]["fields"][0]["prefill"] = "cccd.full_name";
        CHECK_THAT(
            refusal(doc),
            Catch::Contains(
                "$.pages[1].fields[0].prefill: fields of a repeatable page cannot be prefilled"));
    }
    SECTION("no condition on one of its fields") {
        json doc = repeatable();
        doc["pages"].push_back(
            {{"id", "later"},
             {"title", "Sau"},
             {"show_if", {{"field", "need"}, {"equals", "mot"}}},
             {"fields", {{{"id", "later.x"}, {"type", "text"}, {"label", "Khác"}}}}});
        CHECK_THAT(
            refusal(doc),
            Catch::Contains("$.pages[2].show_if: refers to 'need', a field of a repeatable page"));
    }
    SECTION("the owner cannot be one of its fields") {
        json doc = repeatable();
        doc["pages"][1]["fields"][0] = {{"id", "need"}, {"type", "person_name"}, {"label", "Tên"}};
        doc["portal"]["owner_field"] = "need";
        CHECK_THAT(refusal(doc),
                   Catch::Contains(
                       "$.portal.owner_field: refers to 'need', a field of a repeatable page"));
    }
}

TEST_CASE("only a person's name can be split, and into all three parts", "[catalog]") {
    json doc = minimal_procedure();
    SECTION("on a choice") {
        doc["pages"][1]["fields"][0]["name_parts"] = {
            {"ho", "A.Ho"}, {"chu_dem", "A.ChuDem"}, {"ten", "A.Ten"}};
        CHECK_THAT(refusal(doc),
                   Catch::Contains(
                       "$.pages[1].fields[0].name_parts: only a person_name field can be split"));
    }
    SECTION("a part missing") {
        doc["pages"][0]["fields"][0]["name_parts"] = {{"ho", "A.Ho"}, {"ten", "A.Ten"}};
        CHECK_THAT(refusal(doc),
                   Catch::Contains("$.pages[0].fields[0].name_parts.chu_dem: missing"));
    }
}

TEST_CASE("an address field cannot be filled from the ID card", "[catalog]") {
    json doc = minimal_procedure();
    doc["pages"][1]["fields"][0] = {
        {"id", "home"}, {"type", "address"}, {"label", "Nơi cư trú"}, {"prefill", "cccd.address"}};
    CHECK_THAT(
        refusal(doc),
        Catch::Contains(
            "$.pages[1].fields[0].prefill: an address field cannot be filled from the card"));
}

TEST_CASE("a missing required key is named with its path", "[catalog]") {
    SECTION("top level") {
        json doc = minimal_procedure();
        doc.erase("category");
        CHECK_THAT(refusal(doc), Catch::Contains("$.category: missing; expected a string"));
    }
    SECTION("a field's label") {
        json doc = minimal_procedure();
        doc["pages"][1]["fields"][0].erase("label");
        CHECK_THAT(refusal(doc), Catch::Contains("$.pages[1].fields[0].label: missing"));
    }
    SECTION("the portal block of a procedure that files") {
        json doc = minimal_procedure();
        doc.erase("portal");
        CHECK_THAT(refusal(doc), Catch::Contains("$.portal: missing"));
    }
    SECTION("the format version") {
        json doc = minimal_procedure();
        doc.erase("format");
        CHECK_THAT(refusal(doc), Catch::Contains("$.format: missing; expected 1"));
    }
}

TEST_CASE("a field id used twice is refused at the second use", "[catalog]") {
    json doc = minimal_procedure();
    doc["pages"][1]["fields"][0]["id"] = "requester.name";
    CHECK_THAT(refusal(doc),
               Catch::Contains("$.pages[1].fields[0].id: 'requester.name' is used twice"));
}

TEST_CASE("show_if may only refer to a field asked before it", "[catalog]") {
    SECTION("a field on a later page") {
        json doc = minimal_procedure();
        doc["pages"][0]["show_if"] = {{"field", "need"}, {"equals", "mot"}};
        CHECK_THAT(refusal(doc),
                   Catch::Contains("$.pages[0].show_if.field: refers to 'need', which is not a "
                                   "field asked before this point"));
    }
    SECTION("a field that does not exist") {
        json doc = minimal_procedure();
        doc["pages"][1]["fields"][0]["show_if"] = {{"field", "requester.nam"}, {"equals", "x"}};
        CHECK_THAT(refusal(doc), Catch::Contains("$.pages[1].fields[0].show_if.field: refers to "
                                                 "'requester.nam', which is not a field"));
    }
    SECTION("a page that depends on itself") {
        json doc = minimal_procedure();
        doc["pages"][1]["show_if"] = {{"field", "need"}, {"in", {"mot", "hai"}}};
        CHECK_THAT(refusal(doc), Catch::Contains("$.pages[1].show_if.field: refers to 'need'"));
    }
    SECTION("without a value to compare") {
        json doc = minimal_procedure();
        doc["pages"][1]["show_if"] = {{"field", "requester.name"}};
        CHECK_THAT(refusal(doc), Catch::Contains("$.pages[1].show_if: needs \"equals\" or \"in\""));
    }
    SECTION("an earlier field is fine") {
        json doc = minimal_procedure();
        doc["pages"][1]["show_if"] = {{"field", "requester.name"}, {"in", {"A", "B"}}};
        CHECK(refusal(doc).empty());
    }
}

TEST_CASE("a choice with a single option is refused", "[catalog]") {
    json doc = minimal_procedure();
    doc["pages"][1]["fields"][0]["options"].erase(1);
    CHECK_THAT(refusal(doc), Catch::Contains("$.pages[1].fields[0].options: a choice needs at "
                                             "least two options"));
}

TEST_CASE("decomposed (NFD) Vietnamese text is refused where it occurs", "[catalog]") {
    SECTION("a page title") {
        json doc = minimal_procedure();
        doc["pages"][0]["title"] = nfd("Họ, chữ đệm và tên của bạn");
        CHECK_THAT(refusal(doc),
                   Catch::Contains("$.pages[0].title: text must be valid UTF-8 in NFC"));
    }
    SECTION("an option label inside {vi, en}") {
        json doc = minimal_procedure();
        doc["pages"][1]["fields"][0]["options"][0]["label"] = {{"vi", nfd("Việc thứ nhất")},
                                                               {"en", "First"}};
        CHECK_THAT(refusal(doc), Catch::Contains("$.pages[1].fields[0].options[0].label.vi: text "
                                                 "must be valid UTF-8 in NFC"));
    }
}

TEST_CASE("invalid JSON is refused with the byte offset of the mistake", "[catalog]") {
    // The comma after "1.000001" is missing. The parser stops on the unexpected "name" and
    // reports the 1-based offset of the last byte it read: that token's closing quote.
    const std::string text = R"({"format": 1, "code": "1.000001" "name": "x"})";
    REQUIRE(text.find("\"name\"") == 33);  // bytes 34..39, counting from 1
    const std::string detail = refusal(text);
    CHECK_THAT(detail, Catch::StartsWith("broken.json: $: not valid JSON at byte 39"));
    CHECK_THAT(detail, Catch::Contains("line 1, column 39"));
}

TEST_CASE("more than three eligibility questions are refused", "[catalog]") {
    json doc = minimal_procedure();
    for (int i = 0; i < 4; ++i)
        doc["eligibility"].push_back({{"id", "q" + std::to_string(i)},
                                      {"question", "Câu hỏi?"},
                                      {"exit_when", "yes"},
                                      {"exit_title", "Thủ tục khác"},
                                      {"exit_body", "Hãy hỏi cán bộ ở quầy."}});
    CHECK_THAT(refusal(doc), Catch::Contains("$.eligibility: at most 3 questions, found 4"));
    doc["eligibility"].erase(3);
    CHECK(refusal(doc).empty());
}

TEST_CASE("an eligibility answer other than yes or no is refused", "[catalog]") {
    json doc = minimal_procedure();
    doc["eligibility"] = {{{"id", "q"},
                           {"question", "Câu hỏi?"},
                           {"exit_when", "có"},
                           {"exit_title", "Thủ tục khác"},
                           {"exit_body", "Hãy hỏi cán bộ."}}};
    CHECK_THAT(
        refusal(doc),
        Catch::Contains("$.eligibility[0].exit_when: expected \"yes\" or \"no\", found 'có'"));
}

TEST_CASE("guidance_only procedures ask nothing and need guidance text", "[catalog]") {
    json doc = minimal_procedure();
    doc["guidance_only"] = true;
    doc["guidance"] = "Nộp ở Công an xã, phường.";
    CHECK_THAT(refusal(doc),
               Catch::Contains("$.pages: a guidance_only procedure asks no questions"));
    doc.erase("pages");
    doc.erase("portal");
    CHECK(refusal(doc).empty());
    doc.erase("guidance");
    CHECK_THAT(refusal(doc), Catch::Contains("$.guidance: missing"));
}

TEST_CASE("the owner field must be a field of the procedure", "[catalog]") {
    json doc = minimal_procedure();
    doc["portal"]["owner_field"] = "owner.name";
    CHECK_THAT(refusal(doc), Catch::Contains("$.portal.owner_field: refers to 'owner.name', which "
                                             "is not a field of this procedure"));
}

TEST_CASE("a second file with the same code is refused and the first is kept", "[catalog]") {
    const Catalog catalog = build_catalog({{"a.json", minimal_procedure("1.000001").dump()},
                                           {"b.json", minimal_procedure("1.000001").dump()}});
    REQUIRE(catalog.procedures.size() == 1);
    CHECK(catalog.procedures[0].source_file == "a.json");
    REQUIRE(catalog.problems.size() == 1);
    CHECK(catalog.problems[0].code == "procedure_invalid");
    CHECK(catalog.problems[0].detail == "b.json: $.code: '1.000001' is already defined in a.json");
}

TEST_CASE("good files still load alongside broken ones", "[catalog]") {
    json typo = minimal_procedure("1.000002");
    typo["pages"][0]["fields"][0]["lable"] = "x";
    std::vector<SourceFile> files = shipped_files();
    const std::size_t good = files.size();
    files.push_back({"typo.json", typo.dump()});
    files.push_back({"truncated.json", R"({"format": 1, "code": )"});
    files.push_back({"extra.json", minimal_procedure("1.000003").dump()});
    const Catalog catalog = build_catalog(files);
    CHECK(catalog.procedures.size() == good + 1);
    CHECK(catalog.find("1.000003") != nullptr);
    CHECK(catalog.find("1.000002") == nullptr);
    CHECK(catalog.find("1.001193") != nullptr);
    REQUIRE(catalog.problems.size() == 2);
    std::set<std::string> refused;
    for (const auto& problem : catalog.problems)
        refused.insert(problem.detail.substr(0, problem.detail.find(':')));
    CHECK(refused == std::set<std::string>{"typo.json", "truncated.json"});
}

// [SECTION] Hostile documents (issue 9) ---------------------------------------------------------

namespace {

// About 200 KB of nesting, as a hostile or broken portal could serve.
std::string deep_arrays(std::size_t levels) {
    return std::string(levels, '[') + std::string(levels, ']');
}

std::string deep_objects(std::size_t levels) {
    std::string text;
    for (std::size_t i = 0; i < levels; ++i) text += "{\"a\":";
    text += "1";
    text += std::string(levels, '}');
    return text;
}

std::string portal_catalog_with(const std::string& entry) {
    return R"({"procedures": [)" + minimal_procedure("1.000001").dump() + "," + entry + "]}";
}

}  // namespace

TEST_CASE("a procedure file nested 100000 deep is refused with its path, not a stack overflow",
          "[catalog][hostile]") {
    const std::string arrays = refusal(deep_arrays(100'000));
    CHECK_THAT(arrays, Catch::StartsWith("broken.json: $"));
    CHECK_THAT(arrays, Catch::Contains("nested deeper than 32 levels"));
    json doc = minimal_procedure();
    doc["description"] = json::parse(deep_arrays(40));
    CHECK_THAT(refusal(doc), Catch::Contains("$.description[0][0]"));
}

TEST_CASE("a portal catalogue entry nested 200 KB deep refuses the document, not the kiosk",
          "[catalog][hostile]") {
    for (const std::string& entry : {deep_arrays(100'000), deep_objects(40'000)}) {
        auto catalog = parse_portal_catalog(portal_catalog_with(entry), "portal thutuc");
        REQUIRE_FALSE(catalog.ok());
        CHECK(catalog.error().code == "catalog_invalid");
        CHECK_THAT(catalog.error().detail, Catch::StartsWith("portal thutuc: $.procedures[1]"));
        CHECK_THAT(catalog.error().detail, Catch::Contains("nested deeper than 32 levels"));
    }
}

TEST_CASE("a number beyond double's range is refused with its path, in a file and from the portal",
          "[catalog][hostile]") {
    json doc = minimal_procedure();
    const std::string text = doc.dump();
    const std::string huge = R"({"format": 1e400, )" + text.substr(1);
    const std::string detail = refusal(huge);
    CHECK_THAT(detail, Catch::StartsWith("broken.json: $.format: number out of range"));
    CHECK_THAT(refusal(text.substr(0, text.size() - 1) + R"(, "x": -1e400})"),
               Catch::Contains("$.x: number out of range"));

    auto catalog = parse_portal_catalog(
        R"({"procedures": [{"processing": {"working_days": 1e400}}]})", "portal");
    REQUIRE_FALSE(catalog.ok());
    CHECK(catalog.error().detail ==
          "portal: $.procedures[0].processing.working_days: number out of range: 1e400");
}

TEST_CASE("a whole number too large for any field is refused, not wrapped", "[catalog][hostile]") {
    json doc = minimal_procedure();
    doc["processing"] = json::parse(R"({"working_days": 18446744073709551615})");
    CHECK_THAT(refusal(doc),
               Catch::Contains("$.processing.working_days: expected a number from 0 to 365"));
    doc["processing"] = json::parse(R"({"working_days": 1e30})");
    CHECK_THAT(refusal(doc), Catch::Contains("$.processing.working_days: expected a whole number"));
}

TEST_CASE("a key written twice in a procedure file is refused at the second one",
          "[catalog][hostile]") {
    const std::string text = minimal_procedure().dump();
    const std::string twice = R"({"name": "Tên khác", )" + text.substr(1);
    CHECK(refusal(twice) ==
          "broken.json: $.name: this key appears twice in one object; the second would "
          "silently replace the first, keep one");
    json doc = minimal_procedure();
    std::string nested = doc.dump();
    const std::string label = R"("label":"Họ, chữ đệm và tên")";
    REQUIRE(nested.find(label) != std::string::npos);
    nested.replace(nested.find(label), label.size(), label + "," + label);
    CHECK_THAT(
        refusal(nested),
        Catch::StartsWith("broken.json: $.pages[0].fields[0].label: this key appears twice"));
}

TEST_CASE("a key written twice in one portal entry refuses that entry only", "[catalog][hostile]") {
    const std::string entry = minimal_procedure("1.000002").dump();
    auto catalog = parse_portal_catalog(
        portal_catalog_with(R"({"code": "1.000009", )" + entry.substr(1)), "portal");
    INFO((catalog.ok() ? std::string() : catalog.error().detail));
    REQUIRE(catalog.ok());
    REQUIRE(catalog->procedures.size() == 1);
    CHECK(catalog->procedures[0].code == "1.000001");
    REQUIRE(catalog->problems.size() == 1);
    CHECK_THAT(catalog->problems[0].detail,
               Catch::StartsWith("portal[1] (1.000002): $.code: this key appears twice"));
}
