#include "core/filing/lookup_route.h"

namespace motcua::core {

LookupRoute route_lookup(const std::string& asked, const OutboxEntry* local) {
    if (local == nullptr) return {LookupRoute::Kind::AskPortal, asked, {}};
    if (local->state == OutboxState::Accepted && !local->ma_ho_so.empty())
        return {LookupRoute::Kind::AskPortal, local->ma_ho_so, local->portal_progress};
    // Pending, Sending, Held: the portal does not have it yet (or not that we know). Cancelled:
    // staff decided; the portal is asked (it may have been filed at the counter).
    if (local->state == OutboxState::Cancelled)
        return {LookupRoute::Kind::AskPortal, asked, local->portal_progress};
    return {LookupRoute::Kind::AnswerWaiting, {}, {}};
}

}  // namespace motcua::core
