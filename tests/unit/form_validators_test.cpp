#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/form/validators.h"

using namespace motcua::core;

namespace {

template <typename T>
std::string code_of(const Result<T>& result) {
    return result.ok() ? std::string("ok") : result.error().code;
}

// "Nguyễn" typed on macOS arrives decomposed (NFD): e + U+0302 + U+0303.
const std::string kNguyenNfd = "Nguye\xCC\x82\xCC\x83n";

}  // namespace

// [SECTION] Names

TEST_CASE("names are tidied to NFC Title Case with single spaces", "[form]") {
    auto [typed, expected] = GENERATE(table<std::string, std::string>({
        {"nguyễn  văn AN", "Nguyễn Văn An"},
        {"  TRẦN THỊ   BÍCH   NGỌC  ", "Trần Thị Bích Ngọc"},
        {"đặng đình đức", "Đặng Đình Đức"},
        {"ĐỖ ỨNG", "Đỗ Ứng"},
        {"lê\tthị\u00A0hoa", "Lê Thị Hoa"},
        {kNguyenNfd + " văn a", "Nguyễn Văn A"},
        {"h'hen niê", "H'Hen Niê"},
        {"H\u2019Hen Niê", "H'Hen Niê"},
        {"Ksor Y Wang", "Ksor Y Wang"},
        {"ưng hoàng phúc", "Ưng Hoàng Phúc"},
        {"vũ thị ỷ", "Vũ Thị Ỷ"},
        {"quách ặ ẵ", "Quách Ặ Ẵ"},
    }));
    Result<std::string> name = validate_person_name(typed);
    REQUIRE(name.ok());
    CHECK(*name == expected);
}

TEST_CASE("names with digits, punctuation or foreign marks are refused", "[form]") {
    auto [typed, code] = GENERATE(table<std::string, std::string>({
        {"", "required"},
        {"   \t ", "required"},
        {"Nguyễn Văn 2", "name_invalid_chars"},
        {"Nguyễn Văn A.", "name_invalid_chars"},
        {"Nguyễn-Văn", "name_invalid_chars"},
        {"Nguyễn, Văn", "name_invalid_chars"},
        {"Peña", "name_invalid_chars"},
        {"Müller", "name_invalid_chars"},
        {"François", "name_invalid_chars"},
        {"Иван", "name_invalid_chars"},
        {"王小明", "name_invalid_chars"},
        {"'Hen", "name_invalid_chars"},
        {"Hen'", "name_invalid_chars"},
        {"H''Hen", "name_invalid_chars"},
        {"Lê\x01Hoa", "name_invalid_chars"},
        {"L\xC3", "name_invalid_chars"},
        {"a\xCC\x82\xCC\x86", "name_invalid_chars"},  // â with a breve on top: no such letter
    }));
    CHECK(code_of(validate_person_name(typed)) == code);
}

TEST_CASE("every Vietnamese vowel with every tone is accepted in a name", "[form]") {
    const std::vector<std::string> vowels = {
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
    };
    for (const std::string& row : vowels) {
        Result<std::string> name = validate_person_name(row);
        INFO(row);
        REQUIRE(name.ok());
        CHECK(validate_person_name(*name).ok());  // also the upper-cased first letter
    }
}

TEST_CASE("a name longer than 100 code points is refused", "[form]") {
    std::string long_name;
    for (int i = 0; i < 20; ++i) long_name += "Nguyễn ";  // 7 code points each
    CHECK(code_of(validate_person_name(long_name)) == "name_too_long");
    std::string exactly_100(100, 'a');
    CHECK(validate_person_name(exactly_100).ok());
    CHECK(code_of(validate_person_name(exactly_100 + "a")) == "name_too_long");
}

TEST_CASE("a full name splits into họ, chữ đệm and tên", "[form]") {
    NameParts four = split_name("Nguyễn Thị Minh Khai");
    CHECK(four.ho == "Nguyễn");
    CHECK(four.chu_dem == "Thị Minh");
    CHECK(four.ten == "Khai");

    NameParts two = split_name("Lê Lợi");
    CHECK(two.ho == "Lê");
    CHECK(two.chu_dem.empty());
    CHECK(two.ten == "Lợi");

    NameParts one = split_name("  Thuận ");
    CHECK(one.ho.empty());
    CHECK(one.ten == "Thuận");

    NameParts none = split_name("   ");
    CHECK(none.ten.empty());

    CHECK(join_name(four) == "Nguyễn Thị Minh Khai");
    CHECK(join_name(two) == "Lê Lợi");
    CHECK(join_name({"Tôn Nữ", "", "Hoa"}) == "Tôn Nữ Hoa");
}

// [SECTION] Dates

