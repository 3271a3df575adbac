#include "core/form/reference.h"

#include <array>

namespace motcua::core {

namespace {

// The national code list (codes 01–54) as used by population, health and social-insurance
// systems; spelling follows it, with "Mông" for code 08 as in current official documents.
// Census reports list the same 54 groups by population instead (Kinh, Tày, Thái, Mường, ...);
// the code order is kept here so the list position matches the code a portal expects.
constexpr std::array<EthnicGroup, 54> kEthnicGroups = {{
    {"01", "Kinh"},    {"02", "Tày"},      {"03", "Thái"},         {"04", "Hoa"},
    {"05", "Khơ-me"},  {"06", "Mường"},    {"07", "Nùng"},         {"08", "Mông"},
    {"09", "Dao"},     {"10", "Gia-rai"},  {"11", "Ngái"},         {"12", "Ê-đê"},
    {"13", "Ba-na"},   {"14", "Xơ-đăng"},  {"15", "Sán Chay"},     {"16", "Cơ-ho"},
    {"17", "Chăm"},    {"18", "Sán Dìu"},  {"19", "Hrê"},          {"20", "Mnông"},
    {"21", "Ra-glai"}, {"22", "Xtiêng"},   {"23", "Bru-Vân Kiều"}, {"24", "Thổ"},
    {"25", "Giáy"},    {"26", "Cơ-tu"},    {"27", "Gié-Triêng"},   {"28", "Mạ"},
    {"29", "Khơ-mú"},  {"30", "Co"},       {"31", "Tà-ôi"},        {"32", "Chơ-ro"},
    {"33", "Kháng"},   {"34", "Xinh-mun"}, {"35", "Hà Nhì"},       {"36", "Chu-ru"},
    {"37", "Lào"},     {"38", "La Chí"},   {"39", "La Ha"},        {"40", "Phù Lá"},
    {"41", "La Hủ"},   {"42", "Lự"},       {"43", "Lô Lô"},        {"44", "Chứt"},
    {"45", "Mảng"},    {"46", "Pà Thẻn"},  {"47", "Cơ Lao"},       {"48", "Cống"},
    {"49", "Bố Y"},    {"50", "Si La"},    {"51", "Pu Péo"},       {"52", "Brâu"},
    {"53", "Ơ Đu"},    {"54", "Rơ-măm"},
}};

// Everyday Vietnamese names (what residents recognise) rather than the transliterations of
// diplomatic texts ("Úc", not "Ô-xtrây-li-a"). "Đài Loan (Trung Quốc)" is the form Vietnamese
// official documents use.
constexpr std::array<Nationality, 36> kNationalities = {{
    {"VN", "Việt Nam"},
    {"CN", "Trung Quốc"},
    {"LA", "Lào"},
    {"KH", "Campuchia"},
    {"KR", "Hàn Quốc"},
    {"JP", "Nhật Bản"},
    {"TW", "Đài Loan (Trung Quốc)"},
    {"US", "Hoa Kỳ"},
    {"TH", "Thái Lan"},
    {"AU", "Úc"},
    {"CA", "Canada"},
    {"GB", "Anh"},
    {"FR", "Pháp"},
    {"DE", "Đức"},
    {"RU", "Nga"},
    {"SG", "Singapore"},
    {"MY", "Malaysia"},
    {"ID", "Indonesia"},
    {"PH", "Philippines"},
    {"MM", "Myanmar"},
    {"IN", "Ấn Độ"},
    {"NZ", "New Zealand"},
    {"IT", "Ý"},
    {"ES", "Tây Ban Nha"},
    {"NL", "Hà Lan"},
    {"BE", "Bỉ"},
    {"CH", "Thuỵ Sĩ"},
    {"SE", "Thuỵ Điển"},
    {"PL", "Ba Lan"},
    {"CZ", "Séc"},
    {"UA", "Ukraina"},
    {"CU", "Cuba"},
    {"BR", "Brazil"},
    {"KP", "Triều Tiên"},
    {"BN", "Brunei"},
    {"TL", "Đông Timor"},
}};

}  // namespace

std::span<const EthnicGroup> ethnic_groups() {
    return kEthnicGroups;
}
std::span<const Nationality> nationalities() {
    return kNationalities;
}

std::optional<EthnicGroup> find_ethnic_group(std::string_view code) {
    for (const EthnicGroup& group : kEthnicGroups) {
        if (group.code == code) return group;
    }
    return std::nullopt;
}

std::optional<Nationality> find_nationality(std::string_view code) {
    for (const Nationality& nationality : kNationalities) {
        if (nationality.code == code) return nationality;
    }
    return std::nullopt;
}

}  // namespace motcua::core
