// Index:
//   [SECTION] Parsing          the document, with the JSON path in every refusal
//   [SECTION] Lookups          by code, binary search on sorted keys
//   [SECTION] Search           province and ward pickers
//   [SECTION] Address answers  validate_address, format_address
#include "core/form/admin_units.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "core/form/validators.h"
#include "core/json/strict_reader.h"
#include "core/text/ascii.h"
#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace motcua::core {

using nlohmann::json;

namespace {

constexpr std::size_t ProvinceCodeDigits = 2;
constexpr std::size_t WardCodeDigits = 5;

// Thrown inside this file only; turned into an Error at parse()'s boundary.
struct DocumentError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw DocumentError(path + ": " + what);
}

std::string type_name(const json& node) {
    return node.is_null() ? "null" : node.type_name();
}

// The value of a code with exactly `digits` ASCII digits, or false.
bool parse_code(std::string_view text, std::size_t digits, std::uint32_t& value) {
    if (text.size() != digits) return false;
    value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return true;
}

using text::is_ascii_space;

std::string_view trim_ascii(std::string_view value) {
    return text::trim(value, text::AsciiSpace);
}

const json& member(const json& object, const char* key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end()) fail(path + "." + key, "missing");
    return *it;
}

// True when every code point of valid UTF-8 `text` is below U+0300 or a precomposed letter of
// Latin Extended Additional (U+1E00-U+1EFF, all Vietnamese letters with tone marks): such text
// is NFC (Unicode NFC_Quick_Check=Yes for all of them, no combining marks). This is nearly every
// name, and skips utf8proc's decompose-recompose on the worker's start-up path.
bool surely_nfc(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) continue;
        if (c >= 0xC0 && c < 0xCC) {  // two bytes, U+0000-U+02FF
            ++i;
            continue;
        }
        // Three bytes E1 B8..BB xx: U+1E00-U+1EFF.
        if (c == 0xE1 && i + 2 < text.size()) {
            const auto second = static_cast<unsigned char>(text[i + 1]);
            if (second >= 0xB8 && second <= 0xBB) {
                i += 2;
                continue;
            }
        }
        return false;
    }
    return true;
}

// A required text field: a non-empty string without control characters, returned in NFC.
std::string read_text(const json& object, const char* key, const std::string& path) {
    const json& value = member(object, key, path);
    if (!value.is_string()) {
        fail(path + "." + key, "expected a string, found " + type_name(value));
    }
    const auto& text = value.get_ref<const std::string&>();
    if (trim_ascii(text).empty()) fail(path + "." + key, "expected a non-empty string");
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7F) {
            fail(path + "." + key, "expected text without control characters");
        }
    }
    return surely_nfc(text) ? text : to_nfc(text);
}

// An optional text field ("kind"): absent means empty.
std::string read_optional_text(const json& object, const char* key, const std::string& path) {
    if (!object.contains(key)) return {};
    return read_text(object, key, path);
}

std::uint32_t read_code(const json& object, const std::string& path, std::size_t digits,
                        std::string& out) {
    const json& value = member(object, "code", path);
    if (!value.is_string()) {
        fail(path + ".code", "expected a string of " + std::to_string(digits) + " digits, found " +
                                 type_name(value));
    }
    out = value.get<std::string>();
    std::uint32_t number = 0;
    if (!parse_code(out, digits, number)) {
        fail(path + ".code", "expected " + std::to_string(digits) + " digits");
    }
    return number;
}

// True if a folded query holds a letter or digit: the search index splits words on everything
// else, so a query without one would find nothing instead of listing everything.
bool has_word(std::string_view folded) {
    for (unsigned char c : folded) {
        if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
            (c >= 'A' && c <= 'Z')) {
            return true;
        }
    }
    return false;
}

// Names that fold alike tie in the search index: one province has both "Tân Thành" and "Tân
// Thạnh" (10 such pairs in the 2025 data). When the resident typed the marks, the unit spelled
// exactly so must win the tie, so the index is asked for a few more hits than the caller wants.
constexpr std::size_t FoldTwinsMargin = 4;

std::size_t with_margin(std::size_t limit) {
    if (limit == 0) return 0;
    return limit > SIZE_MAX - FoldTwinsMargin ? limit : limit + FoldTwinsMargin;
}

