// OpenCpsPortal (platform/http/opencps_portal) against the real `portal-sim --api opencps` over
// loopback: a filing's four steps, every fault the simulator can play, a restart between two
// steps, status lookup, rating and the catalogue. The contract: docs/portal-api.md, Adapters.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/catalog/loader.h"
#include "core/filing/kiosk_messages.h"
#include "opencps_fixtures.h"
#include "platform/assets.h"

using motcua::core::FilingAttempt;
using motcua::core::OutboxEntry;
using motcua::platform::OpenCpsPortal;
using motcua::test::OpenCpsSim;
using Json = nlohmann::json;

namespace {

std::unique_ptr<OpenCpsPortal> make_portal(
    const OpenCpsSim& sim, long total_timeout_ms = 5000,
    const std::string& user = motcua::test::OpenCpsUser,
    const std::string& password = motcua::test::OpenCpsPassword,
    const std::string& group = motcua::test::OpenCpsGroup,
    const std::string& agency = motcua::test::OpenCpsAgency) {
    const std::string credentials = motcua::test::write_credentials(
        sim.dir(), user, password, "credentials-" + std::to_string(total_timeout_ms));
    auto settings = motcua::test::opencps_settings(sim.url(), credentials, total_timeout_ms);
    settings.group_id = group;
    settings.agency = agency;
    auto options = motcua::platform::load_opencps_options(settings);
    INFO((options ? std::string() : options.error().code + ": " + options.error().detail));
    REQUIRE(options.ok());
    auto portal = OpenCpsPortal::create(std::move(options).value());
    REQUIRE(portal.ok());
    return std::move(portal).value();
}

// One attempt at filing `entry`; every progress saved lands in entry.portal_progress (as the
// worker stores it) and in `saved`.
FilingAttempt file_once(OpenCpsPortal& portal, OutboxEntry& entry,
                        std::vector<std::string>* saved = nullptr) {
    return portal.file(entry, [&](const std::string& progress) {
        entry.portal_progress = progress;
        if (saved) saved->push_back(progress);
        return true;
    });
}

// A copy: the attempt is often a temporary.
template <typename T>
T outcome_as(const FilingAttempt& attempt) {
    INFO("outcome index " << attempt.outcome.index());
    if (const auto* retry = std::get_if<motcua::core::SubmitRetry>(&attempt.outcome))
        INFO("retry " << retry->reason_code << ": " << retry->detail);
    if (const auto* held = std::get_if<motcua::core::SubmitHeld>(&attempt.outcome))
        INFO("held " << held->reason_code << ": " << held->detail);
    REQUIRE(std::holds_alternative<T>(attempt.outcome));
    return std::get<T>(attempt.outcome);
}

std::string step_of(const std::string& progress) {
    return progress.empty() ? "" : Json::parse(progress).value("step", "");
}

}  // namespace

TEST_CASE("a filing through OpenCPS takes four steps and is accepted with its dossierNo",
          "[opencps]") {
    OpenCpsSim sim;
    auto portal = make_portal(sim);
    motcua::test::SeededRandom random(1);
    OutboxEntry entry = motcua::test::new_entry(random);
    std::vector<std::string> saved;
    const FilingAttempt attempt = file_once(*portal, entry, &saved);
    const auto& accepted = outcome_as<motcua::core::SubmitAccepted>(attempt);
    CHECK(attempt.answered);

    // The progress was saved after each of the first three steps, in order.
    REQUIRE(saved.size() == 3);
    CHECK(step_of(saved[0]) == "created");
    CHECK(step_of(saved[1]) == "filled");
    CHECK(step_of(saved[2]) == "eform");

    const auto records = sim.with_reference(entry.idempotency_key);
    REQUIRE(records.size() == 1);
    const Json& record = records[0];
    CHECK(accepted.ma_ho_so == record["dossierNo"].get<std::string>());
    CHECK(accepted.ma_ho_so.rfind(motcua::test::OpenCpsAgency + "-", 0) == 0);
    CHECK(accepted.trang_thai == 2);  // "receiving"
    CHECK(accepted.ngay_hen_tra.size() == 14);
    CHECK(record["dossierStatus"] == "receiving");
    CHECK(record["serviceCode"] == "DVC-1.001193");
    CHECK(Json::parse(saved[0])["dossierId"] == record["dossierId"]);
    CHECK(sim.dossiers().size() == 1);

    SECTION("filing it again returns the same dossier, never a second one") {
        OutboxEntry again = entry;
        again.portal_progress.clear();  // as if the progress had been lost
        const auto& second = outcome_as<motcua::core::SubmitAccepted>(file_once(*portal, again));
        CHECK(second.ma_ho_so == accepted.ma_ho_so);
        CHECK(sim.dossiers().size() == 1);
    }
}