TEST_CASE("a date field refuses the future and checks age bounds on today", "[form][date]") {
    const Date today{2025, 6, 15};
    DateRules birth;
    CHECK(*validate_date_field("15/06/2025", today, birth) == Date{2025, 6, 15});
    CHECK(code_of(validate_date_field("16/06/2025", today, birth)) == "date_in_future");
    CHECK(code_of(validate_date_field("31/02/2020", today, birth)) == "date_not_real");

    DateRules future_ok;
    future_ok.allow_future = true;
    CHECK(validate_date_field("01/01/2030", today, future_ok).ok());

    DateRules adult;
    adult.min_age_years = 18;
    CHECK(validate_date_field("15/06/2007", today, adult).ok());
    CHECK(code_of(validate_date_field("16/06/2007", today, adult)) == "age_too_young");

    DateRules child;
    child.max_age_years = 5;
    CHECK(validate_date_field("16/06/2019", today, child).ok());
    CHECK(code_of(validate_date_field("15/06/2019", today, child)) == "age_too_old");
}

// [SECTION] Phone

TEST_CASE("mobile numbers in every usual shape normalise to 0xxxxxxxxx", "[form]") {
    auto typed =
        GENERATE(as<std::string>{}, "0912345678", "091 234 5678", "0912.345.678", "0912-345-678",
                 "(091) 2345678", "+84912345678", "+84 912 345 678", "+84 (0) 912 345 678",
                 "84912345678", "840912345678", "0084912345678", " 0912345678 ");
    Result<std::string> phone = validate_mobile_phone(typed);
    INFO(typed);
    REQUIRE(phone.ok());
    CHECK(*phone == "0912345678");
}

TEST_CASE("every mobile prefix 03, 05, 07, 08, 09 is accepted", "[form]") {
    auto prefix = GENERATE(as<std::string>{}, "03", "05", "07", "08", "09");
    CHECK(*validate_mobile_phone(prefix + "87654321") == prefix + "87654321");
}

TEST_CASE("landlines, wrong lengths and letters are not mobile numbers", "[form]") {
    auto [typed, code] = GENERATE(table<std::string, std::string>({
        {"", "required"},
        {"0243 826 1234", "phone_not_mobile"},
        {"02838221234", "phone_not_mobile"},
        {"0112345678", "phone_not_mobile"},
        {"0612345678", "phone_not_mobile"},
        {"091234567", "phone_format"},
        {"09123456789", "phone_format"},
        {"912345678", "phone_format"},
        {"09l2345678", "phone_format"},
        {"+1 650 253 0000", "phone_format"},
        {"09+12345678", "phone_format"},
        {"---", "phone_format"},
    }));
    CHECK(code_of(validate_mobile_phone(typed)) == code);
}

// [SECTION] Email

TEST_CASE("emails keep the local part and lowercase the domain", "[form]") {
    CHECK(*validate_email(" An.Nguyen+kiosk@Gmail.COM ") == "An.Nguyen+kiosk@gmail.com");
    CHECK(*validate_email("a@b.vn") == "a@b.vn");
    CHECK(*validate_email("ubnd@xa-hoa-binh.gov.vn") == "ubnd@xa-hoa-binh.gov.vn");
}

TEST_CASE("malformed emails are refused", "[form]") {
    auto [typed, code] = GENERATE(table<std::string, std::string>({
        {"", "required"},
        {"an.gmail.com", "email_format"},
        {"an@@gmail.com", "email_format"},
        {"an@b@gmail.com", "email_format"},
        {"@gmail.com", "email_format"},
        {"an@", "email_format"},
        {"an@gmail", "email_format"},
        {"an@gmail.", "email_format"},
        {"an@.gmail.com", "email_format"},
        {"an@gmail..com", "email_format"},
        {"an nguyen@gmail.com", "email_format"},
        {"an@gm ail.com", "email_format"},
        {"an.@gmail.com", "email_format"},
        {"an..b@gmail.com", "email_format"},
        {"nguyễn@gmail.com", "email_format"},
        {"an@-gmail.com", "email_format"},
        {"an@gmail.c", "email_format"},
        {"an@gmail.123", "email_format"},
    }));
    CHECK(code_of(validate_email(typed)) == code);
}

// [SECTION] Numbers

