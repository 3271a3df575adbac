// The real FilingWorker against the real portal-sim, one injected fault at a time: while the
// fault is on, nothing is lost and retries keep the same key; once it is off, every dossier is
// on the portal exactly once, the outbox holds the MaHoSo the portal issued, and the personal
// data is gone from the kiosk. A permanent refusal (a wrong token) holds the dossiers for staff.
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <variant>

#include "filing_fixtures.h"
#include "platform/filing_worker.h"
#include "platform/store/outbox_store.h"

using motcua::core::OutboxEntry;
using motcua::core::OutboxState;
using motcua::platform::FilingWorker;
using motcua::platform::OutboxStore;
using motcua::platform::PortalClientOptions;
using motcua::test::FilingSim;
using motcua::test::SeededRandom;
using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr int Dossiers = 3;
constexpr auto CaseBound = 20s;  // the longest any wait in one case may take

// When a fault has shown itself well enough to be switched off.
enum class Until {
    EveryEntryFailsTwice,  // a fault that would last forever: every entry failed twice, none sent
    EveryEntryHit,         // a fault that heals itself: every entry failed at least once
    CounterReaches,        // a share of requests: the simulator counted enough injections
};

struct FaultCase {
    std::string name;
    Json on;                        // POST /sim/faults to switch it on
    Json off;                       // ... and off
    std::set<std::string> reasons;  // every last_error_code the outbox may show meanwhile
    std::string counter;            // the /sim/stats counter of this fault, or ""
    Until until;
    int min_count = 1;  // CounterReaches: how many injections
    long total_timeout_ms = 2000;
};

std::vector<FaultCase> fault_cases() {
    return {
        {"latency beyond the client's total timeout",
         {{"latency-ms", 1500}},
         {{"latency-ms", 0}},
         {"portal_timeout", "portal_in_progress"},
         "",
         Until::EveryEntryHit,
         1,
         400},
        {"a share of 503 answers",
         {{"fail-rate", 0.5}, {"seed", 3}},
         {{"fail-rate", 0.0}},
         {"portal_server_error"},
         "injected_failures",
         Until::CounterReaches,
         2},
        {"the connection dropped before the request is read",
         {{"drop-before-read", 1.0}},
         {{"drop-before-read", 0.0}},
         {"portal_unreachable"},
         "dropped_before_read",
         Until::EveryEntryFailsTwice},
        {"the connection dropped after the portal committed the dossier",
         {{"drop-after-commit", 1.0}},
         {{"drop-after-commit", 0.0}},
         {"portal_unreachable"},
         "dropped_after_commit",
         Until::EveryEntryHit},
        {"a 201 body that trickles in slower than the total timeout",
         {{"slow-body-ms", 300}},
         {{"slow-body-ms", 0}},
         {"portal_timeout"},
         "",
         Until::EveryEntryFailsTwice,
         1,
         400},
        {"a 201 whose JSON is cut in half",
         {{"malformed-json", 1.0}},
         {{"malformed-json", 0.0}},
         {"portal_bad_reply"},
         "malformed",
         Until::EveryEntryFailsTwice},
        {"a captive Wi-Fi page answering 200 HTML",
         {{"captive-portal", true}},
         {{"captive-portal", false}},
         {"captive_portal"},
         "captive",
         Until::EveryEntryFailsTwice},
        {"429 rate limiting with Retry-After",
         {{"rate-limit", 1.0}, {"retry-after", 1}},
         {{"rate-limit", 0.0}},
         {"portal_rate_limited"},
         "rate_limited",
         Until::EveryEntryFailsTwice},
    };
}

PortalClientOptions client_options(const std::string& url, const std::string& token,
                                   long total_timeout_ms) {
    PortalClientOptions options;
    options.base_url = url;
    options.token = token;
    options.connect_timeout_ms = 1000;
    options.total_timeout_ms = total_timeout_ms;
    return options;
}

