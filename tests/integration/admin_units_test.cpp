// The real administrative-units document (domain/procedures.md §8): it parses, holds the
// numbers the reform published, and every ward can be found by code and by its own name.
#include "core/form/admin_units.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "core/text/utf8.h"

using namespace motcua::core;

namespace {

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

AdminUnits real_units() {
    const std::string text = read_text_file(MOTCUA_SHARED_DATA "/vn-admin-units.json");
    Result<AdminUnits> parsed = AdminUnits::parse(text, "vn-admin-units.json");
    INFO((parsed ? std::string() : parsed.error().detail));
    REQUIRE(parsed.ok());
    return std::move(parsed).value();
}

}  // namespace

TEST_CASE("the bundled document holds 34 provinces and 3,321 wards", "[admin_units]") {
    const AdminUnits units = real_units();
    REQUIRE(units.provinces().size() == 34);
    CHECK(units.ward_count() == 3321);

    std::map<std::string, int> province_kinds;
    std::map<std::string, int> ward_kinds;
    std::size_t wards = 0;
    for (const Province& province : units.provinces()) {
        ++province_kinds[province.kind];
        wards += province.wards.size();
        for (const Ward& ward : province.wards) ++ward_kinds[ward.kind];
    }
    CHECK(wards == 3321);
    CHECK(province_kinds == std::map<std::string, int>{{"Thành phố", 7}, {"Tỉnh", 27}});
    CHECK(ward_kinds == std::map<std::string, int>{{"Phường", 697}, {"Xã", 2611}, {"Đặc khu", 13}});
}

TEST_CASE("ward 13396 is Phường Nguyễn Úy in Ninh Bình and a search finds it", "[admin_units]") {
    const AdminUnits units = real_units();
    const Ward* ward = units.find_ward("13396");
    REQUIRE(ward != nullptr);
    CHECK(ward->full_name == "Phường Nguyễn Úy");
    const Province* province = units.province_of_ward("13396");
    REQUIRE(province != nullptr);
    CHECK(province->name == "Ninh Bình");

    const auto found = units.search_wards(province->code, "nguyen uy", 5);
    REQUIRE_FALSE(found.empty());
    CHECK(found.front() == ward);

    const auto provinces = units.search_provinces("ninh binh", 5);
    REQUIRE_FALSE(provinces.empty());
    CHECK(provinces.front() == province);

    Result<AddressAnswer> address =
        validate_address(units, {province->code, "13396", "Tổ 5"}, true);
    REQUIRE(address.ok());
    CHECK(format_address(units, *address) == "Tổ 5, Phường Nguyễn Úy, Tỉnh Ninh Bình");
}

TEST_CASE("wards whose names differ only by a mark are told apart", "[admin_units]") {
    const AdminUnits units = real_units();
    // Đồng Tháp has both Xã Tân Thành (29938) and Xã Tân Thạnh (30157).
    REQUIRE(units.province_of_ward("29938") == units.province_of_ward("30157"));
    const std::string province = units.province_of_ward("29938")->code;
    CHECK(units.search_wards(province, "Tân Thành", 1).front()->code == "29938");
    CHECK(units.search_wards(province, "Tân Thạnh", 1).front()->code == "30157");
    CHECK(units.search_wards(province, "tan thanh", 5).size() >= 2);
}

TEST_CASE("every ward is found by its code and first by its own name", "[admin_units]") {
    const AdminUnits units = real_units();
    std::size_t checked = 0;
    for (const Province& province : units.provinces()) {
        CHECK(units.find_province(province.code) == &province);
        CHECK(units.search_wards(province.code, "", province.wards.size()).size() ==
              province.wards.size());
        for (const Ward& ward : province.wards) {
            INFO(province.code << " " << ward.code << " " << ward.full_name);
            CHECK(is_nfc(ward.name));
            CHECK(units.find_ward(ward.code) == &ward);
            CHECK(units.province_of_ward(ward.code) == &province);
            const auto by_name = units.search_wards(province.code, ward.name, 1);
            REQUIRE(by_name.size() == 1);
            CHECK(by_name.front() == &ward);
            ++checked;
        }
    }
    CHECK(checked == 3321);
}
