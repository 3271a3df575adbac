#include "platform/system/log.h"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>

#include "platform/staff/staff_store.h"  // [staff] recent events for the staff page

namespace motcua::platform {

namespace {

std::mutex log_mutex;
std::FILE* log_file = nullptr;
bool quiet = false;

void write(const char* level, const std::string& event, const std::string& detail) {
    remember_event(level, event, detail);  // [staff]
    if (quiet && std::string(level) == "info" && !log_file) return;
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    nlohmann::json line = {{"t", now}, {"level", level}, {"event", event}};
    if (!detail.empty()) line["detail"] = detail;
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::lock_guard lock(log_mutex);
    if (!quiet || std::string(level) != "info") std::fputs(text.c_str(), stderr);
    if (log_file) {
        std::fputs(text.c_str(), log_file);
        std::fflush(log_file);
    }
}

}  // namespace

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