// The kiosk side of one case: a temporary outbox with a few committed dossiers, and the worker.
struct Kiosk {
    Kiosk(const FilingSim& sim, const std::string& token, long total_timeout_ms, std::uint64_t seed)
        : random(seed), path(sim.dir().file("outbox.db")), store(motcua::test::open_outbox(path)) {
        for (int i = 0; i < Dossiers; ++i) entries.push_back(motcua::test::enqueue(*store, random));
        worker = make_worker(sim, token, total_timeout_ms);
    }

    std::unique_ptr<FilingWorker> make_worker(const FilingSim& sim, const std::string& token,
                                              long total_timeout_ms) const {
        // A small policy: retries within 50 ms, never more than 500 ms apart (bar Retry-After).
        return std::make_unique<FilingWorker>(
            path,
            motcua::platform::portal_factory(
                {"motcua", client_options(sim.url(), token, total_timeout_ms)}),
            motcua::core::RetryPolicy{50, 500},
            /*stale_after_ms=*/3'600'000, nullptr);
    }

    std::vector<OutboxEntry> load() const {
        auto all = store->all();
        REQUIRE(all.ok());
        return std::move(*all);
    }

    int count_in(OutboxState state) const {
        int n = 0;
        for (const auto& entry : load()) n += entry.state == state ? 1 : 0;
        return n;
    }

    SeededRandom random;
    std::string path;
    std::unique_ptr<OutboxStore> store;
    std::vector<OutboxEntry> entries;
    std::unique_ptr<FilingWorker> worker;
};

// What the worker told the UI, per provisional code.
struct Told {
    std::map<std::string, std::vector<motcua::core::intent::Accepted>> accepted;
    std::map<std::string, std::vector<motcua::core::intent::Held>> held;
};

Told collect(FilingWorker& worker) {
    Told told;
    for (auto& intent : worker.take_results()) {
        if (auto* accepted = std::get_if<motcua::core::intent::Accepted>(&intent))
            told.accepted[accepted->provisional_code].push_back(*accepted);
        else if (auto* held = std::get_if<motcua::core::intent::Held>(&intent))
            told.held[held->provisional_code].push_back(*held);
    }
    return told;
}

// Every dossier on the portal exactly once, and the outbox agrees with the portal.
void check_filed_exactly_once(const FilingSim& sim, const Kiosk& kiosk, const Told& told) {
    const Json dossiers = sim.dossiers();
    CHECK(dossiers.size() == kiosk.entries.size());
    for (const OutboxEntry& original : kiosk.entries) {
        const std::string& code = original.provisional_code;
        INFO("dossier " << code);
        Json on_portal;
        int copies = 0;
        for (const auto& dossier : dossiers)
            if (dossier["MaTam"] == code) {
                ++copies;
                on_portal = dossier;
            }
        REQUIRE(copies == 1);
        CHECK(on_portal["IdempotencyKey"] == original.idempotency_key);
        CHECK(on_portal["HoSo"] == Json::parse(original.payload_json));

        auto found = kiosk.store->find(code);
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        const OutboxEntry& entry = **found;
        CHECK(entry.state == OutboxState::Accepted);
        CHECK(entry.ma_ho_so == on_portal["MaHoSo"].get<std::string>());
        CHECK(entry.ngay_hen_tra == on_portal["NgayHenTra"].get<std::string>());
        CHECK(entry.trang_thai == 1);
        CHECK(entry.last_error_code.empty());
        // Personal data purged once the portal has it; the receipt fields stay.
        CHECK(entry.personal_data_purged);
        const Json payload = Json::parse(entry.payload_json);
        CHECK_FALSE(payload.contains("ChuHoSo"));
        CHECK_FALSE(payload.contains("DuLieuToKhai"));
        CHECK_FALSE(payload.contains("SoDienThoai"));
        CHECK(payload["MaTam"] == code);

        // The UI heard "accepted" exactly once, with the same MaHoSo.
        const auto it = told.accepted.find(code);
        REQUIRE(it != told.accepted.end());
        REQUIRE(it->second.size() == 1);
        CHECK(it->second[0].ma_ho_so == entry.ma_ho_so);
        CHECK(it->second[0].ngay_hen_tra == entry.ngay_hen_tra);
    }
    CHECK(told.held.empty());
}

}  // namespace

