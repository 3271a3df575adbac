#include "platform/metrics_writer.h"

#include <algorithm>

#include "platform/store/outbox_store.h"
#include "platform/system/clock.h"
#include "platform/system/log.h"
#include "platform/system/metrics.h"

namespace motcua::platform {

MetricsWriter::MetricsWriter(std::string metrics_path, std::string db_path, int interval_ms)
    : m_metrics_path(std::move(metrics_path)),
      m_db_path(std::move(db_path)),
      m_interval_ms(interval_ms) {}

MetricsWriter::~MetricsWriter() {
    if (m_thread.joinable()) {
        m_thread.request_stop();
        m_wakeup.notify_all();
        m_thread.join();
    }
    write_now();
}

void MetricsWriter::start() {
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
}

void MetricsWriter::write_now() {
    std::lock_guard write_lock(m_write_mutex);
    if (auto store = OutboxStore::open(m_db_path); store) {
        if (auto counts = (*store)->counts(); counts) {
            metrics::clear("motcua_filings");
            metrics::set("motcua_filings", {{"state", "pending"}}, counts->pending);
            metrics::set("motcua_filings", {{"state", "sending"}}, counts->sending);
            metrics::set("motcua_filings", {{"state", "held"}}, counts->held);
            metrics::set("motcua_filings", {{"state", "accepted"}}, counts->accepted);
            metrics::set("motcua_filings", {{"state", "cancelled"}}, counts->cancelled);
        }
        if (auto entries = (*store)->unfinished(); entries) {
            std::int64_t oldest = 0;
            for (const auto& entry : *entries)
                if (oldest == 0 || entry.created_unix_ms < oldest) oldest = entry.created_unix_ms;
            metrics::set("motcua_outbox_depth", static_cast<double>(entries->size()));
            metrics::set(
                "motcua_outbox_oldest_unsent_age_seconds",
                oldest == 0 ? 0.0 : std::max<double>(0, (system_wall_ms() - oldest) / 1000.0));
        }
    }
    if (auto written = metrics::write_metrics_file(m_metrics_path); !written) {
        if (!m_reported) log_error(written.error().code, written.error().detail);
        m_reported = true;  // said once: the disk or the folder is the problem, not each write
    }
}

void MetricsWriter::run(std::stop_token stop) {
    while (!stop.stop_requested()) {
        write_now();
        std::unique_lock lock(m_mutex);
        m_wakeup.wait_for(lock, stop, std::chrono::milliseconds(m_interval_ms),
                          [] { return false; });
    }
}

}  // namespace motcua::platform
