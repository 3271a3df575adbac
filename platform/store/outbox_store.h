// The durable outbox in a real SQLite file (WAL, synchronous=FULL): a dossier is written in one
// transaction before any network call, and survives a crash or a power cut once committed.
// One OutboxStore per thread (each owns its connection).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/filing/outbox.h"
#include "core/result.h"

struct sqlite3;

namespace motcua::platform {

struct OutboxCounts {
    int pending = 0, sending = 0, accepted = 0, held = 0, cancelled = 0;
};

// The last good copy of a reference document from the portal ("thutuc", "donvihanhchinh").
struct CachedReference {
    std::string name;
    std::string etag;
    std::string body;
    std::int64_t fetched_unix_ms = 0;
};

// A satisfaction rating waiting to reach the portal.
struct StoredRating {
    std::int64_t id = 0;
    std::string body;  // core::rating_body
    int attempts = 0;
};

class OutboxStore {
public:
    // Bytes kept free for the outbox in "<path>.reserve", released when a write finds the disk
    // full (see make_room).
    static constexpr std::int64_t ReserveBytes = 512 * 1024;

    // Opens (creates 0600) the outbox in WAL mode, synchronous=FULL, secure_delete=ON, and keeps
    // its reserve file. Error codes as for insert, plus store_cannot_open and store_corrupt.
    static core::Result<std::unique_ptr<OutboxStore>> open(const std::string& path);

    // At start-up, before open: an outbox SQLite cannot read (not a database, or PRAGMA
    // quick_check finds damage) is renamed, with its -wal and -shm, to
    // "<path>.corrupt-<yyyymmddTHHMMSSZ>" (kept for a technician: it may hold unsent dossiers),
    // so the kiosk starts with a fresh one. Returns the new name, or "" when the file is fine
    // or missing. Error "store_set_aside_failed" when it is damaged and cannot be moved.
    static core::Result<std::string> set_aside_if_corrupt(const std::string& path,
                                                          std::int64_t now_unix_ms);
    ~OutboxStore();
    OutboxStore(const OutboxStore&) = delete;
    OutboxStore& operator=(const OutboxStore&) = delete;

    // Inserts a new entry in one transaction and sets its id. A full disk first makes room
    // (the reserve, then the reference cache) and tries once more. Error codes: disk_full,
    // store_io_error, store_read_only, store_corrupt, store_busy, store_failed (constraints and
    // the rest); the detail says what SQLite said.
    core::Status insert(core::OutboxEntry& entry);
    // Saves the entry's new state (by id), in one transaction; makes room as insert does.
    core::Status update(const core::OutboxEntry& entry);
    // Copies the WAL into the database and truncates it to zero bytes: after a purge, the old
    // payload is then in neither file (with secure_delete). store_busy while a reader holds an
    // old snapshot: try again later.
    core::Status checkpoint();
    // Every entry not yet Accepted nor Cancelled, oldest first.
    core::Result<std::vector<core::OutboxEntry>> unfinished();
    // One entry by its id (staff retry and cancel).
    core::Result<std::optional<core::OutboxEntry>> by_id(std::int64_t id);
    // Every entry, oldest first (staff screens, tests).
    core::Result<std::vector<core::OutboxEntry>> all();
    // The entry whose provisional code or MaHoSo is exactly `code`.
    core::Result<std::optional<core::OutboxEntry>> find(const std::string& code);
    core::Result<OutboxCounts> counts();
    // Ratings: kept until the portal took them (rating_done deletes); a refused one is kept
    // and no longer sent; any other failure counts an attempt and keeps it for the next pass.
    core::Status insert_rating(const std::string& body_json, std::int64_t now_unix_ms);
    core::Result<std::vector<StoredRating>> unsent_ratings();
    core::Status rating_done(std::int64_t id);
    core::Status rating_failed(std::int64_t id, bool refused, const std::string& error);

    // Replaces the cached copy of one reference document, in one transaction. disk_low, and
    // nothing written, when the disk would keep less than the reserve and a margin after it.
    core::Status save_reference(const CachedReference& reference);
    // The cached copy, or nothing when none was ever saved.
    core::Result<std::optional<CachedReference>> load_reference(const std::string& name);

private:
    OutboxStore(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    core::Result<std::vector<core::OutboxEntry>> select(const std::string& where,
                                                        const std::string& bind);
    std::string reserve_path() const;
    // Creates the reserve file when it is missing and the disk has room for it twice over.
    void keep_reserve();
    // After SQLITE_FULL: releases the reserve and drops the reference cache. True if it freed any.
    bool make_room();
    std::int64_t free_disk_bytes() const;  // -1 when unknown
    sqlite3* m_db;
    std::string m_path;
};

}  // namespace motcua::platform
