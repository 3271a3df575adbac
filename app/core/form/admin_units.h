// Vietnam's administrative units after the 2025 reform (34 provinces, about 3,300 wards: two
// levels, tỉnh/thành phố -> xã/phường/đặc khu), the ward picker's search, and address answers.
//
// The kiosk receives the document from the portal (GET /api/v1/donvihanhchinh) and caches it;
// this module only parses text. Shape (domain/procedures.md §8):
//   {source, effective, provinces:[{code, name, full_name, kind, wards:[{code, name, full_name,
//   kind}]}]}
// Province codes have 2 digits, ward codes 5 digits, and ward codes are unique nationally. Names
// recur across provinces ("Hoà Bình" is in five), so a ward is always keyed on its code.
//
// An AdminUnits is immutable once parsed: build it on a worker thread, share it as a
// std::shared_ptr<const AdminUnits>, query it from any thread. Moving it is cheap (a handful of
// containers); the Province and Ward pointers it returns stay valid across a move.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/text/search.h"

namespace motcua::core {

struct Ward {
    std::string code;       // "00004": 5 digits, unique nationally
    std::string name;       // "Ba Đình"
    std::string full_name;  // "Phường Ba Đình"
    std::string kind;       // "Phường", "Xã", "Đặc khu"
};

struct Province {
    std::string code;         // "01": 2 digits
    std::string name;         // "Hà Nội"
    std::string full_name;    // "Thành phố Hà Nội"
    std::string kind;         // "Thành phố", "Tỉnh"
    std::vector<Ward> wards;  // in document order
};

class AdminUnits {
public:
    // Parses the document; `source_name` prefixes every error detail (e.g. "portal
    // donvihanhchinh"). Error code "admin_units_invalid", detail naming the JSON path and what
    // was expected ("provinces[3].wards[7].code: expected 5 digits"), when: the text is not
    // valid UTF-8 or not JSON; there are no provinces or a province has no wards; a province or
    // ward lacks a non-empty code, name or full_name; a code has the wrong shape; a province or
    // ward code repeats. Names and kinds are normalised to NFC. Unknown keys are ignored.
    static Result<AdminUnits> parse(std::string_view json_text, std::string_view source_name);

    // All provinces in document order.
    const std::vector<Province>& provinces() const { return m_provinces; }
    // All provinces sorted by fold_key(name), as a picker lists them ("Đồng Nai" among the D's).
    std::vector<const Province*> provinces_by_name() const;
    // The province with this 2-digit code, or nullptr.
    const Province* find_province(std::string_view code) const;
    // The ward with this 5-digit code (codes are national), or nullptr.
    const Ward* find_ward(std::string_view code) const;
    // The province holding the ward with this code, or nullptr.
    const Province* province_of_ward(std::string_view ward_code) const;
    // Number of wards in all provinces.
    std::size_t ward_count() const { return m_wards_by_code.size(); }

    // Provinces matching what was typed (diacritic-insensitive, over name and full name), best
    // first, at most `limit`. Nothing typed (no letters or digits): the first `limit` provinces
    // in document order.
    std::vector<const Province*> search_provinces(std::string_view typed, std::size_t limit) const;

    // Wards of one province matching what was typed ("ba dinh", "phuong ba dinh", "hoan kiem",
    // one typo in words of 5+ letters, the last word as a prefix), best first, at most `limit`.
    // Names that fold alike ("Tân Thành", "Tân Thạnh") are told apart by the marks typed.
    // Nothing typed: the first `limit` wards of the province sorted by fold_key(name) (pass
    // province->wards.size() for all). Unknown province: empty.
    std::vector<const Ward*> search_wards(std::string_view province_code, std::string_view typed,
                                          std::size_t limit) const;

private:
    // Sorted by code for binary search; indexes into m_provinces and its wards.
    struct ProvinceKey {
        std::uint32_t code = 0;
        std::uint32_t province = 0;
    };
    struct WardKey {
        std::uint32_t code = 0;
        std::uint32_t province = 0;
        std::uint32_t ward = 0;
    };

    const WardKey* find_ward_key(std::string_view code) const;

    std::vector<Province> m_provinces;
    std::vector<ProvinceKey> m_provinces_by_code;
    std::vector<WardKey> m_wards_by_code;
    SearchIndex m_province_index{std::vector<std::string>{}};      // id = province index
    std::vector<SearchIndex> m_ward_indexes;                       // per province; id = ward index
    std::vector<std::vector<std::uint32_t>> m_wards_alphabetical;  // per province, by fold_key
    std::vector<std::uint32_t> m_provinces_alphabetical;           // by fold_key(name)
};

// One address answer: province and ward by code (2 levels), plus a free detail line (house
// number, street, thôn/ấp/tổ).
struct AddressAnswer {
    std::string province;  // province code, "01"
    std::string ward;      // ward code, "00004"
    std::string detail;    // "12 Lê Lợi"
};

inline constexpr std::size_t kMaxAddressDetailCodePoints = 200;

// Checks and tidies an address answer: codes trimmed; the province must be given; the ward must
// be given, exist and belong to that province; the detail is tidied by validate_free_text (NFC,
// single spaces, at most 200 code points). Errors, in this order: "address_province_required",
// "address_ward_required", "address_ward_unknown" (unknown ward, ward of another province, or
// unknown province), "address_detail_required" (empty detail while `detail_required`),
// "text_invalid_chars", "text_too_long". Returns the tidied answer.
Result<AddressAnswer> validate_address(const AdminUnits& units, const AddressAnswer& answer,
                                       bool detail_required);

// One line for the review page and the receipt: "12 Lê Lợi, Phường Ba Đình, Thành phố Hà Nội"
// (full names; empty parts omitted; an unknown code is shown as the code). Pass a validated
// answer.
std::string format_address(const AdminUnits& units, const AddressAnswer& answer);

}  // namespace motcua::core
