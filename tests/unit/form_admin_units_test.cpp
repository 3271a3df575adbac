// Administrative units: parsing the portal's document (and refusing bad ones with the JSON path),
// lookups by code, the ward picker's search, and address answers.
#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/form/admin_units.h"
#include "core/text/utf8.h"

using namespace motcua::core;
using nlohmann::json;

namespace {

// "Nguyễn Úy" as a Mac keyboard sends it (NFD): e + U+0302 + U+0303, U + U+0301.
const std::string kNguyenUyNfd = "Nguye\xCC\x82\xCC\x83n U\xCC\x81y";

// Three provinces. "Hoà Bình" (new tone style) is in Hà Nội and "Hòa Bình" (old style) in Phú
// Thọ, the same name folded; Phú Thọ also has fold twins that differ only by a mark (Tân Thành,
// Tân Thạnh). Ninh Bình's only ward arrives in NFD.
json sample_json() {
    json doc = json::parse(R"({
      "source": "unit test", "effective": "2025-07-01",
      "provinces": [
        {"code": "01", "name": "Hà Nội", "full_name": "Thành phố Hà Nội", "kind": "Thành phố",
         "wards": [
           {"code": "00004", "name": "Ba Đình", "full_name": "Phường Ba Đình", "kind": "Phường"},
           {"code": "00070", "name": "Hoàn Kiếm", "full_name": "Phường Hoàn Kiếm", "kind": "Phường"},
           {"code": "00008", "name": "Ngọc Hà", "full_name": "Phường Ngọc Hà", "kind": "Phường"},
           {"code": "00009", "name": "Hoà Bình", "full_name": "Xã Hoà Bình", "kind": "Xã"},
           {"code": "00235", "name": "Đống Đa", "full_name": "Phường Đống Đa", "kind": "Phường"},
           {"code": "09700", "name": "Ba Vì", "full_name": "Xã Ba Vì", "kind": "Xã"},
           {"code": "00611", "name": "Thượng Cát", "full_name": "Phường Thượng Cát", "kind": "Phường"}
         ]},
        {"code": "25", "name": "Phú Thọ", "full_name": "Tỉnh Phú Thọ", "kind": "Tỉnh",
         "wards": [
           {"code": "04702", "name": "Hòa Bình", "full_name": "Phường Hòa Bình", "kind": "Phường"},
           {"code": "07900", "name": "Việt Trì", "full_name": "Phường Việt Trì", "kind": "Phường"},
           {"code": "07901", "name": "Tân Thành", "full_name": "Xã Tân Thành", "kind": "Xã"},
           {"code": "07902", "name": "Tân Thạnh", "full_name": "Xã Tân Thạnh", "kind": "Xã"}
         ]},
        {"code": "37", "name": "Ninh Bình", "full_name": "Tỉnh Ninh Bình", "kind": "Tỉnh",
         "wards": [
           {"code": "13396", "name": "", "full_name": "", "kind": "Phường"}
         ]}
      ]})");
    doc["provinces"][2]["wards"][0]["name"] = kNguyenUyNfd;
    doc["provinces"][2]["wards"][0]["full_name"] = "Phươ\xCC\x80ng " + kNguyenUyNfd;  // ờ in NFD
    return doc;
}

AdminUnits sample() {
    Result<AdminUnits> units = AdminUnits::parse(sample_json().dump(), "sample");
    INFO((units ? std::string() : units.error().detail));
    REQUIRE(units.ok());
    return std::move(units).value();
}

std::vector<std::string> codes(const std::vector<const Ward*>& wards) {
    std::vector<std::string> out;
    for (const Ward* ward : wards) out.push_back(ward->code);
    return out;
}

std::vector<std::string> codes(const std::vector<const Province*>& provinces) {
    std::vector<std::string> out;
    for (const Province* province : provinces) out.push_back(province->code);
    return out;
}

template <typename T>
std::string code_of(const Result<T>& result) {
    return result.ok() ? std::string("ok") : result.error().code;
}

}  // namespace

// [SECTION] Parsing

