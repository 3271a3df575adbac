#include "platform/http/opencps_portal.h"

#include <sodium.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "platform/assets.h"
#include "platform/store/outbox_store.h"
#include "platform/system/log.h"

namespace motcua::platform {

namespace {

// More steps than the four of a filing means core and the portal disagree: stop and retry.
constexpr int MaxStepsPerAttempt = 8;
// A catalogue is larger than a dossier reply (CurlPortalClient's reference documents get 16 MiB).
constexpr std::size_t CatalogueMaxBody = std::size_t{16} << 20;

bool visible_ascii(const std::string& text, bool allow_space) {
    return std::all_of(text.begin(), text.end(), [&](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte >= 0x21 && byte <= 0x7E) || (allow_space && byte == 0x20);
    });
}

std::string base64(const std::string& bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

// A strong ETag of our own for the catalogue we compose (FNV-1a 64: stable across builds, so a
// cached copy stays current after an upgrade).
std::string etag_of(const std::string& body) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (char c : body) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    char text[40];
    std::snprintf(text, sizeof text, "\"opencps-%016llx\"", static_cast<unsigned long long>(hash));
    return text;
}

// RFC 9110 weak comparison, like the simulator's: "*" or any listed tag equal after W/.
bool etag_matches(const std::string& if_none_match, const std::string& etag) {
    if (if_none_match.empty()) return false;
    auto strip = [](std::string tag) {
        const std::size_t start = tag.find_first_not_of(" \t");
        const std::size_t end = tag.find_last_not_of(" \t");
        tag = start == std::string::npos ? "" : tag.substr(start, end - start + 1);
        if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
        return tag;
    };
    std::size_t from = 0;
    while (from <= if_none_match.size()) {
        std::size_t comma = if_none_match.find(',', from);
        if (comma == std::string::npos) comma = if_none_match.size();
        const std::string tag = strip(if_none_match.substr(from, comma - from));
        if (tag == "*" || tag == etag) return true;
        from = comma + 1;
    }
    return false;
}

// The code a rating body names (core::rating_body: MaHoSo, or MaTam for a provisional code).
std::string rated_code(const std::string& body_json) {
    try {
        const auto body = nlohmann::json::parse(body_json);
        for (const char* field : {"MaHoSo", "MaTam"})
            if (body.is_object() && body.contains(field) && body[field].is_string())
                return body[field].get<std::string>();
    } catch (const nlohmann::json::exception&) {
    }
    return {};
}

}  // namespace

// [SECTION] credentials and options

core::Result<BasicCredentials> read_credentials_file(const std::string& path) {
    auto content = read_secret_file(path, "credentials", "credentials file");
    if (!content) return content.error();
    const std::string& text = *content;
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos)
        return core::make_error("credentials_invalid",
                                "credentials file " + path + " must hold one line user:password");
    BasicCredentials credentials{text.substr(0, colon), text.substr(colon + 1)};
    if (credentials.user.empty() || credentials.password.empty())
        return core::make_error("credentials_invalid",
                                "credentials file " + path + ": the user or the password is empty");
    if (!visible_ascii(credentials.user, false) || !visible_ascii(credentials.password, true))
        return core::make_error("credentials_invalid",
                                "credentials file " + path +
                                    ": only printable ASCII (no newline, control or non-ASCII "
                                    "character; the password may hold spaces)");
    return credentials;
}

core::Result<OpenCpsOptions> load_opencps_options(const OpenCpsSettings& settings) {
    for (const auto& [name, value] :
         {std::pair<const char*, const std::string&>{"--opencps-group-id", settings.group_id},
          {"--opencps-agency", settings.agency}})
        if (value.empty() || !visible_ascii(value, false))
            return core::make_error("opencps_config_invalid",
                                    std::string(name) +
                                        " is required with --portal-kind opencps "
                                        "(visible ASCII, no spaces)");
    if (settings.credentials_file.empty())
        return core::make_error("opencps_config_invalid",
                                "--opencps-credentials is required with --portal-kind opencps "
                                "(a 0600 file holding user:password)");
    OpenCpsOptions options;
    options.transport = settings.transport;
    options.transport.token.clear();  // OpenCPS authenticates with Basic, never our bearer token
    options.config.group_id = settings.group_id;
    options.config.gov_agency_code = settings.agency;
    options.config.kiosk_id = settings.kiosk_id;
    auto credentials = read_credentials_file(settings.credentials_file);
    if (!credentials) return credentials.error();
    options.credentials = std::move(credentials).value();

    const std::string mapping_path = settings.mapping_file.empty()
                                         ? settings.assets_dir + "/config/opencps-mapping.json"
                                         : settings.mapping_file;
    auto mapping_text = read_small_file(mapping_path);
    if (!mapping_text) return mapping_text.error();
    auto mapping = core::parse_opencps_mapping(*mapping_text, mapping_path);
    if (!mapping) return mapping.error();
    options.mapping = std::move(mapping).value();

    // The bundled definitions, as files (reference("thutuc") serves some of them verbatim).
    std::error_code error;
    const std::filesystem::path folder = std::filesystem::path(settings.assets_dir) / "procedures";
    std::vector<std::filesystem::path> files;
    for (const auto& item : std::filesystem::directory_iterator(folder, error))
        if (item.path().extension() == ".json") files.push_back(item.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        auto text = read_small_file(file.string());
        if (!text) {
            log_warning("procedure_unreadable", text.error().detail);
            continue;
        }
        options.bundled_procedures.push_back({file.filename().string(), std::move(text).value()});
    }
    return options;
}

