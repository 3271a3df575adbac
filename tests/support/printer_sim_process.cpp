#include "support/printer_sim_process.h"

#include <signal.h>

#include <fstream>
#include <sstream>

namespace motcua::test {

PrinterSimProcess::PrinterSimProcess(PrinterSimOptions options) : m_options(std::move(options)) {
    if (m_options.log_path.empty()) m_options.log_path = m_options.out_dir + "/printer-sim.log";
    signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> arguments = {m_options.binary, "--port", "0", "--out",
                                          m_options.out_dir};
    arguments.insert(arguments.end(), m_options.extra_args.begin(), m_options.extra_args.end());
    m_child.start(std::move(arguments), m_options.log_path, m_options.start_timeout);
}

PrinterSimProcess::~PrinterSimProcess() {
    stop();
}

std::string PrinterSimProcess::log() const {
    std::ifstream input(m_options.log_path, std::ios::binary);
    std::stringstream buffer;
    buffer << input.rdbuf();
    return buffer.str();
}

int PrinterSimProcess::stop() {
    return m_child.stop();
}

}  // namespace motcua::test
