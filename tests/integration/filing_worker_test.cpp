// The real FilingWorker (and ReferenceSync) over the core::Portal port, driven by a scripted
// Portal: the port's contract is what is under test here, so the adapter is a small class that
// answers from a queue and records every call. The real curl path (MotcuaPortal) stays tested
// against portal-sim (outbox_faults_test, crash_test, portal_client_test).
//
// What it proves: accepted → intent + purge; retry → backoff, then resent with the same key;
// held → intent, then staff retry; a multi-step filing's progress is on disk before each next
// step and a kill between steps resumes at the saved step; a store that cannot save progress
// stops the attempt; a rating not taken is kept; the heartbeat goes out after the first frame;
// lookups are answered while a file() call is blocked.
#include "platform/filing_worker.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "core/filing/kiosk_messages.h"
#include "core/filing/portal.h"
#include "filing_fixtures.h"
#include "platform/reference_sync.h"
#include "platform/store/outbox_store.h"
#include "platform/system/clock.h"
#include "platform/system/metrics.h"

using motcua::core::FilingAttempt;
using motcua::core::OutboxEntry;
using motcua::core::OutboxState;
using motcua::core::RatingOutcome;
using motcua::core::SubmitAccepted;
using motcua::core::SubmitHeld;
using motcua::core::SubmitOutcome;
using motcua::core::SubmitRetry;
using motcua::platform::FilingWorker;
using motcua::platform::OutboxStore;
using motcua::test::SeededRandom;
using motcua::test::TempDir;
using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr auto Bound = 10s;  // the longest any single wait may take

// One scripted answer to Portal::file.
struct FileStep {
    std::vector<std::string> saves;  // progress saved in order, one per step of the API
    SubmitOutcome outcome = SubmitRetry{"script_empty", "no step scripted", 3600};
    bool answered = true;
    bool kill_after_first_save = false;  // SIGKILL this process between two steps
    bool block = false;                  // wait until Script::release
};

// What one file() call saw and did.
struct FileCall {
    const void* portal;
    std::string key;
    std::string progress_given;  // entry.portal_progress at the start
    int attempts_given;
    std::string last_error_given;
    std::int64_t next_attempt_given;
    std::int64_t monotonic_ms;
    std::vector<std::string> saved;    // saves that returned true
    std::vector<std::string> on_disk;  // the entry's portal_progress read back after each
    bool save_refused = false;
};

struct LookupCall {
    const void* portal;
    std::string code;
    std::string progress;
};

// Shared by every ScriptedPortal the factory makes (one per worker thread).
struct Script {
    std::string db_path;  // to read back what a save put on disk
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<FileStep> files;
    std::deque<RatingOutcome> ratings;
    motcua::core::LookupOutcome lookup_answer = motcua::core::LookupNotFound{};
    std::vector<FileCall> file_calls;
    std::vector<LookupCall> lookup_calls;
    std::vector<std::string> rated;
    std::vector<std::string> heartbeats;
    int made = 0;
    bool release = false;

    std::size_t count(const auto& calls) {
        std::lock_guard lock(mutex);
        return calls.size();
    }
    void unblock() {
        {
            std::lock_guard lock(mutex);
            release = true;
        }
        changed.notify_all();
    }
};

class ScriptedPortal final : public motcua::core::Portal {
public:
    explicit ScriptedPortal(Script& script) : m_script(script) {}

    FilingAttempt file(const OutboxEntry& entry,
                       const motcua::core::SaveProgress& save_progress) override {
        FileStep step;
        std::size_t index = 0;
        {
            std::lock_guard lock(m_script.mutex);
            if (!m_script.files.empty()) {
                step = std::move(m_script.files.front());
                m_script.files.pop_front();
            }
            m_script.file_calls.push_back({this,
                                           entry.idempotency_key,
                                           entry.portal_progress,
                                           entry.attempts,
                                           entry.last_error_code,
                                           entry.next_attempt_unix_ms,
                                           motcua::platform::system_monotonic_ms(),
                                           {},
                                           {},
                                           false});
            index = m_script.file_calls.size() - 1;
        }
        for (const std::string& progress : step.saves) {
            // The contract: save after each step; not saved → stop and Retry.
            if (!save_progress(progress)) {
                std::lock_guard lock(m_script.mutex);
                m_script.file_calls[index].save_refused = true;
                return {SubmitRetry{"portal_progress_not_saved", "the outbox refused it", {}},
                        true};
            }
            const std::string on_disk = read_back(entry.id);
            {
                std::lock_guard lock(m_script.mutex);
                m_script.file_calls[index].saved.push_back(progress);
                m_script.file_calls[index].on_disk.push_back(on_disk);
            }
            if (step.kill_after_first_save) ::kill(::getpid(), SIGKILL);
        }
        if (step.block) {
            std::unique_lock lock(m_script.mutex);
            m_script.changed.wait(lock, [this] { return m_script.release; });
        }
        m_script.changed.notify_all();
        return {step.outcome, step.answered};
    }

