// Every string a resident sees lives in assets/i18n, in NFC, in both languages, and every key the
// code names exists.
#include "core/i18n/i18n.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/form/field_check.h"

using namespace motcua::core;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

I18n load(const char* language) {
    auto strings = I18n::parse(
        read(std::string(MOTCUA_SOURCE_DIR) + "/assets/i18n/" + language + ".json"), language);
    REQUIRE(strings.ok());
    return std::move(strings).value();
}

}  // namespace

TEST_CASE("both language files parse, are NFC, and have the same keys", "[i18n]") {
    I18n vi = load("vi"), en = load("en");
    CHECK(vi.entries().size() > 100);
    std::set<std::string> vi_keys, en_keys;
    for (const auto& [key, text] : vi.entries()) vi_keys.insert(key);
    for (const auto& [key, text] : en.entries()) en_keys.insert(key);
    CHECK(vi_keys == en_keys);
}

TEST_CASE("the parser refuses NFD text and non-string values", "[i18n]") {
    CHECK_FALSE(I18n::parse(R"({"a": "Nguye\u0302\u0303n"})", "t").ok());
    CHECK_FALSE(I18n::parse(R"({"a": 3})", "t").ok());
    CHECK_FALSE(I18n::parse("[", "t").ok());
    auto ok = I18n::parse(R"({"hello": "Xin chào {name}"})", "t");
    REQUIRE(ok.ok());
    CHECK(ok->format("hello", {{"name", "An"}}) == "Xin chào An");
    CHECK(ok->text("missing.key") == "missing.key");
    CHECK(ok->missing_keys() == std::vector<std::string>{"missing.key"});
}

TEST_CASE("every i18n key named in the UI code exists in both languages", "[i18n]") {
    I18n vi = load("vi"), en = load("en");
    const std::regex key(R"re(\b(t|f)\("([a-z_]+\.[a-z_.]+)")re");
    const std::regex literal(
        R"re("((header|footer|idle|keyboard|attract|choose|answer|exit|documents|requirements|guidance|question|review|notice|submitting|receipt|rating|thanks|address|lookup|fee|repeat)\.[a-z_]+)")re");
    int found = 0;
    for (const auto& root : {"/app/ui", "/app/core/session", "/app/core/screen"}) {
        for (const auto& entry :
             std::filesystem::directory_iterator(std::string(MOTCUA_SOURCE_DIR) + root)) {
            const std::string text = read(entry.path().string());
            for (const auto* pattern : {&key, &literal}) {
                for (auto it = std::sregex_iterator(text.begin(), text.end(), *pattern);
                     it != std::sregex_iterator(); ++it) {
                    const std::string name = (*it)[pattern == &key ? 2 : 1];
                    INFO(entry.path().filename().string() << ": " << name);
                    CHECK(vi.has(name));
                    CHECK(en.has(name));
                    ++found;
                }
            }
        }
    }
    CHECK(found > 60);
}

TEST_CASE("every error a field check can give has a message in both languages", "[i18n]") {
    I18n vi = load("vi"), en = load("en");
    struct Case {
        FieldType type;
        std::vector<std::string> inputs;
    };
    const std::vector<Case> cases = {
        {FieldType::PersonName, {"", "An 123", std::string(150, 'a')}},
        {FieldType::Date, {"31/02/2020", "hôm qua", "01/01/2999", "01/01/1800"}},
        {FieldType::IdNumber, {"12345", "123456789"}},
        {FieldType::Phone, {"12345", "0241234567"}},
        {FieldType::Email, {"a@", "khong co"}},
        {FieldType::Number, {"abc", "-5", "500"}},
        {FieldType::Choice, {"x"}},
        {FieldType::YesNo, {"maybe"}},
        {FieldType::Text, {std::string(300, 'a')}},
    };
    for (const auto& c : cases) {
        FieldDef field;
        field.type = c.type;
        field.min = 0;
        field.max = 10;
        field.options = {{"a", {"A", ""}}, {"b", {"B", ""}}};
        for (const auto& input : c.inputs) {
            FieldCheck check = check_field(field, input, 2026, 11, 27);
            INFO(static_cast<int>(c.type) << " '" << input << "' → " << check.error);
            REQUIRE_FALSE(check.error.empty());
            CHECK(vi.has("error." + check.error));
            CHECK(en.has("error." + check.error));
        }
    }
}
