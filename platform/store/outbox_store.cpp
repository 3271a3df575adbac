#include "platform/store/outbox_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "platform/system/log.h"

namespace motcua::platform {

namespace {

// The error code for an SQLite result code: each says what the staff can do about it. Only
// SQLITE_FULL is a full disk; an I/O error is a failing disk or a vanished file.
std::string store_error_code(int rc) {
    switch (rc & 0xFF) {
        case SQLITE_FULL:
            return "disk_full";
        case SQLITE_IOERR:
            return "store_io_error";
        case SQLITE_READONLY:
            return "store_read_only";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return "store_corrupt";
        case SQLITE_CANTOPEN:
            return "store_cannot_open";
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "store_busy";
        default:
            return "store_failed";
    }
}

core::Error sqlite_error(sqlite3* db, int rc, const std::string& what) {
    std::string detail = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    // The extended code tells an fsync failure from a short write, for the log.
    if (db && (rc & 0xFF) == SQLITE_IOERR)
        detail += " (extended code " + std::to_string(sqlite3_extended_errcode(db)) + ")";
    return core::make_error(store_error_code(rc), detail);
}

// A prepared statement, finalized on scope exit.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : m_db(db) {
        m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    bool ok() const { return m_rc == SQLITE_OK; }
    int rc() const { return m_rc; }
    sqlite3_stmt* get() { return m_stmt; }
    void text(int index, const std::string& value) {
        sqlite3_bind_text(m_stmt, index, value.c_str(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT);
    }
    void integer(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt, index, value); }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    int m_rc;
};

const char* Schema = R"sql(
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  provisional_code TEXT NOT NULL UNIQUE,
  procedure_code TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_unix_ms INTEGER NOT NULL,
  next_attempt_unix_ms INTEGER NOT NULL,
  ma_ho_so TEXT NOT NULL DEFAULT '',
  ngay_hen_tra TEXT NOT NULL DEFAULT '',
  trang_thai INTEGER NOT NULL DEFAULT 0,
  last_error_code TEXT NOT NULL DEFAULT '',
  last_error_detail TEXT NOT NULL DEFAULT '',
  accepted_unix_ms INTEGER NOT NULL DEFAULT 0,
  personal_data_purged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_state ON outbox(state, next_attempt_unix_ms);
CREATE INDEX IF NOT EXISTS outbox_ma_ho_so ON outbox(ma_ho_so);
PRAGMA user_version = 1;
)sql";

// Version 2: the last good copy of each reference document the portal serves, so a kiosk that
// starts without a network still has the catalogue and the wards it saw last.
const char* SchemaV2 = R"sql(
BEGIN;
CREATE TABLE IF NOT EXISTS reference_cache (
  name TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  body TEXT NOT NULL,
  fetched_unix_ms INTEGER NOT NULL
);
PRAGMA user_version = 2;
COMMIT;
)sql";

// Version 3: ratings wait here until the portal took them (issue 8: never dropped).
const char* SchemaV3 = R"sql(
BEGIN;
CREATE TABLE IF NOT EXISTS rating (
  id INTEGER PRIMARY KEY,
  body TEXT NOT NULL,
  created_unix_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  refused INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
PRAGMA user_version = 3;
COMMIT;
)sql";

// Version 4: what a multi-step portal adapter saved between its requests for one dossier
// (OutboxEntry::portal_progress). An older outbox gains the column, "" for every entry.
const char* SchemaV4 = R"sql(
BEGIN;
ALTER TABLE outbox ADD COLUMN portal_progress TEXT NOT NULL DEFAULT '';
PRAGMA user_version = 4;
COMMIT;
)sql";

const char* Columns =
    "id, idempotency_key, provisional_code, procedure_code, payload_json, state, attempts, "
    "created_unix_ms, "
    "next_attempt_unix_ms, ma_ho_so, ngay_hen_tra, trang_thai, last_error_code, last_error_detail, "
    "accepted_unix_ms, personal_data_purged, portal_progress";

std::string column_text(sqlite3_stmt* stmt, int index) {
    const unsigned char* text = sqlite3_column_text(stmt, index);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<std::size_t>(sqlite3_column_bytes(stmt, index)))
                : std::string();
}

}  // namespace

