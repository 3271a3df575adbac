// The Vietnamese text normaliser (core/speech/normalize.h): the table of ../shared/domain/speech.md
// and the irregular number words.
#include <catch2/catch.hpp>
#include <string>
#include <utility>

#include "core/speech/normalize.h"
#include "core/text/utf8.h"

using namespace motcua::core;
using speech::NumberStyle;

TEST_CASE("numbers are read with mốt, tư, lăm, linh, mười and mươi where Vietnamese says them",
          "[speech][normalize]") {
    auto [n, words] = GENERATE(table<std::uint64_t, std::string>({
        {0, "không"},
        {1, "một"},
        {4, "bốn"},
        {5, "năm"},
        {10, "mười"},
        {11, "mười một"},
        {14, "mười bốn"},
        {15, "mười lăm"},
        {20, "hai mươi"},
        {21, "hai mươi mốt"},
        {24, "hai mươi tư"},
        {25, "hai mươi lăm"},
        {51, "năm mươi mốt"},
        {52, "năm mươi hai"},
        {55, "năm mươi lăm"},
        {99, "chín mươi chín"},
        {100, "một trăm"},
        {101, "một trăm linh một"},
        {104, "một trăm linh bốn"},
        {105, "một trăm linh năm"},
        {110, "một trăm mười"},
        {111, "một trăm mười một"},
        {115, "một trăm mười lăm"},
        {121, "một trăm hai mươi mốt"},
        {1000, "một nghìn"},
        {1005, "một nghìn không trăm linh năm"},
        {1050, "một nghìn không trăm năm mươi"},
        {2021, "hai nghìn không trăm hai mươi mốt"},
        {8000, "tám nghìn"},
        {20000, "hai mươi nghìn"},
        {200000, "hai trăm nghìn"},
        {215500, "hai trăm mười lăm nghìn năm trăm"},
        {1000000, "một triệu"},
        {1000050, "một triệu không trăm năm mươi"},
        {2500000, "hai triệu năm trăm nghìn"},
        {1000000000, "một tỷ"},
        {3000000001, "ba tỷ không trăm linh một"},
    }));
    CAPTURE(n);
    CHECK(speech::number_words(n) == words);
}

TEST_CASE("the southern and spoken northern styles say lẻ, ngàn and nhăm", "[speech][normalize]") {
    CHECK(speech::number_words(105, NumberStyle::Southern) == "một trăm lẻ năm");
    CHECK(speech::number_words(3000, NumberStyle::Southern) == "ba ngàn");
    CHECK(speech::number_words(25, NumberStyle::NorthernSpoken) == "hai mươi nhăm");
    CHECK(speech::number_words(15, NumberStyle::NorthernSpoken) == "mười lăm");
    CHECK(speech::number_words(25, NumberStyle::Formal) == "hai mươi lăm");
}

TEST_CASE("ID numbers, phone numbers and codes are read digit by digit in groups",
          "[speech][normalize]") {
    CHECK(speech::digits_in_groups("001090012345") ==
          "không không một, không chín không, không một hai, ba bốn năm");
    CHECK(speech::digits_in_groups("0912345678") == "không chín một hai, ba bốn năm, sáu bảy tám");
    CHECK(speech::digits_in_groups("1234567") == "một hai ba, bốn năm sáu bảy");
    CHECK(speech::digits_in_groups("12345678") == "một hai ba, bốn năm sáu, bảy tám");
    CHECK(speech::code_words("KD4MX7PA") == "ca dê bốn em ích bảy pê a");
    CHECK(speech::code_words("H01-261201-0001") ==
          "hát không một, hai sáu một, hai không một, không không không một");
}

TEST_CASE("times and dates are said in words", "[speech][normalize]") {
    CHECK(speech::time_words(15, 0) == "mười lăm giờ");
    CHECK(speech::time_words(9, 5) == "chín giờ năm phút");
    CHECK(speech::time_words(7, 30) == "bảy giờ ba mươi phút");
    CHECK(speech::date_words(20, 11, 2021) ==
          "ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi mốt");
    CHECK(speech::date_words(4, 4, 2026) ==
          "ngày bốn tháng tư năm hai nghìn không trăm hai mươi sáu");
}

