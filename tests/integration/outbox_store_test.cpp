// The SQLite outbox in a real temporary file: what is committed stays, in WAL mode with every
// commit synced, and failures (full disk, read-only database, no such directory) come back as
// precise errors instead of lost dossiers.
#include "platform/store/outbox_store.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "filing_fixtures.h"

using motcua::core::OutboxEntry;
using motcua::core::OutboxState;
using motcua::platform::OutboxStore;
using motcua::test::ConnectionSpy;
using motcua::test::exec;
using motcua::test::query_text;
using motcua::test::SeededRandom;
using motcua::test::TempDir;

namespace {

std::unique_ptr<OutboxStore> open_store(const std::string& path) {
    auto store = OutboxStore::open(path);
    INFO((store ? std::string() : store.error().code + ": " + store.error().detail));
    REQUIRE(store.ok());
    return std::move(*store);
}

void check_same(const OutboxEntry& actual, const OutboxEntry& expected) {
    INFO("entry " << expected.provisional_code);
    CHECK(actual.id == expected.id);
    CHECK(actual.idempotency_key == expected.idempotency_key);
    CHECK(actual.provisional_code == expected.provisional_code);
    CHECK(actual.procedure_code == expected.procedure_code);
    CHECK(actual.payload_json == expected.payload_json);
    CHECK(actual.state == expected.state);
    CHECK(actual.attempts == expected.attempts);
    CHECK(actual.created_unix_ms == expected.created_unix_ms);
    CHECK(actual.next_attempt_unix_ms == expected.next_attempt_unix_ms);
    CHECK(actual.ma_ho_so == expected.ma_ho_so);
    CHECK(actual.ngay_hen_tra == expected.ngay_hen_tra);
    CHECK(actual.trang_thai == expected.trang_thai);
    CHECK(actual.last_error_code == expected.last_error_code);
    CHECK(actual.last_error_detail == expected.last_error_detail);
    CHECK(actual.accepted_unix_ms == expected.accepted_unix_ms);
    CHECK(actual.personal_data_purged == expected.personal_data_purged);
    CHECK(actual.portal_progress == expected.portal_progress);
}

motcua::core::SubmitAccepted receipt(const std::string& ma_ho_so, const std::string& ma_tam) {
    return {ma_ho_so, ma_tam, 1, "20260312100000", "20260318170000"};
}

// Three entries in three different states: accepted (purged), held, and pending after a retry.
std::vector<OutboxEntry> fill_three(OutboxStore& store, SeededRandom& random) {
    const motcua::core::RetryPolicy policy{50, 500};
    std::vector<OutboxEntry> entries;
    for (int i = 0; i < 3; ++i) entries.push_back(motcua::test::enqueue(store, random));
    const std::int64_t now = motcua::test::wall_ms();

    OutboxEntry& accepted = entries[0];
    accepted = motcua::core::on_send_started(accepted);
    REQUIRE(store.update(accepted).ok());
    accepted = motcua::core::on_outcome(
        accepted, receipt("000.00.01.H99-260312-0001", accepted.provisional_code), now, policy,
        random);
    accepted = motcua::core::on_purge(accepted);
    REQUIRE(store.update(accepted).ok());

    OutboxEntry& held = entries[1];
    held = motcua::core::on_send_started(held);
    held = motcua::core::on_outcome(
        held, motcua::core::SubmitHeld{"portal_unauthorized", "HTTP 401"}, now, policy, random);
    REQUIRE(store.update(held).ok());

    OutboxEntry& retried = entries[2];
    retried = motcua::core::on_send_started(retried);
    retried = motcua::core::on_outcome(
        retried, motcua::core::SubmitRetry{"portal_server_error", "HTTP 503", 2}, now, policy,
        random);
    REQUIRE(store.update(retried).ok());
    return entries;
}

}  // namespace