TEST_CASE("whole numbers accept thousands groups and refuse decimals", "[form]") {
    NumberRules any;
    CHECK(*validate_whole_number("42", any) == 42);
    CHECK(*validate_whole_number(" +7 ", any) == 7);
    CHECK(*validate_whole_number("-3", any) == -3);
    CHECK(*validate_whole_number("1.000", any) == 1000);
    CHECK(*validate_whole_number("12 500", any) == 12500);
    CHECK(*validate_whole_number("1.234.567", any) == 1234567);
    CHECK(*validate_whole_number("007", any) == 7);
    CHECK(code_of(validate_whole_number("", any)) == "required");
    CHECK(code_of(validate_whole_number("1,5", any)) == "number_format");
    CHECK(code_of(validate_whole_number("1.5", any)) == "number_format");
    CHECK(code_of(validate_whole_number("1.0000", any)) == "number_format");
    CHECK(code_of(validate_whole_number("1000.000", any)) == "number_format");
    CHECK(code_of(validate_whole_number("1.000 000", any)) == "number_format");
    CHECK(code_of(validate_whole_number("ba", any)) == "number_format");
    CHECK(code_of(validate_whole_number("-", any)) == "number_format");
    CHECK(code_of(validate_whole_number("99999999999999999999", any)) == "number_too_large");
    CHECK(code_of(validate_whole_number("-99999999999999999999", any)) == "number_too_small");
}

TEST_CASE("whole numbers are checked against the field's bounds", "[form]") {
    NumberRules copies{1, 10};
    CHECK(*validate_whole_number("1", copies) == 1);
    CHECK(*validate_whole_number("10", copies) == 10);
    CHECK(code_of(validate_whole_number("0", copies)) == "number_too_small");
    CHECK(code_of(validate_whole_number("11", copies)) == "number_too_large");
}

// [SECTION] Text and choices

TEST_CASE("free text is NFC, single-spaced and limited in length", "[form]") {
    CHECK(*validate_free_text("  Bệnh viện\n\nĐa khoa   tỉnh ", 200) == "Bệnh viện Đa khoa tỉnh");
    CHECK(*validate_free_text(kNguyenNfd, 200) == "Nguyễn");
    CHECK(code_of(validate_free_text(" \n ", 200)) == "required");
    CHECK(code_of(validate_free_text("abc\x07", 200)) == "text_invalid_chars");
    CHECK(code_of(validate_free_text("abc\xFF", 200)) == "text_invalid_chars");
    CHECK(validate_free_text("Nguyễn", 6).ok());  // counted in code points, not bytes
    CHECK(code_of(validate_free_text("Nguyễn!", 6)) == "text_too_long");
}

TEST_CASE("a single choice must be one of the options", "[form]") {
    const std::vector<std::string> options = {"ban_than", "cha", "mẹ", "khac"};
    CHECK(*validate_single_choice("cha", options) == "cha");
    CHECK(*validate_single_choice("me\xCC\xA3", options) == "mẹ");  // NFD input
    CHECK(code_of(validate_single_choice("", options)) == "required");
    CHECK(code_of(validate_single_choice("ong", options)) == "choice_invalid");
}

TEST_CASE("multiple choices are deduplicated, ordered and counted", "[form]") {
    const std::vector<std::string> options = {"a", "b", "c", "d"};
    ChoiceRules rules;
    rules.max_count = 2;
    Result<std::vector<std::string>> chosen =
        validate_multiple_choice({"c", "a", "c"}, options, rules);
    REQUIRE(chosen.ok());
    CHECK(*chosen == std::vector<std::string>{"a", "c"});
    CHECK(code_of(validate_multiple_choice({}, options, rules)) == "required");
    CHECK(code_of(validate_multiple_choice({"a", "b", "c"}, options, rules)) == "choice_too_many");
    CHECK(code_of(validate_multiple_choice({"a", "x"}, options, rules)) == "choice_invalid");

    ChoiceRules at_least_two{2, std::nullopt};
    CHECK(code_of(validate_multiple_choice({"a"}, options, at_least_two)) == "choice_too_few");
    ChoiceRules optional{0, std::nullopt};
    CHECK(validate_multiple_choice({}, options, optional)->empty());
}

TEST_CASE("yes and no are understood in Vietnamese and English", "[form]") {
    CHECK(*validate_yes_no("Có") == true);
    CHECK(*validate_yes_no("CÓ") == true);
    CHECK(*validate_yes_no("co") == true);
    CHECK(*validate_yes_no("yes") == true);
    CHECK(*validate_yes_no("1") == true);
    CHECK(*validate_yes_no("Không") == false);
    CHECK(*validate_yes_no("khong") == false);
    CHECK(*validate_yes_no("No") == false);
    CHECK(*validate_yes_no("0") == false);
    CHECK(code_of(validate_yes_no("")) == "required");
    CHECK(code_of(validate_yes_no("có lẽ")) == "yes_no_invalid");
}

TEST_CASE("validators count name and text length in code points, not bytes", "[form]") {
    CHECK(count_code_points("Nguyễn") == 6);
    CHECK(count_code_points(kNguyenNfd) == 8);
    CHECK(count_code_points("") == 0);
}
