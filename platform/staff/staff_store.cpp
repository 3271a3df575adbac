#include "platform/staff/staff_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <sstream>

#include "core/filing/portal_time.h"
#include "platform/system/log.h"

namespace motcua::platform {

namespace {

bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

// The whole file, or nothing when it is missing or unreadable.
bool read_whole(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::stringstream buffer;
    buffer << in.rdbuf();
    out = buffer.str();
    return true;
}

std::string vietnam_date(std::int64_t now_unix_ms) {
    const core::LocalDateTime local = core::vietnam_time_from_unix_ms(now_unix_ms);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", local.year, local.month, local.day);
    return text;
}

}  // namespace

core::Status write_private_file(const std::string& path, const std::string& content) {
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return core::make_error("staff_file_write_failed", "cannot create " + temporary);
    ::fchmod(fd, 0600);  // whatever the umask and an older file said
    const char* data = content.data();
    std::size_t left = content.size();
    bool ok = true;
    while (left > 0) {
        const ssize_t written = ::write(fd, data, left);
        if (written <= 0) {
            ok = false;
            break;
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
    ok = ok && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        return core::make_error("staff_file_write_failed", "cannot write " + path);
    }
    return core::Ok{};
}

core::Status set_staff_pin(const std::string& path, const std::string& pin) {
    if (pin.size() < 4 || pin.size() > 12 ||
        pin.find_first_not_of("0123456789") != std::string::npos)
        return core::make_error("staff_pin_invalid", "a staff PIN is 4 to 12 digits");
    if (!sodium_ready()) return core::make_error("staff_pin_hash_failed", "sodium_init failed");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return core::make_error("staff_pin_hash_failed", "crypto_pwhash_str: out of memory");
    return write_private_file(path, std::string(hash) + "\n");
}

PinCheck verify_staff_pin(const std::string& path, const std::string& pin) {
    std::string hash;
    if (!read_whole(path, hash)) return PinCheck::NotSet;
    while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r')) hash.pop_back();
    if (hash.empty()) return PinCheck::NotSet;
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0)
        log_warning("staff_pin_file_mode", path + " is readable by others: chmod 600 it");
    if (!sodium_ready()) return PinCheck::Failed;
    return crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) == 0 ? PinCheck::Right
                                                                                : PinCheck::Wrong;
}

StaffStore::StaffStore(std::string pin_path, std::string lock_path, std::string counts_path)
    : m_pin_path(std::move(pin_path)),
      m_lock_path(std::move(lock_path)),
      m_counts_path(std::move(counts_path)) {
    std::string text;
    if (read_whole(m_counts_path, text)) {
        auto counts = core::decode_counts(text);
        if (counts)
            m_counts = *counts;
        else
            log_error(counts.error().code, m_counts_path + ": " + counts.error().detail);
    }
}

core::intent::StaffPinResult StaffStore::check_pin(const std::string& pin,
                                                   std::int64_t now_unix_ms) {
    core::PinLockout lockout;
    bool damaged = false;
    if (std::string text; read_whole(m_lock_path, text)) {
        auto stored = core::decode_lockout(text);
        if (stored) {
            lockout = *stored;
        } else {
            // A damaged lock file must not hand out fresh guesses: a lock, rewritten so that
            // it ends five minutes from now.
            log_error(stored.error().code, m_lock_path + ": " + stored.error().detail);
            lockout.locked_until_unix_ms = now_unix_ms + core::StaffLockoutMs;
            damaged = true;
        }
    }
    const core::PinLockout before = lockout;
    lockout = core::normalise_lockout(lockout, now_unix_ms);
    auto save = [&](const core::PinLockout& value) {
        if (auto written = write_private_file(m_lock_path, core::encode_lockout(value)); !written)
            log_error(written.error().code, written.error().detail);
    };
    if (core::is_locked(lockout, now_unix_ms)) {
        if (damaged || !(lockout == before)) save(lockout);
        return {core::StaffPinOutcome::Locked, 0, core::lockout_ms_left(lockout, now_unix_ms)};
    }
    switch (verify_staff_pin(m_pin_path, pin)) {
        case PinCheck::Right:
            if (!(before == core::PinLockout{})) save(core::after_right_pin(lockout));
            return {core::StaffPinOutcome::Right, core::StaffPinMaxFailures, 0};
        case PinCheck::Wrong: {
            lockout = core::after_wrong_pin(lockout, now_unix_ms);
            save(lockout);
            if (core::is_locked(lockout, now_unix_ms))
                return {core::StaffPinOutcome::Locked, 0,
                        core::lockout_ms_left(lockout, now_unix_ms)};
            return {core::StaffPinOutcome::Wrong, core::failures_left(lockout), 0};
        }
        case PinCheck::NotSet:
            log_error("staff_pin_not_set", m_pin_path + " holds no PIN: motcua --set-staff-pin");
            return {core::StaffPinOutcome::NotSet, 0, 0};
        case PinCheck::Failed:
            log_error("staff_pin_check_failed", "libsodium could not start");
            return {core::StaffPinOutcome::Failed, 0, 0};
    }
    return {core::StaffPinOutcome::Failed, 0, 0};
}

void StaffStore::count_filing(const std::string& procedure_code, bool assisted,
                              std::int64_t now_unix_ms) {
    m_counts = core::count_filing(m_counts, vietnam_date(now_unix_ms), procedure_code, assisted);
    save_counts();
}

void StaffStore::count_visit(const core::VisitCount& visit, std::int64_t now_unix_ms) {
    m_counts = core::count_visit(m_counts, vietnam_date(now_unix_ms), visit);
    save_counts();
}

core::DailyCounts StaffStore::counts(std::int64_t now_unix_ms) const {
    return core::counts_for_day(m_counts, vietnam_date(now_unix_ms));
}

void StaffStore::save_counts() {
    if (auto written = write_private_file(m_counts_path, core::encode_counts(m_counts)); !written)
        log_error(written.error().code, written.error().detail);
}

// [SECTION] Recent events

namespace {
std::mutex events_mutex;
std::deque<std::string> events;  // newest first
}  // namespace

void remember_event(const char* level, const std::string& event, const std::string& detail) {
    const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    const core::LocalDateTime local = core::vietnam_time_from_unix_ms(now);
    char time[16];
    std::snprintf(time, sizeof time, "%02d:%02d:%02d", local.hour, local.minute, local.second);
    std::string line = std::string(time) + "  " + level + "  " + event;
    if (!detail.empty()) line += "  " + detail.substr(0, 160);
    std::lock_guard lock(events_mutex);
    events.push_front(std::move(line));
    if (events.size() > 100) events.pop_back();
}

std::vector<std::string> recent_events(std::size_t max) {
    std::lock_guard lock(events_mutex);
    return {events.begin(),
            events.begin() + static_cast<std::ptrdiff_t>(std::min(max, events.size()))};
}

}  // namespace motcua::platform
