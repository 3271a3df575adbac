// The one strict JSON reader (app/core/json): depth, numbers, repeated keys, NFC, paths.
#include <catch2/catch.hpp>
#include <string>

#include "core/json/object_reader.h"
#include "core/json/strict_reader.h"
#include "nfd.h"

using namespace motcua::core;
using namespace motcua::core::strict_json;

TEST_CASE("the strict reader reads an ordinary document", "[json]") {
    auto value = read(R"({"a": [1, -2, 3.5, "x", true, null, {"b": {}}]})");
    REQUIRE(value.ok());
    CHECK((*value)["a"][1] == -2);
    CHECK((*value)["a"][6]["b"].is_object());
}

TEST_CASE("nesting is refused at the level past the limit, with the path of that level", "[json]") {
    CHECK(read(std::string(32, '[') + std::string(32, ']')).ok());
    auto deep = read(std::string(33, '[') + std::string(33, ']'));
    REQUIRE_FALSE(deep.ok());
    CHECK(deep.error().code == "json_invalid");
    CHECK(deep.error().detail == "$" + std::string() + [] {
        std::string path;
        for (int i = 0; i < 32; ++i) path += "[0]";
        return path;
    }() + ": nested deeper than 32 levels");
    auto objects = read(R"({"a": {"b": [{"c": [[]]}]}})", {4, Strings::RequireNfc});
    REQUIRE_FALSE(objects.ok());
    CHECK(objects.error().detail == "$.a.b[0].c: nested deeper than 4 levels");
}

TEST_CASE("a megabyte of brackets is refused quickly and without recursion", "[json]") {
    const std::string text(1 << 20, '[');
    auto value = read(text);
    REQUIRE_FALSE(value.ok());
    CHECK_THAT(value.error().detail, Catch::Contains("nested deeper than 32 levels"));
}

TEST_CASE("numbers out of double's range are refused with their path", "[json]") {
    auto value = GENERATE(as<std::string>{}, "1e400", "-1e400", "1E999999999999");
    auto result = read(R"({"list": [0, )" + value + "]}");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().detail == "$.list[1]: number out of range: " + value);
    // Large but finite numbers are read; the format decides whether they fit.
    CHECK(read("[1e308, 18446744073709551615, -9223372036854775808, 1e-400]").ok());
}

TEST_CASE("a repeated key is refused with its path, however deep", "[json]") {
    auto result = read(R"({"a": [{"b": 1, "c": 2, "b": 3}]})");
    REQUIRE_FALSE(result.ok());
    CHECK_THAT(result.error().detail, Catch::StartsWith("$.a[0].b: this key appears twice"));
    Parsed parsed = parse(R"({"x": 1, "x": 2, "y": {"z": 1, "z": 1}})");
    CHECK_FALSE(parsed.fatal);
    REQUIRE(parsed.problems.size() == 2);
    CHECK(parsed.problems[0].path == "$.x");
    CHECK(parsed.problems[1].path == "$.y.z");
}

TEST_CASE("decomposed text is refused, or normalised where the format allows it", "[json]") {
    const std::string decomposed = motcua::test::nfd("Việt");
    const std::string text = "{\"name\": [\"" + decomposed + "\"], \"" + decomposed + "\": 1}";
    Parsed strict = parse(text);
    REQUIRE(strict.problems.size() == 2);
    CHECK(strict.problems[0].path == "$.name[0]");
    CHECK_THAT(strict.problems[0].what, Catch::Contains("NFC"));
    CHECK(strict.problems[1].path == "$." + decomposed);
    auto normalised = read(text, {DefaultMaxDepth, Strings::NormaliseToNfc});
    REQUIRE(normalised.ok());
    CHECK((*normalised)["name"][0] == "Việt");
    CHECK(normalised->contains("Việt"));
}

TEST_CASE("text that is not JSON is refused with the byte offset", "[json]") {
    auto text = GENERATE(as<std::string>{}, "", "{", "[1,]", "{\"a\" 1}", "nul",
                         std::string("[\"a\0b\"]", 7), "[\"\xC0\xAF\"]", "[\"\\ud800\"]", "{} x");
    auto result = read(text);
    REQUIRE_FALSE(result.ok());
    CHECK_THAT(result.error().detail, Catch::StartsWith("$: not valid JSON at byte "));
}

TEST_CASE("a key in a path is escaped and shortened, so it cannot forge a log line", "[json]") {
    CHECK(member_path("$", "a\nb\"") == "$.a\\u000ab\\u0022");
    CHECK(member_path("$", std::string(100, 'k')) == "$." + std::string(64, 'k') + "...");
    CHECK(member_path("$", "") == "$.\"\"");
    CHECK(index_path("$.a", 7) == "$.a[7]");
}

TEST_CASE("the object reader refuses unknown keys and names what it expected", "[json]") {
    auto value = read(R"({"name": "x", "lable": "y", "n": 400})");
    REQUIRE(value.ok());
    try {
        ObjectReader reader(*value, "$", {"name", "label", "n"});
        FAIL("an unknown key was accepted");
    } catch (const SchemaError& error) {
        CHECK(std::string(error.what()) == "$.lable: unknown key; expected one of: name, label, n");
    }
    ObjectReader reader(*value, "$", {"name", "lable", "n"});
    CHECK(reader.string("name") == "x");
    CHECK_THROWS_WITH(reader.integer("n", 0, 365),
                      "$.n: expected a number from 0 to 365, found 400");
    CHECK_THROWS_WITH(reader.string("missing"), "$.missing: missing; expected a string");
    CHECK_THROWS_WITH(reader.array("name"), "$.name: expected a list, found a string");
}
