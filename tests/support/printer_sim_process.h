// Test support: run the real printer-sim binary as a child process on a free loopback port.
// POSIX only; standard library only. File helpers (TempDir, read_file) are in
// portal_sim_process.h.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "support/process.h"

namespace motcua::test {

struct PrinterSimOptions {
    std::string binary;                   // path to printer-sim (tests: MOTCUA_PRINTER_SIM)
    std::string out_dir;                  // where it writes receipt-NNN.png, one per cut
    std::vector<std::string> extra_args;  // e.g. {"--paper-out"}
    std::string log_path;                 // its stderr; default out_dir + "/printer-sim.log"
    std::chrono::milliseconds start_timeout{10000};
};

// Starts printer-sim with `--port 0 --out DIR <extra>` and waits for its first stdout line
// ("listening on tcp://127.0.0.1:PORT"). Throws std::runtime_error, with its log, when it exits
// or stays silent. Ignores SIGPIPE in the calling process. The destructor stops it.
class PrinterSimProcess {
public:
    explicit PrinterSimProcess(PrinterSimOptions options);
    ~PrinterSimProcess();
    PrinterSimProcess(const PrinterSimProcess&) = delete;
    PrinterSimProcess& operator=(const PrinterSimProcess&) = delete;

    const std::string& uri() const { return m_child.address(); }  // "tcp://127.0.0.1:PORT"
    int port() const { return m_child.port(); }
    const std::string& log_path() const { return m_options.log_path; }
    // The log so far (empty when there is none yet).
    std::string log() const;

    // SIGTERM, then wait (SIGKILL after 5 s). Returns the exit code or 128 + signal.
    int stop();

private:
    PrinterSimOptions m_options;
    ChildProcess m_child;
};

}  // namespace motcua::test