TEST_CASE("a well-formed document is parsed in document order with names in NFC", "[admin_units]") {
    const AdminUnits units = sample();
    REQUIRE(units.provinces().size() == 3);
    CHECK(codes(units.search_provinces("", 10)) == std::vector<std::string>{"01", "25", "37"});
    // A picker lists them by name: Hà Nội, Ninh Bình, Phú Thọ.
    CHECK(codes(units.provinces_by_name()) == std::vector<std::string>{"01", "37", "25"});
    CHECK(units.ward_count() == 12);
    const Province& hanoi = units.provinces()[0];
    CHECK(hanoi.name == "Hà Nội");
    CHECK(hanoi.full_name == "Thành phố Hà Nội");
    CHECK(hanoi.kind == "Thành phố");
    REQUIRE(hanoi.wards.size() == 7);
    CHECK(hanoi.wards[0].code == "00004");
    CHECK(hanoi.wards[0].full_name == "Phường Ba Đình");
    CHECK(hanoi.wards[0].kind == "Phường");

    const Ward& nguyen_uy = units.provinces()[2].wards[0];
    CHECK(nguyen_uy.name == "Nguyễn Úy");
    CHECK(nguyen_uy.full_name == "Phường Nguyễn Úy");
    CHECK(is_nfc(nguyen_uy.name));
    CHECK(is_nfc(nguyen_uy.full_name));
}

TEST_CASE("a missing kind is accepted as empty", "[admin_units]") {
    json doc = sample_json();
    doc["provinces"][1].erase("kind");
    doc["provinces"][1]["wards"][0].erase("kind");
    Result<AdminUnits> units = AdminUnits::parse(doc.dump(), "sample");
    REQUIRE(units.ok());
    CHECK(units->provinces()[1].kind.empty());
    CHECK(units->provinces()[1].wards[0].kind.empty());
}

TEST_CASE("a broken document is refused with the JSON path and what was expected",
          "[admin_units]") {
    // pointer: where to change the sample; value: the new JSON value, or nullptr to remove it.
    auto [pointer, value, expected] = GENERATE(table<std::string, const char*, std::string>({
        {"", "[]", "sample: $: expected an object, found array"},
        {"/provinces", nullptr, "$.provinces: missing"},
        {"/provinces", "{}", "provinces: expected an array, found object"},
        {"/provinces", "[]", "provinces: expected at least one province"},
        {"/provinces/1", "\"25\"", "provinces[1]: expected an object, found string"},
        {"/provinces/1/code", nullptr, "provinces[1].code: missing"},
        {"/provinces/1/code", "25",
         "provinces[1].code: expected a string of 2 digits, found number"},
        {"/provinces/1/code", "\"5\"", "provinces[1].code: expected 2 digits"},
        {"/provinces/1/code", "\"2a\"", "provinces[1].code: expected 2 digits"},
        {"/provinces/1/name", nullptr, "provinces[1].name: missing"},
        {"/provinces/1/name", "\"  \"", "provinces[1].name: expected a non-empty string"},
        {"/provinces/1/full_name", nullptr, "provinces[1].full_name: missing"},
        {"/provinces/1/full_name", "null", "provinces[1].full_name: expected a string, found null"},
        {"/provinces/1/kind", "7", "provinces[1].kind: expected a string, found number"},
        {"/provinces/1/wards", nullptr, "provinces[1].wards: missing"},
        {"/provinces/1/wards", "{}", "provinces[1].wards: expected an array, found object"},
        {"/provinces/1/wards", "[]", "provinces[1].wards: expected at least one ward"},
        {"/provinces/0/wards/6", "[]", "provinces[0].wards[6]: expected an object, found array"},
        {"/provinces/0/wards/6/code", nullptr, "provinces[0].wards[6].code: missing"},
        {"/provinces/0/wards/6/code", "\"0061\"", "provinces[0].wards[6].code: expected 5 digits"},
        {"/provinces/0/wards/6/code", "\"006110\"",
         "provinces[0].wards[6].code: expected 5 digits"},
        {"/provinces/0/wards/6/code", "611",
         "provinces[0].wards[6].code: expected a string of 5 digits, found number"},
        {"/provinces/0/wards/6/name", nullptr, "provinces[0].wards[6].name: missing"},
        {"/provinces/0/wards/6/name", "\"\"",
         "provinces[0].wards[6].name: expected a non-empty string"},
        {"/provinces/0/wards/6/name", "\"Thượng\\u0007Cát\"",
         "provinces[0].wards[6].name: expected text without control characters"},
        {"/provinces/0/wards/6/full_name", nullptr, "provinces[0].wards[6].full_name: missing"},
        {"/provinces/2/code", "\"01\"",
         "provinces[2].code: duplicate province code 01, also at $.provinces[0]"},
        {"/provinces/2/wards/0/code", "\"00070\"",
         "provinces[2].wards[0].code: duplicate ward code 00070, also at $.provinces[0].wards[1]"},
        {"/provinces/0/wards/6/code", "\"00004\"",
         "provinces[0].wards[6].code: duplicate ward code 00004, also at $.provinces[0].wards[0]"},
    }));
    json doc = sample_json();
    const json::json_pointer where(pointer);
    if (value == nullptr) {
        doc[where.parent_pointer()].erase(where.back());
    } else {
        doc[where] = json::parse(value);
    }
    Result<AdminUnits> units = AdminUnits::parse(doc.dump(), "sample");
    INFO(pointer);
    REQUIRE_FALSE(units.ok());
    CHECK(units.error().code == "admin_units_invalid");
    CHECK_THAT(units.error().detail, Catch::Matchers::Contains(expected));
    CHECK_THAT(units.error().detail, Catch::Matchers::StartsWith("sample: "));
}