TEST_CASE("an outbox entry is stored, updated, found and counted as it moves", "[store]") {
    TempDir dir;
    auto store = open_store(dir.file("outbox.db"));
    SeededRandom random(11);

    OutboxEntry first = motcua::test::enqueue(*store, random);
    OutboxEntry second = motcua::test::enqueue(*store, random);
    CHECK(first.id > 0);
    CHECK(second.id > first.id);

    auto all = store->all();
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);
    check_same((*all)[0], first);
    check_same((*all)[1], second);

    auto counts = store->counts();
    REQUIRE(counts.ok());
    CHECK(counts->pending == 2);
    CHECK(counts->sending + counts->accepted + counts->held == 0);

    SECTION("sending shows in the counts and survives as sending") {
        first = motcua::core::on_send_started(first);
        REQUIRE(store->update(first).ok());
        counts = store->counts();
        REQUIRE(counts.ok());
        CHECK(counts->pending == 1);
        CHECK(counts->sending == 1);
        auto found = store->find(first.provisional_code);
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        CHECK((*found)->state == OutboxState::Sending);
    }

    SECTION("an accepted entry leaves the unfinished list and is found by both codes") {
        const std::vector<OutboxEntry> entries = fill_three(*store, random);
        auto unfinished = store->unfinished();
        REQUIRE(unfinished.ok());
        // Accepted is finished; held and retried ones wait (held for staff), oldest first.
        std::vector<std::string> codes;
        for (const auto& entry : *unfinished) codes.push_back(entry.provisional_code);
        CHECK(codes == std::vector<std::string>{first.provisional_code, second.provisional_code,
                                                entries[1].provisional_code,
                                                entries[2].provisional_code});

        const OutboxEntry& accepted = entries[0];
        const std::vector<std::string> both_codes = {accepted.provisional_code, accepted.ma_ho_so};
        for (const std::string& code : both_codes) {
            auto found = store->find(code);
            REQUIRE(found.ok());
            REQUIRE(found->has_value());
            check_same(**found, accepted);
        }
        CHECK(accepted.personal_data_purged);
        CHECK(accepted.payload_json.find("ChuHoSo") == std::string::npos);

        counts = store->counts();
        REQUIRE(counts.ok());
        CHECK(counts->pending == 3);  // first, second and the retried one
        CHECK(counts->accepted == 1);
        CHECK(counts->held == 1);
        CHECK(counts->sending == 0);
    }

    SECTION("find wants the whole code, and never matches an empty MaHoSo") {
        const std::vector<std::string> codes = {"", first.provisional_code.substr(0, 7), "NOPE2345",
                                                "000.00.01.H99-260312-0001"};
        for (const std::string& code : codes) {
            auto found = store->find(code);
            REQUIRE(found.ok());
            CHECK_FALSE(found->has_value());
        }
    }

    SECTION("updating an entry that is not there is an error, not a silent no-op") {
        OutboxEntry ghost = first;
        ghost.id = 9999;
        const auto saved = store->update(ghost);
        REQUIRE_FALSE(saved.ok());
        CHECK(saved.error().code == "store_failed");
        CHECK(saved.error().detail == "update: no dossier with id 9999");
    }
}

TEST_CASE("the outbox connection runs in WAL mode with synchronous=FULL", "[store]") {
    TempDir dir;
    const std::string path = dir.file("pragmas.db");
    ConnectionSpy spy("/pragmas.db");
    auto store = open_store(path);
    sqlite3* db = spy.connection();
    REQUIRE(db != nullptr);
    CHECK(query_text(db, "PRAGMA journal_mode") == "wal");
    CHECK(query_text(db, "PRAGMA synchronous") == "2");  // 2 = FULL: the WAL is synced per commit
    CHECK(query_text(db, "PRAGMA user_version") == "4");

    SeededRandom random(12);
    motcua::test::enqueue(*store, random);
    // The commit went to the write-ahead log, and WAL mode is recorded in the file itself.
    CHECK(std::filesystem::exists(path + "-wal"));
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &other, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(query_text(other, "PRAGMA journal_mode") == "wal");
    CHECK(query_text(other, "SELECT COUNT(*) FROM outbox") == "1");
    sqlite3_close(other);
}