TEST_CASE("every simulator fault ends with each dossier filed exactly once", "[faults]") {
    const auto cases = fault_cases();
    const std::size_t index = GENERATE_COPY(range(std::size_t{0}, cases.size()));
    const FaultCase& fault = cases[index];
    INFO("fault: " << fault.name);

    FilingSim sim;
    sim.set_faults(fault.on);
    Kiosk kiosk(sim, motcua::test::FilingToken, fault.total_timeout_ms, 100 + index);
    const auto started = std::chrono::steady_clock::now();
    kiosk.worker->start();

    // While the fault is on: watch the outbox (what staff would see) until it has shown itself.
    std::set<std::string> seen;
    bool accepted_while_on = false;
    const bool showed = motcua::test::wait_until(
        [&] {
            const auto entries = kiosk.load();
            int failed_twice = 0, hit = 0, accepted = 0;
            for (const auto& entry : entries) {
                if (entry.state != OutboxState::Accepted && !entry.last_error_code.empty())
                    seen.insert(entry.last_error_code);
                if (entry.state == OutboxState::Accepted) {
                    accepted_while_on = true;
                    ++accepted;
                }
                if (entry.state != OutboxState::Accepted && entry.attempts >= 2) ++failed_twice;
                const bool failed_once =
                    entry.state == OutboxState::Accepted
                        ? entry.attempts >= 2
                        : entry.attempts >= 1 && fault.reasons.count(entry.last_error_code) == 1;
                if (failed_once) ++hit;
            }
            switch (fault.until) {
                case Until::EveryEntryFailsTwice:
                    return failed_twice == Dossiers;
                case Until::EveryEntryHit:
                    return hit == Dossiers;
                case Until::CounterReaches:
                    // A share of requests fails: the dossiers may all be through before then.
                    return sim.stats()[fault.counter].get<int>() >= fault.min_count ||
                           accepted == Dossiers;
            }
            return false;
        },
        CaseBound);
    REQUIRE(showed);
    if (fault.until == Until::EveryEntryFailsTwice) CHECK_FALSE(seen.empty());
    for (const auto& reason : seen) {
        INFO("last_error_code " << reason);
        CHECK(fault.reasons.count(reason) == 1);
    }
    if (fault.until == Until::EveryEntryFailsTwice) CHECK_FALSE(accepted_while_on);

    sim.set_faults(fault.off);
    const bool all_accepted = motcua::test::wait_until(
        [&] { return kiosk.count_in(OutboxState::Accepted) == Dossiers; }, CaseBound);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    kiosk.worker->stop();
    REQUIRE(all_accepted);
    CHECK(elapsed < 2 * CaseBound);

    const Json stats = sim.stats();
    INFO("simulator stats: " << stats.dump());
    if (!fault.counter.empty()) CHECK(stats[fault.counter].get<int>() >= fault.min_count);
    CHECK(stats["accepted"] == Dossiers);  // stored once each, whatever the number of attempts
    if (fault.on.contains("drop-after-commit")) {
        CHECK(stats["dropped_after_commit"] == Dossiers);
        CHECK(stats["replays"].get<int>() >= Dossiers);  // the resend got the stored 201
    }
    check_filed_exactly_once(sim, kiosk, collect(*kiosk.worker));
    const auto status = kiosk.worker->status();
    CHECK(status.unsent == 0);
    CHECK(status.held == 0);
}

