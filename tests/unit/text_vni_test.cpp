// [help] VNI on a physical keyboard: digits after the letters, as UniKey's VNI does.
#include <catch2/catch.hpp>

#include "core/text/compose.h"
#include "nfd.h"

using motcua::test::nfd;

using namespace motcua::core;

namespace {

std::string vni(const std::string& keys) {
    VniComposer composer;
    std::string text;
    for (char key : keys) text = composer.feed(text, static_cast<char32_t>(key));
    return text;
}

}  // namespace

TEST_CASE("VNI turns digit sequences into Vietnamese", "[compose][vni]") {
    auto [keys, expected] = GENERATE(table<std::string, std::string>({
        {"Vie65t Nam", "Việt Nam"},
        {"Nguye64n Va8n A1n", "Nguyễn Văn Án"},
        {"d9u7o7ng", "đương"},
        {"D9o64", "Đỗ"},
        {"tho6ng", "thông"},
        {"ho2a", "hoà"},
        {"thuy3", "thuỷ"},
        {"ngu7o7i2", "người"},
        {"qua1", "quá"},
        {"gia4", "giã"},
        {"Tra62n Thi5 Hoa", "Trần Thị Hoa"},
        {"lo7i5", "lợi"},
        {"ba1n0", "ban"},  // 0 takes the tone off
    }));
    CAPTURE(keys);
    CHECK(vni(keys) == expected);
}

TEST_CASE("a VNI digit that changes nothing is typed, and pressing one again undoes it",
          "[compose][vni]") {
    CHECK(vni("So61 12") == "Số 12");  // a number after a space stays a number
    CHECK(vni("12A") == "12A");
    CHECK(vni("K3") == "K3");   // no vowel: the digit is typed
    CHECK(vni("a11") == "a1");  // twice: undone, and the digit typed
    CHECK(vni("a66") == "a6");
    CHECK(vni("d99") == "d9");
    CHECK(vni("o77") == "o7");
    CHECK(vni("b8") == "b8");         // no a for a breve
    CHECK(vni("ba1nh1") == "banh1");  // pressed twice across the final: undone too
}

TEST_CASE("the VNI composer accepts any current text and returns NFC", "[compose][vni]") {
    VniComposer composer;
    CHECK(composer.feed(nfd("Việ"), U't') == "Việt");
    CHECK(composer.feed(nfd("Vie"), U'6') == "Viê");
    CHECK(composer.feed("", U'1') == "1");
    CHECK(composer.feed("ban ", U'1') == "ban 1");
    CHECK_NOTHROW(composer.feed("\xFF", U'5'));
}
