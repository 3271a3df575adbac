// core::Portal for the Motcua contract (docs/portal-api.md) over CurlPortalClient: one request
// per call, replies read by the core's interpreters (core/filing/portal_reply.h,
// kiosk_messages.h). One instance per thread, like the client it owns.
#pragma once

#include <memory>

#include "core/filing/portal.h"
#include "core/result.h"
#include "platform/http/curl_portal_client.h"

namespace motcua::platform {

class MotcuaPortal final : public core::Portal {
public:
    // Refuses what CurlPortalClient::create refuses (a bad URL, plain http off loopback, a bad
    // token).
    static core::Result<std::unique_ptr<MotcuaPortal>> create(PortalClientOptions options);
    explicit MotcuaPortal(std::unique_ptr<CurlPortalClient> client) : m_client(std::move(client)) {}

    // One POST /api/v1/hoso: a single step, so it neither reads nor saves portal_progress.
    core::FilingAttempt file(const core::OutboxEntry& entry,
                             const core::SaveProgress& save_progress) override;
    // GET /api/v1/hoso/{code}; `progress` is not needed by this API.
    core::LookupOutcome lookup(const std::string& code, const std::string& progress) override;
    // GET /api/v1/{name}: this API publishes both documents, so never nullopt.
    std::optional<core::HttpReply> reference(const std::string& name,
                                             const std::string& if_none_match) override;
    core::RatingOutcome rate(const std::string& body_json) override;
    // POST /api/v1/kiosk/heartbeat: delivered on a 204 only.
    bool heartbeat(const std::string& body_json) override;

private:
    std::unique_ptr<CurlPortalClient> m_client;
};

}  // namespace motcua::platform