TEST_CASE("a restart between two steps resumes at the next step and the portal keeps one dossier",
          "[opencps]") {
    OpenCpsSim sim;
    motcua::test::SeededRandom random(2);
    OutboxEntry entry = motcua::test::new_entry(random);
    const int stop_after = GENERATE(1, 2, 3);  // created, filled, eform
    INFO("stopped after step " << stop_after);
    {
        auto first = make_portal(sim);
        int steps = 0;
        // The kiosk dies right after saving step `stop_after`: the save reaches the outbox, and
        // the adapter is stopped before its next request (a false return).
        const FilingAttempt cut = first->file(entry, [&](const std::string& progress) {
            entry.portal_progress = progress;
            return ++steps < stop_after;
        });
        const auto& retry = outcome_as<motcua::core::SubmitRetry>(cut);
        CHECK(retry.reason_code == "store_failed");
    }
    const char* steps[] = {"", "created", "filled", "eform"};
    CHECK(step_of(entry.portal_progress) == steps[stop_after]);
    const Json before = sim.stats()["opencps"];
    auto second = make_portal(sim);  // a new adapter, as after a restart
    std::vector<std::string> saved;
    const auto& accepted =
        outcome_as<motcua::core::SubmitAccepted>(file_once(*second, entry, &saved));
    CHECK(saved.size() == static_cast<std::size_t>(3 - stop_after));
    const auto records = sim.with_reference(entry.idempotency_key);
    REQUIRE(records.size() == 1);
    CHECK(records[0]["dossierNo"] == accepted.ma_ho_so);
    CHECK(sim.dossiers().size() == 1);
    const Json after = sim.stats()["opencps"];
    CHECK(after["created"] == 1);
    // The resumed attempt did not start again at create.
    CHECK(after["reused"] == before["reused"]);
}

