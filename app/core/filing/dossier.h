// Turns a finished visit into the portal's dossier JSON (docs/portal-api.md). Once saved in the
// outbox this text is frozen: it is what is sent, byte for byte, on every retry.
#pragma once

#include <map>
#include <string>
#include <variant>

#include "core/calendar/date.h"
#include "core/catalog/procedure.h"

namespace motcua::core {

struct DossierMeta {
    std::string kiosk_id;
    std::string provisional_code;
    std::string submitted_at;  // portal time yyyyMMddHHmmss
    bool assisted = false;     // [staff] filed with staff help: "HoTroCanBo": true
};

// An address as filed: {tinh, xa, diaChi, diaChiDayDu}; empty parts are left out.
struct FiledAddress {
    std::string province, ward, detail, full;
};
// One answer as the portal takes it: text (a multi-choice as its values joined by '|'), an
// address, or a date (filed as dd/mm/yyyy, docs/portal-api.md; with in_words also in words).
using FiledValue = std::variant<std::string, FiledAddress, Date>;
// The answers of a visit as filed: field id → item (1-based; 1 on pages that do not repeat) →
// value. The session puts in only answered, visible fields.
using FiledAnswers = std::map<std::string, std::map<int, FiledValue>>;

// Each answer goes at its field's "portal" path inside DuLieuToKhai.
std::string encode_dossier(const Procedure& procedure, const FiledAnswers& answers,
                           const DossierMeta& meta);

// Replaces {name} in a template with values (missing ones become empty).
std::string fill_template(const std::string& text,
                          const std::map<std::string, std::string>& values);

}  // namespace motcua::core
