#include "support/portal_sim_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace motcua::test {

namespace {

std::string last_lines(const std::string& path, std::size_t max_chars = 2000) {
    std::ifstream input(path, std::ios::binary);
    if (!input) return "(no log)";
    std::stringstream buffer;
    buffer << input.rdbuf();
    std::string text = buffer.str();
    if (text.size() > max_chars) text = "..." + text.substr(text.size() - max_chars);
    return text;
}

}  // namespace

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
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);

    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    const int log_fd =
        open(m_options.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        throw std::runtime_error("cannot open " + m_options.log_path);
    }

    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        close(log_fd);
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        // Child: only async-signal-safe calls until exec.
#ifdef __linux__
        prctl(PR_SET_PDEATHSIG, SIGTERM);  // no orphaned simulators if the test run crashes
        if (getppid() != parent) _exit(126);
#endif
        dup2(pipe_fds[1], STDOUT_FILENO);
        dup2(log_fd, STDERR_FILENO);
        execv(argv[0], argv.data());
        const char message[] = "exec of portal-sim failed\n";
        (void)!write(STDERR_FILENO, message, sizeof message - 1);
        _exit(127);
    }
    close(pipe_fds[1]);
    close(log_fd);
    m_pid = pid;
    m_exit_status = -1;

    // Read the first line, within the deadline.
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + m_options.start_timeout;
    std::string failure;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            failure = "no 'listening on' line within " +
                      std::to_string(m_options.start_timeout.count()) + " ms";
            break;
        }
        pollfd fd{pipe_fds[0], POLLIN, 0};
        const int ready = poll(&fd, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        char buffer[256];
        const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            failure = "portal-sim exited before listening";
            break;
        }
        line.append(buffer, static_cast<std::size_t>(n));
        if (line.find('\n') != std::string::npos) break;
    }
    close(pipe_fds[0]);  // the simulator ignores SIGPIPE and writes nothing more to stdout

    const std::string prefix = "listening on ";
    if (failure.empty()) {
        line = line.substr(0, line.find('\n'));
        const auto colon = line.rfind(':');
        if (line.rfind(prefix, 0) != 0 || colon == std::string::npos) {
            failure = "unexpected first line '" + line + "'";
        } else {
            m_url = line.substr(prefix.size());
            m_port = std::atoi(line.c_str() + colon + 1);
        }
    }
    if (!failure.empty()) {
        kill();
        throw std::runtime_error(failure + " (" + m_options.binary + "); its log:\n" +
                                 last_lines(m_options.log_path));
    }
}

int PortalSimProcess::reap(int options) {
    int status = 0;
    pid_t result;
    do {
        result = waitpid(m_pid, &status, options);
    } while (result < 0 && errno == EINTR);
    if (result != m_pid) return -1;
    m_pid = -1;
    m_exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return m_exit_status;
}

int PortalSimProcess::stop() {
    if (m_pid <= 0) return m_exit_status;
    ::kill(m_pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        if (reap(WNOHANG) >= 0) return m_exit_status;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill();
    return m_exit_status;
}

void PortalSimProcess::kill() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    reap(0);
}

void PortalSimProcess::restart() {
    stop();
    start();
}

}  // namespace motcua::test
