// Turns a finished visit into the portal's dossier JSON (docs/portal-api.md). Once saved in the
// outbox this text is frozen: it is what is sent, byte for byte, on every retry.
#pragma once

#include <string>

#include "core/catalog/procedure.h"
#include "core/session/session.h"

namespace motcua::core {

struct DossierMeta {
    std::string kiosk_id;
    std::string provisional_code;
    std::string submitted_at;  // portal time yyyyMMddHHmmss
};

// Only answers of visible fields go in; each at its field's "portal" path inside DuLieuToKhai.
std::string encode_dossier(const Procedure& procedure, const Answers& visible_answers,
                           const DossierMeta& meta);

// Replaces {field.id} in a template with answers (missing ones become empty).
std::string fill_template(const std::string& text, const Answers& answers);

}  // namespace motcua::core
