// Tells staff that a resident tapped "Gọi cán bộ" (core::effect::NotifyStaff): runs a command
// (no shell: the words of the command line are its argv) or POSTs a small JSON to an HTTP address
// on this machine or the office LAN. Runs on its own thread; the UI never waits for it. What is
// sent names the kiosk, the screen and the time: never anything the resident typed.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"

namespace motcua::platform {

struct StaffNotifyOptions {
    // e.g. "/usr/local/bin/call-staff --desk 2". Split on spaces, run directly (execvp), with
    // MOTCUA_EVENT=staff_called, MOTCUA_KIOSK_ID and MOTCUA_SCREEN in its environment.
    std::string command;
    // e.g. "http://192.168.1.20:8080/call". Only http(s) to a literal loopback or private LAN
    // address (127/8, ::1, 10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7) or "localhost".
    std::string url;
    std::string kiosk_id = "KIOSK-01";
    std::int64_t timeout_ms = 5000;  // a command killed, a POST given up, after this long
};

// One notification's outcome, for the log and for tests.
struct StaffNotifyOutcome {
    bool ok = false;
    std::string via;     // "command" or "http"
    std::string detail;  // exit status, HTTP status or the error; never personal data
};

// Checks the URL's shape and that its host is a loopback or LAN address (no name lookup: a
// name could point anywhere). Error code "notify_url_refused" with the reason.
core::Status check_notify_url(const std::string& url);
// The command's argv: split on runs of spaces; empty when the command is blank.
std::vector<std::string> split_command(const std::string& command);

class StaffNotifier {
public:
    // Refuses a URL check_notify_url() refuses and a command whose program is not found.
    static core::Result<std::unique_ptr<StaffNotifier>> create(
        StaffNotifyOptions options, std::function<void(const StaffNotifyOutcome&)> on_done = {});
    ~StaffNotifier();  // finishes the notifications already asked for (each bounded by timeout)
    StaffNotifier(const StaffNotifier&) = delete;
    StaffNotifier& operator=(const StaffNotifier&) = delete;

    // Queues one notification and returns at once.
    void notify(const std::string& screen, std::int64_t wall_unix_ms);

private:
    StaffNotifier(StaffNotifyOptions options, std::function<void(const StaffNotifyOutcome&)> done);
    struct Job {
        std::string screen;
        std::int64_t at_ms;
    };
    void run();
    StaffNotifyOutcome run_command(const Job& job) const;
    StaffNotifyOutcome post(const Job& job) const;

    StaffNotifyOptions m_options;
    std::function<void(const StaffNotifyOutcome&)> m_on_done;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace motcua::platform
