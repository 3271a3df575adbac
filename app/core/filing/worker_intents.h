// What the session is told after the worker heard from the portal: a filing outcome becomes
// intent::Accepted or intent::Held (a Retry tells nobody: the receipt already says "saved, it
// will be sent"), and a lookup outcome becomes intent::LookupResult. Decided here, once, for
// every adapter.
#pragma once

#include <optional>
#include <string>

#include "core/filing/outbox.h"
#include "core/filing/portal_reply.h"
#include "core/session/session.h"

namespace motcua::core {

// `entry` is the outbox entry after core::on_outcome(outcome): Accepted carries its codes (the
// stored MaHoSo and due date), Held the outcome's reason; nullopt for a Retry.
std::optional<Intent> filing_intent(const OutboxEntry& entry, const SubmitOutcome& outcome);

// The answer under the code the resident asked (`asked`, not the MaHoSo it was routed to).
intent::LookupResult lookup_intent(const std::string& asked, const LookupOutcome& outcome);

}  // namespace motcua::core