    motcua::core::LookupOutcome lookup(const std::string& code,
                                       const std::string& progress) override {
        std::lock_guard lock(m_script.mutex);
        m_script.lookup_calls.push_back({this, code, progress});
        return m_script.lookup_answer;
    }

    std::optional<motcua::core::HttpReply> reference(const std::string&,
                                                     const std::string&) override {
        return std::nullopt;  // this API publishes no reference documents
    }

    RatingOutcome rate(const std::string& body_json) override {
        std::lock_guard lock(m_script.mutex);
        m_script.rated.push_back(body_json);
        if (m_script.ratings.empty()) return RatingOutcome::Retry;
        const RatingOutcome outcome = m_script.ratings.front();
        m_script.ratings.pop_front();
        return outcome;
    }

    bool heartbeat(const std::string& body_json) override {
        std::lock_guard lock(m_script.mutex);
        m_script.heartbeats.push_back(body_json);
        return true;
    }

private:
    // Through a connection of its own: what another process would find after a kill.
    std::string read_back(std::int64_t id) {
        auto store = OutboxStore::open(m_script.db_path);
        if (!store) return "<cannot open: " + store.error().detail + ">";
        auto found = (*store)->by_id(id);
        if (!found || !*found) return "<not found>";
        return (*found)->portal_progress;
    }

    Script& m_script;
};

motcua::platform::PortalFactory factory(Script& script) {
    return [&script]() -> motcua::core::Result<std::unique_ptr<motcua::core::Portal>> {
        {
            std::lock_guard lock(script.mutex);
            ++script.made;
        }
        return std::unique_ptr<motcua::core::Portal>(std::make_unique<ScriptedPortal>(script));
    };
}

std::unique_ptr<FilingWorker> make_worker(const std::string& path, Script& script) {
    return std::make_unique<FilingWorker>(path, factory(script), motcua::core::RetryPolicy{50, 500},
                                          /*stale_after_ms=*/3'600'000, nullptr, "KIOSK-T");
}

// Releases a blocked file() before the worker (declared earlier) is stopped and joined.
struct Unblock {
    Script& script;
    ~Unblock() { script.unblock(); }
};

// Every intent the worker posted, gathered until `done` holds.
struct Told {
    std::vector<motcua::core::intent::Accepted> accepted;
    std::vector<motcua::core::intent::Held> held;
    std::vector<motcua::core::intent::LookupResult> lookups;
    void take(FilingWorker& worker) {
        for (auto& intent : worker.take_results()) {
            if (auto* a = std::get_if<motcua::core::intent::Accepted>(&intent))
                accepted.push_back(*a);
            else if (auto* h = std::get_if<motcua::core::intent::Held>(&intent))
                held.push_back(*h);
            else if (auto* l = std::get_if<motcua::core::intent::LookupResult>(&intent))
                lookups.push_back(*l);
        }
    }
};

template <typename Predicate>
bool gather_until(FilingWorker& worker, Told& told, Predicate done) {
    return motcua::test::wait_until(
        [&] {
            told.take(worker);
            return done();
        },
        Bound);
}

OutboxEntry stored(OutboxStore& store, std::int64_t id) {
    auto found = store.by_id(id);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    return **found;
}

SubmitAccepted receipt(const OutboxEntry& entry, const std::string& ma_ho_so) {
    return {ma_ho_so, entry.provisional_code, 1, "20261201100000", "20261208170000"};
}