// Lowercase NFC with single spaces: equal when typed exactly as spelled, marks included.
std::string spelled_key(std::string_view text) {
    std::string tidy;
    for (std::size_t i = 0; i < text.size();) {
        while (i < text.size() && is_ascii_space(text[i])) ++i;
        const std::size_t start = i;
        while (i < text.size() && !is_ascii_space(text[i])) ++i;
        if (i == start) break;
        if (!tidy.empty()) tidy.push_back(' ');
        tidy.append(text.substr(start, i - start));
    }
    return to_lower(to_nfc(tidy));
}

// Moves the units whose name or full name is spelled exactly as typed to the front (they are
// already among the best hits, tied with their fold twins), then keeps at most `limit`.
template <typename Unit>
void put_spelled_first(std::vector<const Unit*>& units, std::string_view typed, std::size_t limit) {
    const std::string key = spelled_key(typed);
    std::stable_partition(units.begin(), units.end(), [&key](const Unit* unit) {
        return spelled_key(unit->name) == key || spelled_key(unit->full_name) == key;
    });
    if (units.size() > limit) units.resize(limit);
}

std::string province_path(std::size_t province) {
    return "$.provinces[" + std::to_string(province) + "]";
}

std::string ward_path(std::size_t province, std::size_t ward) {
    return province_path(province) + ".wards[" + std::to_string(ward) + "]";
}

}  // namespace

// [SECTION] Parsing -------------------------------------------------------------------------------