core::Result<std::unique_ptr<OutboxStore>> OutboxStore::open(const std::string& path) {
    // Pending dossiers hold names, ID numbers and phones: the file is the kiosk user's only.
    // Created 0600 here (SQLite gives -wal and -shm the mode of the database file), and an
    // older outbox created 0644 is tightened.
    if (const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd < 0) {
        return core::make_error(
            errno == EACCES || errno == EROFS ? "store_read_only" : "store_cannot_open",
            "open " + path + ": " + std::strerror(errno));
    } else {
        ::close(fd);
    }
    ::chmod(path.c_str(), 0600);
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
        core::Error error = sqlite_error(db, rc, "open " + path);
        sqlite3_close(db);
        return error;
    }
    std::unique_ptr<OutboxStore> store(new OutboxStore(db, path));
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    char* message = nullptr;
    // WAL + FULL: every commit is on disk before we tell the resident it is saved. The pragma
    // answers with the mode in force: a file system without shared memory stays in another.
    std::string journal_mode;
    rc = sqlite3_exec(
        db, "PRAGMA journal_mode=WAL",
        [](void* out, int, char** values, char**) {
            *static_cast<std::string*>(out) = values[0] ? values[0] : "";
            return 0;
        },
        &journal_mode, &message);
    if (rc == SQLITE_OK && journal_mode != "wal") {
        return core::make_error("store_failed",
                                "journal mode of " + path + " is '" + journal_mode +
                                    "', not 'wal': the outbox needs WAL (a local file system)");
    }
    // secure_delete: a purged payload is overwritten with zeros, not left in a free page.
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;", nullptr, nullptr,
                          &message);
    // Create the schema once; a start-up on an existing outbox writes nothing (no fsync).
    int version = 0;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(
            db, "PRAGMA user_version",
            [](void* out, int, char** values, char**) {
                *static_cast<int*>(out) = values[0] ? std::atoi(values[0]) : 0;
                return 0;
            },
            &version, &message);
    if (rc == SQLITE_OK && version < 1) rc = sqlite3_exec(db, Schema, nullptr, nullptr, &message);
    if (rc == SQLITE_OK && version < 2) rc = sqlite3_exec(db, SchemaV2, nullptr, nullptr, &message);
    if (rc == SQLITE_OK && version < 3) rc = sqlite3_exec(db, SchemaV3, nullptr, nullptr, &message);
    if (rc == SQLITE_OK && version < 4) rc = sqlite3_exec(db, SchemaV4, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return core::make_error(store_error_code(rc), "schema of " + path + ": " + detail);
    }
    for (const char* suffix : {"-wal", "-shm"}) ::chmod((path + suffix).c_str(), 0600);
    store->keep_reserve();
    return store;
}

OutboxStore::~OutboxStore() {
    sqlite3_close(m_db);
}

core::Result<std::string> OutboxStore::set_aside_if_corrupt(const std::string& path,
                                                            std::int64_t now_unix_ms) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || info.st_size == 0) return std::string();
    std::string problem;
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(db, 1);
        sqlite3_busy_timeout(db, 5000);
        std::string verdict;
        char* message = nullptr;
        rc = sqlite3_exec(
            db, "PRAGMA quick_check",
            [](void* out, int, char** values, char**) {
                auto& text = *static_cast<std::string*>(out);
                if (text.empty()) text = values[0] ? values[0] : "";
                return 0;
            },
            &verdict, &message);
        if (rc != SQLITE_OK)
            problem = message ? message : sqlite3_errstr(rc);
        else if (verdict != "ok")
            problem = "quick_check: " + verdict.substr(0, 200);
        sqlite3_free(message);
    } else {
        problem = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    }
    sqlite3_close(db);
    const int primary = rc & 0xFF;
    // Only damage moves the file: a busy or unreadable one is an error for the caller, not a
    // reason to start over (the dossiers in it are still good).
    if (problem.empty() ||
        (primary != SQLITE_OK && primary != SQLITE_CORRUPT && primary != SQLITE_NOTADB))
        return problem.empty() ? core::Result<std::string>(std::string())
                               : core::Result<std::string>(core::make_error(
                                     store_error_code(rc), "check " + path + ": " + problem));
    const std::time_t seconds = static_cast<std::time_t>(now_unix_ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    const std::string aside = path + ".corrupt-" + stamp;
    if (::rename(path.c_str(), aside.c_str()) != 0)
        return core::make_error("store_set_aside_failed", "cannot move the damaged outbox " + path +
                                                              " (" + problem +
                                                              "): " + std::strerror(errno));
    for (const char* suffix : {"-wal", "-shm"})
        ::rename((path + suffix).c_str(), (aside + suffix).c_str());
    log_error("outbox_set_aside", path + " is damaged (" + problem + "); moved to " + aside +
                                      ", starting a new outbox");
    return aside;
}