TEST_CASE("text that is not JSON, or not UTF-8, is refused", "[admin_units]") {
    SECTION("not JSON") {
        for (const char* text : {"", "{\"provinces\": [", "provinces", "{} trailing"}) {
            Result<AdminUnits> units = AdminUnits::parse(text, "cache");
            INFO(text);
            REQUIRE_FALSE(units.ok());
            CHECK(units.error().code == "admin_units_invalid");
            CHECK_THAT(units.error().detail, Catch::Matchers::StartsWith("cache: $"));
            CHECK_THAT(units.error().detail, Catch::Matchers::Contains("not valid JSON at byte"));
        }
    }
    SECTION("not UTF-8") {
        std::string text = sample_json().dump();
        text.replace(text.find("Việt Trì"), 3, "Vi\xFF");
        Result<AdminUnits> units = AdminUnits::parse(text, "cache");
        REQUIRE_FALSE(units.ok());
        CHECK(units.error().code == "admin_units_invalid");
        CHECK(units.error().detail == "cache: text is not valid UTF-8");
    }
}

// [SECTION] Lookups

TEST_CASE("provinces and wards are found by code, wards nationally", "[admin_units]") {
    const AdminUnits units = sample();
    REQUIRE(units.find_province("25") != nullptr);
    CHECK(units.find_province("25")->name == "Phú Thọ");
    CHECK(units.find_province("37")->name == "Ninh Bình");
    CHECK(units.find_province("02") == nullptr);
    CHECK(units.find_province("1") == nullptr);
    CHECK(units.find_province("001") == nullptr);
    CHECK(units.find_province("") == nullptr);

    REQUIRE(units.find_ward("13396") != nullptr);
    CHECK(units.find_ward("13396")->name == "Nguyễn Úy");
    CHECK(units.find_ward("04702")->full_name == "Phường Hòa Bình");
    CHECK(units.find_ward("00004") == &units.provinces()[0].wards[0]);
    CHECK(units.find_ward("00005") == nullptr);
    CHECK(units.find_ward("4") == nullptr);
    CHECK(units.find_ward("0004a") == nullptr);
    CHECK(units.find_ward("") == nullptr);

    CHECK(units.province_of_ward("13396") == units.find_province("37"));
    CHECK(units.province_of_ward("04702") == units.find_province("25"));
    CHECK(units.province_of_ward("00611") == units.find_province("01"));
    CHECK(units.province_of_ward("99999") == nullptr);
}

TEST_CASE("pointers stay valid when the units move into a shared pointer", "[admin_units]") {
    AdminUnits units = sample();
    const Ward* ward = units.find_ward("00070");
    const Province* province = units.find_province("01");
    auto shared = std::make_shared<const AdminUnits>(std::move(units));
    CHECK(shared->find_ward("00070") == ward);
    CHECK(shared->find_province("01") == province);
    CHECK(codes(shared->search_wards("01", "hoan kiem", 1)) == std::vector<std::string>{"00070"});
}

// [SECTION] Search