TEST_CASE(
    "an outbox made by the version-3 schema opens, keeps its dossiers and gains the "
    "portal progress column",
    "[store][worker]") {
    TempDir dir;
    const std::string path = dir.file("old.db");
    // The schema as version 3 wrote it (no portal_progress), with one dossier mid-send.
    sqlite3* old = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &old) == SQLITE_OK);
    exec(old, "PRAGMA journal_mode=WAL");
    exec(old,
         "CREATE TABLE outbox (id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, "
         "provisional_code TEXT NOT NULL UNIQUE, procedure_code TEXT NOT NULL, payload_json TEXT "
         "NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, created_unix_ms "
         "INTEGER NOT NULL, next_attempt_unix_ms INTEGER NOT NULL, ma_ho_so TEXT NOT NULL DEFAULT "
         "'', ngay_hen_tra TEXT NOT NULL DEFAULT '', trang_thai INTEGER NOT NULL DEFAULT 0, "
         "last_error_code TEXT NOT NULL DEFAULT '', last_error_detail TEXT NOT NULL DEFAULT '', "
         "accepted_unix_ms INTEGER NOT NULL DEFAULT 0, personal_data_purged INTEGER NOT NULL "
         "DEFAULT 0);"
         "CREATE INDEX outbox_state ON outbox(state, next_attempt_unix_ms);"
         "CREATE INDEX outbox_ma_ho_so ON outbox(ma_ho_so);"
         "CREATE TABLE reference_cache (name TEXT PRIMARY KEY, etag TEXT NOT NULL, body TEXT NOT "
         "NULL, fetched_unix_ms INTEGER NOT NULL);"
         "CREATE TABLE rating (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_unix_ms INTEGER "
         "NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, refused INTEGER NOT NULL DEFAULT 0, "
         "last_error TEXT NOT NULL DEFAULT '');"
         "INSERT INTO outbox (idempotency_key, provisional_code, procedure_code, payload_json, "
         "state, attempts, created_unix_ms, next_attempt_unix_ms) VALUES "
         "('7d0c2f4e-1b7a-4c52-9a0e-2f7f3e8b1c11', 'KD4MX7PA', '1.001193', '{\"MaTam\":"
         "\"KD4MX7PA\"}', 'sending', 1, 1796112000000, 1796112000000);"
         "PRAGMA user_version = 3;");
    REQUIRE(sqlite3_close(old) == SQLITE_OK);

    {
        auto store = open_store(path);
        auto found = store->find("KD4MX7PA");
        REQUIRE(found.ok());
        REQUIRE(found->has_value());
        OutboxEntry entry = **found;
        CHECK(entry.state == OutboxState::Sending);
        CHECK(entry.attempts == 1);
        CHECK(entry.payload_json == R"({"MaTam":"KD4MX7PA"})");
        CHECK(entry.portal_progress.empty());
        entry.portal_progress = R"({"step":"created","dossierId":41})";
        REQUIRE(store->update(entry).ok());
    }
    auto reopened = open_store(path);
    auto found = reopened->find("KD4MX7PA");
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->portal_progress == R"({"step":"created","dossierId":41})");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    CHECK(query_text(db, "PRAGMA user_version") == "4");
    sqlite3_close(db);
}

TEST_CASE("a second dossier with the same idempotency key or provisional code is refused",
          "[store]") {
    TempDir dir;
    auto store = open_store(dir.file("outbox.db"));
    SeededRandom random(13);
    const OutboxEntry saved = motcua::test::enqueue(*store, random);

    OutboxEntry twin = motcua::test::new_entry(random);
    std::string column;
    SECTION("same idempotency key") {
        twin.idempotency_key = saved.idempotency_key;
        column = "outbox.idempotency_key";
    }
    SECTION("same provisional code") {
        twin.provisional_code = saved.provisional_code;
        column = "outbox.provisional_code";
    }
    const auto inserted = store->insert(twin);
    REQUIRE_FALSE(inserted.ok());
    CHECK(inserted.error().code == "store_failed");
    CHECK(inserted.error().detail == "insert dossier: UNIQUE constraint failed: " + column);
    CHECK(twin.id == 0);

    auto all = store->all();
    REQUIRE(all.ok());
    REQUIRE(all->size() == 1);
    check_same(all->front(), saved);
}