TEST_CASE("a wrong token holds every dossier for staff, and nothing reaches the portal",
          "[faults]") {
    FilingSim sim;
    Kiosk kiosk(sim, "not-this-kiosk's-token", 2000, 7);
    kiosk.worker->start();
    const bool all_held = motcua::test::wait_until(
        [&] { return kiosk.count_in(OutboxState::Held) == Dossiers; }, CaseBound);
    kiosk.worker->stop();
    REQUIRE(all_held);

    CHECK(sim.dossiers().empty());
    const Json stats = sim.stats();
    // One attempt each (a 401 is not retried; see attempts below), plus perhaps the worker's
    // heartbeat, refused for the same reason.
    CHECK(stats["unauthorized"].get<int>() >= Dossiers);
    CHECK(stats["unauthorized"].get<int>() <= Dossiers + 1);
    CHECK(stats["accepted"] == 0);
    const Told told = collect(*kiosk.worker);
    for (const OutboxEntry& original : kiosk.entries) {
        INFO("dossier " << original.provisional_code);
        auto found = kiosk.store->find(original.provisional_code);
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        const OutboxEntry& entry = **found;
        CHECK(entry.state == OutboxState::Held);
        CHECK(entry.attempts == 1);
        CHECK(entry.last_error_code == "portal_unauthorized");
        CHECK(entry.last_error_detail == "HTTP 401 (portal error code unauthorized)");
        // Not sent, so nothing purged: staff can still send it once the token is fixed.
        CHECK_FALSE(entry.personal_data_purged);
        CHECK(entry.payload_json == original.payload_json);
        const auto it = told.held.find(entry.provisional_code);
        REQUIRE(it != told.held.end());
        REQUIRE(it->second.size() == 1);
        CHECK(it->second[0].reason == "portal_unauthorized");
    }
    CHECK(told.accepted.empty());
    CHECK(kiosk.worker->status().held == Dossiers);

    SECTION("once the token is fixed, a staff retry files each of them exactly once") {
        for (const OutboxEntry& entry : kiosk.load()) {
            const OutboxEntry retried =
                motcua::core::on_staff_retry(entry, motcua::test::wall_ms());
            REQUIRE(kiosk.store->update(retried).ok());
        }
        kiosk.worker = kiosk.make_worker(sim, motcua::test::FilingToken, 2000);
        kiosk.worker->start();
        const bool all_accepted = motcua::test::wait_until(
            [&] { return kiosk.count_in(OutboxState::Accepted) == Dossiers; }, CaseBound);
        kiosk.worker->stop();
        REQUIRE(all_accepted);
        check_filed_exactly_once(sim, kiosk, collect(*kiosk.worker));
    }
}