Result<AdminUnits> AdminUnits::parse(std::string_view json_text, std::string_view source_name) {
    const std::string source(source_name);
    // nlohmann refuses bad UTF-8 too, but with a lexer message; say plainly what is wrong.
    if (!is_valid_utf8(json_text)) {
        return make_error("admin_units_invalid", source + ": text is not valid UTF-8");
    }
    // The one policy (strict_reader.h), except that names may come decomposed: the portal's
    // document is not ours to fix, so text is normalised to NFC rather than refused.
    auto read = strict_json::read(
        json_text, {strict_json::DefaultMaxDepth, strict_json::Strings::NormaliseToNfc});
    if (!read) return make_error("admin_units_invalid", source + ": " + read.error().detail);
    const json& doc = *read;

    AdminUnits units;
    try {
        if (!doc.is_object()) fail("$", "expected an object, found " + type_name(doc));
        const json& provinces = member(doc, "provinces", "$");
        if (!provinces.is_array()) {
            fail("$.provinces", "expected an array, found " + type_name(provinces));
        }
        if (provinces.empty()) fail("$.provinces", "expected at least one province");

        units.m_provinces.reserve(provinces.size());
        for (std::size_t p = 0; p < provinces.size(); ++p) {
            const json& node = provinces[p];
            const std::string path = province_path(p);
            if (!node.is_object()) fail(path, "expected an object, found " + type_name(node));
            Province province;
            const std::uint32_t code = read_code(node, path, ProvinceCodeDigits, province.code);
            province.name = read_text(node, "name", path);
            province.full_name = read_text(node, "full_name", path);
            province.kind = read_optional_text(node, "kind", path);

            const json& wards = member(node, "wards", path);
            if (!wards.is_array()) {
                fail(path + ".wards", "expected an array, found " + type_name(wards));
            }
            if (wards.empty()) fail(path + ".wards", "expected at least one ward");
            province.wards.reserve(wards.size());
            for (std::size_t w = 0; w < wards.size(); ++w) {
                const json& ward_node = wards[w];
                const std::string wpath = ward_path(p, w);
                if (!ward_node.is_object()) {
                    fail(wpath, "expected an object, found " + type_name(ward_node));
                }
                Ward ward;
                const std::uint32_t ward_code =
                    read_code(ward_node, wpath, WardCodeDigits, ward.code);
                ward.name = read_text(ward_node, "name", wpath);
                ward.full_name = read_text(ward_node, "full_name", wpath);
                ward.kind = read_optional_text(ward_node, "kind", wpath);
                units.m_wards_by_code.push_back(WardKey{ward_code, static_cast<std::uint32_t>(p),
                                                        static_cast<std::uint32_t>(w)});
                province.wards.push_back(std::move(ward));
            }
            units.m_provinces_by_code.push_back(ProvinceKey{code, static_cast<std::uint32_t>(p)});
            units.m_provinces.push_back(std::move(province));
        }

        // Duplicates: after sorting by (code, document position) the later one of a pair comes
        // second, and that is the one to blame.
        auto& province_keys = units.m_provinces_by_code;
        std::sort(province_keys.begin(), province_keys.end(), [](const auto& a, const auto& b) {
            return std::tie(a.code, a.province) < std::tie(b.code, b.province);
        });
        for (std::size_t i = 1; i < province_keys.size(); ++i) {
            if (province_keys[i].code != province_keys[i - 1].code) continue;
            const Province& twice = units.m_provinces[province_keys[i].province];
            fail(province_path(province_keys[i].province) + ".code",
                 "duplicate province code " + twice.code + ", also at " +
                     province_path(province_keys[i - 1].province));
        }
        auto& ward_keys = units.m_wards_by_code;
        std::sort(ward_keys.begin(), ward_keys.end(), [](const auto& a, const auto& b) {
            return std::tie(a.code, a.province, a.ward) < std::tie(b.code, b.province, b.ward);
        });
        for (std::size_t i = 1; i < ward_keys.size(); ++i) {
            if (ward_keys[i].code != ward_keys[i - 1].code) continue;
            const WardKey& later = ward_keys[i];
            const WardKey& earlier = ward_keys[i - 1];
            fail(ward_path(later.province, later.ward) + ".code",
                 "duplicate ward code " + units.m_provinces[later.province].wards[later.ward].code +
                     ", also at " + ward_path(earlier.province, earlier.ward));
        }
    } catch (const DocumentError& e) {
        return make_error("admin_units_invalid", source + ": " + e.what());
    } catch (const std::exception& e) {  // nlohmann's own, should a check above be missed
        return make_error("admin_units_invalid", source + ": " + e.what());
    }

    // Search indexes. No filler words: in a place name every word counts ("Cần Thơ" holds the
    // catalog filler "cần").
    const std::vector<std::string> no_filler;
    units.m_ward_indexes.reserve(units.m_provinces.size());
    units.m_wards_alphabetical.reserve(units.m_provinces.size());
    std::vector<std::pair<std::string, std::uint32_t>> keyed;
    for (std::size_t p = 0; p < units.m_provinces.size(); ++p) {
        const Province& province = units.m_provinces[p];
        units.m_province_index.add(static_cast<int>(p), province.name, MatchKind::Name);
        units.m_province_index.add(static_cast<int>(p), province.full_name,
                                   MatchKind::EverydayName);

        SearchIndex& index = units.m_ward_indexes.emplace_back(no_filler);
        keyed.clear();
        for (std::size_t w = 0; w < province.wards.size(); ++w) {
            const Ward& ward = province.wards[w];
            index.add(static_cast<int>(w), ward.name, MatchKind::Name);
            index.add(static_cast<int>(w), ward.full_name, MatchKind::EverydayName);
            keyed.emplace_back(fold_key(ward.name), static_cast<std::uint32_t>(w));
        }
        // Stable: names that fold alike keep document order.
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        auto& order = units.m_wards_alphabetical.emplace_back();
        order.reserve(keyed.size());
        for (const auto& [key, w] : keyed) order.push_back(w);
    }
    keyed.clear();
    for (std::size_t p = 0; p < units.m_provinces.size(); ++p)
        keyed.emplace_back(fold_key(units.m_provinces[p].name), static_cast<std::uint32_t>(p));
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [key, p] : keyed) units.m_provinces_alphabetical.push_back(p);
    return units;
}

// [SECTION] Lookups -------------------------------------------------------------------------------

std::vector<const Province*> AdminUnits::provinces_by_name() const {
    std::vector<const Province*> out;
    out.reserve(m_provinces_alphabetical.size());
    for (std::uint32_t p : m_provinces_alphabetical) out.push_back(&m_provinces[p]);
    return out;
}

const Province* AdminUnits::find_province(std::string_view code) const {
    std::uint32_t number = 0;
    if (!parse_code(code, ProvinceCodeDigits, number)) return nullptr;
    auto it =
        std::lower_bound(m_provinces_by_code.begin(), m_provinces_by_code.end(), number,
                         [](const ProvinceKey& key, std::uint32_t n) { return key.code < n; });
    if (it == m_provinces_by_code.end() || it->code != number) return nullptr;
    return &m_provinces[it->province];
}

