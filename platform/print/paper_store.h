// The kiosk's paper records in SQLite (WAL, synchronous=FULL, secure_delete): queue numbers per
// counter group and day, which never repeat within a day across restarts, and the receipts of
// the last 30 days for staff to reprint. One connection; use it from one thread (the UI's).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/filing/portal_time.h"
#include "core/receipt/paper.h"
#include "core/result.h"

namespace motcua::platform::print {

// How long a printed receipt is kept for a reprint.
inline constexpr std::int64_t ReceiptKeepMs = 30LL * 24 * 3600 * 1000;

class PaperStore {
public:
    // Opens or creates the file (0600). Error "paper_store_failed".
    static core::Result<std::unique_ptr<PaperStore>> open(const std::string& path);
    ~PaperStore();
    PaperStore(const PaperStore&) = delete;
    PaperStore& operator=(const PaperStore&) = delete;

    // The next number of `group_id` on local day `day` (1 for the first of the day), committed
    // before it is returned. Error "ticket_failed".
    core::Result<int> next_ticket(const std::string& group_id, const core::Date& day);

    // Keeps a printed receipt under its code (and provisional code) for ReceiptKeepMs, and
    // drops older ones. A second receipt with the same code replaces the first.
    core::Status keep_receipt(const core::PaperDocument& document, std::int64_t now_unix_ms);
    // The receipt kept under this MaHoSo or provisional code within ReceiptKeepMs, or nullopt.
    core::Result<std::optional<core::PaperDocument>> find_receipt(const std::string& code,
                                                                  std::int64_t now_unix_ms);
    // Drops receipts older than ReceiptKeepMs and ticket counters of earlier days.
    core::Status prune(std::int64_t now_unix_ms, const core::Date& today);

private:
    explicit PaperStore(sqlite3* db) : m_db(db) {}
    sqlite3* m_db;
};

}  // namespace motcua::platform::print
