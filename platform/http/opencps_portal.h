// The OpenCPS adapter's transport (docs/portal-api.md, Adapters): core::Portal over OpenCPS's
// REST API (/o/rest/v2). Every decision (which request, what a reply means, the progress saved
// between the steps of one filing) is core's (core/filing/opencps.h); this file only sends the
// requests core builds through CurlPortalClient (same TLS, loopback, proxy and timeout rules as
// our own API), adds HTTP Basic, and saves the progress between steps. One instance per thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/loader.h"
#include "core/filing/opencps.h"
#include "core/filing/portal.h"
#include "core/result.h"
#include "platform/http/curl_portal_client.h"

namespace motcua::platform {

struct BasicCredentials {
    std::string user;
    std::string password;
};

// Reads "user:password" (split at the first ':') from a file with read_token_file's rules
// (regular file, mode 0600 or 0400, at most 4 KiB, trailing blanks and newlines dropped).
// Error codes credentials_missing, _unreadable, _not_file, _unsafe, _too_large, _empty, and
// credentials_invalid (no ':', an empty user or password, a byte outside printable ASCII); the
// details never contain the password.
core::Result<BasicCredentials> read_credentials_file(const std::string& path);

// This kiosk's outbox entry for a dossier code (MaHoSo or provisional code), nullopt when there
// is none; an error when the outbox cannot be read. Ratings need it: OpenCPS rates a dossier by
// its dossierId (in the entry's portal_progress), and a rating given before the dossier reached
// the portal must wait for it rather than be refused.
using ProgressOf =
    std::function<core::Result<std::optional<core::OutboxEntry>>(const std::string& code)>;

struct OpenCpsOptions {
    PortalClientOptions transport;  // base URL (the server root), TLS, proxy, timeouts; no token
    core::OpenCpsConfig config;     // groupId, govAgencyCode, kiosk ID (actionUser)
    BasicCredentials credentials;
    core::OpenCpsMapping mapping;
    // The bundled procedure definitions (assets/procedures/*.json): reference("thutuc") serves
    // those whose code the portal publishes in /serviceinfos.
    std::vector<core::SourceFile> bundled_procedures;
    ProgressOf progress_of;  // for rate(); null: every rating is refused (kept for staff)
};

class OpenCpsPortal final : public core::Portal {
public:
    // Refuses an empty or unsafe groupId, govAgencyCode or credentials, and what
    // CurlPortalClient::create refuses (a bad URL, plain http beyond loopback).
    static core::Result<std::unique_ptr<OpenCpsPortal>> create(OpenCpsOptions options);

    // create → fill → e-form → act, from the step entry.portal_progress says was finished last;
    // the progress is saved after every finished step, before the next request.
    core::FilingAttempt file(const core::OutboxEntry& entry,
                             const core::SaveProgress& save_progress) override;
    // GET /dossiers/{id} (with secretCode when `progress` has the dossier's password).
    core::LookupOutcome lookup(const std::string& code, const std::string& progress) override;
    // "thutuc": GET /serviceinfos, answered in our format ({"procedures": [...]}, the bundled
    // definitions the portal publishes) with an ETag of its own (304 when unchanged); what
    // cannot be mapped is logged. The status of a failed /serviceinfos is passed on as is.
    // "donvihanhchinh" and anything else: nullopt (OpenCPS publishes none in our format).
    std::optional<core::HttpReply> reference(const std::string& name,
                                             const std::string& if_none_match) override;
    // GET /postal/votings/dossier/{id}, then POST /postal/votings/{votingId}/results.
    core::RatingOutcome rate(const std::string& body_json) override;
    // OpenCPS has no heartbeat: nothing is sent.
    bool heartbeat(const std::string& body_json) override;

    // The reply of the last request sent (tests and logs); status 0 before any.
    const core::HttpReply& last_reply() const { return m_last_reply; }

private:
    OpenCpsPortal(OpenCpsOptions options, std::unique_ptr<CurlPortalClient> client,
                  std::string authorization)
        : m_options(std::move(options)),
          m_client(std::move(client)),
          m_authorization(std::move(authorization)) {}
    core::HttpReply send(const core::OpenCpsRequest& request,
                         std::size_t max_body = std::size_t{1} << 20);

    OpenCpsOptions m_options;
    std::unique_ptr<CurlPortalClient> m_client;
    std::string m_authorization;  // "Authorization: Basic ..."
    core::HttpReply m_last_reply;
    std::string m_logged_unmapped;  // the last mapping report logged (logged again on change)
};

// What the kiosk's configuration gives the adapter; make_opencps_portal reads the files.
struct OpenCpsSettings {
    PortalClientOptions transport;
    std::string group_id;
    std::string agency;
    std::string credentials_file;
    std::string mapping_file;  // "" = assets_dir + "/config/opencps-mapping.json"
    std::string assets_dir;    // its procedures/ are the bundled definitions
    std::string kiosk_id;
    std::string outbox_path;  // "" = ratings cannot find their dossier (refused)
};

// Everything a filing needs before the kiosk starts: the credentials file (read_credentials_file),
// the mapping (core::parse_opencps_mapping), the bundled procedures, a group and an agency.
// Error codes: those of read_credentials_file, opencps_mapping_invalid, file_* (the mapping
// file unreadable), opencps_config_invalid.
core::Result<OpenCpsOptions> load_opencps_options(const OpenCpsSettings& settings);

// load_opencps_options + OpenCpsPortal::create; ratings find their dossier's progress in the
// outbox at settings.outbox_path (a connection of this thread's own, opened on first use).
core::Result<std::unique_ptr<core::Portal>> make_opencps_portal(const OpenCpsSettings& settings);

}  // namespace motcua::platform
