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
    int pending = 0, sending = 0, accepted = 0, held = 0;
};

// The last good copy of a reference document from the portal ("thutuc", "donvihanhchinh").
struct CachedReference {
    std::string name;
    std::string etag;
    std::string body;
    std::int64_t fetched_unix_ms = 0;
};

class OutboxStore {
public:
    static core::Result<std::unique_ptr<OutboxStore>> open(const std::string& path);
    ~OutboxStore();
    OutboxStore(const OutboxStore&) = delete;
    OutboxStore& operator=(const OutboxStore&) = delete;

    // Inserts a new entry in one transaction and sets its id. Error codes: "disk_full",
    // "store_failed" (the detail says what SQLite said).
    core::Status insert(core::OutboxEntry& entry);
    // Saves the entry's new state (by id), in one transaction.
    core::Status update(const core::OutboxEntry& entry);
    // Every entry not yet Accepted, oldest first.
    core::Result<std::vector<core::OutboxEntry>> unfinished();
    // Every entry, oldest first (staff screens, tests).
    core::Result<std::vector<core::OutboxEntry>> all();
    // The entry whose provisional code or MaHoSo is exactly `code`.
    core::Result<std::optional<core::OutboxEntry>> find(const std::string& code);
    core::Result<OutboxCounts> counts();
    // Replaces the cached copy of one reference document, in one transaction.
    core::Status save_reference(const CachedReference& reference);
    // The cached copy, or nothing when none was ever saved.
    core::Result<std::optional<CachedReference>> load_reference(const std::string& name);

private:
    explicit OutboxStore(sqlite3* db) : m_db(db) {}
    core::Result<std::vector<core::OutboxEntry>> select(const std::string& where, const std::string& bind);
    sqlite3* m_db;
};

}  // namespace motcua::platform
