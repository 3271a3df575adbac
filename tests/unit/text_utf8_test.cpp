#include <catch2/catch.hpp>
#include <string>

#include "core/text/fold.h"
#include "core/text/utf8.h"
#include "nfd.h"

using namespace motcua::core;
using motcua::test::nfd;

namespace {

const std::string ReplacementChar = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("well-formed UTF-8 is accepted and malformed bytes are refused", "[text]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("Nguyễn Thị Đào"));
    CHECK(is_valid_utf8(std::string("a\0b", 3)));
    auto bad = GENERATE(as<std::string>{}, "\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                        "\xF4\x90\x80\x80", "\xFF", "abc\x80", "Vi\xE1\xBB");
    INFO(bad);
    CHECK_FALSE(is_valid_utf8(bad));
}

TEST_CASE("to_nfc composes decomposed Vietnamese and keeps NFC text as it is", "[text]") {
    const std::string name = "Nguyễn Thị Đào, phường Hoà Bình";
    REQUIRE(nfd(name) != name);
    CHECK(to_nfc(nfd(name)) == name);
    CHECK(to_nfc(name) == name);
    CHECK(to_nfc("ascii only") == "ascii only");
    CHECK(to_nfc("") == "");
}

TEST_CASE("to_nfc replaces invalid bytes with U+FFFD instead of failing", "[text]") {
    CHECK(to_nfc("ab\xFF"
                 "cd") == "ab" + ReplacementChar + "cd");
    // A truncated 3-byte character is one replacement, not two.
    CHECK(to_nfc("Vi\xE1\xBB") == "Vi" + ReplacementChar);
    CHECK(to_nfc("e\xCC\x82\xFF") == "ê" + ReplacementChar);
    // Embedded NUL bytes are data, not an end marker.
    CHECK(to_nfc(std::string("hoa\0\xCC\x80", 6)) == std::string("hoa\0\xCC\x80", 6));
    CHECK(to_nfc(std::string("a\0e\xCC\x82", 5)) == std::string("a\0ê", 4));
    CHECK(is_valid_utf8(to_nfc("\xC0\xAF\xED\xA0\x80 x")));
}

TEST_CASE("is_nfc tells composed from decomposed text", "[text]") {
    CHECK(is_nfc("Việt Nam"));
    CHECK(is_nfc("plain"));
    CHECK_FALSE(is_nfc(nfd("Việt Nam")));
    CHECK_FALSE(is_nfc("\xFF"));
}

TEST_CASE("decode and encode round-trip code points", "[text]") {
    CHECK(decode_utf8("Đặng") == std::u32string{U'Đ', U'ặ', U'n', U'g'});
    CHECK(encode_utf8(U"Đặng") == "Đặng");
    CHECK(decode_utf8("a\xFF"
                      "b") == std::u32string{U'a', 0xFFFD, U'b'});
    CHECK(encode_utf8(std::u32string{0xD800, 0x110000, U'x'}) ==
          ReplacementChar + ReplacementChar + "x");
    CHECK(encode_utf8(decode_utf8("₫ 😀 ư")) == "₫ 😀 ư");
}

TEST_CASE("code points are counted, not bytes", "[text]") {
    CHECK(codepoint_count("Nguyễn") == 6);
    CHECK(codepoint_count(nfd("Nguyễn")) == 8);
    CHECK(codepoint_count("") == 0);
    CHECK(codepoint_count("a\xFF") == 2);
}

TEST_CASE("backspace removes one whole code point at a time", "[text]") {
    std::string text = "Việt";
    CHECK(pop_last_codepoint(text) == "t");
    CHECK(pop_last_codepoint(text) == "ệ");
    CHECK(text == "Vi");
    CHECK(pop_last_codepoint(text) == "i");
    CHECK(pop_last_codepoint(text) == "V");
    CHECK(text.empty());
    CHECK(pop_last_codepoint(text) == "");

    std::string emoji = "ok😀";
    CHECK(pop_last_codepoint(emoji) == "😀");
    CHECK(emoji == "ok");

    SECTION("a dangling byte goes on its own") {
        std::string broken = "ab\xE1\xBB";
        CHECK(pop_last_codepoint(broken) == "\xBB");
        CHECK(broken == "ab\xE1");
        CHECK(pop_last_codepoint(broken) == "\xE1");
        CHECK(broken == "ab");
    }
}

TEST_CASE("case mapping handles Vietnamese letters including đ", "[text]") {
    CHECK(to_upper("nguyễn thị đào, phường hoà bình") == "NGUYỄN THỊ ĐÀO, PHƯỜNG HOÀ BÌNH");
    CHECK(to_lower("NGUYỄN THỊ ĐÀO Ở ĐƯỜNG ƯƠNG") == "nguyễn thị đào ở đường ương");
    CHECK(to_upper("abc 123") == "ABC 123");
    CHECK(is_nfc(to_upper("việt")));
}

TEST_CASE("the search key folds diacritics, đ, case and spacing", "[text]") {
    using Row = std::pair<std::string, std::string>;
    auto row = GENERATE(Row{"Nguyễn Thị Đào, phường Hoà Bình", "nguyen thi dao, phuong hoa binh"},
                        Row{"kết hôn", "ket hon"}, Row{"ket hon", "ket hon"}, Row{"hoà", "hoa"},
                        Row{"hòa", "hoa"}, Row{"ĐĂNG KÝ KẾT HÔN", "dang ky ket hon"},
                        Row{"  Thủ \t tục\n\n hành   chính  ", "thu tuc hanh chinh"},
                        Row{"Thuỷ\xC2\xA0"
                            "Thủy",
                            "thuy thuy"},
                        Row{"Đắk Lắk", "dak lak"}, Row{"", ""}, Row{"   ", ""}, Row{"Öl", "ol"});
    INFO(row.first);
    CHECK(fold_key(row.first) == row.second);
    CHECK(fold_key(nfd(row.first)) == row.second);
}

TEST_CASE("the search key survives invalid UTF-8", "[text]") {
    CHECK(fold_key("Ho\xFF"
                   "a") == "ho" + ReplacementChar + "a");
    CHECK(fold_key("\xE1\xBB") == ReplacementChar);
    std::string reused = "old content";
    fold_key_into("Hòa  Bình", reused);
    CHECK(reused == "hoa binh");
}
