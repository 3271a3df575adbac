// Parser for the QR code on the chip ID card (CCCD), identity.md §1:
//   <ID 12 digits>|<old CMND, often empty>|<full name>|<DOB ddmmyyyy>|<Nam|Nữ>|<address>|<issue
//   date>
// Used only to prefill forms: every value is shown to the resident to confirm. Anything that
// does not fit a known shape is refused cleanly so the kiosk falls back to typing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/form/date.h"
#include "core/identity/id_number.h"
#include "core/result.h"

namespace motcua::core {

struct CccdData {
    std::string id_number;  // 12 digits
    std::string old_id;     // old CMND (9 digits) or empty
    std::string full_name;  // NFC, single spaces, case as on the card (often upper case)
    Date date_of_birth;
    Sex sex = Sex::Male;
    std::string address;  // NFC, single spaces; often an old 3-level address; may be empty
    std::optional<Date> issue_date;
    // The payload has no byte outside ASCII although a name is present: a keyboard-wedge scanner
    // probably dropped or mangled the Vietnamese marks. Treat the scan as ID-only and ask the
    // resident to check (or type) name and address. A genuinely unmarked name costs one check.
    bool ascii_only = false;
    // Codes for "warning.<code>": "cccd_qr_ascii_only" when ascii_only is set, then those of
    // check_id_number against the QR's own birth date and sex.
    std::vector<std::string> warnings;
};

// Real payloads are a few hundred bytes; anything far longer is not a card.
inline constexpr std::size_t kMaxCccdQrBytes = 1024;

// Parses a scanned payload. Tolerates surrounding whitespace, a trailing CR/LF, an empty old-ID
// field, extra trailing fields, only 5 fields (no address or issue date) and the 6-field variant
// without the old-ID field (detected by where the birth date is). Never throws; any other shape
// is Error "cccd_qr_unreadable" with a detail naming the field that did not fit (never its value).
Result<CccdData> parse_cccd_qr(std::string_view payload);

}  // namespace motcua::core