// The kiosk side: a temporary outbox the scripted portal can read back.
struct Kiosk {
    TempDir dir;
    Script script;
    std::unique_ptr<OutboxStore> store;
    Kiosk() {
        script.db_path = dir.file("outbox.db");
        store = motcua::test::open_outbox(script.db_path);
    }
    OutboxEntry enqueue(std::uint64_t seed) {
        SeededRandom random(seed);
        return motcua::test::enqueue(*store, random);
    }
};

// Starts a worker, waits for its first intent::Accepted, stops it.
Told run_until_accepted(Script& script) {
    auto worker = make_worker(script.db_path, script);
    worker->start();
    Told told;
    REQUIRE(gather_until(*worker, told, [&] { return !told.accepted.empty(); }));
    worker->stop();
    return told;
}

}  // namespace

TEST_CASE("an accepted filing tells the session and purges the personal data", "[worker]") {
    Kiosk kiosk;
    Script& script = kiosk.script;
    OutboxStore* store = kiosk.store.get();
    const OutboxEntry entry = kiosk.enqueue(81);
    script.files.push_back({{}, receipt(entry, "000.00.01.H99-261201-0001")});

    const Told told = run_until_accepted(script);

    CHECK(told.accepted[0].provisional_code == entry.provisional_code);
    CHECK(told.accepted[0].ma_ho_so == "000.00.01.H99-261201-0001");
    CHECK(told.accepted[0].ngay_hen_tra == "20261208170000");
    const OutboxEntry after = stored(*store, entry.id);
    CHECK(after.state == OutboxState::Accepted);
    CHECK(after.ma_ho_so == "000.00.01.H99-261201-0001");
    CHECK(after.personal_data_purged);
    CHECK(after.payload_json.find("ChuHoSo") == std::string::npos);
    CHECK(after.payload_json.find("DuLieuToKhai") == std::string::npos);
    REQUIRE(script.count(script.file_calls) == 1);
    CHECK(script.file_calls[0].key == entry.idempotency_key);
    // One Portal per thread: the filing thread's and the lookup thread's.
    CHECK(script.made == 2);
}

TEST_CASE("a retry waits its backoff and is resent with the same key", "[worker]") {
    Kiosk kiosk;
    Script& script = kiosk.script;
    OutboxStore* store = kiosk.store.get();
    const OutboxEntry entry = kiosk.enqueue(82);
    // A 429 asking for a second, then the receipt.
    script.files.push_back({{}, SubmitRetry{"portal_rate_limited", "HTTP 429", 1}});
    script.files.push_back({{}, receipt(entry, "000.00.01.H99-261201-0002")});

    const Told told = run_until_accepted(script);

    REQUIRE(script.count(script.file_calls) == 2);
    const FileCall& first = script.file_calls[0];
    const FileCall& second = script.file_calls[1];
    CHECK(first.key == entry.idempotency_key);
    CHECK(second.key == entry.idempotency_key);
    CHECK(first.attempts_given == 0);
    CHECK(second.attempts_given == 1);
    CHECK(second.last_error_given == "portal_rate_limited");
    // Not resent before the second the portal asked for.
    CHECK(second.monotonic_ms - first.monotonic_ms >= 1000);
    CHECK(told.held.empty());
    CHECK(stored(*store, entry.id).state == OutboxState::Accepted);
}

TEST_CASE("a held filing tells the session and goes out again when staff retry it", "[worker]") {
    Kiosk kiosk;
    Script& script = kiosk.script;
    OutboxStore* store = kiosk.store.get();
    const OutboxEntry entry = kiosk.enqueue(83);
    script.files.push_back({{}, SubmitHeld{"portal_rejected", "HTTP 422"}});

    auto worker = make_worker(script.db_path, script);
    worker->start();
    Told told;
    REQUIRE(gather_until(*worker, told, [&] { return !told.held.empty(); }));
    CHECK(told.held[0].provisional_code == entry.provisional_code);
    CHECK(told.held[0].reason == "portal_rejected");
    const OutboxEntry held = stored(*store, entry.id);
    CHECK(held.state == OutboxState::Held);
    CHECK(held.last_error_code == "portal_rejected");
    CHECK_FALSE(held.personal_data_purged);  // staff may need it to call the resident
    CHECK(worker->status().held == 1);

    {
        std::lock_guard lock(script.mutex);
        script.files.push_back({{}, receipt(entry, "000.00.01.H99-261201-0003")});
    }
    worker->staff_retry(entry.id);
    REQUIRE(gather_until(*worker, told, [&] { return !told.accepted.empty(); }));
    worker->stop();
    REQUIRE(script.count(script.file_calls) == 2);
    CHECK(script.file_calls[1].key == entry.idempotency_key);
    CHECK(script.file_calls[1].attempts_given == 0);  // a staff retry starts a fresh backoff
    CHECK(stored(*store, entry.id).state == OutboxState::Accepted);
}