// [SECTION] Room for the outbox: a reserve file, and caches that give way first

std::string OutboxStore::reserve_path() const {
    return m_path + ".reserve";
}

void OutboxStore::keep_reserve() {
    const std::string reserve = reserve_path();
    struct stat info {};
    if (::stat(reserve.c_str(), &info) == 0 && info.st_size >= ReserveBytes) return;
    // Only when the disk has room for it twice over: the reserve must never be what fills it.
    struct statvfs disk {};
    if (::statvfs(m_path.c_str(), &disk) != 0 ||
        static_cast<std::int64_t>(disk.f_bavail) * static_cast<std::int64_t>(disk.f_frsize) <
            2 * ReserveBytes)
        return;
    const int fd = ::open(reserve.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return;
    const bool allocated = ::posix_fallocate(fd, 0, ReserveBytes) == 0 && ::fsync(fd) == 0;
    ::close(fd);
    if (!allocated) ::unlink(reserve.c_str());
}

bool OutboxStore::make_room() {
    bool freed = false;
    // 1. The reserve: its blocks go back to the file system at once.
    if (::unlink(reserve_path().c_str()) == 0) {
        freed = true;
        log_warning("outbox_reserve_used", "the disk is full: the outbox's reserve was released");
    }
    // 2. The reference cache: the portal serves it again; a filing exists only here. Deleting
    //    rows frees pages the next outbox write reuses (inside the file, no growth needed).
    char* message = nullptr;
    if (sqlite3_exec(m_db, "DELETE FROM reference_cache", nullptr, nullptr, &message) ==
        SQLITE_OK) {
        if (sqlite3_changes(m_db) > 0) {
            freed = true;
            log_warning("reference_cache_dropped",
                        "the disk is full: cached reference documents were dropped");
        }
    } else {
        log_error("reference_cache_drop_failed", message ? message : "");
    }
    sqlite3_free(message);
    return freed;
}

std::int64_t OutboxStore::free_disk_bytes() const {
    struct statvfs disk {};
    if (::statvfs(m_path.c_str(), &disk) != 0) return -1;
    return static_cast<std::int64_t>(disk.f_bavail) * static_cast<std::int64_t>(disk.f_frsize);
}

core::Status OutboxStore::checkpoint() {
    int log_frames = 0, checkpointed = 0;
    const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames,
                                             &checkpointed);
    if (rc != SQLITE_OK) return sqlite_error(m_db, rc, "checkpoint");
    keep_reserve();  // a reserve used up by a full disk comes back once there is room again
    return core::Ok{};
}

core::Status OutboxStore::insert(core::OutboxEntry& entry) {
    Statement stmt(
        m_db,
        "INSERT INTO outbox (idempotency_key, provisional_code, procedure_code, payload_json, "
        "state, attempts, "
        "created_unix_ms, next_attempt_unix_ms, portal_progress) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8, ?9)");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare insert");
    stmt.text(1, entry.idempotency_key);
    stmt.text(2, entry.provisional_code);
    stmt.text(3, entry.procedure_code);
    stmt.text(4, entry.payload_json);
    stmt.text(5, std::string(core::to_string(entry.state)));
    stmt.integer(6, entry.attempts);
    stmt.integer(7, entry.created_unix_ms);
    stmt.integer(8, entry.next_attempt_unix_ms);
    stmt.text(9, entry.portal_progress);
    int rc = sqlite3_step(stmt.get());  // autocommit: one transaction, synced (synchronous=FULL)
    if ((rc & 0xFF) == SQLITE_FULL && make_room()) {
        sqlite3_reset(stmt.get());
        rc = sqlite3_step(stmt.get());
    }
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "insert dossier");
    entry.id = sqlite3_last_insert_rowid(m_db);
    return core::Ok{};
}