TEST_CASE("an outbox that cannot be written holds the sending back without spinning", "[faults]") {
    FilingSim sim;
    Kiosk kiosk(sim, motcua::test::FilingToken, 2000, 8);
    // From here on, the worker's own connection opens read-only (a full or read-only disk).
    motcua::test::ConnectionSpy spy("/outbox.db", "PRAGMA query_only = 1;");
    kiosk.worker->start();
    REQUIRE(motcua::test::wait_until([&] { return spy.connection() != nullptr; }, 5s));

    // The worker cannot record "sending", so it must not send, and must not busy-loop either.
    rusage before{}, after{};
    getrusage(RUSAGE_SELF, &before);
    const auto window_start = std::chrono::steady_clock::now();
    motcua::test::wait_until([] { return false; }, 800ms, 100ms);
    getrusage(RUSAGE_SELF, &after);
    const auto window = std::chrono::steady_clock::now() - window_start;
    auto cpu_ms = [](const rusage& usage) {
        return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
               (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
    };
    const double busy = cpu_ms(after) - cpu_ms(before);
    const double window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(window).count();
    INFO("CPU " << busy << " ms in " << window_ms << " ms");
    CHECK(busy < 0.25 * window_ms);
    CHECK(sim.stats()["submissions"] == 0);
    CHECK(kiosk.count_in(OutboxState::Pending) == Dossiers);

    // Writable again: everything goes out, exactly once.
    motcua::test::exec(spy.connection(), "PRAGMA query_only = 0");
    const bool all_accepted = motcua::test::wait_until(
        [&] { return kiosk.count_in(OutboxState::Accepted) == Dossiers; }, CaseBound);
    kiosk.worker->stop();
    REQUIRE(all_accepted);
    check_filed_exactly_once(sim, kiosk, collect(*kiosk.worker));
}

TEST_CASE("a dossier whose outcome could not be saved is sent again without a restart",
          "[faults]") {
    // Slow answers leave time to make the store read-only while a request is out.
    FilingSim sim({"--latency-ms", "400"});
    Kiosk kiosk(sim, motcua::test::FilingToken, 3000, 9);
    motcua::test::ConnectionSpy spy("/outbox.db");
    kiosk.worker->start();
    REQUIRE(motcua::test::wait_until([&] { return kiosk.count_in(OutboxState::Sending) == 1; },
                                     CaseBound, 5ms));
    sqlite3* worker_db = spy.connection();
    REQUIRE(worker_db != nullptr);
    {
        // The portal accepts the dossier, and the worker cannot record it.
        motcua::test::exec(worker_db, "PRAGMA query_only = 1");
        motcua::test::StatementCounter updates(worker_db, "UPDATE");
        REQUIRE(motcua::test::wait_until([&] { return updates.count() >= 1; }, CaseBound, 5ms));
        CHECK(sim.stats()["accepted"] == 1);
        CHECK(kiosk.count_in(OutboxState::Sending) == 1);
        motcua::test::exec(worker_db, "PRAGMA query_only = 0");
    }
    // The disk is fine again: the stuck entry must go out again (same key, the portal replays
    // its answer) while the kiosk keeps running.
    const bool all_accepted = motcua::test::wait_until(
        [&] { return kiosk.count_in(OutboxState::Accepted) == Dossiers; }, CaseBound);
    kiosk.worker->stop();
    INFO("outbox: " << kiosk.count_in(OutboxState::Sending) << " sending, "
                    << kiosk.count_in(OutboxState::Pending) << " pending");
    REQUIRE(all_accepted);
    const Json stats = sim.stats();
    CHECK(stats["accepted"] == Dossiers);
    CHECK(stats["replays"].get<int>() >= 1);
    check_filed_exactly_once(sim, kiosk, collect(*kiosk.worker));
}

// [SECTION] holds that clear themselves (issue 9)

TEST_CASE(
    "a dossier held for a wrong token is sent on its own once the token is fixed and the kiosk "
    "restarts",
    "[faults]") {
    FilingSim sim;
    Kiosk kiosk(sim, "not-this-kiosk's-token", 2000, 21);
    kiosk.worker->start();
    REQUIRE(motcua::test::wait_until([&] { return kiosk.count_in(OutboxState::Held) == Dossiers; },
                                     CaseBound));
    REQUIRE(motcua::test::wait_until([&] { return kiosk.worker->status().held == Dossiers; },
                                     CaseBound));
    // The staff notice can name the cause: a token, not a slow network.
    CHECK(kiosk.worker->status().problem == motcua::core::HoldKind::Auth);
    CHECK(kiosk.worker->status().held_fixable == Dossiers);
    kiosk.worker->stop();

    // The token is fixed and the kiosk restarted; nobody touches the outbox.
    kiosk.worker = kiosk.make_worker(sim, motcua::test::FilingToken, 2000);
    kiosk.worker->start();
    const bool all_accepted = motcua::test::wait_until(
        [&] { return kiosk.count_in(OutboxState::Accepted) == Dossiers; }, CaseBound);
    kiosk.worker->stop();
    REQUIRE(all_accepted);
    check_filed_exactly_once(sim, kiosk, collect(*kiosk.worker));
    CHECK(kiosk.worker->status().problem == motcua::core::HoldKind::None);
}

TEST_CASE(
    "a dossier the portal refused stays held across a restart, and staff can retry or cancel it",
    "[faults]") {
    FilingSim sim;
    SeededRandom random(22);
    const std::string path = sim.dir().file("outbox.db");
    auto store = OutboxStore::open(path);
    REQUIRE(store.ok());
    // A dossier the portal refuses with 422 (a malformed submit time).
    OutboxEntry refused = motcua::test::new_entry(random);
    Json payload = Json::parse(refused.payload_json);
    payload["NgayNop"] = "12/03/2026";
    refused.payload_json = payload.dump();
    REQUIRE((*store)->insert(refused).ok());
    auto options = client_options(sim.url(), motcua::test::FilingToken, 2000);
    auto make_worker = [&] {
        return std::make_unique<FilingWorker>(
            path, motcua::platform::portal_factory({"motcua", options}),
            motcua::core::RetryPolicy{50, 500}, 3'600'000, nullptr);
    };
    auto state_of = [&] {
        auto found = (*store)->find(refused.provisional_code);
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        return **found;
    };
    auto worker = make_worker();
    worker->start();
    REQUIRE(
        motcua::test::wait_until([&] { return state_of().state == OutboxState::Held; }, CaseBound));
    REQUIRE(motcua::test::wait_until([&] { return worker->status().held == 1; }, CaseBound));
    CHECK(state_of().last_error_code == "portal_rejected");
    CHECK(worker->status().problem == motcua::core::HoldKind::Refused);
    CHECK(worker->status().held_fixable == 0);
    worker->stop();

    worker = make_worker();
    worker->start();
    // A restart retries only fixable holds: this one is not sent again.
    motcua::test::wait_until([] { return false; }, 500ms);
    CHECK(state_of().state == OutboxState::Held);
    CHECK(state_of().attempts == 1);

    SECTION("a staff retry sends it again") {
        worker->staff_retry(state_of().id);
        REQUIRE(motcua::test::wait_until(
            [&] {
                return state_of().attempts == 1 && state_of().state == OutboxState::Held &&
                       sim.stats()["submissions"].get<int>() >= 2;
            },
            CaseBound));
        CHECK(state_of().state == OutboxState::Held);  // refused again, for the same reason
    }
    SECTION("a staff cancel keeps the record with the reason, and it is never sent") {
        worker->staff_cancel(state_of().id, "resident filed at the counter");
        REQUIRE(motcua::test::wait_until([&] { return state_of().state == OutboxState::Cancelled; },
                                         CaseBound));
        const OutboxEntry cancelled = state_of();
        CHECK(cancelled.last_error_code == "cancelled");
        CHECK(cancelled.last_error_detail == "resident filed at the counter");
        CHECK(cancelled.payload_json == refused.payload_json);
        auto unfinished = (*store)->unfinished();
        REQUIRE(unfinished.ok());
        CHECK(unfinished->empty());
        auto counts = (*store)->counts();
        REQUIRE(counts.ok());
        CHECK(counts->cancelled == 1);
    }
    worker->stop();
}

// [SECTION] the wall clock jumps (issue 9): retry timers run on the monotonic clock

TEST_CASE(
    "a kiosk whose wall clock reads 1970 still sends every dossier and says its clock is wrong",
    "[faults][clock]") {
    FilingSim sim;
    Kiosk kiosk(sim, motcua::test::FilingToken, 2000, 23);  // entries stamped with the real time
    const auto started = std::chrono::steady_clock::now();
    kiosk.worker->use_wall_clock([started] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
            .count();  // a dead RTC: 1970-01-01 plus the uptime
    });
    kiosk.worker->start();
    const bool all_accepted = motcua::test::wait_until(
        [&] { return kiosk.count_in(OutboxState::Accepted) == Dossiers; }, CaseBound);
    REQUIRE(motcua::test::wait_until([&] { return kiosk.worker->status().clock_implausible; },
                                     CaseBound));
    kiosk.worker->stop();
    REQUIRE(all_accepted);
    check_filed_exactly_once(sim, kiosk, collect(*kiosk.worker));
}

