#include "platform/staff/pin_checker.h"

#include <chrono>

#include "platform/staff/staff_store.h"
#include "platform/system/clock.h"

namespace motcua::platform {

PinChecker::PinChecker(Check check, std::function<void()> wake_ui)
    : m_check(std::move(check)), m_wake_ui(std::move(wake_ui)) {
    m_loop.start([this](std::stop_token stop) { run(stop); });
}

PinChecker::PinChecker(StaffStore& store, std::function<void()> wake_ui)
    : PinChecker([&store](const std::string& pin,
                          std::int64_t now_unix_ms) { return store.check_pin(pin, now_unix_ms); },
                 std::move(wake_ui)) {}

PinChecker::~PinChecker() {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.clear();  // not started: nobody waits for them any more
    }
    m_loop.stop();  // a check under way ends first
}

void PinChecker::check(std::string pin, std::int64_t now_unix_ms) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(Job{std::move(pin), now_unix_ms});
    }
    m_loop.wake();
}

std::vector<core::intent::StaffPinResult> PinChecker::take_results() {
    std::lock_guard lock(m_mutex);
    std::vector<core::intent::StaffPinResult> out;
    out.swap(m_results);
    return out;
}

bool PinChecker::busy() const {
    std::lock_guard lock(m_mutex);
    return m_running || !m_jobs.empty() || !m_results.empty();
}

bool PinChecker::wait_answered(std::int64_t timeout_ms) {
    std::unique_lock lock(m_mutex);
    return m_answered.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                               [&] { return !m_running && m_jobs.empty(); });
}

std::optional<PinChecker::Job> PinChecker::next_job(const std::stop_token& stop) {
    std::lock_guard lock(m_mutex);
    if (stop.stop_requested() || m_jobs.empty()) return std::nullopt;
    Job job = std::move(m_jobs.front());
    m_jobs.pop_front();
    m_running = true;
    return job;
}

void PinChecker::run(const std::stop_token& stop) {
    do {
        while (auto job = next_job(stop)) {
            core::intent::StaffPinResult result = m_check(job->pin, job->now_unix_ms);
            job->pin.assign(job->pin.size(), '\0');  // the digits do not outlive the check
            {
                std::lock_guard lock(m_mutex);
                m_results.push_back(result);
            }
            if (m_wake_ui) m_wake_ui();
            {
                // Answered only once the loop was woken: wait_answered() then means delivered.
                std::lock_guard lock(m_mutex);
                m_running = false;
            }
            m_answered.notify_all();
        }
        // Nothing to check: sleep until check() wakes the loop (the hour is only a bound).
    } while (m_loop.wait_until(stop, system_monotonic_ms() + 3'600'000));
}

}  // namespace motcua::platform
