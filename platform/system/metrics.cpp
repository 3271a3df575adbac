#include "platform/system/metrics.h"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>

#include "platform/system/log.h"

namespace motcua::platform::metrics {

namespace {

struct Family {
    std::string help;
    std::string type;  // "counter" or "gauge"
    std::map<Labels, double> series;
};

std::mutex mutex;

void declare(std::map<std::string, Family>& all, const std::string& name, const char* type,
             const char* help) {
    all[name] = Family{help, type, {}};
}

// Every family the kiosk writes (docs/events.md lists them too).
std::map<std::string, Family> declared() {
    std::map<std::string, Family> all;

    declare(all, "motcua_build_info", "gauge", "The kiosk's version (label version); always 1.");
    declare(all, "motcua_start_time_seconds", "gauge",
            "When this kiosk process started (Unix time).");
    declare(all, "motcua_visits_started_total", "counter",
            "Visits begun by a tap on the attract screen.");
    declare(all, "motcua_visits_finished_total", "counter",
            "Visits that reached the receipt (a dossier was saved) before the wipe.");
    declare(all, "motcua_visits_abandoned_total", "counter",
            "Visits wiped before a dossier was saved, by the step the resident left on.");
    // [dates] visits that ended, without a filing, where such visits end
    declare(all, "motcua_visits_ended_total", "counter",
            "Visits that ended without a filing where visits end (guidance, eligibility_exit, "
            "lookup), by that step.");
    declare(all, "motcua_filings", "gauge", "Dossiers in the outbox by state.");
    declare(all, "motcua_outbox_depth", "gauge",
            "Dossiers not yet accepted by the portal (pending, sending or held).");
    declare(all, "motcua_outbox_oldest_unsent_age_seconds", "gauge",
            "Age of the oldest dossier not yet accepted (0 when there is none).");
    declare(all, "motcua_portal_errors_total", "counter",
            "Failed dossier submissions by kind (network, tls, config, auth, refused).");
    declare(all, "motcua_printer_status", "gauge",
            "The receipt printer's state: 1 for the current status label (none = no printer).");
    declare(all, "motcua_last_frame_timestamp_seconds", "gauge",
            "When the screen was last drawn (Unix time); the kiosk draws only when something "
            "changes, so compare with motcua_visits_started_total and input, not with now.");
    // Counters without labels start at 0, so rate() and increase() work from the first scrape.
    all["motcua_visits_started_total"].series[{}] = 0;
    all["motcua_visits_finished_total"].series[{}] = 0;
    return all;
}

std::map<std::string, Family>& families() {
    static std::map<std::string, Family> all = declared();
    return all;
}
std::set<std::string>& undeclared() {
    static std::set<std::string> names;
    return names;
}
std::atomic<std::int64_t> last_frame{0};

// Called with the mutex held.
Family* find(const std::string& name) {
    auto it = families().find(name);
    if (it != families().end()) return &it->second;
    if (undeclared().insert(name).second)
        log_error("metric_undeclared", name);  // a programmer mistake, said once
    return nullptr;
}

std::string escape(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    char text[64];
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        std::snprintf(text, sizeof text, "%.0f", value);
    else
        std::snprintf(text, sizeof text, "%.6f", value);
    return text;
}

}  // namespace

void count(const std::string& name, const Labels& labels, double by) {
    std::lock_guard lock(mutex);
    if (Family* family = find(name)) family->series[labels] += by;
}

void set(const std::string& name, const Labels& labels, double value) {
    std::lock_guard lock(mutex);
    if (Family* family = find(name)) family->series[labels] = value;
}

void clear(const std::string& name) {
    std::lock_guard lock(mutex);
    if (Family* family = find(name)) family->series.clear();
}

void set_only(const std::string& name, const Labels& labels, double value) {
    std::lock_guard lock(mutex);
    if (Family* family = find(name)) family->series = {{labels, value}};
}

std::string render() {
    std::lock_guard lock(mutex);
    std::string out;
    for (const auto& [name, family] : families()) {
        out += "# HELP " + name + " " + family.help + "\n";
        out += "# TYPE " + name + " " + family.type + "\n";
        for (const auto& [labels, value] : family.series) {
            out += name;
            if (!labels.empty()) {
                out += "{";
                bool first = true;
                for (const auto& [key, label] : labels) {
                    out += (first ? "" : ",") + key + "=\"" + escape(label) + "\"";
                    first = false;
                }
                out += "}";
            }
            out += " " + number(value) + "\n";
        }
    }
    return out;
}

core::Status write_metrics_file(const std::string& path) {
    const std::string text = render();
    const std::string temporary = path + ".tmp";
    std::FILE* file = std::fopen(temporary.c_str(), "w");
    if (!file) return core::make_error("metrics_not_written", "cannot create " + temporary);
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    if (std::fclose(file) != 0 || !written) {
        std::remove(temporary.c_str());
        return core::make_error("metrics_not_written", "cannot write " + temporary);
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error)
        return core::make_error("metrics_not_written",
                                "cannot rename " + temporary + ": " + error.message());
    return core::Ok{};
}

void frame_rendered(std::int64_t wall_unix_ms) {
    last_frame.store(wall_unix_ms, std::memory_order_relaxed);
    set("motcua_last_frame_timestamp_seconds", static_cast<double>(wall_unix_ms) / 1000.0);
}

std::int64_t last_frame_unix_ms() {
    return last_frame.load(std::memory_order_relaxed);
}

}  // namespace motcua::platform::metrics
