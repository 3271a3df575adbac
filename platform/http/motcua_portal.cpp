#include "platform/http/motcua_portal.h"

#include "platform/system/log.h"

namespace motcua::platform {

namespace {

// What the log says about a reply that was not what we wanted (never a body: it may echo data).
std::string reply_summary(const core::HttpReply& reply) {
    return reply.status == 0 ? "no answer: " + reply.transport_error
                             : "HTTP " + std::to_string(reply.status);
}

}  // namespace

core::Result<std::unique_ptr<MotcuaPortal>> MotcuaPortal::create(PortalClientOptions options) {
    auto client = CurlPortalClient::create(std::move(options));
    if (!client) return client.error();
    return std::make_unique<MotcuaPortal>(std::move(client).value());
}

core::FilingAttempt MotcuaPortal::file(const core::OutboxEntry& entry,
                                       const core::SaveProgress& /*save_progress*/) {
    const core::HttpReply reply = m_client->submit(entry.idempotency_key, entry.payload_json);
    return {core::interpret_submit_reply(reply), reply.status != 0};
}

core::LookupOutcome MotcuaPortal::lookup(const std::string& code, const std::string& /*progress*/) {
    return core::interpret_lookup_reply(m_client->lookup(code));
}

std::optional<core::HttpReply> MotcuaPortal::reference(const std::string& name,
                                                       const std::string& if_none_match) {
    return m_client->reference(name, if_none_match);
}

core::RatingOutcome MotcuaPortal::rate(const std::string& body_json) {
    const core::HttpReply reply = m_client->rating(body_json);
    const core::RatingOutcome outcome = core::interpret_rating_reply(reply);
    if (outcome != core::RatingOutcome::Sent)
        log_warning("portal_rating_reply", reply_summary(reply));
    return outcome;
}

bool MotcuaPortal::heartbeat(const std::string& body_json) {
    const core::HttpReply reply = m_client->heartbeat(body_json);
    if (reply.status == 204) return true;
    log_warning("heartbeat_not_sent", reply_summary(reply));
    return false;
}

}  // namespace motcua::platform