TEST_CASE("the wall clock set back a year during a backoff delays no retry", "[faults][clock]") {
    FilingSim sim;
    Kiosk kiosk(sim, motcua::test::FilingToken, 2000, 24);
    std::atomic<std::int64_t> offset{0};
    kiosk.worker->use_wall_clock([&offset] { return motcua::test::wall_ms() + offset.load(); });
    sim.set_faults({{"captive-portal", true}});
    kiosk.worker->start();
    // Every entry is in its backoff (Retry, captive page) ...
    REQUIRE(motcua::test::wait_until(
        [&] {
            int retried = 0;
            for (const auto& entry : kiosk.load()) retried += entry.attempts >= 1 ? 1 : 0;
            return retried == Dossiers;
        },
        CaseBound));
    // ... when the clock is set back a year, and the network heals.
    offset = -365LL * 24 * 3600 * 1000;
    sim.set_faults({{"captive-portal", false}});
    const bool all_accepted = motcua::test::wait_until(
        [&] { return kiosk.count_in(OutboxState::Accepted) == Dossiers; }, CaseBound);
    kiosk.worker->stop();
    REQUIRE(all_accepted);
    check_filed_exactly_once(sim, kiosk, collect(*kiosk.worker));
}

// [SECTION] ratings (issue 8): kept in the outbox until the portal took them

