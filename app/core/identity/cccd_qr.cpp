#include "core/identity/cccd_qr.h"

#include <array>

#include "core/form/validators.h"
#include "core/text/ascii.h"

namespace motcua::core {

namespace {

constexpr std::size_t kMaxQrNameCodePoints = 200;  // generous: a check, not a form rule
constexpr std::size_t kMaxAddressCodePoints = 500;

std::string_view trim(std::string_view text) {
    return text::trim(text, text::ScannerNoise);
}

using text::all_digits;

bool is_eight_digits(std::string_view text) {
    return text.size() == 8 && all_digits(text);
}

Error unreadable(std::string detail) {
    return make_error("cccd_qr_unreadable", std::move(detail));
}

// "Nam" / "Nữ" in the case variants cards and scanners produce; "Nu" because a keyboard-wedge
// scanner drops the mark. Compared after NFC (validate_free_text) so NFD input matches too.
std::optional<Sex> parse_sex(std::string_view field) {
    Result<std::string> tidy = validate_free_text(field, 16);
    if (!tidy) return std::nullopt;
    static constexpr std::array<std::string_view, 3> kMale = {"Nam", "NAM", "nam"};
    static constexpr std::array<std::string_view, 6> kFemale = {"Nữ", "NỮ", "nữ", "Nu", "NU", "nu"};
    for (std::string_view male : kMale) {
        if (*tidy == male) return Sex::Male;
    }
    for (std::string_view female : kFemale) {
        if (*tidy == female) return Sex::Female;
    }
    return std::nullopt;
}

bool has_ascii_letter(std::string_view text) {
    for (char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    }
    return false;
}

bool is_all_ascii(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

// Where each field sits in the two known layouts.
struct Layout {
    std::optional<std::size_t> old_id;
    std::size_t name, birth, sex, address, issue;
};
constexpr Layout kSevenFields{1, 2, 3, 4, 5, 6};
constexpr Layout kSixFields{std::nullopt, 1, 2, 3, 4, 5};

}  // namespace

Result<CccdData> parse_cccd_qr(std::string_view payload) {
    payload = trim(payload);
    if (payload.empty()) return unreadable("empty payload");
    if (payload.size() > kMaxCccdQrBytes) {
        return unreadable("payload of " + std::to_string(payload.size()) +
                          " bytes is longer than any card QR (max " +
                          std::to_string(kMaxCccdQrBytes) + ")");
    }

    std::vector<std::string_view> fields = text::split(payload, '|');
    for (auto& field : fields) field = trim(field);
    if (fields.size() < 5) {
        return unreadable(std::to_string(fields.size()) + " '|'-separated fields, need at least 5");
    }

    CccdData data;
    if (fields[0].size() != 12 || !all_digits(fields[0])) {
        return unreadable("field 0 is not a 12-digit ID number (" +
                          std::to_string(fields[0].size()) + " characters)");
    }
    data.id_number = std::string(fields[0]);

    // The birth date decides the layout: field 3 in the documented 7-field shape, field 2 in the
    // 6-field variant some parsers describe (no old-ID field).
    const Layout* layout = nullptr;
    if (is_eight_digits(fields[3])) {
        layout = &kSevenFields;
    } else if (is_eight_digits(fields[2]) && parse_sex(fields[3])) {
        layout = &kSixFields;
    } else {
        return unreadable("no ddmmyyyy birth date in field 3 (or field 2 without an old ID)");
    }

    if (layout->old_id) {
        std::string_view old_id = fields[*layout->old_id];
        if (!old_id.empty() &&
            (!all_digits(old_id) || (old_id.size() != 9 && old_id.size() != 12))) {
            return unreadable("field 1 (old ID) is neither empty nor 9 or 12 digits");
        }
        data.old_id = std::string(old_id);
    }

    Result<std::string> name = validate_free_text(fields[layout->name], kMaxQrNameCodePoints);
    if (!name) {
        return unreadable("name field " + std::to_string(layout->name) + ": " + name.error().code);
    }
    data.full_name = std::move(*name);

    Result<Date> birth = parse_ddmmyyyy(fields[layout->birth]);
    if (!birth) {
        return unreadable("birth date field " + std::to_string(layout->birth) + ": " +
                          birth.error().code);
    }
    data.date_of_birth = *birth;

    std::optional<Sex> sex = parse_sex(fields[layout->sex]);
    if (!sex) {
        return unreadable("sex field " + std::to_string(layout->sex) + " is neither Nam nor Nữ");
    }
    data.sex = *sex;

    if (layout->address < fields.size() && !fields[layout->address].empty()) {
        Result<std::string> address =
            validate_free_text(fields[layout->address], kMaxAddressCodePoints);
        if (!address) {
            return unreadable("address field " + std::to_string(layout->address) + ": " +
                              address.error().code);
        }
        data.address = std::move(*address);
    }

    if (layout->issue < fields.size() && !fields[layout->issue].empty()) {
        Result<Date> issue = parse_ddmmyyyy(fields[layout->issue]);
        if (!issue) {
            return unreadable("issue date field " + std::to_string(layout->issue) + ": " +
                              issue.error().code);
        }
        if (*issue < data.date_of_birth) {
            return unreadable("issue date is before the birth date: fields are shifted");
        }
        data.issue_date = *issue;
    }

    data.ascii_only = is_all_ascii(payload) && has_ascii_letter(data.full_name);

    if (data.ascii_only) data.warnings.push_back("cccd_qr_ascii_only");
    Result<Checked> id = check_id_number(data.id_number, {data.date_of_birth, data.sex});
    if (id) {  // always ok here: field 0 is 12 digits
        data.warnings.insert(data.warnings.end(), id->warnings.begin(), id->warnings.end());
    }
    return data;
}

}  // namespace motcua::core