TEST_CASE("the ward picker ranks what the resident typed", "[admin_units]") {
    const AdminUnits units = sample();
    const auto first = [&](std::string_view typed) {
        auto wards = units.search_wards("01", typed, 5);
        return wards.empty() ? std::string("none") : wards.front()->code;
    };
    SECTION("the exact name comes first, ahead of other wards sharing a word") {
        CHECK(first("Ba Đình") == "00004");
        CHECK(first("ba dinh") == "00004");
        CHECK(first("Ba Vì") == "09700");
        // A finished word only: both start with it and the shorter name leads.
        CHECK(codes(units.search_wards("01", "ba ", 5)) ==
              std::vector<std::string>{"09700", "00004"});
    }
    SECTION("the full name with its kind works too") {
        CHECK(first("phuong ba dinh") == "00004");
        CHECK(first("Phường Hoàn Kiếm") == "00070");
        CHECK(first("xa hoa binh") == "00009");
    }
    SECTION("accent-free and either tone placement") {
        CHECK(first("hoan kiem") == "00070");
        CHECK(first("HOAN KIEM") == "00070");
        CHECK(first("hòa bình") == "00009");
        CHECK(first("hoà bình") == "00009");
        CHECK(first("dong da") == "00235");
    }
    SECTION("the last word is a prefix while typing") {
        CHECK(first("hoan k") == "00070");
        CHECK(first("ngo") == "00008");
        CHECK(first("thuong c") == "00611");
        CHECK(first("hoa") == "00009");  // Hoà Bình is shorter than Hoàn Kiếm
    }
    SECTION("one typo in a long word") {
        CHECK(first("thuogn cat") == "00611");  // swapped letters
        CHECK(first("thuong ca") == "00611");
        CHECK(first("thuonh cat") == "00611");                // one wrong letter
        CHECK(units.search_wards("01", "kiam ", 5).empty());  // 4 letters: no typo
    }
    SECTION("nothing matching finds nothing") {
        CHECK(units.search_wards("01", "viet tri", 5).empty());
        CHECK(units.search_wards("01", "quan 1", 5).empty());
    }
    SECTION("at most limit") {
        CHECK(units.search_wards("01", "phuong", 2).size() == 2);
        CHECK(units.search_wards("01", "phuong", 10).size() == 5);
        CHECK(units.search_wards("01", "phuong", 0).empty());
    }
}

TEST_CASE("a ward search stays within the chosen province", "[admin_units]") {
    const AdminUnits units = sample();
    CHECK(codes(units.search_wards("01", "hoa binh", 10)) == std::vector<std::string>{"00009"});
    CHECK(codes(units.search_wards("25", "hoa binh", 10)) == std::vector<std::string>{"04702"});
    CHECK(codes(units.search_wards("25", "viet tri", 10)) == std::vector<std::string>{"07900"});
    CHECK(units.search_wards("37", "ba dinh", 10).empty());
    CHECK(codes(units.search_wards("37", "nguyen uy", 10)) == std::vector<std::string>{"13396"});
    CHECK(units.search_wards("99", "ba dinh", 10).empty());
    CHECK(units.search_wards("1", "", 10).empty());
}

TEST_CASE("names that fold alike are told apart by the marks typed", "[admin_units]") {
    const AdminUnits units = sample();
    CHECK(codes(units.search_wards("25", "Tân Thạnh", 1)) == std::vector<std::string>{"07902"});
    CHECK(codes(units.search_wards("25", "Tân Thành", 1)) == std::vector<std::string>{"07901"});
    CHECK(codes(units.search_wards("25", "tân  thạnh", 1)) == std::vector<std::string>{"07902"});
    CHECK(codes(units.search_wards("25", "Xã Tân Thạnh", 5)) ==
          std::vector<std::string>{"07902", "07901"});
    CHECK(codes(units.search_wards("25", "Ta\xCC\x82n Tha\xCC\xA3nh", 1)) ==  // NFD
          std::vector<std::string>{"07902"});
    // Without marks both are equally good: document order.
    CHECK(codes(units.search_wards("25", "tan thanh", 5)) ==
          std::vector<std::string>{"07901", "07902"});
}

TEST_CASE("an empty ward search lists the province's wards alphabetically", "[admin_units]") {
    const AdminUnits units = sample();
    const std::vector<std::string> alphabetical{"00004", "09700", "00235", "00009",
                                                "00070", "00008", "00611"};
    // Ba Đình, Ba Vì, Đống Đa (đ sorts as d), Hoà Bình, Hoàn Kiếm, Ngọc Hà, Thượng Cát.
    CHECK(codes(units.search_wards("01", "", 100)) == alphabetical);
    CHECK(codes(units.search_wards("01", "   ", 100)) == alphabetical);
    CHECK(codes(units.search_wards("01", "", 3)) ==
          std::vector<std::string>{"00004", "09700", "00235"});
    CHECK(codes(units.search_wards("25", "", 100)) ==
          std::vector<std::string>{"04702", "07901", "07902", "07900"});
    CHECK(units.search_wards("99", "", 100).empty());
}