TEST_CASE("everything committed is still there after the file is closed and reopened", "[store]") {
    TempDir dir;
    const std::string path = dir.file("outbox.db");
    SeededRandom random(14);
    std::vector<OutboxEntry> before;
    {
        auto store = open_store(path);
        before = fill_three(*store, random);
        before.push_back(motcua::test::enqueue(*store, random));
    }
    auto reopened = open_store(path);
    auto after = reopened->all();
    REQUIRE(after.ok());
    REQUIRE(after->size() == before.size());
    for (std::size_t i = 0; i < before.size(); ++i) check_same((*after)[i], before[i]);

    // And it keeps working: new ids continue after the old ones.
    const OutboxEntry next = motcua::test::enqueue(*reopened, random);
    CHECK(next.id > before.back().id);
}

TEST_CASE("a full disk is reported as disk_full and loses nothing already saved", "[store]") {
    TempDir dir;
    const std::string path = dir.file("full.db");
    SeededRandom random(15);
    std::vector<OutboxEntry> saved;
    motcua::core::Error failure;
    {
        ConnectionSpy spy("/full.db");
        auto store = open_store(path);
        sqlite3* db = spy.connection();
        REQUIRE(db != nullptr);
        // The database may grow by two pages, then SQLite answers SQLITE_FULL, exactly as on a
        // full disk (max_page_count belongs to this connection only).
        const int pages = std::stoi(query_text(db, "PRAGMA page_count"));
        exec(db, "PRAGMA max_page_count = " + std::to_string(pages + 2));

        for (int i = 0; i < 100; ++i) {
            OutboxEntry entry = motcua::test::new_entry(random, 1500);
            const auto inserted = store->insert(entry);
            if (!inserted) {
                failure = inserted.error();
                CHECK(entry.id == 0);
                break;
            }
            saved.push_back(entry);
        }
        REQUIRE_FALSE(failure.code.empty());
        CHECK(failure.code == "disk_full");
        CHECK(failure.detail == "insert dossier: database or disk is full");
        CHECK_FALSE(saved.empty());

        // The failed insert rolled back alone: the same connection still reads everything.
        auto all = store->all();
        REQUIRE(all.ok());
        CHECK(all->size() == saved.size());
    }
    // Room again (a new connection has no page limit): nothing was lost, and it accepts more.
    auto store = open_store(path);
    auto all = store->all();
    REQUIRE(all.ok());
    REQUIRE(all->size() == saved.size());
    for (std::size_t i = 0; i < saved.size(); ++i) check_same((*all)[i], saved[i]);
    motcua::test::enqueue(*store, random);
}

TEST_CASE("a database that cannot be written gives store_read_only with the reason", "[store]") {
    TempDir dir;
    SeededRandom random(16);

    SECTION("read-only from the start: a new outbox cannot even get its schema") {
        const std::string path = dir.file("readonly.db");
        ConnectionSpy spy("/readonly.db", "PRAGMA query_only = 1;");
        auto store = OutboxStore::open(path);
        REQUIRE_FALSE(store.ok());
        CHECK(store.error().code == "store_read_only");
        CHECK(store.error().detail ==
              "schema of " + path + ": attempt to write a readonly database");
    }

    SECTION("read-only after opening: insert and update fail, reading still works") {
        const std::string path = dir.file("turned-readonly.db");
        ConnectionSpy spy("/turned-readonly.db");
        auto store = open_store(path);
        OutboxEntry saved = motcua::test::enqueue(*store, random);
        exec(spy.connection(), "PRAGMA query_only = 1");

        OutboxEntry entry = motcua::test::new_entry(random);
        const auto inserted = store->insert(entry);
        REQUIRE_FALSE(inserted.ok());
        CHECK(inserted.error().code == "store_read_only");
        CHECK(inserted.error().detail == "insert dossier: attempt to write a readonly database");

        saved = motcua::core::on_send_started(saved);
        const auto updated = store->update(saved);
        REQUIRE_FALSE(updated.ok());
        CHECK(updated.error().code == "store_read_only");
        CHECK(updated.error().detail == "update dossier: attempt to write a readonly database");

        auto all = store->all();
        REQUIRE(all.ok());
        REQUIRE(all->size() == 1);
        CHECK(all->front().state == OutboxState::Pending);
    }

    SECTION("a directory that does not exist") {
        const std::string path = dir.file("missing/outbox.db");
        auto store = OutboxStore::open(path);
        REQUIRE_FALSE(store.ok());
        CHECK(store.error().code == "store_cannot_open");
        CHECK(store.error().detail == "open " + path + ": No such file or directory");
    }
}
