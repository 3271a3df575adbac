#include "platform/system/log.h"

#include <sys/stat.h>
#include <systemd/sd-journal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>

#include "platform/staff/staff_store.h"  // [staff] recent events for the staff page

namespace motcua::platform {

namespace {

std::mutex log_mutex;
std::FILE* log_file = nullptr;
bool quiet = false;

// systemd's rule (systemd.exec(5)): JOURNAL_STREAM holds the device and inode of the journal
// stream it connected to stderr; a child whose stderr was redirected elsewhere must not log there.
// Under cage the kiosk inherits the service's stderr. INVOCATION_ID without JOURNAL_STREAM is a
// service whose stderr is not the journal (StandardError=file...): journald is still there,
// unless stderr is a pipe, which is a test harness capturing the log.
bool detect_journal() {
    // sd_journal_send drops entries silently when journald is not running: then stderr.
    struct stat socket_stat {};
    if (stat("/run/systemd/journal/socket", &socket_stat) != 0) return false;
    const char* override_to = std::getenv("MOTCUA_LOG_TO");  // "journal" or "stderr"
    if (override_to) return std::string(override_to) == "journal";
    struct stat st {};
    const bool have_stderr = fstat(2, &st) == 0;
    if (const char* stream = std::getenv("JOURNAL_STREAM")) {
        unsigned long long device = 0, inode = 0;
        return std::sscanf(stream, "%llu:%llu", &device, &inode) == 2 && have_stderr &&
               static_cast<unsigned long long>(st.st_dev) == device &&
               static_cast<unsigned long long>(st.st_ino) == inode;
    }
    return std::getenv("INVOCATION_ID") != nullptr && !(have_stderr && S_ISFIFO(st.st_mode));
}

int priority(const std::string& level) {
    if (level == "error") return 3;    // LOG_ERR
    if (level == "warning") return 4;  // LOG_WARNING
    return 6;                          // LOG_INFO
}

void write(const char* level, const std::string& event, const std::string& detail) {
    remember_event(level, event, detail);  // [staff]
    bool journal_failed = false;
    if (log_to_journal()) {
        const std::string message = detail.empty() ? event : event + ": " + detail;
        const int sent = sd_journal_send(
            "MESSAGE=%s", message.c_str(), "PRIORITY=%d", priority(level), "MOTCUA_EVENT=%s",
            event.c_str(), "MOTCUA_DETAIL=%s", detail.c_str(), "SYSLOG_IDENTIFIER=motcua", nullptr);
        if (sent >= 0 && !log_file) return;
        // journald refused it (full, too large...): the line goes to stderr, never nowhere.
        if (sent < 0) journal_failed = true;
    }
    if (quiet && std::string(level) == "info" && !log_file) return;
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    nlohmann::json line = {{"t", now}, {"level", level}, {"event", event}};
    if (!detail.empty()) line["detail"] = detail;
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::lock_guard lock(log_mutex);
    if ((!log_to_journal() || journal_failed) && (!quiet || std::string(level) != "info"))
        std::fputs(text.c_str(), stderr);
    if (log_file) {
        std::fputs(text.c_str(), log_file);
        std::fflush(log_file);
    }
}

}  // namespace

bool log_to_journal() {
    static const bool journal = detect_journal();
    return journal;
}

void set_log_file(const std::string& path) {
    std::lock_guard lock(log_mutex);
    if (log_file) std::fclose(log_file);
    log_file = path.empty() ? nullptr : std::fopen(path.c_str(), "a");
}

void set_log_quiet(bool value) {
    quiet = value;
}
void log_info(const std::string& event, const std::string& detail) {
    write("info", event, detail);
}
void log_warning(const std::string& event, const std::string& detail) {
    write("warning", event, detail);
}
void log_error(const std::string& event, const std::string& detail) {
    write("error", event, detail);
}

}  // namespace motcua::platform
