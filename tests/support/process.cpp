#include "support/process.h"

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

extern char** environ;

namespace motcua::test {

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment,
                          std::chrono::milliseconds timeout) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    for (const auto& extra : environment) env_strings.push_back(extra);
    std::vector<char*> args, envs;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const auto& e : env_strings) envs.push_back(const_cast<char*>(e.c_str()));
    envs.push_back(nullptr);

    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        dup2(pipe_fds[1], STDERR_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        execve(args[0], args.data(), envs.data());
        _exit(127);
    }
    close(pipe_fds[1]);
    ProcessResult result;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[4096];
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        pollfd fd{pipe_fds[0], POLLIN, 0};
        if (poll(&fd, 1, static_cast<int>(std::min<long long>(left.count(), 1000))) <= 0) continue;
        ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
        if (n <= 0) break;
        result.output.append(buffer, static_cast<std::size_t>(n));
    }
    close(pipe_fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

std::string file_tail(const std::string& path, std::size_t max_chars) {
    std::ifstream input(path, std::ios::binary);
    if (!input) return "(no log)";
    std::stringstream buffer;
    buffer << input.rdbuf();
    std::string text = buffer.str();
    if (text.size() > max_chars) text = "..." + text.substr(text.size() - max_chars);
    return text;
}

ChildProcess::~ChildProcess() {
    stop();
}

void ChildProcess::start(std::vector<std::string> arguments, const std::string& log_path,
                         std::chrono::milliseconds timeout) {
    if (arguments.empty()) throw std::runtime_error("ChildProcess: no program");
    const std::string name = std::filesystem::path(arguments[0]).filename().string();
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);

    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        throw std::runtime_error("cannot open " + log_path);
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
        prctl(PR_SET_PDEATHSIG, SIGTERM);  // no orphaned servers if the test run crashes
        if (getppid() != parent) _exit(126);
#endif
        dup2(pipe_fds[1], STDOUT_FILENO);
        dup2(log_fd, STDERR_FILENO);
        execv(argv[0], argv.data());
        const char message[] = "exec failed\n";
        (void)!write(STDERR_FILENO, message, sizeof message - 1);
        _exit(127);
    }
    close(pipe_fds[1]);
    close(log_fd);
    m_pid = pid;
    m_exit_status = -1;

    // Read the first line, within the deadline.
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string failure;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            failure = "no 'listening on' line within " + std::to_string(timeout.count()) + " ms";
            break;
        }
        pollfd fd{pipe_fds[0], POLLIN, 0};
        const int ready = poll(&fd, 1, static_cast<int>(left.count()));
        if (ready <= 0) continue;  // EINTR or the deadline: checked above
        char buffer[256];
        const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            failure = name + " exited before listening";
            break;
        }
        line.append(buffer, static_cast<std::size_t>(n));
        if (line.find('\n') != std::string::npos) break;
    }
    close(pipe_fds[0]);  // the servers ignore SIGPIPE and write nothing more to stdout

    const std::string prefix = "listening on ";
    if (failure.empty()) {
        line = line.substr(0, line.find('\n'));
        const auto colon = line.rfind(':');
        if (line.rfind(prefix, 0) != 0 || colon == std::string::npos) {
            failure = "unexpected first line '" + line + "'";
        } else {
            m_address = line.substr(prefix.size());
            m_port = std::atoi(line.c_str() + colon + 1);
        }
    }
    if (!failure.empty()) {
        kill();
        throw std::runtime_error(failure + " (" + arguments[0] + "); its log:\n" +
                                 file_tail(log_path));
    }
}

int ChildProcess::reap(int options) {
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

int ChildProcess::stop() {
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

void ChildProcess::kill() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    reap(0);
}

}  // namespace motcua::test
