#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "core/form/reference.h"
#include "core/text/utf8.h"

using namespace motcua::core;

TEST_CASE("there are exactly 54 distinct ethnic groups, all NFC, coded 01 to 54", "[form]") {
    auto groups = ethnic_groups();
    REQUIRE(groups.size() == 54);
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        INFO(groups[i].name);
        CHECK(is_nfc(groups[i].name));
        CHECK_FALSE(groups[i].name.empty());
        char expected_code[3] = {static_cast<char>('0' + (i + 1) / 10),
                                 static_cast<char>('0' + (i + 1) % 10), 0};
        CHECK(groups[i].code == expected_code);
        names.insert(groups[i].name);
    }
    CHECK(names.size() == 54);
    CHECK(groups[0].name == "Kinh");
    CHECK(groups[1].name == "Tày");
    CHECK(groups[2].name == "Thái");
    CHECK(groups[5].name == "Mường");
    CHECK(groups[53].name == "Rơ-măm");
    CHECK(find_ethnic_group("12")->name == "Ê-đê");
    CHECK_FALSE(find_ethnic_group("55"));
}

TEST_CASE("nationalities start with Việt Nam and are distinct and NFC", "[form]") {
    auto list = nationalities();
    REQUIRE(list.size() >= 30);
    CHECK(list[0].code == "VN");
    CHECK(list[0].name == "Việt Nam");
    std::set<std::string_view> codes;
    std::set<std::string_view> names;
    for (const Nationality& nationality : list) {
        INFO(nationality.name);
        CHECK(is_nfc(nationality.name));
        CHECK(nationality.code.size() == 2);
        codes.insert(nationality.code);
        names.insert(nationality.name);
    }
    CHECK(codes.size() == list.size());
    CHECK(names.size() == list.size());
    for (std::string_view expected :
         {"Trung Quốc", "Lào", "Campuchia", "Hàn Quốc", "Nhật Bản", "Hoa Kỳ"}) {
        CHECK(names.count(expected) == 1);
    }
    CHECK(find_nationality("KR")->name == "Hàn Quốc");
    CHECK_FALSE(find_nationality("XX"));
}