TEST_CASE("the province picker searches names and full names", "[admin_units]") {
    const AdminUnits units = sample();
    CHECK(codes(units.search_provinces("ha noi", 5)) == std::vector<std::string>{"01"});
    CHECK(codes(units.search_provinces("Thành phố Hà Nội", 5)) == std::vector<std::string>{"01"});
    CHECK(codes(units.search_provinces("phu tho", 5)) == std::vector<std::string>{"25"});
    CHECK(codes(units.search_provinces("ninh b", 5)) == std::vector<std::string>{"37"});
    CHECK(codes(units.search_provinces("tinh", 5)) == std::vector<std::string>{"25", "37"});
    CHECK(codes(units.search_provinces("", 5)) == std::vector<std::string>{"01", "25", "37"});
    CHECK(codes(units.search_provinces("", 2)) == std::vector<std::string>{"01", "25"});
    CHECK(units.search_provinces("da nang", 5).empty());
}

// [SECTION] Address answers

TEST_CASE("a valid address is tidied", "[admin_units]") {
    const AdminUnits units = sample();
    Result<AddressAnswer> address =
        validate_address(units, {" 01 ", "00004\n", "  12   Lê\u00A0Lợi "}, true);
    REQUIRE(address.ok());
    CHECK(address->province == "01");
    CHECK(address->ward == "00004");
    CHECK(address->detail == "12 Lê Lợi");

    Result<AddressAnswer> nfd =
        validate_address(units, {"37", "13396", "Tổ 3, " + kNguyenUyNfd}, true);
    REQUIRE(nfd.ok());
    CHECK(nfd->detail == "Tổ 3, Nguyễn Úy");

    Result<AddressAnswer> no_detail = validate_address(units, {"25", "04702", "  "}, false);
    REQUIRE(no_detail.ok());
    CHECK(no_detail->detail.empty());
}

TEST_CASE("an incomplete or wrong address names what is wrong", "[admin_units]") {
    const AdminUnits units = sample();
    auto [province, ward, detail, required, expected] =
        GENERATE(table<std::string, std::string, std::string, bool, std::string>({
            {"", "00004", "12 Lê Lợi", true, "address_province_required"},
            {"  ", "", "", false, "address_province_required"},
            {"01", "", "12 Lê Lợi", true, "address_ward_required"},
            {"01", "99999", "12 Lê Lợi", true, "address_ward_unknown"},
            {"01", "abc", "12 Lê Lợi", true, "address_ward_unknown"},
            {"01", "04702", "12 Lê Lợi", true, "address_ward_unknown"},  // Phú Thọ's ward
            {"99", "00004", "12 Lê Lợi", true, "address_ward_unknown"},
            {"01", "00004", "", true, "address_detail_required"},
            {"01", "00004", " \t ", true, "address_detail_required"},
            {"01", "00004", "12 Lê\x01Lợi", true, "text_invalid_chars"},
            {"01", "00004", "12 L\xFF", false, "text_invalid_chars"},
            {"01", "00004", std::string(201, 'a'), false, "text_too_long"},
            {"01", "00004", std::string(200, 'a'), true, "ok"},
        }));
    INFO(province << " / " << ward << " / " << detail);
    CHECK(code_of(validate_address(units, {province, ward, detail}, required)) == expected);
}

TEST_CASE("an address is written on one line with full names", "[admin_units]") {
    const AdminUnits units = sample();
    CHECK(format_address(units, {"01", "00004", "12 Lê Lợi"}) ==
          "12 Lê Lợi, Phường Ba Đình, Thành phố Hà Nội");
    CHECK(format_address(units, {"37", "13396", ""}) == "Phường Nguyễn Úy, Tỉnh Ninh Bình");
    CHECK(format_address(units, {"01", "", ""}) == "Thành phố Hà Nội");
    // Stale codes stay visible rather than vanish.
    CHECK(format_address(units, {"01", "12345", "Thôn 2"}) == "Thôn 2, 12345, Thành phố Hà Nội");
}