const AdminUnits::WardKey* AdminUnits::find_ward_key(std::string_view code) const {
    std::uint32_t number = 0;
    if (!parse_code(code, WardCodeDigits, number)) return nullptr;
    auto it = std::lower_bound(m_wards_by_code.begin(), m_wards_by_code.end(), number,
                               [](const WardKey& key, std::uint32_t n) { return key.code < n; });
    if (it == m_wards_by_code.end() || it->code != number) return nullptr;
    return &*it;
}

const Ward* AdminUnits::find_ward(std::string_view code) const {
    const WardKey* key = find_ward_key(code);
    return key != nullptr ? &m_provinces[key->province].wards[key->ward] : nullptr;
}

const Province* AdminUnits::province_of_ward(std::string_view ward_code) const {
    const WardKey* key = find_ward_key(ward_code);
    return key != nullptr ? &m_provinces[key->province] : nullptr;
}

// [SECTION] Search --------------------------------------------------------------------------------

std::vector<const Province*> AdminUnits::search_provinces(std::string_view typed,
                                                          std::size_t limit) const {
    std::vector<const Province*> out;
    if (!has_word(fold_key(typed))) {
        const std::size_t count = std::min(limit, m_provinces.size());
        for (std::size_t p = 0; p < count; ++p) out.push_back(&m_provinces[p]);
        return out;
    }
    for (const SearchHit& hit : m_province_index.query(typed, with_margin(limit))) {
        out.push_back(&m_provinces[static_cast<std::size_t>(hit.id)]);
    }
    put_spelled_first(out, typed, limit);
    return out;
}

std::vector<const Ward*> AdminUnits::search_wards(std::string_view province_code,
                                                  std::string_view typed, std::size_t limit) const {
    std::vector<const Ward*> out;
    const Province* province = find_province(province_code);
    if (province == nullptr) return out;
    const auto p = static_cast<std::size_t>(province - m_provinces.data());
    if (!has_word(fold_key(typed))) {
        const auto& order = m_wards_alphabetical[p];
        const std::size_t count = std::min(limit, order.size());
        for (std::size_t i = 0; i < count; ++i) out.push_back(&province->wards[order[i]]);
        return out;
    }
    for (const SearchHit& hit : m_ward_indexes[p].query(typed, with_margin(limit))) {
        out.push_back(&province->wards[static_cast<std::size_t>(hit.id)]);
    }
    put_spelled_first(out, typed, limit);
    return out;
}

// [SECTION] Address answers -----------------------------------------------------------------------

Result<AddressAnswer> validate_address(const AdminUnits& units, const AddressAnswer& answer,
                                       bool detail_required) {
    AddressAnswer tidy;
    tidy.province = std::string(trim_ascii(answer.province));
    tidy.ward = std::string(trim_ascii(answer.ward));
    if (tidy.province.empty()) {
        return make_error("address_province_required", "no province chosen");
    }
    if (tidy.ward.empty()) return make_error("address_ward_required", "no ward chosen");
    const Province* province = units.find_province(tidy.province);
    if (province == nullptr) {
        return make_error("address_ward_unknown", "province code not in the admin units");
    }
    const Province* owner = units.province_of_ward(tidy.ward);
    if (owner == nullptr) {
        return make_error("address_ward_unknown", "ward code not in the admin units");
    }
    if (owner != province) {
        return make_error("address_ward_unknown", "ward " + tidy.ward + " belongs to province " +
                                                      owner->code + ", not " + province->code);
    }

    Result<std::string> detail = validate_free_text(answer.detail, kMaxAddressDetailCodePoints);
    if (detail.ok()) {
        tidy.detail = std::move(detail).value();
    } else if (detail.error().code == "required") {
        if (detail_required) {
            return make_error("address_detail_required", "empty address detail");
        }
    } else {
        return detail.error();
    }
    return tidy;
}

std::string format_address(const AdminUnits& units, const AddressAnswer& answer) {
    std::string out;
    const auto append = [&out](std::string_view part) {
        if (part.empty()) return;
        if (!out.empty()) out += ", ";
        out += part;
    };
    append(trim_ascii(answer.detail));
    const std::string_view ward_code = trim_ascii(answer.ward);
    const Ward* ward = units.find_ward(ward_code);
    append(ward != nullptr ? std::string_view(ward->full_name) : ward_code);
    const std::string_view province_code = trim_ascii(answer.province);
    const Province* province = units.find_province(province_code);
    append(province != nullptr ? std::string_view(province->full_name) : province_code);
    return out;
}

}  // namespace motcua::core
