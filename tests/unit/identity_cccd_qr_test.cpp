#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "core/identity/cccd_qr.h"

using namespace motcua::core;

namespace {

const std::string kStandard =
    "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí "
    "Minh|15042021";

std::string unreadable_detail(std::string_view payload) {
    Result<CccdData> data = parse_cccd_qr(payload);
    REQUIRE_FALSE(data.ok());
    CHECK(data.error().code == "cccd_qr_unreadable");
    CHECK_FALSE(data.error().detail.empty());
    return data.error().detail;
}

}  // namespace

TEST_CASE("a standard 7-field CCCD QR is read field by field", "[identity]") {
    Result<CccdData> data = parse_cccd_qr(kStandard);
    REQUIRE(data.ok());
    CHECK(data->id_number == "001090123456");
    CHECK(data->old_id == "012345678");
    CHECK(data->full_name == "Nguyễn Văn An");
    CHECK(data->date_of_birth == Date{1990, 1, 1});
    CHECK(data->sex == Sex::Male);
    CHECK(data->address == "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh");
    REQUIRE(data->issue_date);
    CHECK(*data->issue_date == Date{2021, 4, 15});
    CHECK_FALSE(data->ascii_only);
    CHECK(data->warnings.empty());
}

TEST_CASE("scanner whitespace, an empty old ID and extra fields are tolerated", "[identity]") {
    SECTION("a trailing CR/LF and surrounding spaces") {
        Result<CccdData> data = parse_cccd_qr("  " + kStandard + "\r\n");
        REQUIRE(data.ok());
        CHECK(data->issue_date == Date{2021, 4, 15});
    }
    SECTION("an empty old-ID field") {
        Result<CccdData> data =
            parse_cccd_qr("079305123456||Trần Thị Bích|24042005|Nữ|Xã Tân Phú, Đồng Nai|01072024");
        REQUIRE(data.ok());
        CHECK(data->old_id.empty());
        CHECK(data->sex == Sex::Female);
        CHECK(data->date_of_birth == Date{2005, 4, 24});
        CHECK(data->warnings.empty());
    }
    SECTION("extra trailing fields") {
        Result<CccdData> data = parse_cccd_qr(kStandard + "|extra|||");
        REQUIRE(data.ok());
        CHECK(data->full_name == "Nguyễn Văn An");
    }
    SECTION("only five fields: no address and no issue date") {
        Result<CccdData> data = parse_cccd_qr("001090123456||Nguyễn Văn An|01011990|Nam");
        REQUIRE(data.ok());
        CHECK(data->address.empty());
        CHECK_FALSE(data->issue_date);
    }
    SECTION("an empty issue date") {
        Result<CccdData> data = parse_cccd_qr("001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|");
        REQUIRE(data.ok());
        CHECK(data->address == "Hà Nội");
        CHECK_FALSE(data->issue_date);
    }
}

TEST_CASE("the 6-field variant without the old ID is recognised by its date", "[identity]") {
    Result<CccdData> data =
        parse_cccd_qr("001190123456|Lê Thị Hoa|12061990|Nữ|Thôn 3, Xã Yên Hoà, Hà Nội|20112021");
    REQUIRE(data.ok());
    CHECK(data->old_id.empty());
    CHECK(data->full_name == "Lê Thị Hoa");
    CHECK(data->date_of_birth == Date{1990, 6, 12});
    CHECK(data->sex == Sex::Female);
    CHECK(data->address == "Thôn 3, Xã Yên Hoà, Hà Nội");
    CHECK(data->issue_date == Date{2021, 11, 20});
}

TEST_CASE("name and address are NFC with single spaces, sex compared after NFC", "[identity]") {
    // "Nguyễn" and "Nữ" decomposed, as some sources deliver them, with doubled spaces.
    std::string payload =
        "001190123456||Nguye\xCC\x82\xCC\x83n  Thị   Mai|01011990|Nu\xCC\x9B\xCC\x83|Xã  Đông "
        "Anh|01012022";
    Result<CccdData> data = parse_cccd_qr(payload);
    REQUIRE(data.ok());
    CHECK(data->full_name == "Nguyễn Thị Mai");
    CHECK(data->sex == Sex::Female);
    CHECK(data->address == "Xã Đông Anh");
}

TEST_CASE("sex is read in the spellings cards and scanners produce", "[identity]") {
    auto [field, sex] = GENERATE(table<std::string, Sex>({
        {"Nam", Sex::Male},
        {"NAM", Sex::Male},
        {"Nữ", Sex::Female},
        {"NỮ", Sex::Female},
        {"Nu", Sex::Female},
        {"NU", Sex::Female},
    }));
    Result<CccdData> data = parse_cccd_qr("001090123456||Nguyen Van An|01011990|" + field + "|X");
    REQUIRE(data.ok());
    CHECK(data->sex == sex);
}

