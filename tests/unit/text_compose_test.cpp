#include <catch2/catch.hpp>
#include <string>
#include <tuple>

#include "core/text/compose.h"
#include "core/text/utf8.h"
#include "nfd.h"

using namespace motcua::core;
using motcua::test::nfd;

namespace {

// Types ASCII keys one by one into an empty field, as a staff member would.
std::string type_telex(std::string_view keys) {
    TelexComposer composer;
    std::string text;
    for (char key : keys) text = composer.feed(text, static_cast<char32_t>(key));
    return text;
}

}  // namespace

TEST_CASE("tones go on the right vowel in the new style", "[compose]") {
    using Row = std::tuple<std::string, Tone, std::string>;
    auto [word, tone, expected] = GENERATE(
        Row{"moi", Tone::Nang, "mọi"}, Row{"nêu", Tone::Sac, "nếu"}, Row{"hoa", Tone::Huyen, "hoà"},
        Row{"thuy", Tone::Hoi, "thuỷ"}, Row{"quy", Tone::Sac, "quý"},
        Row{"gia", Tone::Huyen, "già"}, Row{"ngươi", Tone::Huyen, "người"},
        Row{"tiên", Tone::Sac, "tiến"}, Row{"muôn", Tone::Sac, "muốn"},
        Row{"mia", Tone::Sac, "mía"}, Row{"chua", Tone::Huyen, "chùa"},
        Row{"cưa", Tone::Hoi, "cửa"}, Row{"Nguyên", Tone::Nga, "Nguyễn"},
        Row{"Viêt", Tone::Nang, "Việt"}, Row{"Hoa", Tone::Huyen, "Hoà"},
        Row{"HOA", Tone::Huyen, "HOÀ"}, Row{"hoe", Tone::Huyen, "hoè"},
        Row{"qua", Tone::Huyen, "quà"}, Row{"gin", Tone::Huyen, "gìn"},
        Row{"giưa", Tone::Nga, "giữa"}, Row{"quyên", Tone::Hoi, "quyển"},
        Row{"hoang", Tone::Huyen, "hoàng"}, Row{"toan", Tone::Sac, "toán"},
        Row{"Huynh", Tone::Huyen, "Huỳnh"}, Row{"ngoai", Tone::Huyen, "ngoài"},
        Row{"rươu", Tone::Nang, "rượu"}, Row{"cưu", Tone::Sac, "cứu"}, Row{"gưi", Tone::Hoi, "gửi"},
        Row{"mây", Tone::Sac, "mấy"}, Row{"khuyên", Tone::Sac, "khuyến"},
        Row{"khuyu", Tone::Hoi, "khuỷu"}, Row{"xoăn", Tone::Sac, "xoắn"}, Row{"a", Tone::Sac, "á"},
        Row{"Uy", Tone::Sac, "Uý"},
        // "khuya" itself has no tone; a tone would sit on y, the middle of three vowels.
        Row{"khuya", Tone::None, "khuya"}, Row{"khuya", Tone::Sac, "khuýa"});
    INFO(word << " -> " << expected);
    CHECK(apply_tone(word, tone) == expected);
    CHECK(apply_tone(nfd(word), tone) == expected);
    CHECK(is_nfc(apply_tone(word, tone)));
}

TEST_CASE("applying a tone replaces the old one, even an old-style one", "[compose]") {
    CHECK(apply_tone("hòa", Tone::Sac) == "hoá");
    CHECK(apply_tone("thủy", Tone::Hoi) == "thuỷ");
    CHECK(apply_tone("Nguyễn", Tone::None) == "Nguyên");
    CHECK(apply_tone("người", Tone::Sac) == "ngưới");
    CHECK(apply_tone("Nguyễn Văn Hoa", Tone::Huyen) == "Nguyễn Văn Hoà");
    CHECK(tone_of("Việt") == Tone::Nang);
    CHECK(tone_of("hoà") == Tone::Huyen);
    CHECK(tone_of("Nam") == Tone::None);
}

TEST_CASE("a word with no vowel to carry a tone is left alone", "[compose]") {
    auto word = GENERATE(as<std::string>{}, "nh", "", "ng", "Việt ", "123", "x!");
    INFO(word);
    CHECK(apply_tone(word, Tone::Sac) == word);
    CHECK(apply_mark(word, Mark::Horn) == word);
}