TEST_CASE("OpenCPS's authentication and refusal answers hold the dossier with the reason",
          "[opencps][faults]") {
    OpenCpsSim sim;
    motcua::test::SeededRandom random(3);
    OutboxEntry entry = motcua::test::new_entry(random);

    SECTION("203 Non-Authoritative Information (wrong password) is an auth failure") {
        auto portal = make_portal(sim, 5000, "kiosk", "wrong-password");
        const FilingAttempt attempt = file_once(*portal, entry);
        CHECK(portal->last_reply().status == 203);
        CHECK(attempt.answered);
        const auto& held = outcome_as<motcua::core::SubmitHeld>(attempt);
        CHECK(held.reason_code == "portal_unauthorized");
        CHECK(motcua::core::hold_kind(held.reason_code) == motcua::core::HoldKind::Auth);
    }
    SECTION("401 (another site's groupId) is an auth failure") {
        auto portal = make_portal(sim, 5000, motcua::test::OpenCpsUser,
                                  motcua::test::OpenCpsPassword, "99999");
        const FilingAttempt attempt = file_once(*portal, entry);
        CHECK(portal->last_reply().status == 401);
        const auto& held = outcome_as<motcua::core::SubmitHeld>(attempt);
        CHECK(held.reason_code == "portal_unauthorized");
    }
    SECTION("403 \"Cant find process\" (an agency the portal has no process for) reaches staff") {
        auto portal =
            make_portal(sim, 5000, motcua::test::OpenCpsUser, motcua::test::OpenCpsPassword,
                        motcua::test::OpenCpsGroup, "000.00.99.Z99");
        const FilingAttempt attempt = file_once(*portal, entry);
        CHECK(portal->last_reply().status == 403);
        const auto& held = outcome_as<motcua::core::SubmitHeld>(attempt);
        CHECK(held.reason_code == "portal_refused");
        CHECK(held.detail.find("Cant find process") != std::string::npos);
    }
    SECTION("403 from --refuse-rate: its description is the held detail") {
        sim.set_faults({{"refuse-rate", 1.0}});
        auto portal = make_portal(sim);
        const FilingAttempt attempt = file_once(*portal, entry);
        CHECK(portal->last_reply().status == 403);
        const Json reply = Json::parse(portal->last_reply().body);
        const std::string description = reply.value("description", "");
        REQUIRE_FALSE(description.empty());
        const auto& held = outcome_as<motcua::core::SubmitHeld>(attempt);
        CHECK(held.reason_code == "portal_refused");
        CHECK(held.detail.find(description) != std::string::npos);
    }
    CHECK(sim.with_reference(entry.idempotency_key).empty());
}

namespace {

struct FaultCase {
    std::string name;
    Json on;
    std::set<std::string> reasons;  // the Retry reasons the fault may give
    long total_timeout_ms = 5000;
};

std::vector<FaultCase> fault_cases() {
    return {
        {"200 without dossierId", {{"opencps-no-dossier-id", 1.0}}, {"opencps_incomplete_reply"}},
        {"fail-rate (5xx)", {{"fail-rate", 1.0}}, {"portal_server_error"}},
        {"latency beyond the timeout", {{"latency-ms", 1500}}, {"portal_timeout"}, 500},
        {"slow body beyond the timeout", {{"slow-body-ms", 1500}}, {"portal_timeout"}, 500},
        {"drop before read", {{"drop-before-read", 1.0}}, {"portal_unreachable"}},
        {"drop after commit", {{"drop-after-commit", 1.0}}, {"portal_unreachable"}},
        {"malformed JSON",
         {{"malformed-json", 1.0}},
         {"portal_bad_reply", "opencps_incomplete_reply"}},
        {"rate limit (429)", {{"rate-limit", 1.0}, {"retry-after", 7}}, {"portal_rate_limited"}},
        {"captive portal", {{"captive-portal", true}}, {"captive_portal"}},
    };
}

Json faults_off() {
    return {{"opencps-no-dossier-id", 0.0},
            {"fail-rate", 0.0},
            {"latency-ms", 0},
            {"slow-body-ms", 0},
            {"drop-before-read", 0.0},
            {"drop-after-commit", 0.0},
            {"malformed-json", 0.0},
            {"rate-limit", 0.0},
            {"captive-portal", false}};
}

}  // namespace