core::Status OutboxStore::update(const core::OutboxEntry& entry) {
    Statement stmt(m_db,
                   "UPDATE outbox SET payload_json=?2, state=?3, attempts=?4, "
                   "next_attempt_unix_ms=?5, ma_ho_so=?6, "
                   "ngay_hen_tra=?7, trang_thai=?8, last_error_code=?9, last_error_detail=?10, "
                   "accepted_unix_ms=?11, "
                   "personal_data_purged=?12, portal_progress=?13 WHERE id=?1");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare update");
    stmt.integer(1, entry.id);
    stmt.text(2, entry.payload_json);
    stmt.text(3, std::string(core::to_string(entry.state)));
    stmt.integer(4, entry.attempts);
    stmt.integer(5, entry.next_attempt_unix_ms);
    stmt.text(6, entry.ma_ho_so);
    stmt.text(7, entry.ngay_hen_tra);
    stmt.integer(8, entry.trang_thai);
    stmt.text(9, entry.last_error_code);
    stmt.text(10, entry.last_error_detail);
    stmt.integer(11, entry.accepted_unix_ms);
    stmt.integer(12, entry.personal_data_purged ? 1 : 0);
    stmt.text(13, entry.portal_progress);
    int rc = sqlite3_step(stmt.get());
    if ((rc & 0xFF) == SQLITE_FULL && make_room()) {
        sqlite3_reset(stmt.get());
        rc = sqlite3_step(stmt.get());
    }
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "update dossier");
    if (sqlite3_changes(m_db) != 1)
        return core::make_error("store_failed",
                                "update: no dossier with id " + std::to_string(entry.id));
    return core::Ok{};
}

core::Result<std::vector<core::OutboxEntry>> OutboxStore::select(const std::string& where,
                                                                 const std::string& bind) {
    std::string sql = std::string("SELECT ") + Columns + " FROM outbox " + where + " ORDER BY id";
    Statement stmt(m_db, sql.c_str());
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare select");
    if (!bind.empty()) stmt.text(1, bind);
    std::vector<core::OutboxEntry> entries;
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
        sqlite3_stmt* s = stmt.get();
        core::OutboxEntry entry;
        entry.id = sqlite3_column_int64(s, 0);
        entry.idempotency_key = column_text(s, 1);
        entry.provisional_code = column_text(s, 2);
        entry.procedure_code = column_text(s, 3);
        entry.payload_json = column_text(s, 4);
        auto state = core::parse_outbox_state(column_text(s, 5));
        if (!state)
            return core::make_error("store_failed", "dossier " + std::to_string(entry.id) + ": " +
                                                        state.error().detail);
        entry.state = *state;
        entry.attempts = sqlite3_column_int(s, 6);
        entry.created_unix_ms = sqlite3_column_int64(s, 7);
        entry.next_attempt_unix_ms = sqlite3_column_int64(s, 8);
        entry.ma_ho_so = column_text(s, 9);
        entry.ngay_hen_tra = column_text(s, 10);
        entry.trang_thai = sqlite3_column_int(s, 11);
        entry.last_error_code = column_text(s, 12);
        entry.last_error_detail = column_text(s, 13);
        entry.accepted_unix_ms = sqlite3_column_int64(s, 14);
        entry.personal_data_purged = sqlite3_column_int(s, 15) != 0;
        entry.portal_progress = column_text(s, 16);
        entries.push_back(std::move(entry));
    }
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "select dossiers");
    return entries;
}

core::Result<std::vector<core::OutboxEntry>> OutboxStore::unfinished() {
    return select("WHERE state NOT IN ('accepted', 'cancelled')", "");
}

core::Result<std::optional<core::OutboxEntry>> OutboxStore::by_id(std::int64_t id) {
    auto found = select("WHERE id = CAST(?1 AS INTEGER)", std::to_string(id));
    if (!found) return found.error();
    if (found->empty()) return std::optional<core::OutboxEntry>{};
    return std::optional<core::OutboxEntry>{found->front()};
}

core::Result<std::vector<core::OutboxEntry>> OutboxStore::all() {
    return select("", "");
}

core::Result<std::optional<core::OutboxEntry>> OutboxStore::find(const std::string& code) {
    if (code.empty()) return std::optional<core::OutboxEntry>{};
    auto found = select("WHERE provisional_code = ?1 OR (ma_ho_so != '' AND ma_ho_so = ?1)", code);
    if (!found) return found.error();
    if (found->empty()) return std::optional<core::OutboxEntry>{};
    return std::optional<core::OutboxEntry>{found->front()};
}

