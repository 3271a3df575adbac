// Staff mode's secrets and records on disk: the PIN as a salted slow hash (libsodium's
// crypto_pwhash_str: Argon2id), the lockout and today's counts, each in a 0600 file written to
// a temporary name, fsync'd and renamed, so a power cut leaves the old file or the new one.
// The recent log events are kept in memory for the staff page (no personal data: the log never
// holds any).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/session/session.h"
#include "core/staff/staff.h"

namespace motcua::platform {

// A PIN is 4 to 12 digits. Writes the hash (never the PIN) to `path`, mode 0600.
// Errors: staff_pin_invalid, staff_pin_hash_failed, staff_file_write_failed.
core::Status set_staff_pin(const std::string& path, const std::string& pin);

enum class PinCheck { Right, Wrong, NotSet, Failed };
// Compares `pin` with the hash in `path` (a slow hash: about a tenth of a second).
PinCheck verify_staff_pin(const std::string& path, const std::string& pin);

// Writes `content` to `path` atomically with mode 0600.
core::Status write_private_file(const std::string& path, const std::string& content);

// The PIN check, the persisted lockout and today's counts, for the app's effects.
class StaffStore {
public:
    StaffStore(std::string pin_path, std::string lock_path, std::string counts_path);

    // Checks the PIN unless locked; counts a wrong one and persists the lockout before
    // answering (so killing the app right after a wrong PIN does not forget it).
    core::intent::StaffPinResult check_pin(const std::string& pin, std::int64_t now_unix_ms);
    void count_filing(const std::string& procedure_code, bool assisted, std::int64_t now_unix_ms);
    void count_visit(const core::VisitCount& visit, std::int64_t now_unix_ms);
    // Today's counts (fresh ones after midnight, Vietnam time).
    core::DailyCounts counts(std::int64_t now_unix_ms) const;

private:
    void save_counts();

    std::string m_pin_path, m_lock_path, m_counts_path;
    core::DailyCounts m_counts;
};

// The log's recent events, newest first ("10:02:13 dossier_saved 1.001193 KD4MX7PA").
void remember_event(const char* level, const std::string& event, const std::string& detail);
std::vector<std::string> recent_events(std::size_t max);

}  // namespace motcua::platform
