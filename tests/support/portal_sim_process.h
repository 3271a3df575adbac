// Test support: run the real portal-sim binary as a child process on a free loopback port,
// plus small file helpers. POSIX only; standard library only (no core dependencies).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "support/process.h"

namespace motcua::test {

// The whole file as bytes; throws std::runtime_error when it cannot be read.
std::string read_file(const std::string& path);
// Creates or replaces a file; throws std::runtime_error on failure.
void write_file(const std::string& path, const std::string& content);

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "motcua-test-");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }
    // path() + "/" + name (nothing is created).
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

struct PortalSimOptions {
    std::string binary;                   // path to portal-sim (tests: MOTCUA_PORTAL_SIM)
    std::string store_path;               // reuse the same path to simulate a restart
    std::string data_dir;                 // holds vn-admin-units.json (MOTCUA_SHARED_DATA)
    std::vector<std::string> extra_args;  // e.g. {"--token", "t", "--fail-rate", "0.5"}
    std::string log_path;                 // the simulator's stderr; default store_path + ".log"
    std::chrono::milliseconds start_timeout{10000};
};

// Starts portal-sim with `--port 0 --store S --data D <extra>` and waits for its first stdout
// line ("listening on http://127.0.0.1:PORT"). Throws std::runtime_error, with the tail of the
// simulator's log, when it exits or stays silent past start_timeout. The destructor stops it.
// Also ignores SIGPIPE in the calling process: a connection the simulator drops on purpose
// must not kill the test.
class PortalSimProcess {
public:
    explicit PortalSimProcess(PortalSimOptions options);
    ~PortalSimProcess();
    PortalSimProcess(const PortalSimProcess&) = delete;
    PortalSimProcess& operator=(const PortalSimProcess&) = delete;

    const std::string& url() const { return m_child.address(); }  // "http://127.0.0.1:PORT"
    int port() const { return m_child.port(); }
    const std::string& store_path() const { return m_options.store_path; }
    const std::string& log_path() const { return m_options.log_path; }
    pid_t pid() const { return m_child.pid(); }
    bool running() const { return m_child.running(); }

    // SIGTERM, then wait (SIGKILL after 5 s). Returns the exit code, or 128 + signal number;
    // calling it again returns the same value.
    int stop();
    // SIGKILL and reap: a crash, as far as the store is concerned.
    void kill();
    // stop() and start again with the same options; the port (and url()) usually changes.
    void restart();

private:
    void start();

    PortalSimOptions m_options;
    ChildProcess m_child;
};

}  // namespace motcua::test