TEST_CASE("whole texts: the speech.md table and what the kiosk's screens show",
          "[speech][normalize]") {
    auto [text, said] = GENERATE(table<std::string, std::string>({
        // ../shared/domain/speech.md "What espeak-ng gets wrong"
        {"20.000 đồng", "hai mươi nghìn đồng"},
        {"8.000đ", "tám nghìn đồng"},
        {"15:00", "mười lăm giờ"},
        {"20/11/2021", "ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi mốt"},
        {"UBND", "ủy ban nhân dân"},
        {"CCCD", "căn cước công dân"},
        {"VNeID", "vê en e ai đi"},
        {"Số CCCD: 001090012345",
         "Số căn cước công dân: không không một, không chín không, không một hai, ba bốn năm"},
        // The fee wording, the page counter, due dates, receipts
        {"8.000 ₫ mỗi bản", "tám nghìn đồng mỗi bản"},
        {"Lệ phí: 50.000 VNĐ.", "Lệ phí: năm mươi nghìn đồng."},
        {"2.000 ₫ mỗi trang; tối đa 200.000 ₫",
         "hai nghìn đồng mỗi trang; tối đa hai trăm nghìn đồng"},
        {"Đăng ký khai sinh · Trang 2/9", "Đăng ký khai sinh, Trang hai trên chín"},
        {"Ngày hẹn trả kết quả: 09:00 04/12/2026",
         "Ngày hẹn trả kết quả: chín giờ ngày bốn tháng mười hai năm hai nghìn không trăm hai "
         "mươi sáu"},
        {"Mã hồ sơ: KD4MX7PA", "Mã hồ sơ: ca dê bốn em ích bảy pê a"},
        {"Gọi 0912 345 678", "Gọi không chín một hai, ba bốn năm, sáu bảy tám"},
        {"Nộp tại UBND phường, TTHC mức 4",
         "Nộp tại ủy ban nhân dân phường, thủ tục hành chính mức bốn"},
        {"Giấy tờ thứ 2 / 3", "Giấy tờ thứ hai trên ba"},
        {"Giấy tờ thứ 1 / 3", "Giấy tờ thứ nhất trên ba"},
        {"con thứ 4", "con thứ tư"},
        {"từ trang thứ 3", "từ trang thứ ba"},
        {"tháng 4 năm 2026", "tháng tư năm hai nghìn không trăm hai mươi sáu"},
        {"trong 60 ngày", "trong sáu mươi ngày"},
        {"nộp trước 15 giờ", "nộp trước mười lăm giờ"},
        {"lúc 7h30", "lúc bảy giờ ba mươi phút"},
        {"Số định danh 001 090 123456",
         "Số định danh không không một, không chín không, một hai ba, bốn năm sáu"},
        {"Gọi 0912 345 678.", "Gọi không chín một hai, ba bốn năm, sáu bảy tám."},
        {"1,5 triệu", "một phẩy năm triệu"},
        {"Hotline: 1900 1234", "Hotline: một chín không không, một hai ba bốn"},
        {"Năm 1900 là năm", "Năm một nghìn chín trăm là năm"},
        {"Năm 2021", "Năm hai nghìn không trăm hai mươi mốt"},
        {"Miễn phí", "Miễn phí"},
        {"HĐND và UBND", "hội đồng nhân dân và ủy ban nhân dân"},
        {"giảm 50%", "giảm năm mươi phần trăm"},
        {"(CMND)", "(chứng minh nhân dân)"},
        {"  nhiều   khoảng trắng ", "nhiều khoảng trắng"},
        {"", ""},
    }));
    CAPTURE(text);
    const std::string out = speech::normalize(text);
    CHECK(out == said);
    CHECK(is_nfc(out));
}

TEST_CASE("a long digit string is never one enormous number", "[speech][normalize]") {
    const std::string out = speech::normalize("0123456789012345678901234567890");
    CHECK(out.find("tỷ") == std::string::npos);
    CHECK(out.find("nghìn") == std::string::npos);
    CHECK(out.rfind("không", 0) == 0);
}
