#include "support/portal_sim_process.h"

#include <signal.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace motcua::test {

std::string read_file(const std::string& path) {
    std::ifstream input(path, std::ios::binary);
    if (!input) throw std::runtime_error("cannot read " + path);
    std::stringstream buffer;
    buffer << input.rdbuf();
    return buffer.str();
}

void write_file(const std::string& path, const std::string& content) {
    std::ofstream output(path, std::ios::binary | std::ios::trunc);
    output << content;
    if (!output) throw std::runtime_error("cannot write " + path);
}

TempDir::TempDir(const std::string& prefix) {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/" + prefix + "XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

PortalSimProcess::PortalSimProcess(PortalSimOptions options) : m_options(std::move(options)) {
    if (m_options.log_path.empty()) m_options.log_path = m_options.store_path + ".log";
    signal(SIGPIPE, SIG_IGN);
    start();
}

PortalSimProcess::~PortalSimProcess() {
    stop();
}

void PortalSimProcess::start() {
    std::vector<std::string> arguments = {
        m_options.binary, "--port",          "0", "--store", m_options.store_path,
        "--data",         m_options.data_dir};
    arguments.insert(arguments.end(), m_options.extra_args.begin(), m_options.extra_args.end());
    m_child.start(std::move(arguments), m_options.log_path, m_options.start_timeout);
}

int PortalSimProcess::stop() {
    return m_child.stop();
}

void PortalSimProcess::kill() {
    m_child.kill();
}

void PortalSimProcess::restart() {
    stop();
    start();
}

}  // namespace motcua::test