TEST_CASE("a multi-step filing saves each step before the next and resumes after a kill",
          "[worker]") {
    TempDir dir;
    Script script;
    script.db_path = dir.file("outbox.db");
    SeededRandom random(84);
    OutboxEntry entry;
    {
        auto store = motcua::test::open_outbox(script.db_path);
        entry = motcua::test::enqueue(*store, random);
    }

    // The kiosk: step one ("created") is saved, then the process is killed before step two.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        Script doomed;
        doomed.db_path = script.db_path;
        doomed.files.push_back({{"created:41", "filed:41"}, SubmitRetry{}, true, true});
        FilingWorker worker(doomed.db_path, factory(doomed), motcua::core::RetryPolicy{50, 500},
                            3'600'000, nullptr);
        worker.start();
        std::this_thread::sleep_for(Bound);
        ::_exit(3);  // the kill never came
    }
    int wait_status = 0;
    REQUIRE(::waitpid(child, &wait_status, 0) == child);
    REQUIRE(WIFSIGNALED(wait_status));
    CHECK(WTERMSIG(wait_status) == SIGKILL);
    {
        auto store = motcua::test::open_outbox(script.db_path);
        const OutboxEntry killed = stored(*store, entry.id);
        CHECK(killed.state == OutboxState::Sending);
        CHECK(killed.portal_progress == "created:41");
    }

    // Restarted on the same file: the adapter is handed the saved step, with the same key.
    script.files.push_back({{"filed:41"}, receipt(entry, "000.00.01.H99-261201-0041")});
    const Told told = run_until_accepted(script);
    REQUIRE(script.count(script.file_calls) == 1);
    const FileCall& resumed = script.file_calls[0];
    CHECK(resumed.key == entry.idempotency_key);
    CHECK(resumed.progress_given == "created:41");
    CHECK(resumed.saved == std::vector<std::string>{"filed:41"});
    CHECK(resumed.on_disk == std::vector<std::string>{"filed:41"});  // on disk before the next
    auto store = motcua::test::open_outbox(script.db_path);
    const OutboxEntry after = stored(*store, entry.id);
    CHECK(after.state == OutboxState::Accepted);
    CHECK(after.ma_ho_so == "000.00.01.H99-261201-0041");
    CHECK(after.portal_progress == "filed:41");  // kept after acceptance, for lookups
}

TEST_CASE("a store that cannot save an adapter's progress stops the attempt", "[worker]") {
    Kiosk kiosk;
    Script& script = kiosk.script;
    OutboxStore* store = kiosk.store.get();
    const OutboxEntry entry = kiosk.enqueue(85);
    // The outbox refuses any new progress (as a full or failing disk would); other updates pass.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(script.db_path.c_str(), &db) == SQLITE_OK);
    motcua::test::exec(db,
                       "CREATE TRIGGER refuse_progress BEFORE UPDATE OF portal_progress ON outbox "
                       "WHEN NEW.portal_progress <> OLD.portal_progress "
                       "BEGIN SELECT RAISE(ABORT, 'disk says no'); END;");
    sqlite3_close(db);
    // The same two-step script for every attempt the backoff lets through before the stop.
    for (int i = 0; i < 50; ++i)
        script.files.push_back({{"created:41", "filed:41"}, receipt(entry, "never")});

    auto worker = make_worker(script.db_path, script);
    worker->start();
    REQUIRE(motcua::test::wait_until(
        [&] {
            const OutboxEntry now = stored(*store, entry.id);
            // At least one attempt (the backoff may let a second through before we look).
            return now.state == OutboxState::Pending && now.attempts >= 1;
        },
        Bound));
    worker->stop();

    REQUIRE(script.count(script.file_calls) >= 1);
    for (const FileCall& call : script.file_calls) {
        CHECK(call.save_refused);
        CHECK(call.saved.empty());  // stopped at the first save: no second step went out
        CHECK(call.progress_given.empty());
    }
    const OutboxEntry after = stored(*store, entry.id);
    CHECK(after.state == OutboxState::Pending);
    CHECK(after.last_error_code == "portal_progress_not_saved");
    CHECK(after.portal_progress.empty());  // what is on disk, not what could not be saved
    CHECK(after.ma_ho_so.empty());
}