TEST_CASE("an all-ASCII payload is flagged as a likely wedge-scanner loss", "[identity]") {
    Result<CccdData> data = parse_cccd_qr(
        "001090123456|012345678|NGUYEN VAN A|01011990|Nam|Phuong Ben Nghe, Quan 1, TP. Ho Chi "
        "Minh|15042021\r\n");
    REQUIRE(data.ok());
    CHECK(data->ascii_only);
    CHECK(data->full_name == "NGUYEN VAN A");
    CHECK(data->id_number == "001090123456");
    CHECK(data->date_of_birth == Date{1990, 1, 1});
    CHECK(data->warnings == std::vector<std::string>{"cccd_qr_ascii_only"});

    Result<CccdData> marked = parse_cccd_qr("001090123456||NGUYỄN VĂN A|01011990|Nam|Hà Nội");
    REQUIRE(marked.ok());
    CHECK_FALSE(marked->ascii_only);
}

TEST_CASE("the QR's ID number is cross-checked with its own birth date and sex", "[identity]") {
    Result<CccdData> data = parse_cccd_qr("001090123456||Lê Thị Hoa|01011991|Nữ|Hà Nội|01012022");
    REQUIRE(data.ok());
    CHECK(data->warnings ==
          std::vector<std::string>{"id_number_sex_mismatch", "id_number_birth_year_mismatch"});
}

TEST_CASE("payloads of unknown shape are refused with a precise detail", "[identity]") {
    SECTION("empty and blank") {
        CHECK(unreadable_detail("") == "empty payload");
        CHECK(unreadable_detail(" \r\n") == "empty payload");
    }
    SECTION("too few fields") {
        CHECK(unreadable_detail("001090123456|012345678|Nguyễn Văn An|01011990").find("fields") !=
              std::string::npos);
    }
    SECTION("only separators") {
        CHECK(unreadable_detail("|||||").find("field 0") != std::string::npos);
    }
    SECTION("a bad ID number") {
        CHECK(
            unreadable_detail("00109012345|x|Nguyễn Văn An|01011990|Nam|Hà Nội").find("field 0") !=
            std::string::npos);
        CHECK(
            unreadable_detail("00109012345a||Nguyễn Văn An|01011990|Nam|Hà Nội").find("field 0") !=
            std::string::npos);
    }
    SECTION("no birth date where one is expected") {
        CHECK(unreadable_detail("001090123456||Nguyễn Văn An|1990|Nam|Hà Nội").find("birth date") !=
              std::string::npos);
    }
    SECTION("an impossible birth date") {
        CHECK(unreadable_detail("001090123456||Nguyễn Văn An|31021990|Nam|Hà Nội")
                  .find("date_not_real") != std::string::npos);
    }
    SECTION("an impossible issue date") {
        CHECK(unreadable_detail("001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|32012021")
                  .find("issue date") != std::string::npos);
    }
    SECTION("an issue date before the birth date") {
        CHECK(unreadable_detail("001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|01011980")
                  .find("before the birth date") != std::string::npos);
    }
    SECTION("an unknown sex") {
        CHECK(unreadable_detail("001090123456||Nguyễn Văn An|01011990|Male|Hà Nội").find("sex") !=
              std::string::npos);
    }
    SECTION("an empty name") {
        CHECK(unreadable_detail("001090123456|||01011990|Nam|Hà Nội").find("name") !=
              std::string::npos);
    }
    SECTION("an old ID that is not digits") {
        CHECK(unreadable_detail("001090123456|ABC|Nguyễn Văn An|01011990|Nam|Hà Nội")
                  .find("old ID") != std::string::npos);
    }
    SECTION("invalid UTF-8 or control characters in the name") {
        CHECK(unreadable_detail("001090123456||Nguy\xFF|01011990|Nam|Hà Nội")
                  .find("text_invalid_chars") != std::string::npos);
        CHECK(unreadable_detail(std::string("001090123456||Ng") + '\0' + "uy|01011990|Nam|X")
                  .find("text_invalid_chars") != std::string::npos);
    }
    SECTION("10 KB of separators") {
        CHECK(unreadable_detail(std::string(10 * 1024, '|')).find("longer") != std::string::npos);
    }
    SECTION("the detail never repeats the personal data") {
        std::string detail = unreadable_detail("001090123456||Nguyễn Văn An|31021990|Nam|Hà Nội");
        CHECK(detail.find("001090123456") == std::string::npos);
        CHECK(detail.find("Nguyễn") == std::string::npos);
        CHECK(detail.find("31021990") == std::string::npos);
    }
}

TEST_CASE("random bytes and mangled payloads never crash the parser", "[identity]") {
    std::mt19937 generator(20240601);  // fixed seed: the same inputs every run
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 400);
    const std::string alphabet = "|0123456789 \r\nNamNữ";
    int accepted = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string payload;
        int size = length(generator);
        for (int i = 0; i < size; ++i) {
            payload += round % 2 == 0
                           ? static_cast<char>(byte(generator))
                           : alphabet[static_cast<std::size_t>(byte(generator)) % alphabet.size()];
        }
        Result<CccdData> data = parse_cccd_qr(payload);
        if (data.ok()) {
            ++accepted;
            CHECK(data->id_number.size() == 12);
        } else {
            CHECK(data.error().code == "cccd_qr_unreadable");
        }
    }
    CHECK(accepted == 0);

    // Every truncation of a good payload is either read or refused, never a crash.
    for (std::size_t cut = 0; cut <= kStandard.size(); ++cut) {
        Result<CccdData> data = parse_cccd_qr(std::string_view(kStandard).substr(0, cut));
        if (!data.ok()) CHECK(data.error().code == "cccd_qr_unreadable");
    }
}
