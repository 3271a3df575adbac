// Where a resident's status lookup is answered: a filing still in this kiosk's outbox is answered
// here ("saved, waiting to be sent"), without a network; everything else is asked of the portal,
// a provisional code this kiosk saw accepted by its MaHoSo (the portal may not index MaTam).
#pragma once

#include <string>

#include "core/filing/outbox.h"

namespace motcua::core {

struct LookupRoute {
    enum class Kind { AnswerWaiting, AskPortal };
    Kind kind = Kind::AskPortal;
    std::string
        portal_code;  // AskPortal: the code to send; the answer goes back under the code asked
    std::string portal_progress;  // AskPortal: the local entry's portal_progress ("" if none)
};

// `local` is the outbox entry whose provisional code or MaHoSo equals the code asked, or null.
LookupRoute route_lookup(const std::string& asked, const OutboxEntry* local);

}  // namespace motcua::core
