#include "platform/worker_loop.h"

#include <algorithm>
#include <chrono>

#include "platform/system/clock.h"

namespace motcua::platform {

WorkerLoop::~WorkerLoop() {
    stop();
}

void WorkerLoop::start(std::function<void(std::stop_token)> body) {
    m_thread = std::jthread([body = std::move(body)](std::stop_token stop) { body(stop); });
}

bool WorkerLoop::wait_until(const std::stop_token& stop, std::int64_t due_monotonic_ms) {
    const auto delay = std::chrono::milliseconds(
        std::max<std::int64_t>(0, due_monotonic_ms - system_monotonic_ms()));
    std::unique_lock lock(m_mutex);
    // Wakes on the stop request too (condition_variable_any's stop_token overload).
    m_wakeup.wait_for(lock, stop, delay, [this] { return m_poke; });
    m_poke = false;
    return !stop.stop_requested();
}

void WorkerLoop::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_poke = true;
    }
    m_wakeup.notify_all();
}

void WorkerLoop::stop() {
    if (!m_thread.joinable()) return;
    m_thread.request_stop();
    m_thread.join();
}

}  // namespace motcua::platform
