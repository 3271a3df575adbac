// The small text toolkit (core/text/ascii.h): one trim, ASCII lower case, split.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/text/ascii.h"

using namespace motcua::core;

TEST_CASE("trim takes off only the characters of the named set", "[text]") {
    CHECK(text::trim("  a b \t\r\n") == "a b");
    CHECK(text::trim("\f\va\v", text::AsciiSpace) == "a");
    CHECK(text::trim("\r\na\r\n", text::HeaderBlanks) == "\r\na\r\n");
    CHECK(text::trim(" \ta\t ", text::HeaderBlanks) == "a");
    CHECK(text::trim(std::string("\0 x \0", 5), text::ScannerNoise) == "x");
    CHECK(text::trim("   ").empty());
    CHECK(text::trim("").empty());
    // Never cuts into UTF-8: "Đà" keeps its bytes, a no-break space is not ASCII space.
    CHECK(text::trim(" Đà ") == "Đà");
    CHECK(text::trim("\xC2\xA0x") == "\xC2\xA0x");
}

TEST_CASE("ascii_lower lowers A-Z and leaves every other byte", "[text]") {
    CHECK(text::ascii_lower("Application/JSON; Charset=UTF-8") ==
          "application/json; charset=utf-8");
    CHECK(text::ascii_lower("ĐÀ NẴNG") == "ĐÀ nẴng");  // only the ASCII letters change
}

TEST_CASE("split keeps empty parts and all_digits wants at least one digit", "[text]") {
    CHECK(text::split("a||b", '|') == std::vector<std::string_view>{"a", "", "b"});
    CHECK(text::split("", '|') == std::vector<std::string_view>{""});
    CHECK(text::split("|", '|') == std::vector<std::string_view>{"", ""});
    CHECK(text::all_digits("0123456789"));
    CHECK_FALSE(text::all_digits(""));
    CHECK_FALSE(text::all_digits("12a"));
}