TEST_CASE("a rating the portal could not take is kept in the outbox and sent after a restart",
          "[faults][rating]") {
    FilingSim sim;
    const std::string path = sim.dir().file("outbox.db");
    auto make_worker = [&] {
        return std::make_unique<FilingWorker>(
            path,
            motcua::platform::portal_factory(
                {"motcua", client_options(sim.url(), motcua::test::FilingToken, 2000)}),
            motcua::core::RetryPolicy{50, 500}, 3'600'000, nullptr);
    };
    const auto opened = motcua::test::open_outbox(path);
    auto& store = *opened;
    sim.set_faults({{"captive-portal", true}});
    auto worker = make_worker();
    worker->start();
    worker->send_rating("KD4MX7PA", 3, "KIOSK-01");
    REQUIRE(motcua::test::wait_until(
        [&] {
            auto waiting = store.unsent_ratings();
            return waiting && waiting->size() == 1 && waiting->front().attempts >= 1;
        },
        CaseBound));
    worker->stop();

    sim.set_faults({{"captive-portal", false}});
    worker = make_worker();
    worker->start();
    const bool sent = motcua::test::wait_until(
        [&] {
            auto waiting = store.unsent_ratings();
            return waiting && waiting->empty();
        },
        CaseBound);
    worker->stop();
    REQUIRE(sent);
    httplib::Client control(sim.url());
    auto ratings = control.Get("/sim/ratings");
    REQUIRE(ratings);
    const Json received = Json::parse(ratings->body);
    REQUIRE(received.size() == 1);
    CHECK(received[0]["MaTam"] == "KD4MX7PA");
    CHECK(received[0]["MucDo"] == 3);
}

TEST_CASE("a status lookup does not wait behind slow submits", "[faults][lookup]") {
    // Every answer takes a second: three submits in a row take three.
    FilingSim sim({"--latency-ms", "1000"});
    Kiosk kiosk(sim, motcua::test::FilingToken, 5000, 25);
    kiosk.worker->start();
    REQUIRE(motcua::test::wait_until([&] { return kiosk.count_in(OutboxState::Sending) == 1; },
                                     CaseBound, 5ms));
    kiosk.worker->lookup("000.00.01.H99-000000-9999");
    std::vector<motcua::core::Intent> results;
    int accepted_when_answered = -1;
    REQUIRE(motcua::test::wait_until(
        [&] {
            for (auto& result : kiosk.worker->take_results())
                if (std::holds_alternative<motcua::core::intent::LookupResult>(result))
                    accepted_when_answered = kiosk.count_in(OutboxState::Accepted);
            return accepted_when_answered >= 0;
        },
        CaseBound));
    kiosk.worker->stop();
    // Answered while dossiers were still going out, not after all of them.
    CHECK(accepted_when_answered < Dossiers);
}