TEST_CASE("every simulator fault in OpenCPS mode is retried, never accepted, then filed once",
          "[opencps][faults]") {
    const auto cases = fault_cases();
    const std::size_t index = GENERATE_COPY(range(std::size_t{0}, cases.size()));
    const FaultCase& fault = cases[index];
    INFO("fault: " << fault.name);

    OpenCpsSim sim;
    auto portal = make_portal(sim, fault.total_timeout_ms);
    motcua::test::SeededRandom random(10 + index);
    OutboxEntry entry = motcua::test::new_entry(random);
    sim.set_faults(fault.on);
    // Two attempts under the fault: each is a Retry for the fault's reason, none accepted.
    for (int attempt_number = 1; attempt_number <= 2; ++attempt_number) {
        INFO("attempt " << attempt_number);
        const FilingAttempt attempt = file_once(*portal, entry);
        const auto& retry = outcome_as<motcua::core::SubmitRetry>(attempt);
        INFO("reason " << retry.reason_code << ": " << retry.detail);
        CHECK(fault.reasons.count(retry.reason_code) == 1);
        if (fault.on.contains("retry-after")) CHECK(retry.retry_after_seconds == 7);
    }
    for (const auto& record : sim.dossiers()) CHECK(record.value("dossierNo", "").empty());

    sim.set_faults(faults_off());
    const auto& accepted = outcome_as<motcua::core::SubmitAccepted>(file_once(*portal, entry));
    const auto records = sim.with_reference(entry.idempotency_key);
    REQUIRE(records.size() == 1);
    CHECK(records[0]["dossierNo"] == accepted.ma_ho_so);
    CHECK(sim.dossiers().size() == 1);
    if (fault.on.contains("drop-after-commit")) {
        // The create was committed before its answer was dropped: the resend found it.
        CHECK(sim.stats()["opencps"]["created"] == 1);
    }
    if (fault.on.contains("opencps-no-dossier-id"))
        CHECK(sim.stats()["opencps"]["no_dossier_id"].get<int>() >= 2);
}

TEST_CASE("an OpenCPS status lookup uses the dossier's secret and maps the status words",
          "[opencps][lookup]") {
    OpenCpsSim sim;
    auto portal = make_portal(sim);
    motcua::test::SeededRandom random(4);
    OutboxEntry entry = motcua::test::new_entry(random);
    const auto accepted = outcome_as<motcua::core::SubmitAccepted>(file_once(*portal, entry));
    REQUIRE(Json::parse(entry.portal_progress).value("password", "") != "");

    SECTION("by this kiosk's own filing: dossierId and secretCode from the progress") {
        const auto outcome = portal->lookup(accepted.ma_ho_so, entry.portal_progress);
        REQUIRE(std::holds_alternative<motcua::core::LookupFound>(outcome));
        const auto& status = std::get<motcua::core::LookupFound>(outcome).status;
        CHECK(status.ma_ho_so == accepted.ma_ho_so);
        CHECK(status.trang_thai == 2);
        CHECK(status.ma_tthc == "1.001193");
        sim.set_status(accepted.ma_ho_so, "done");
        const auto done = portal->lookup(accepted.ma_ho_so, entry.portal_progress);
        REQUIRE(std::holds_alternative<motcua::core::LookupFound>(done));
        CHECK(std::get<motcua::core::LookupFound>(done).status.trang_thai == 10);
    }
    SECTION("a wrong secret is never an answer") {
        Json progress = Json::parse(entry.portal_progress);
        progress["password"] = "WRONG123";
        const auto outcome = portal->lookup(accepted.ma_ho_so, progress.dump());
        CHECK_FALSE(std::holds_alternative<motcua::core::LookupFound>(outcome));
        CHECK_FALSE(std::holds_alternative<motcua::core::LookupNotFound>(outcome));
    }
    SECTION("a code the portal does not know is not found") {
        const auto outcome = portal->lookup("000.00.01.H29-260101-9999", "");
        CHECK(std::holds_alternative<motcua::core::LookupNotFound>(outcome));
    }
}