TEST_CASE("vowel marks are added, keep the tone and toggle off", "[compose]") {
    using Row = std::tuple<std::string, Mark, std::string>;
    auto [word, mark, expected] =
        GENERATE(Row{"a", Mark::Circumflex, "â"}, Row{"a", Mark::Breve, "ă"},
                 Row{"e", Mark::Circumflex, "ê"}, Row{"o", Mark::Circumflex, "ô"},
                 Row{"o", Mark::Horn, "ơ"}, Row{"u", Mark::Horn, "ư"},
                 Row{"nguoi", Mark::Horn, "ngươi"}, Row{"nguòi", Mark::Horn, "người"},
                 Row{"dang", Mark::DStroke, "đang"}, Row{"Dang", Mark::DStroke, "Đang"},
                 Row{"tién", Mark::Circumflex, "tiến"}, Row{"múa", Mark::Horn, "mứa"},
                 Row{"mua", Mark::Horn, "mưa"}, Row{"VIỆT", Mark::Circumflex, "VIẸT"},
                 Row{"hoa", Mark::Breve, "hoă"}, Row{"tuan", Mark::Circumflex, "tuân"},
                 Row{"cuu", Mark::Horn, "cưu"}, Row{"â", Mark::Circumflex, "a"},
                 Row{"đ", Mark::DStroke, "d"}, Row{"ngươi", Mark::Horn, "nguoi"},
                 Row{"nh", Mark::Circumflex, "nh"}, Row{"ba", Mark::DStroke, "ba"});
    INFO(word << " -> " << expected);
    CHECK(apply_mark(word, mark) == expected);
    CHECK(apply_mark(apply_mark(word, mark), mark) == to_nfc(word));
}

TEST_CASE("a circumflex on ươ gives uô", "[compose]") {
    CHECK(apply_mark("ươn", Mark::Circumflex) == "uôn");
    CHECK(apply_mark("mướn", Mark::Circumflex) == "muốn");
}

TEST_CASE("Telex turns key sequences into Vietnamese", "[compose]") {
    using Row = std::pair<std::string, std::string>;
    auto [keys, expected] = GENERATE(
        Row{"ddawngj", "đặng"}, Row{"Vieejt", "Việt"}, Row{"nguwowif", "người"}, Row{"hoaf", "hoà"},
        Row{"thuyr", "thuỷ"}, Row{"quys", "quý"}, Row{"tieesng", "tiếng"},
        Row{"Nguyeenx", "Nguyễn"}, Row{"muoons", "muốn"}, Row{"chuaf", "chùa"}, Row{"cuwar", "cửa"},
        Row{"moij", "mọi"}, Row{"neeus", "nếu"}, Row{"giaf", "già"}, Row{"dduwowcj", "được"},
        Row{"truwowngf", "trường"}, Row{"duwocj", "dược"}, Row{"uwon", "ươn"},
        Row{"xoawns", "xoắn"}, Row{"muaw", "mưa"}, Row{"VIEETJ", "VIỆT"},
        Row{"Chaof banj", "Chào bạn"}, Row{"toans", "toán"}, Row{"hoasn", "hoán"}, Row{"w", "ư"},
        Row{"tw", "tư"}, Row{"aw", "ă"}, Row{"xin", "xin"}, Row{"tra", "tra"});
    INFO(keys);
    CHECK(type_telex(keys) == expected);
}

TEST_CASE("pressing a Telex key again undoes it and types the key", "[compose]") {
    using Row = std::pair<std::string, std::string>;
    auto [keys, expected] = GENERATE(Row{"ass", "as"}, Row{"aaa", "aa"}, Row{"ddd", "dd"},
                                     Row{"ww", "w"}, Row{"uww", "uw"}, Row{"asz", "a"},
                                     Row{"z", "z"}, Row{"Vieejtz", "Viêt"}, Row{"hoafr", "hoả"});
    INFO(keys);
    CHECK(type_telex(keys) == expected);
}

TEST_CASE("Telex composer accepts any current text without failing", "[compose]") {
    TelexComposer composer;
    CHECK(composer.feed("\xFF", U's') ==
          "\xEF\xBF\xBD"
          "s");
    CHECK(composer.feed(nfd("Việ"), U't') == "Việt");
    CHECK(composer.feed("ban ", U's') == "ban s");
    CHECK(composer.feed("", U'1') == "1");
    CHECK(composer.feed("a", U'ư') == "aư");
    composer.reset();
    CHECK(composer.feed("", U'W') == "Ư");
}