core::Result<std::unique_ptr<core::Portal>> make_opencps_portal(const OpenCpsSettings& settings) {
    auto options = load_opencps_options(settings);
    if (!options) return options.error();
    if (!settings.outbox_path.empty()) {
        // Opened on first use, on the thread that rates (the store is one connection per thread).
        auto store = std::make_shared<std::unique_ptr<OutboxStore>>();
        options->progress_of =
            [store, path = settings.outbox_path](
                const std::string& code) -> core::Result<std::optional<core::OutboxEntry>> {
            if (!*store) {
                auto opened = OutboxStore::open(path);
                if (!opened) return opened.error();
                *store = std::move(opened).value();
            }
            return (*store)->find(code);
        };
    }
    auto portal = OpenCpsPortal::create(std::move(options).value());
    if (!portal) return portal.error();
    return std::unique_ptr<core::Portal>(std::move(portal).value());
}

// [SECTION] the portal

core::Result<std::unique_ptr<OpenCpsPortal>> OpenCpsPortal::create(OpenCpsOptions options) {
    const auto& config = options.config;
    if (config.group_id.empty() || !visible_ascii(config.group_id, false) ||
        config.gov_agency_code.empty() || !visible_ascii(config.gov_agency_code, false))
        return core::make_error("opencps_config_invalid",
                                "OpenCPS needs a groupId and a govAgencyCode of visible ASCII");
    if (options.credentials.user.empty() || options.credentials.password.empty() ||
        options.credentials.user.find(':') != std::string::npos ||
        !visible_ascii(options.credentials.user, false) ||
        !visible_ascii(options.credentials.password, true))
        return core::make_error("credentials_invalid",
                                "the OpenCPS user or password is empty or not printable ASCII");
    options.transport.token.clear();
    auto client = CurlPortalClient::create(options.transport);
    if (!client) return client.error();
    std::string authorization = "Authorization: Basic " + base64(options.credentials.user + ":" +
                                                                 options.credentials.password);
    return std::unique_ptr<OpenCpsPortal>(
        new OpenCpsPortal(std::move(options), std::move(client).value(), std::move(authorization)));
}

core::HttpReply OpenCpsPortal::send(const core::OpenCpsRequest& request, std::size_t max_body) {
    PortalRequest out;
    out.method = request.method;
    out.path = request.path;
    out.content_type = request.content_type;
    out.body = request.body;
    out.max_body = max_body;
    for (const auto& [name, value] : request.headers) out.headers.push_back(name + ": " + value);
    out.headers.push_back(m_authorization);
    m_last_reply = m_client->request(out);
    return m_last_reply;
}

core::FilingAttempt OpenCpsPortal::file(const core::OutboxEntry& entry,
                                        const core::SaveProgress& save_progress) {
    const core::OpenCpsProgressRead read = core::read_progress(entry.portal_progress);
    if (!read.problem.empty())
        log_warning("opencps_progress_unreadable",
                    entry.provisional_code + ": " + read.problem + " (starting again at create)");
    core::OpenCpsProgress progress = read.progress;
    core::FilingAttempt attempt;
    for (int step = 0; step < MaxStepsPerAttempt; ++step) {
        auto next =
            core::next_opencps_request(entry, progress, m_options.mapping, m_options.config);
        if (auto* outcome = std::get_if<core::SubmitOutcome>(&next)) {
            attempt.outcome = std::move(*outcome);
            return attempt;
        }
        const core::HttpReply reply = send(std::get<core::OpenCpsRequest>(next));
        attempt.answered = reply.status != 0;
        auto result = core::on_opencps_reply(progress, reply);
        if (auto* outcome = std::get_if<core::SubmitOutcome>(&result)) {
            attempt.outcome = std::move(*outcome);
            return attempt;
        }
        progress = std::get<core::OpenCpsProgress>(result);
        // Saved before the next request: a crash from here on resumes after this step.
        if (!save_progress(core::to_progress_json(progress))) {
            attempt.outcome = core::SubmitRetry{
                "store_failed", "the OpenCPS progress could not be saved in the outbox", {}};
            return attempt;
        }
    }
    attempt.outcome = core::SubmitRetry{
        "portal_bad_reply",
        "OpenCPS: no outcome after " + std::to_string(MaxStepsPerAttempt) + " requests",
        {}};
    return attempt;
}

