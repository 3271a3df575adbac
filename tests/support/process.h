// Test support: run a program to completion with a timeout, capturing its output; or start a
// server that announces itself ("listening on ADDRESS:PORT") and keep it running.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace motcua::test {

struct ProcessResult {
    int exit_code = -1;  // 128 + signal when killed
    std::string output;  // stdout and stderr, interleaved
    bool timed_out = false;
};

// Runs argv[0] with the arguments and extra environment entries ("NAME=value").
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment = {},
                          std::chrono::milliseconds timeout = std::chrono::minutes(3));

// The last `max_chars` of a file ("..." before them when cut), or "(no log)": for a message.
std::string file_tail(const std::string& path, std::size_t max_chars = 2000);

// A child server (portal-sim, printer-sim): started with its stdout a pipe and its stderr
// appended to a log, it is ready once its first stdout line says "listening on ADDRESS", where
// ADDRESS ends in ":PORT". It dies with the test process (PR_SET_PDEATHSIG); the destructor
// stops it.
class ChildProcess {
public:
    ChildProcess() = default;
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Starts argv[0] with the arguments and waits up to `timeout` for the "listening on" line.
    // Throws std::runtime_error, with the tail of the log, when the child exits first, stays
    // silent or says something else (it is killed then). Call again after stop() to restart.
    void start(std::vector<std::string> argv, const std::string& log_path,
               std::chrono::milliseconds timeout);
    const std::string& address() const { return m_address; }  // "http://127.0.0.1:PORT"
    int port() const { return m_port; }
    pid_t pid() const { return m_pid; }
    bool running() const { return m_pid > 0; }

    // SIGTERM, then wait (SIGKILL after 5 s). Returns the exit code, or 128 + signal number;
    // calling it again returns the same value.
    int stop();
    // SIGKILL and reap.
    void kill();

private:
    int reap(int options);

    pid_t m_pid = -1;
    std::string m_address;
    int m_port = 0;
    int m_exit_status = -1;
};

}  // namespace motcua::test