TEST_CASE(
    "a rating goes to the dossier's voting, waits for one still in the outbox, and is refused for "
    "an unknown one",
    "[opencps][rating]") {
    OpenCpsSim sim;
    motcua::test::SeededRandom random(5);
    OutboxEntry entry = motcua::test::new_entry(random);
    std::map<std::string, std::string> progress_by_code;
    const std::string credentials = motcua::test::write_credentials(sim.dir());
    auto options = motcua::platform::load_opencps_options(
        motcua::test::opencps_settings(sim.url(), credentials));
    REQUIRE(options.ok());
    std::optional<OutboxEntry> waiting;  // in the outbox, not yet on the portal
    options->progress_of =
        [&](const std::string& code) -> motcua::core::Result<std::optional<OutboxEntry>> {
        if (waiting && code == waiting->provisional_code) return waiting;
        auto it = progress_by_code.find(code);
        if (it == progress_by_code.end()) return std::optional<OutboxEntry>();
        OutboxEntry found;
        found.state = motcua::core::OutboxState::Accepted;
        found.portal_progress = it->second;
        return std::optional<OutboxEntry>(found);
    };
    auto portal = OpenCpsPortal::create(std::move(options).value());
    REQUIRE(portal.ok());
    const auto accepted = outcome_as<motcua::core::SubmitAccepted>(file_once(**portal, entry));
    progress_by_code[accepted.ma_ho_so] = entry.portal_progress;

    CHECK((*portal)->rate(motcua::core::rating_body(accepted.ma_ho_so, 3, "KIOSK-01")) ==
          motcua::core::RatingOutcome::Sent);
    const Json stats = sim.stats()["opencps"];
    CHECK(stats["votes"] == 1);
    CHECK((*portal)->rate(motcua::core::rating_body("000.00.01.H29-260101-9999", 2, "KIOSK-01")) ==
          motcua::core::RatingOutcome::Refused);
    CHECK(sim.stats()["opencps"]["votes"] == 1);
    // Rated on the receipt while the dossier still waits in the outbox: kept and sent later,
    // not refused; unless staff cancelled that dossier.
    waiting = motcua::test::new_entry(random);
    CHECK((*portal)->rate(motcua::core::rating_body(waiting->provisional_code, 3, "KIOSK-01")) ==
          motcua::core::RatingOutcome::Waiting);
    waiting->state = motcua::core::OutboxState::Cancelled;
    CHECK((*portal)->rate(motcua::core::rating_body(waiting->provisional_code, 3, "KIOSK-01")) ==
          motcua::core::RatingOutcome::Refused);
    CHECK(sim.stats()["opencps"]["votes"] == 1);
}

TEST_CASE("the catalogue is the bundled procedures the portal publishes, revalidated by ETag",
          "[opencps][catalogue]") {
    OpenCpsSim sim;
    auto portal = make_portal(sim);
    const auto reply = portal->reference("thutuc", "");
    REQUIRE(reply.has_value());
    REQUIRE(reply->status == 200);
    CHECK_FALSE(reply->etag.empty());
    auto catalog = motcua::core::parse_portal_catalog(reply->body, "opencps:thutuc");
    REQUIRE(catalog.ok());
    CHECK(catalog->problems.empty());
    // The simulator publishes one serviceinfo per mapping row (plus one unmapped extra): every
    // mapped procedure the kiosk has a definition for is offered, and nothing else.
    std::set<std::string> codes;
    for (const auto& procedure : catalog->procedures) codes.insert(procedure.code);
    CHECK(codes.count("1.001193") == 1);
    const auto mapping_text =
        motcua::test::read_file(std::string(MOTCUA_SOURCE_ASSETS) + "/config/opencps-mapping.json");
    const auto mapping = motcua::core::parse_opencps_mapping(mapping_text, "mapping");
    REQUIRE(mapping.ok());
    for (const auto& code : codes) CHECK(mapping->find_by_code(code) != nullptr);
    const auto bundled =
        motcua::platform::load_catalog(std::string(MOTCUA_SOURCE_ASSETS) + "/procedures");
    std::size_t mapped_and_bundled = 0;
    for (const auto& procedure : bundled.procedures)
        mapped_and_bundled += mapping->find_by_code(procedure.code) ? 1 : 0;
    CHECK(codes.size() == mapped_and_bundled);

    const auto again = portal->reference("thutuc", reply->etag);
    REQUIRE(again.has_value());
    CHECK(again->status == 304);
    CHECK_FALSE(portal->reference("donvihanhchinh", "").has_value());
    CHECK(portal->heartbeat("{}"));
}

