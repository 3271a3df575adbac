#include "platform/store/outbox_store.h"

#include <sqlite3.h>

#include <cstdlib>

namespace motcua::platform {

namespace {

core::Error sqlite_error(sqlite3* db, int rc, const std::string& what) {
    std::string detail = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    if (rc == SQLITE_FULL || rc == SQLITE_IOERR) return core::make_error("disk_full", detail);
    return core::make_error("store_failed", detail);
}

// A prepared statement, finalized on scope exit.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : m_db(db) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    bool ok() const { return m_rc == SQLITE_OK; }
    int rc() const { return m_rc; }
    sqlite3_stmt* get() { return m_stmt; }
    void text(int index, const std::string& value) {
        sqlite3_bind_text(m_stmt, index, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
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

const char* Columns =
    "id, idempotency_key, provisional_code, procedure_code, payload_json, state, attempts, created_unix_ms, "
    "next_attempt_unix_ms, ma_ho_so, ngay_hen_tra, trang_thai, last_error_code, last_error_detail, "
    "accepted_unix_ms, personal_data_purged";

std::string column_text(sqlite3_stmt* stmt, int index) {
    const unsigned char* text = sqlite3_column_text(stmt, index);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt, index)))
                : std::string();
}

}  // namespace

core::Result<std::unique_ptr<OutboxStore>> OutboxStore::open(const std::string& path) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        core::Error error = sqlite_error(db, rc, "open " + path);
        sqlite3_close(db);
        return error;
    }
    std::unique_ptr<OutboxStore> store(new OutboxStore(db));
    sqlite3_busy_timeout(db, 5000);
    char* message = nullptr;
    // WAL + FULL: every commit is on disk before we tell the resident it is saved.
    rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr, &message);
    // Create the schema once; a start-up on an existing outbox writes nothing (no fsync).
    int version = 0;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA user_version", [](void* out, int, char** values, char**) {
            *static_cast<int*>(out) = values[0] ? std::atoi(values[0]) : 0;
            return 0;
        }, &version, &message);
    if (rc == SQLITE_OK && version < 1) rc = sqlite3_exec(db, Schema, nullptr, nullptr, &message);
    if (rc == SQLITE_OK && version < 2) rc = sqlite3_exec(db, SchemaV2, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return core::make_error(rc == SQLITE_FULL ? "disk_full" : "store_failed", "schema of " + path + ": " + detail);
    }
    return store;
}

OutboxStore::~OutboxStore() { sqlite3_close(m_db); }

core::Status OutboxStore::insert(core::OutboxEntry& entry) {
    Statement stmt(m_db,
                   "INSERT INTO outbox (idempotency_key, provisional_code, procedure_code, payload_json, state, attempts, "
                   "created_unix_ms, next_attempt_unix_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare insert");
    stmt.text(1, entry.idempotency_key);
    stmt.text(2, entry.provisional_code);
    stmt.text(3, entry.procedure_code);
    stmt.text(4, entry.payload_json);
    stmt.text(5, std::string(core::to_string(entry.state)));
    stmt.integer(6, entry.attempts);
    stmt.integer(7, entry.created_unix_ms);
    stmt.integer(8, entry.next_attempt_unix_ms);
    int rc = sqlite3_step(stmt.get());  // autocommit: one transaction, synced (synchronous=FULL)
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "insert dossier");
    entry.id = sqlite3_last_insert_rowid(m_db);
    return core::Ok{};
}

core::Status OutboxStore::update(const core::OutboxEntry& entry) {
    Statement stmt(m_db,
                   "UPDATE outbox SET payload_json=?2, state=?3, attempts=?4, next_attempt_unix_ms=?5, ma_ho_so=?6, "
                   "ngay_hen_tra=?7, trang_thai=?8, last_error_code=?9, last_error_detail=?10, accepted_unix_ms=?11, "
                   "personal_data_purged=?12 WHERE id=?1");
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
    int rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "update dossier");
    if (sqlite3_changes(m_db) != 1) return core::make_error("store_failed", "update: no dossier with id " + std::to_string(entry.id));
    return core::Ok{};
}

core::Result<std::vector<core::OutboxEntry>> OutboxStore::select(const std::string& where, const std::string& bind) {
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
        if (!state) return core::make_error("store_failed", "dossier " + std::to_string(entry.id) + ": " + state.error().detail);
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
        entries.push_back(std::move(entry));
    }
    if (rc != SQLITE_DONE) return sqlite_error(m_db, rc, "select dossiers");
    return entries;
}

core::Result<std::vector<core::OutboxEntry>> OutboxStore::unfinished() { return select("WHERE state != 'accepted'", ""); }

core::Result<std::vector<core::OutboxEntry>> OutboxStore::all() { return select("", ""); }

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
    while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
        std::string state = column_text(stmt.get(), 0);
        int n = sqlite3_column_int(stmt.get(), 1);
        if (state == "pending") counts.pending = n;
        else if (state == "sending") counts.sending = n;
        else if (state == "accepted") counts.accepted = n;
        else if (state == "held") counts.held = n;
    }
    return counts;
}

core::Status OutboxStore::save_reference(const CachedReference& reference) {
    Statement stmt(m_db,
                   "INSERT INTO reference_cache (name, etag, body, fetched_unix_ms) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT(name) DO UPDATE SET etag=excluded.etag, body=excluded.body, "
                   "fetched_unix_ms=excluded.fetched_unix_ms");
    if (!stmt.ok()) return sqlite_error(m_db, stmt.rc(), "prepare save_reference");
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
    return std::optional<CachedReference>{
        CachedReference{name, column_text(stmt.get(), 0), column_text(stmt.get(), 1), sqlite3_column_int64(stmt.get(), 2)}};
}

}  // namespace motcua::platform