TEST_CASE("a rating the portal did not take is kept and sent again after a restart",
          "[worker][rating]") {
    Kiosk kiosk;
    Script& script = kiosk.script;
    OutboxStore* store = kiosk.store.get();
    script.ratings.push_back(RatingOutcome::Retry);
    {
        auto worker = make_worker(script.db_path, script);
        worker->start();
        worker->send_rating("KD4MX7PA", 3, "KIOSK-T");
        REQUIRE(motcua::test::wait_until([&] { return script.count(script.rated) == 1; }, Bound));
        REQUIRE(motcua::test::wait_until(
            [&] {
                auto waiting = store->unsent_ratings();
                return waiting.ok() && waiting->size() == 1 && (*waiting)[0].attempts == 1;
            },
            Bound));
        worker->stop();
    }
    script.ratings.push_back(RatingOutcome::Sent);
    auto worker = make_worker(script.db_path, script);
    worker->start();
    REQUIRE(motcua::test::wait_until(
        [&] {
            auto waiting = store->unsent_ratings();
            return waiting.ok() && waiting->empty();
        },
        Bound));
    worker->stop();
    REQUIRE(script.count(script.rated) == 2);
    CHECK(script.rated[0] == script.rated[1]);
    const Json body = Json::parse(script.rated[1]);
    CHECK(body["MaTam"] == "KD4MX7PA");
    CHECK(body["MucDo"] == 3);
}

TEST_CASE("a rating waiting for its dossier holds back no rating queued after it",
          "[worker][rating]") {
    Kiosk kiosk;
    Script& script = kiosk.script;
    OutboxStore* store = kiosk.store.get();
    auto unsent = [&] {
        auto waiting = store->unsent_ratings();
        REQUIRE(waiting.ok());
        return std::move(*waiting);
    };
    SECTION("a rating waiting for its dossier: the next one goes in the same round") {
        script.ratings = {RatingOutcome::Waiting, RatingOutcome::Sent};
        auto worker = make_worker(script.db_path, script);
        worker->start();
        worker->send_rating("KD4MX7PA", 3, "KIOSK-T");
        REQUIRE(motcua::test::wait_until([&] { return script.count(script.rated) == 1; }, Bound));
        worker->send_rating("000.00.01.H99-261201-0002", 1, "KIOSK-T");
        REQUIRE(motcua::test::wait_until([&] { return script.count(script.rated) >= 2; }, Bound));
        worker->stop();
        // The second was sent although the first still waits: the first kept its own retry
        // time (30 s) and was not asked again in the second round.
        REQUIRE(script.rated.size() == 2);
        CHECK(Json::parse(script.rated[0])["MaTam"] == "KD4MX7PA");
        CHECK(Json::parse(script.rated[1])["MaHoSo"] == "000.00.01.H99-261201-0002");
        const auto left = unsent();
        REQUIRE(left.size() == 1);
        CHECK(Json::parse(left[0].body)["MaTam"] == "KD4MX7PA");
        CHECK(left[0].attempts == 1);
    }
    SECTION("a portal not taking ratings: the round stops at the first") {
        script.ratings = {RatingOutcome::Retry, RatingOutcome::Sent};  // the second: never asked
        // Both in the outbox before the worker starts: one round sees them both.
        REQUIRE(store
                    ->insert_rating(motcua::core::rating_body("KD4MX7PA", 3, "KIOSK-T"),
                                    motcua::test::wall_ms())
                    .ok());
        REQUIRE(store
                    ->insert_rating(
                        motcua::core::rating_body("000.00.01.H99-261201-0002", 1, "KIOSK-T"),
                        motcua::test::wall_ms())
                    .ok());
        auto worker = make_worker(script.db_path, script);
        worker->start();
        REQUIRE(motcua::test::wait_until(
            [&] {
                const auto left = unsent();
                return !left.empty() && left[0].attempts == 1;
            },
            Bound));
        worker->stop();  // joins: a round that went on would have rated the second by now
        CHECK(script.rated.size() == 1);
        CHECK(unsent().size() == 2);
    }
}

