// [ops] Keeps the --metrics-file current: every 15 s (and once more when stopped) it reads the
// outbox through its own SQLite connection (filings by state, depth, oldest unsent age) and
// rewrites the file atomically (platform/system/metrics.h). Runs on its own thread.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace motcua::platform {

class MetricsWriter {
public:
    MetricsWriter(std::string metrics_path, std::string db_path, int interval_ms = 15'000);
    ~MetricsWriter();  // stops the thread and writes the file a last time
    MetricsWriter(const MetricsWriter&) = delete;
    MetricsWriter& operator=(const MetricsWriter&) = delete;

    void start();
    void write_now();  // refresh the outbox gauges and write the file, on the calling thread

private:
    void run(std::stop_token stop);

    std::string m_metrics_path;
    std::string m_db_path;
    int m_interval_ms;
    std::mutex m_write_mutex;  // one writer of the file at a time
    bool m_reported = false;   // a write failure was logged (guarded by m_write_mutex)
    std::mutex m_mutex;
    std::condition_variable_any m_wakeup;
    std::jthread m_thread;
};

}  // namespace motcua::platform