core::LookupOutcome OpenCpsPortal::lookup(const std::string& code, const std::string& progress) {
    const core::HttpReply reply =
        send(core::opencps_lookup_request(code, progress, m_options.config));
    return core::interpret_opencps_lookup(reply, m_options.mapping);
}

std::optional<core::HttpReply> OpenCpsPortal::reference(const std::string& name,
                                                        const std::string& if_none_match) {
    if (name != "thutuc") return std::nullopt;
    core::HttpReply reply =
        send(core::opencps_serviceinfos_request(m_options.config), CatalogueMaxBody);
    if (reply.status != 200) return reply;  // the caller logs it and tries again later
    auto catalogue = core::map_serviceinfos(reply.body, m_options.mapping);
    if (!catalogue) {
        log_error("reference_refused", catalogue.error().detail);
        core::HttpReply refused;
        refused.transport_error = "OpenCPS /serviceinfos: " + catalogue.error().detail;
        return refused;
    }
    std::string report;
    for (const auto& line : catalogue->unmapped) report += (report.empty() ? "" : "; ") + line;
    if (report != m_logged_unmapped) {
        if (!report.empty()) log_info("opencps_catalogue_unmapped", report);
        m_logged_unmapped = report;
    }
    // Our format: the bundled definitions of the procedures the portal publishes, in the order
    // the portal lists them. The texts were checked when read; the kiosk checks them again.
    const std::set<std::string> offered(catalogue->offered_codes.begin(),
                                        catalogue->offered_codes.end());
    std::string body = "{\"procedures\":[";
    bool first = true;
    std::set<std::string> served;
    for (const auto& file : m_options.bundled_procedures) {
        auto procedure = core::parse_procedure(file.text, file.name);
        if (!procedure || !offered.count(procedure->code) || served.count(procedure->code))
            continue;
        served.insert(procedure->code);
        body += (first ? "" : ",") + file.text;
        first = false;
    }
    body += "]}";
    for (const auto& code : catalogue->offered_codes)
        if (!served.count(code))
            log_warning("opencps_procedure_not_bundled",
                        code + ": the portal publishes it, but this kiosk has no definition");
    core::HttpReply ours;
    ours.etag = etag_of(body);
    ours.content_type = "application/json";
    if (etag_matches(if_none_match, ours.etag)) {
        ours.status = 304;
        return ours;
    }
    ours.status = 200;
    ours.body = std::move(body);
    return ours;
}

core::RatingOutcome OpenCpsPortal::rate(const std::string& body_json) {
    const std::string code = rated_code(body_json);
    std::string progress;
    if (m_options.progress_of && !code.empty()) {
        auto entry = m_options.progress_of(code);
        if (!entry) {
            log_error("outbox_unreadable", entry.error().detail);
            return core::RatingOutcome::Retry;  // kept; asked again with the next pass
        }
        if (*entry) {
            // Rated on the receipt, before the dossier reached OpenCPS: it waits for its
            // dossierId (a cancelled dossier never gets one: that rating goes to staff).
            if (core::read_progress((**entry).portal_progress).progress.dossier_id <= 0)
                return (**entry).state == core::OutboxState::Cancelled
                           ? core::RatingOutcome::Refused
                           : core::RatingOutcome::Waiting;
            progress = (**entry).portal_progress;
        }
    }
    auto first = core::opencps_votings_request(body_json, progress, m_options.config);
    if (auto* outcome = std::get_if<core::RatingOutcome>(&first)) return *outcome;
    const core::HttpReply votings = send(std::get<core::OpenCpsRequest>(first));
    auto second =
        core::opencps_rating_result_request(votings, body_json, progress, m_options.config);
    if (auto* outcome = std::get_if<core::RatingOutcome>(&second)) return *outcome;
    return core::interpret_opencps_rating_reply(send(std::get<core::OpenCpsRequest>(second)));
}

bool OpenCpsPortal::heartbeat(const std::string&) {
    return true;
}

}  // namespace motcua::platform