core::Result<OutboxCounts> OutboxStore::counts() {
    Statement stmt(m_db, "SELECT state, COUNT(*) FROM outbox GROUP BY state");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare counts");
    OutboxCounts counts;
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
        std::string state = column_text(stmt.get(), 0);
        int n = sqlite3_column_int(stmt.get(), 1);
        if (state == "pending")
            counts.pending = n;
        else if (state == "sending")
            counts.sending = n;
        else if (state == "accepted")
            counts.accepted = n;
        else if (state == "held")
            counts.held = n;
        else if (state == "cancelled")
            counts.cancelled = n;
    }
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "count dossiers");
    return counts;
}

core::Status OutboxStore::insert_rating(const std::string& body_json, std::int64_t now_unix_ms) {
    Statement stmt(m_db, "INSERT INTO rating (body, created_unix_ms) VALUES (?1, ?2)");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare insert_rating");
    stmt.text(1, body_json);
    stmt.integer(2, now_unix_ms);
    int rc = sqlite3_step(stmt.get());
    if ((rc & 0xFF) == SQLITE_FULL && make_room()) {
        sqlite3_reset(stmt.get());
        rc = sqlite3_step(stmt.get());
    }
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "insert rating");
    return core::Ok{};
}

core::Result<std::vector<StoredRating>> OutboxStore::unsent_ratings() {
    Statement stmt(m_db, "SELECT id, body, attempts FROM rating WHERE refused = 0 ORDER BY id");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare unsent_ratings");
    std::vector<StoredRating> ratings;
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW)
        ratings.push_back({sqlite3_column_int64(stmt.get(), 0), column_text(stmt.get(), 1),
                           sqlite3_column_int(stmt.get(), 2)});
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "select ratings");
    return ratings;
}

core::Status OutboxStore::rating_done(std::int64_t id) {
    Statement stmt(m_db, "DELETE FROM rating WHERE id = ?1");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare rating_done");
    stmt.integer(1, id);
    const int rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "delete rating");
    return core::Ok{};
}

core::Status OutboxStore::rating_failed(std::int64_t id, bool refused, const std::string& error) {
    Statement stmt(
        m_db,
        "UPDATE rating SET attempts = attempts + 1, refused = ?2, last_error = ?3 WHERE id = ?1");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare rating_failed");
    stmt.integer(1, id);
    stmt.integer(2, refused ? 1 : 0);
    stmt.text(3, error);
    const int rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "update rating");
    return core::Ok{};
}

core::Status OutboxStore::save_reference(const CachedReference& reference) {
    Statement stmt(
        m_db,
        "INSERT INTO reference_cache (name, etag, body, fetched_unix_ms) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(name) DO UPDATE SET etag=excluded.etag, body=excluded.body, "
        "fetched_unix_ms=excluded.fetched_unix_ms");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare save_reference");
    // A cache must never take the outbox's room: it is written only while the disk keeps, after
    // it, room for the reserve and a margin (the WAL holds the body twice before a checkpoint).
    const std::int64_t body = static_cast<std::int64_t>(reference.body.size());
    if (const std::int64_t free = free_disk_bytes();
        free >= 0 && free < 3 * body + 2 * ReserveBytes)
        return core::make_error(
            "disk_low", "save reference " + reference.name + ": " + std::to_string(free) +
                            " bytes free, too few to cache " + std::to_string(body) + " bytes");
    stmt.text(1, reference.name);
    stmt.text(2, reference.etag);
    stmt.text(3, reference.body);
    stmt.integer(4, reference.fetched_unix_ms);
    int rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "save reference " + reference.name);
    return core::Ok{};
}

core::Result<std::optional<CachedReference>> OutboxStore::load_reference(const std::string& name) {
    Statement stmt(m_db, "SELECT etag, body, fetched_unix_ms FROM reference_cache WHERE name=?1");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare load_reference");
    stmt.text(1, name);
    int rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_DONE) return std::optional<CachedReference>{};
    if (rc != SQLITE_ROW) return sqlite_error(m_db, rc, "load reference " + name);
    return std::optional<CachedReference>{CachedReference{name, column_text(stmt.get(), 0),
                                                          column_text(stmt.get(), 1),
                                                          sqlite3_column_int64(stmt.get(), 2)}};
}

}  // namespace motcua::platform
