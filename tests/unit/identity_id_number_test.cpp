#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "core/identity/id_number.h"
#include "core/text/utf8.h"

using namespace motcua::core;

namespace {

bool has_warning(const Checked& checked, std::string_view code) {
    return std::find(checked.warnings.begin(), checked.warnings.end(), code) !=
           checked.warnings.end();
}

}  // namespace

TEST_CASE("an ID number is 12 digits after spaces, dots and dashes are removed", "[identity]") {
    auto typed = GENERATE(as<std::string>{}, "001090123456", "001 090 123 456", "001.090.123.456",
                          "001-090-123456", " 001090123456 ");
    Result<Checked> id = check_id_number(typed);
    INFO(typed);
    REQUIRE(id.ok());
    CHECK(id->value == "001090123456");
    CHECK(id->warnings.empty());
}

TEST_CASE("an ID number of the wrong shape is refused", "[identity]") {
    auto [typed, code] = GENERATE(table<std::string, std::string>({
        {"", "required"},
        {"  ", "required"},
        {"012345678", "id_number_old_cmnd"},
        {"00109012345", "id_number_format"},
        {"0010901234567", "id_number_format"},
        {"00109012345a", "id_number_format"},
        {"001090/123456", "id_number_format"},
        {"００１０９０１２３４５６", "id_number_format"},
    }));
    Result<Checked> id = check_id_number(typed);
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().code == code);
}

TEST_CASE("a wrong check digit never rejects an ID number", "[identity]") {
    // There is no checksum: every last digit is as good as another.
    for (char last = '0'; last <= '9'; ++last) {
        std::string number = "07920301234";
        number += last;
        Result<Checked> id = check_id_number(number);
        REQUIRE(id.ok());
        CHECK(id->warnings.empty());
    }
}

TEST_CASE("the G digit and YY encode sex and birth year", "[identity]") {
    auto [number, sex, year] = GENERATE(table<std::string, Sex, int>({
        {"001090123456", Sex::Male, 1990},
        {"001190123456", Sex::Female, 1990},
        {"079205123456", Sex::Male, 2005},
        {"079305123456", Sex::Female, 2005},
        {"079400123456", Sex::Male, 2100},
        {"079599123456", Sex::Female, 2199},
        {"001000000000", Sex::Male, 1900},
    }));
    std::optional<IdNumberParts> parts = decode_id_number(number);
    REQUIRE(parts);
    CHECK(parts->sex == sex);
    CHECK(parts->birth_year == year);
    CHECK(parts->province_prefix == std::string_view(number).substr(0, 3));
}

TEST_CASE("disagreements with the known birth date and sex are warnings only", "[identity]") {
    IdNumberHints woman_1990{Date{1990, 1, 1}, Sex::Female};

    SECTION("agreeing facts give no warning") {
        Result<Checked> id = check_id_number("001190123456", woman_1990);
        REQUIRE(id.ok());
        CHECK(id->warnings.empty());
    }
    SECTION("a male G digit for a woman warns about sex") {
        Result<Checked> id = check_id_number("001090123456", woman_1990);
        REQUIRE(id.ok());
        CHECK(id->value == "001090123456");
        CHECK(has_warning(*id, "id_number_sex_mismatch"));
        CHECK_FALSE(has_warning(*id, "id_number_birth_year_mismatch"));
    }
    SECTION("a wrong YY warns about the birth year") {
        Result<Checked> id = check_id_number("001191123456", woman_1990);
        REQUIRE(id.ok());
        CHECK(has_warning(*id, "id_number_birth_year_mismatch"));
        CHECK_FALSE(has_warning(*id, "id_number_sex_mismatch"));
    }
    SECTION("a wrong century warns about the birth year") {
        Result<Checked> id = check_id_number("001390123456", woman_1990);
        REQUIRE(id.ok());
        CHECK(has_warning(*id, "id_number_birth_year_mismatch"));
        CHECK_FALSE(has_warning(*id, "id_number_sex_mismatch"));
    }
    SECTION("only the known facts are compared") {
        IdNumberHints sex_only{std::nullopt, Sex::Male};
        Result<Checked> id = check_id_number("001191123456", sex_only);
        REQUIRE(id.ok());
        CHECK(id->warnings == std::vector<std::string>{"id_number_sex_mismatch"});
    }
}

TEST_CASE("an unknown province prefix warns but does not block", "[identity]") {
    for (std::string_view prefix : {"000", "003", "099", "100", "999"}) {
        Result<Checked> id = check_id_number(std::string(prefix) + "090123456");
        INFO(prefix);
        REQUIRE(id.ok());
        CHECK(id->warnings == std::vector<std::string>{"id_number_unknown_province"});
    }
    for (std::string_view prefix : {"001", "015", "046", "079", "096"}) {
        Result<Checked> id = check_id_number(std::string(prefix) + "090123456");
        REQUIRE(id.ok());
        CHECK(id->warnings.empty());
    }
}

TEST_CASE("the province prefix table has the 63 old provinces once each", "[identity]") {
    auto prefixes = province_prefixes();
    CHECK(prefixes.size() == 63);
    std::set<std::string_view> codes;
    std::set<std::string_view> names;
    for (const ProvincePrefix& prefix : prefixes) {
        CHECK(prefix.code.size() == 3);
        CHECK(prefix.code[0] == '0');
        CHECK(is_nfc(prefix.name));
        codes.insert(prefix.code);
        names.insert(prefix.name);
    }
    CHECK(codes.size() == 63);
    CHECK(names.size() == 63);
    CHECK(province_for_prefix("015") == "Yên Bái");
    CHECK(province_for_prefix("079") == "Hồ Chí Minh");
    CHECK_FALSE(province_for_prefix("003"));
    CHECK(sex_label(Sex::Male) == "Nam");
    CHECK(sex_label(Sex::Female) == "Nữ");
}
