// One background thread that does a pass of work, then sleeps until its next due time, a wake()
// or stop(): the filing, lookup and reference threads all run on it (std::jthread +
// std::stop_token), so none of them hand-writes its own mutex, condition variable and stop flag.
//
//   loop.start([&](std::stop_token stop) {
//       auto portal = make_portal();             // per-thread resources, on the thread
//       do { ...one pass...; next = ...; } while (loop.wait_until(stop, next));
//   });
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace motcua::platform {

class WorkerLoop {
public:
    WorkerLoop() = default;
    ~WorkerLoop();
    WorkerLoop(const WorkerLoop&) = delete;
    WorkerLoop& operator=(const WorkerLoop&) = delete;

    // Runs `body` on a new thread. The body does its passes and calls wait_until between them;
    // it returns once wait_until says false (or on a fatal error). Call once.
    void start(std::function<void(std::stop_token)> body);
    // From the loop's thread only, with the token its body got: sleeps until `due_monotonic_ms`
    // (platform::system_monotonic_ms), a wake() or stop(), whichever comes first. False once
    // stop() was asked: return.
    bool wait_until(const std::stop_token& stop, std::int64_t due_monotonic_ms);
    // From any thread: the next wait_until returns at once (a wake while a pass runs is kept).
    void wake();
    // Asks the thread to stop, wakes it, and joins it. Idempotent; also done by the destructor.
    void stop();

private:
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wakeup;
    bool m_poke = false;
    std::jthread m_thread;
};

}  // namespace motcua::platform
