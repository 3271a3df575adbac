// [staff] The staff PIN check off the UI thread. Argon2id takes 0.5–0.9 s and 80 MB by design:
// on the UI thread it froze the screen for that long. A PinChecker runs each check on a thread of
// its own; the answer comes back as core::intent::StaffPinResult through take_results(), and
// `wake_ui` (SDL_PushEvent) wakes the loop. The lockout rules are StaffStore::check_pin's,
// unchanged: the check runs with the wall clock of the moment the PIN was submitted.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/session/session.h"
#include "platform/worker_loop.h"

namespace motcua::platform {

class StaffStore;

class PinChecker {
public:
    // What one check does (StaffStore::check_pin in the kiosk); called on the checker's thread.
    using Check = std::function<core::intent::StaffPinResult(const std::string& pin,
                                                             std::int64_t now_unix_ms)>;
    PinChecker(Check check, std::function<void()> wake_ui);
    // Checks with `store` (which must outlive the checker).
    PinChecker(StaffStore& store, std::function<void()> wake_ui);
    ~PinChecker();  // waits for a check under way (the lockout file is written before answering)
    PinChecker(const PinChecker&) = delete;
    PinChecker& operator=(const PinChecker&) = delete;

    // Queues a check and returns at once; one answer per call comes back through take_results().
    void check(std::string pin, std::int64_t now_unix_ms);
    // The answers that arrived since the last call (UI thread).
    std::vector<core::intent::StaffPinResult> take_results();
    // A check is queued or running, or its answer is not taken yet.
    bool busy() const;
    // Blocks until busy() would be false once the answers are taken, or `timeout_ms` passed;
    // true when no check is queued or running any more (for the headless driver's settle).
    bool wait_answered(std::int64_t timeout_ms);

private:
    struct Job {
        std::string pin;
        std::int64_t now_unix_ms = 0;
    };
    void run(const std::stop_token& stop);
    std::optional<Job> next_job(const std::stop_token& stop);

    Check m_check;
    std::function<void()> m_wake_ui;
    mutable std::mutex m_mutex;
    std::condition_variable m_answered;  // answers for wait_answered
    std::deque<Job> m_jobs;
    bool m_running = false;  // the thread is checking one now
    std::vector<core::intent::StaffPinResult> m_results;
    WorkerLoop m_loop;  // the thread (woken by check(), stopped by the destructor)
};

}  // namespace motcua::platform
