#include <catch2/catch.hpp>

#include "core/receipt/vietqr.h"

using namespace motcua::core;

namespace {

const std::string SampleInput =
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802"
    "VN62170813ung ho lu lut6304";

BankTransfer sample_transfer() {
    return BankTransfer{"970415", "0011001932418", 120000, "ung ho lu lut",
                        VietQrService::ToAccount};
}

}  // namespace

TEST_CASE("the CRC is CRC-16/CCITT-FALSE with the published check values", "[receipt][vietqr]") {
    CHECK(crc16_ccitt_false("123456789") == 0x29B1);
    CHECK(crc16_ccitt_false(SampleInput) == 0xC15C);
    std::string variant = SampleInput;
    variant.replace(variant.find("120000"), 6, "122000");
    CHECK(crc16_ccitt_false(variant) == 0x0F36);
}

TEST_CASE("the published VietQR sample is rebuilt byte for byte", "[receipt][vietqr]") {
    auto payload = build_vietqr(sample_transfer());
    REQUIRE(payload.ok());
    CHECK(payload.value() == SampleInput + "C15C");
}

TEST_CASE("a CRC below 0x1000 keeps its leading zero", "[receipt][vietqr]") {
    BankTransfer transfer = sample_transfer();
    transfer.amount_vnd = 122000;
    auto payload = build_vietqr(transfer);
    REQUIRE(payload.ok());
    CHECK(payload.value().substr(payload.value().size() - 8) == "63040F36");
}

TEST_CASE("a payload reads back with the fields it was built from", "[receipt][vietqr]") {
    const auto amount = GENERATE(as<std::int64_t>{}, 1, 50000, 1234567, VietQrAmountMax);
    BankTransfer transfer{"970436", "1234567890123456789", amount, "000.00.01.H29-260310-0420",
                          VietQrService::ToCard};
    auto payload = build_vietqr(transfer);
    REQUIRE(payload.ok());
    auto fields = parse_vietqr(payload.value());
    REQUIRE(fields.ok());
    CHECK(fields->bank_bin == "970436");
    CHECK(fields->account == "1234567890123456789");
    REQUIRE(fields->amount_vnd.has_value());
    CHECK(*fields->amount_vnd == amount);
    CHECK(fields->note == "000.00.01.H29-260310-0420");
    CHECK(fields->service == VietQrService::ToCard);
    CHECK(fields->dynamic);
}

TEST_CASE("no amount makes a static QR without field 54", "[receipt][vietqr]") {
    BankTransfer transfer = sample_transfer();
    transfer.amount_vnd = 0;
    auto payload = build_vietqr(transfer);
    REQUIRE(payload.ok());
    CHECK(payload.value().find("010211") == 6);
    CHECK(payload.value().find("5406") == std::string::npos);
    auto fields = parse_vietqr(payload.value());
    REQUIRE(fields.ok());
    CHECK_FALSE(fields->amount_vnd.has_value());
    CHECK_FALSE(fields->dynamic);
}

TEST_CASE("a Vietnamese note is folded to ASCII with its case kept", "[receipt][vietqr]") {
    CHECK(vietqr_ascii_note("Nộp phí hồ sơ Đào") == "Nop phi ho so Dao");
    CHECK(vietqr_ascii_note("  đường   Quang\tTrung ") == "duong Quang Trung");
    CHECK(vietqr_ascii_note("KD4MX7PA") == "KD4MX7PA");
    CHECK(vietqr_ascii_note("phí 5€ “x”") == "phi 5 x");  // no ASCII form: dropped
    BankTransfer transfer = sample_transfer();
    transfer.note = "Ủng hộ lũ lụt";
    auto payload = build_vietqr(transfer);
    REQUIRE(payload.ok());
    CHECK(payload.value().find("62170813Ung ho lu lut6304") != std::string::npos);
    auto fields = parse_vietqr(payload.value());
    REQUIRE(fields.ok());
    CHECK(fields->note == "Ung ho lu lut");
    for (unsigned char c : payload.value()) CHECK((c >= 0x20 && c < 0x7F));
}

TEST_CASE("a note of 25 characters fits and one of 26 is refused", "[receipt][vietqr]") {
    BankTransfer transfer = sample_transfer();
    transfer.note = std::string(25, 'A');
    CHECK(build_vietqr(transfer).ok());
    transfer.note = std::string(26, 'A');
    auto refused = build_vietqr(transfer);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "vietqr_invalid");
    // Counted after folding: 25 letters with marks are 25 ASCII characters.
    transfer.note = "ĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐ";
    CHECK(build_vietqr(transfer).ok());
}

TEST_CASE("a bad BIN, account or amount is refused", "[receipt][vietqr]") {
    BankTransfer transfer = sample_transfer();
    SECTION("BIN") {
        transfer.bank_bin = GENERATE(std::string(""), std::string("97041"), std::string("9704155"),
                                     std::string("97041x"));
    }
    SECTION("account") {
        transfer.account =
            GENERATE(std::string(""), std::string(20, '1'), std::string("0011-0019"));
    }
    SECTION("amount") {
        transfer.amount_vnd = GENERATE(as<std::int64_t>{}, -1, VietQrAmountMax + 1);
    }
    auto refused = build_vietqr(transfer);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "vietqr_invalid");
}

TEST_CASE("a payload with a wrong CRC or a cut-off field does not parse", "[receipt][vietqr]") {
    CHECK(parse_vietqr(SampleInput + "C15C").ok());
    CHECK_FALSE(parse_vietqr(SampleInput + "C15D").ok());
    CHECK_FALSE(parse_vietqr(SampleInput + "c15c").ok());
    CHECK_FALSE(parse_vietqr("").ok());
    std::string cut = "000201010212385700";
    cut += "6304";
    char crc[5];
    std::snprintf(crc, sizeof crc, "%04X", static_cast<unsigned>(crc16_ccitt_false(cut)));
    CHECK_FALSE(parse_vietqr(cut + crc).ok());
}