TEST_CASE("the OpenCPS credentials file follows the token file's rules", "[opencps][config]") {
    motcua::test::TempDir dir;
    const std::string path = dir.file("credentials");
    SECTION("a good file is split at the first colon") {
        motcua::test::write_file(path, "kiosk:pa:ss word\n");
        REQUIRE(chmod(path.c_str(), 0600) == 0);
        auto credentials = motcua::platform::read_credentials_file(path);
        REQUIRE(credentials.ok());
        CHECK(credentials->user == "kiosk");
        CHECK(credentials->password == "pa:ss word");
    }
    SECTION("readable by others is refused") {
        motcua::test::write_file(path, "kiosk:secret\n");
        REQUIRE(chmod(path.c_str(), 0644) == 0);
        auto credentials = motcua::platform::read_credentials_file(path);
        REQUIRE_FALSE(credentials.ok());
        CHECK(credentials.error().code == "credentials_unsafe");
    }
    SECTION("no colon, an empty part or a control character is refused without the secret") {
        const std::string bad = GENERATE(as<std::string>{}, "kiosk", ":secret",
                                         "kiosk:", "kiosk:sec\x01ret", "kiosk:sec\nX-Injected: 1");
        motcua::test::write_file(path, bad);
        REQUIRE(chmod(path.c_str(), 0600) == 0);
        auto credentials = motcua::platform::read_credentials_file(path);
        REQUIRE_FALSE(credentials.ok());
        CHECK(credentials.error().code == "credentials_invalid");
        CHECK(credentials.error().detail.find("secret") == std::string::npos);
    }
    SECTION("a missing file") {
        auto credentials = motcua::platform::read_credentials_file(dir.file("none"));
        REQUIRE_FALSE(credentials.ok());
        CHECK(credentials.error().code == "credentials_missing");
    }
}

TEST_CASE("the generic request refuses a header or path that would inject, and sends nothing",
          "[opencps][portal-client]") {
    OpenCpsSim sim;
    motcua::platform::PortalClientOptions options;
    options.base_url = sim.url();
    auto client = motcua::platform::CurlPortalClient::create(options);
    REQUIRE(client.ok());
    motcua::platform::PortalRequest request;
    request.method = "PUT";
    request.path = "/o/rest/v2/dossiers/1";
    request.content_type = "application/x-www-form-urlencoded";
    request.body = "applicantName=A";
    SECTION("a CR LF in a header") {
        request.headers = {"groupId: 35417\r\nX-Injected: 1"};
        const auto reply = (*client)->request(request);
        CHECK(reply.status == 0);
        CHECK(reply.transport_error.find("groupId") != std::string::npos);
    }
    SECTION("a space in the path") {
        request.path = "/o/rest/v2/dossiers/1 HTTP/1.1";
        CHECK((*client)->request(request).status == 0);
    }
    SECTION("a method we do not send") {
        request.method = "DELETE";
        CHECK((*client)->request(request).status == 0);
    }
    SECTION("a clean PUT reaches the portal (403: no such dossier)") {
        request.headers = {"groupId: 35417", "Authorization: Basic a2lvc2s6a2lvc2stZGV2"};
        const auto reply = (*client)->request(request);
        CHECK(reply.status == 403);
        CHECK(reply.body.find("Dossier not found") != std::string::npos);
    }
    CHECK(sim.dossiers().empty());

    SECTION("a groupId with a newline is refused before any request") {
        motcua::platform::OpenCpsOptions opencps;
        opencps.transport.base_url = sim.url();
        opencps.config.group_id = "35417\nX: 1";
        opencps.config.gov_agency_code = motcua::test::OpenCpsAgency;
        opencps.credentials = {"kiosk", "kiosk-dev"};
        auto portal = OpenCpsPortal::create(opencps);
        REQUIRE_FALSE(portal.ok());
        CHECK(portal.error().code == "opencps_config_invalid");
    }
}
