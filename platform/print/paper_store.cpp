#include "platform/print/paper_store.h"

#include <sys/stat.h>

#include <cstdio>

namespace motcua::platform::print {

namespace {

class Statement {
public:
    Statement(sqlite3* db, const char* sql) {
        m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    bool ok() const { return m_rc == SQLITE_OK; }
    sqlite3_stmt* get() { return m_stmt; }
    void text(int index, const std::string& value) {
        sqlite3_bind_text(m_stmt, index, value.c_str(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT);
    }
    void integer(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt, index, value); }
    int step() { return sqlite3_step(m_stmt); }

private:
    sqlite3_stmt* m_stmt = nullptr;
    int m_rc;
};

const char* Schema = R"sql(
CREATE TABLE IF NOT EXISTS queue_ticket (
  day TEXT NOT NULL,
  group_id TEXT NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (day, group_id)
);
CREATE TABLE IF NOT EXISTS receipt_copy (
  code TEXT PRIMARY KEY,
  provisional_code TEXT NOT NULL,
  printed_unix_ms INTEGER NOT NULL,
  document_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS receipt_copy_provisional ON receipt_copy(provisional_code);
PRAGMA user_version = 1;
)sql";

std::string day_text(const core::Date& day) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", day.year, day.month, day.day);
    return text;
}

core::Error sqlite_error(sqlite3* db, const char* code, const std::string& what) {
    return core::make_error(code, what + ": " + sqlite3_errmsg(db));
}

}  // namespace

core::Result<std::unique_ptr<PaperStore>> PaperStore::open(const std::string& path) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
        std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return core::make_error("paper_store_failed", path + ": " + detail);
    }
    std::unique_ptr<PaperStore> store(new PaperStore(db));
    ::chmod(path.c_str(), 0600);
    sqlite3_busy_timeout(db, 5000);
    char* message = nullptr;
    rc = sqlite3_exec(db,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;",
                      nullptr, nullptr, &message);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, Schema, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return core::make_error("paper_store_failed", "schema of " + path + ": " + detail);
    }
    for (const char* suffix : {"-wal", "-shm"}) ::chmod((path + suffix).c_str(), 0600);
    return store;
}

PaperStore::~PaperStore() {
    sqlite3_close(m_db);
}

core::Result<int> PaperStore::next_ticket(const std::string& group_id, const core::Date& day) {
    // One statement, one implicit transaction: the number is on disk when it is returned.
    Statement stmt(m_db,
                   "INSERT INTO queue_ticket (day, group_id, last_number) VALUES (?1, ?2, 1) "
                   "ON CONFLICT (day, group_id) DO UPDATE SET last_number = last_number + 1 "
                   "RETURNING last_number");
    if (!stmt.ok()) return sqlite_error(m_db, "ticket_failed", "prepare next_ticket");
    stmt.text(1, day_text(day));
    stmt.text(2, group_id);
    if (stmt.step() != SQLITE_ROW) return sqlite_error(m_db, "ticket_failed", "next_ticket");
    const int number = sqlite3_column_int(stmt.get(), 0);
    if (stmt.step() != SQLITE_DONE)
        return sqlite_error(m_db, "ticket_failed", "next_ticket commit");
    return number;
}

core::Status PaperStore::keep_receipt(const core::PaperDocument& document,
                                      std::int64_t now_unix_ms) {
    Statement stmt(m_db,
                   "INSERT OR REPLACE INTO receipt_copy (code, provisional_code, printed_unix_ms, "
                   "document_json) VALUES (?1, ?2, ?3, ?4)");
    if (!stmt.ok()) return sqlite_error(m_db, "paper_store_failed", "prepare keep_receipt");
    stmt.text(1, document.code);
    stmt.text(2, document.provisional_code);
    stmt.integer(3, now_unix_ms);
    stmt.text(4, core::paper_to_json(document));
    if (stmt.step() != SQLITE_DONE) return sqlite_error(m_db, "paper_store_failed", "keep_receipt");
    Statement prune(m_db, "DELETE FROM receipt_copy WHERE printed_unix_ms < ?1");
    prune.integer(1, now_unix_ms - ReceiptKeepMs);
    if (!prune.ok() || prune.step() != SQLITE_DONE)
        return sqlite_error(m_db, "paper_store_failed", "prune receipts");
    return core::Ok{};
}

core::Result<std::optional<core::PaperDocument>> PaperStore::find_receipt(
    const std::string& code, std::int64_t now_unix_ms) {
    if (code.empty()) return std::optional<core::PaperDocument>();
    Statement stmt(m_db,
                   "SELECT document_json FROM receipt_copy WHERE (code = ?1 OR provisional_code = "
                   "?1) AND printed_unix_ms >= ?2 ORDER BY printed_unix_ms DESC LIMIT 1");
    if (!stmt.ok()) return sqlite_error(m_db, "paper_store_failed", "prepare find_receipt");
    stmt.text(1, code);
    stmt.integer(2, now_unix_ms - ReceiptKeepMs);
    const int rc = stmt.step();
    if (rc == SQLITE_DONE) return std::optional<core::PaperDocument>();
    if (rc != SQLITE_ROW) return sqlite_error(m_db, "paper_store_failed", "find_receipt");
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    auto document = core::paper_from_json(text ? text : "");
    if (!document) return document.error();
    return std::optional<core::PaperDocument>(std::move(document).value());
}

core::Status PaperStore::prune(std::int64_t now_unix_ms, const core::Date& today) {
    Statement receipts(m_db, "DELETE FROM receipt_copy WHERE printed_unix_ms < ?1");
    receipts.integer(1, now_unix_ms - ReceiptKeepMs);
    if (!receipts.ok() || receipts.step() != SQLITE_DONE)
        return sqlite_error(m_db, "paper_store_failed", "prune receipts");
    Statement tickets(m_db, "DELETE FROM queue_ticket WHERE day < ?1");
    tickets.text(1, day_text(today));
    if (!tickets.ok() || tickets.step() != SQLITE_DONE)
        return sqlite_error(m_db, "paper_store_failed", "prune tickets");
    return core::Ok{};
}

}  // namespace motcua::platform::print