TEST_CASE("the first heartbeat waits for the first drawn frame", "[worker][ops]") {
    Kiosk kiosk;
    Script& script = kiosk.script;
    const OutboxEntry entry = kiosk.enqueue(86);
    script.files.push_back({{}, receipt(entry, "000.00.01.H99-261201-0005")});
    auto worker = make_worker(script.db_path, script);
    worker->start();
    Told told;
    // A full pass is done once the dossier is accepted.
    REQUIRE(gather_until(*worker, told, [&] { return !told.accepted.empty(); }));
    if (motcua::platform::metrics::last_frame_unix_ms() == 0)  // no other test drew one
        CHECK(script.count(script.heartbeats) == 0);
    motcua::platform::metrics::frame_rendered(motcua::test::wall_ms());
    worker->wake();  // what the UI loop does after its first frame
    REQUIRE(motcua::test::wait_until([&] { return script.count(script.heartbeats) == 1; }, Bound));
    worker->stop();
    const Json beat = Json::parse(script.heartbeats[0]);
    CHECK(beat["MaKiosk"] == "KIOSK-T");
    CHECK(beat["TrangThai"]["KhungHinhCuoi"].is_string());
    CHECK(beat["TrangThai"]["HangDoi"] == 0);
}

TEST_CASE("lookups are answered while a filing is blocked in the portal", "[worker][lookup]") {
    Kiosk kiosk;
    Script& script = kiosk.script;
    const OutboxEntry entry = kiosk.enqueue(87);
    FileStep slow;
    slow.block = true;
    script.files.push_back(slow);
    motcua::core::DossierStatus status;
    status.ma_ho_so = "000.00.01.H99-261201-0009";
    status.ten_tthc = "Đăng ký khai sinh";
    status.trang_thai = 4;
    script.lookup_answer = motcua::core::LookupFound{status};

    auto worker = make_worker(script.db_path, script);
    Unblock unblock{script};  // destroyed first: the blocked file() returns before the join
    worker->start();
    REQUIRE(motcua::test::wait_until([&] { return script.count(script.file_calls) == 1; }, Bound));
    worker->lookup("000.00.01.H99-261201-0009", "opencps:77");
    Told told;
    REQUIRE(gather_until(*worker, told, [&] { return !told.lookups.empty(); }));
    CHECK(told.lookups[0].code == "000.00.01.H99-261201-0009");
    CHECK(told.lookups[0].state == motcua::core::LookupState::Found);
    CHECK(told.lookups[0].trang_thai == 4);
    {
        std::lock_guard lock(script.mutex);
        CHECK_FALSE(script.release);  // the filing is still blocked
        REQUIRE(script.lookup_calls.size() == 1);
        CHECK(script.lookup_calls[0].progress == "opencps:77");
        // Another Portal instance than the blocked one.
        CHECK(script.lookup_calls[0].portal != script.file_calls[0].portal);
    }
    script.unblock();
    worker->stop();
}

TEST_CASE("a document the portal's API does not publish keeps the copy in use, reachable",
          "[worker][reference]") {
    TempDir dir;
    Script script;
    auto store = motcua::test::open_outbox(dir.file("kiosk.db"));
    ScriptedPortal portal(script);
    motcua::platform::ReferenceSync sync(*store, portal, motcua::test::wall_ms);
    bool reachable = false;
    const motcua::platform::ReferenceUpdate update = sync.refresh(reachable);
    CHECK(reachable);
    CHECK(update.empty());
    auto cached = store->load_reference("thutuc");
    REQUIRE(cached.ok());
    CHECK_FALSE(cached->has_value());
}
