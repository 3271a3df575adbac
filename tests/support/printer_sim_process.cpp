#include "support/printer_sim_process.h"

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
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace motcua::test {

PrinterSimProcess::PrinterSimProcess(PrinterSimOptions options) : m_options(std::move(options)) {
    if (m_options.log_path.empty()) m_options.log_path = m_options.out_dir + "/printer-sim.log";
    signal(SIGPIPE, SIG_IGN);

    std::vector<std::string> arguments = {m_options.binary, "--port", "0", "--out",
                                          m_options.out_dir};
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
#ifdef __linux__
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent) _exit(126);
#endif
        dup2(pipe_fds[1], STDOUT_FILENO);
        dup2(log_fd, STDERR_FILENO);
        execv(argv[0], argv.data());
        const char message[] = "exec of printer-sim failed\n";
        (void)!write(STDERR_FILENO, message, sizeof message - 1);
        _exit(127);
    }
    close(pipe_fds[1]);
    close(log_fd);
    m_pid = pid;

    std::string line;
    std::string failure;
    const auto deadline = std::chrono::steady_clock::now() + m_options.start_timeout;
    while (line.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            failure = "no 'listening on' line in time";
            break;
        }
        pollfd fd{pipe_fds[0], POLLIN, 0};
        if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
        char buffer[256];
        const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            failure = "printer-sim exited before listening";
            break;
        }
        line.append(buffer, static_cast<std::size_t>(n));
    }
    close(pipe_fds[0]);
    const std::string prefix = "listening on ";
    if (failure.empty()) {
        line = line.substr(0, line.find('\n'));
        const auto colon = line.rfind(':');
        if (line.rfind(prefix, 0) != 0 || colon == std::string::npos) {
            failure = "unexpected first line '" + line + "'";
        } else {
            m_uri = line.substr(prefix.size());
            m_port = std::atoi(line.c_str() + colon + 1);
        }
    }
    if (!failure.empty()) {
        stop();
        throw std::runtime_error(failure + " (" + m_options.binary + "); its log:\n" + log());
    }
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
    if (m_pid <= 0) return m_exit_status;
    ::kill(m_pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int status = 0;
    while (true) {
        const pid_t result = waitpid(m_pid, &status, WNOHANG);
        if (result == m_pid) break;
        if (result < 0 && errno != EINTR) {
            m_pid = -1;
            return m_exit_status;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(m_pid, SIGKILL);
            waitpid(m_pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    m_pid = -1;
    m_exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return m_exit_status;
}

}  // namespace motcua::test
