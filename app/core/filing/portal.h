// What the kiosk asks of a provincial portal, whatever its API. One adapter per API speaks it
// and reads its replies strictly (platform/http: MotcuaPortal for docs/portal-api.md,
// OpenCpsPortal for OpenCPS); the workers only see these outcomes, so they are tested with a
// scripted Portal as well as with the real adapters over loopback. Every call blocks: call off
// the UI thread, one instance per thread.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/filing/kiosk_messages.h"
#include "core/filing/outbox.h"
#include "core/filing/portal_reply.h"
#include "core/ports.h"

namespace motcua::core {

// The outcome of one attempt at filing one dossier.
struct FilingAttempt {
    SubmitOutcome outcome;
    bool answered = false;  // an HTTP answer came back (from the portal or what stands in for it)
};

// Persists an adapter's progress on one outbox entry (OutboxEntry::portal_progress) before its
// next request goes out. False: it could not be saved; the adapter stops and returns a Retry.
using SaveProgress = std::function<bool(const std::string& progress)>;

class Portal {
public:
    virtual ~Portal() = default;
    // Files one frozen dossier: entry.payload_json under entry.idempotency_key. An API that
    // takes several requests per dossier calls save_progress after each step, and resumes from
    // entry.portal_progress (what an earlier attempt saved, "" at first), so a crash between
    // two steps neither repeats a finished step nor creates a second dossier.
    virtual FilingAttempt file(const OutboxEntry& entry, const SaveProgress& save_progress) = 0;
    // A dossier's status by its code. `progress` is the portal_progress of this kiosk's own
    // outbox entry for it (LookupRoute::portal_progress), "" for a dossier filed elsewhere.
    virtual LookupOutcome lookup(const std::string& code, const std::string& progress) = 0;
    // A reference document in our format ("thutuc", "donvihanhchinh": docs/portal-api.md),
    // revalidated with `if_none_match`. nullopt: this API publishes no such document; the
    // kiosk keeps the copy it has (bundled or cached) and that is not an error.
    virtual std::optional<HttpReply> reference(const std::string& name,
                                               const std::string& if_none_match) = 0;
    // A satisfaction rating (core::rating_body).
    virtual RatingOutcome rate(const std::string& body_json) = 0;
    // The kiosk's heartbeat (core::heartbeat_body). False when it was not delivered; an API
    // without a heartbeat returns true and sends nothing.
    virtual bool heartbeat(const std::string& body_json) = 0;
};

}  // namespace motcua::core
