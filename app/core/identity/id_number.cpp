#include "core/identity/id_number.h"

#include <array>

namespace motcua::core {

namespace {

// identity.md §2. Prefixes 036, 044, 049, 054, 060, 062, 067, 077, 080, 082, 093, 094 and 095
// were not seen in any published source but follow the same old GSO codes as the rest
// (unverified), so they are listed: an unknown prefix only warns anyway. Names use the new tone
// style ("Hoà", "Hoá") like the rest of the kiosk's text.
constexpr std::array<ProvincePrefix, 63> kProvincePrefixes = {{
    {"001", "Hà Nội"},
    {"002", "Hà Giang"},
    {"004", "Cao Bằng"},
    {"006", "Bắc Kạn"},
    {"008", "Tuyên Quang"},
    {"010", "Lào Cai"},
    {"011", "Điện Biên"},
    {"012", "Lai Châu"},
    {"014", "Sơn La"},
    {"015", "Yên Bái"},
    {"017", "Hoà Bình"},
    {"019", "Thái Nguyên"},
    {"020", "Lạng Sơn"},
    {"022", "Quảng Ninh"},
    {"024", "Bắc Giang"},
    {"025", "Phú Thọ"},
    {"026", "Vĩnh Phúc"},
    {"027", "Bắc Ninh"},
    {"030", "Hải Dương"},
    {"031", "Hải Phòng"},
    {"033", "Hưng Yên"},
    {"034", "Thái Bình"},
    {"035", "Hà Nam"},
    {"036", "Nam Định"},
    {"037", "Ninh Bình"},
    {"038", "Thanh Hoá"},
    {"040", "Nghệ An"},
    {"042", "Hà Tĩnh"},
    {"044", "Quảng Bình"},
    {"045", "Quảng Trị"},
    {"046", "Thừa Thiên Huế"},
    {"048", "Đà Nẵng"},
    {"049", "Quảng Nam"},
    {"051", "Quảng Ngãi"},
    {"052", "Bình Định"},
    {"054", "Phú Yên"},
    {"056", "Khánh Hoà"},
    {"058", "Ninh Thuận"},
    {"060", "Bình Thuận"},
    {"062", "Kon Tum"},
    {"064", "Gia Lai"},
    {"066", "Đắk Lắk"},
    {"067", "Đắk Nông"},
    {"068", "Lâm Đồng"},
    {"070", "Bình Phước"},
    {"072", "Tây Ninh"},
    {"074", "Bình Dương"},
    {"075", "Đồng Nai"},
    {"077", "Bà Rịa - Vũng Tàu"},
    {"079", "Hồ Chí Minh"},
    {"080", "Long An"},
    {"082", "Tiền Giang"},
    {"083", "Bến Tre"},
    {"084", "Trà Vinh"},
    {"086", "Vĩnh Long"},
    {"087", "Đồng Tháp"},
    {"089", "An Giang"},
    {"091", "Kiên Giang"},
    {"092", "Cần Thơ"},
    {"093", "Hậu Giang"},
    {"094", "Sóc Trăng"},
    {"095", "Bạc Liêu"},
    {"096", "Cà Mau"},
}};

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

}  // namespace

std::string_view sex_label(Sex sex) {
    return sex == Sex::Male ? "Nam" : "Nữ";
}

std::span<const ProvincePrefix> province_prefixes() {
    return kProvincePrefixes;
}

std::optional<std::string_view> province_for_prefix(std::string_view code) {
    for (const ProvincePrefix& prefix : kProvincePrefixes) {
        if (prefix.code == code) return prefix.name;
    }
    return std::nullopt;
}

std::optional<IdNumberParts> decode_id_number(std::string_view digits) {
    if (digits.size() != 12 || !all_digits(digits)) return std::nullopt;
    int g = digits[3] - '0';
    int yy = (digits[4] - '0') * 10 + (digits[5] - '0');
    IdNumberParts parts;
    parts.province_prefix = digits.substr(0, 3);
    parts.sex = g % 2 == 0 ? Sex::Male : Sex::Female;
    parts.birth_year = 1900 + 100 * (g / 2) + yy;
    return parts;
}

Result<Checked> check_id_number(std::string_view text, const IdNumberHints& hints) {
    std::string digits;
    bool other_characters = false;
    for (char c : text) {
        if (c == ' ' || c == '.' || c == '-' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c >= '0' && c <= '9') {
            digits += c;
        } else {
            other_characters = true;
        }
    }
    if (digits.empty() && !other_characters) return make_error("required", "empty ID number");
    if (other_characters) {
        return make_error("id_number_format", "ID number contains a non-digit character");
    }
    if (digits.size() == 9) {
        return make_error("id_number_old_cmnd",
                          "9 digits: an old CMND number, not the 12-digit ID");
    }
    if (digits.size() != 12) {
        return make_error("id_number_format",
                          std::to_string(digits.size()) + " digits, expected 12");
    }

    Checked checked;
    checked.value = digits;
    std::optional<IdNumberParts> parts = decode_id_number(checked.value);
    if (!province_for_prefix(parts->province_prefix)) {
        checked.warnings.push_back("id_number_unknown_province");
    }
    if (hints.sex && *hints.sex != parts->sex) {
        checked.warnings.push_back("id_number_sex_mismatch");
    }
    if (hints.date_of_birth && hints.date_of_birth->year != parts->birth_year) {
        checked.warnings.push_back("id_number_birth_year_mismatch");
    }
    return checked;
}

}  // namespace motcua::core
