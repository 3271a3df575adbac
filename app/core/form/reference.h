// Pick lists for civil-status forms: the 54 ethnic groups of Vietnam and common nationalities.
// Names are NFC Vietnamese, as printed on forms; codes are what a portal payload carries.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace motcua::core {

struct EthnicGroup {
    std::string_view code;  // "01".."54": the national code list (Danh mục các dân tộc Việt Nam)
    std::string_view name;  // "Kinh", "Tày", "Thái", ...
};

struct Nationality {
    std::string_view code;  // ISO 3166-1 alpha-2, e.g. "VN"
    std::string_view name;  // Vietnamese name, e.g. "Việt Nam"
};

// All 54 groups, in the order of the national code list (Kinh 01, Tày 02, Thái 03, Hoa 04,
// Khơ-me 05, Mường 06, ...): the order official forms and systems use.
std::span<const EthnicGroup> ethnic_groups();
// Việt Nam first, then common nationalities of foreigners at a commune desk (neighbours,
// marriage partners, workers), in that rough order of frequency.
std::span<const Nationality> nationalities();

// Exact lookups by code (no folding; names for display only).
std::optional<EthnicGroup> find_ethnic_group(std::string_view code);
std::optional<Nationality> find_nationality(std::string_view code);

}  // namespace motcua::core
