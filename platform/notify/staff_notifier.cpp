#include "platform/notify/staff_notifier.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "platform/system/log.h"

extern char** environ;

namespace motcua::platform {

namespace {

core::Error refused(const std::string& why) {
    return core::Error{"notify_url_refused", why};
}

bool private_ipv4(const unsigned char* a) {
    return a[0] == 127 || a[0] == 10 || (a[0] == 172 && (a[1] & 0xF0) == 16) ||
           (a[0] == 192 && a[1] == 168) || (a[0] == 169 && a[1] == 254);
}

bool private_ipv6(const unsigned char* a) {
    static const unsigned char loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    if (std::memcmp(a, loopback, 16) == 0) return true;
    if ((a[0] & 0xFE) == 0xFC) return true;                  // fc00::/7 unique local
    if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) return true;  // fe80::/10 link local
    return false;
}

bool program_exists(const std::string& program) {
    if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= dirs.size();) {
        std::size_t colon = std::min(dirs.find(':', start), dirs.size());
        std::string dir = dirs.substr(start, colon - start);
        if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
        start = colon + 1;
    }
    return false;
}

std::string payload(const std::string& kiosk_id, const std::string& screen, std::int64_t at_ms) {
    return nlohmann::json{{"event", "staff_called"},
                          {"kiosk_id", kiosk_id},
                          {"screen", screen},
                          {"at_unix_ms", at_ms}}
        .dump();
}

}  // namespace

core::Status check_notify_url(const std::string& url) {
    std::string rest;
    if (url.rfind("http://", 0) == 0)
        rest = url.substr(7);
    else if (url.rfind("https://", 0) == 0)
        rest = url.substr(8);
    else
        return refused("only http:// or https:// addresses");
    const std::string authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string::npos) return refused("no user name in the address");
    std::string host;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string::npos) return refused("unclosed [ in the address");
        host = authority.substr(1, close - 1);
        const std::string after = authority.substr(close + 1);
        if (!after.empty() && (after.front() != ':' || after.size() == 1))
            return refused("bad port after the IPv6 address");
    } else {
        host = authority.substr(0, authority.find(':'));
    }
    if (host.empty()) return refused("no host");
    if (host == "localhost") return core::Ok{};
    unsigned char bytes[16];
    if (inet_pton(AF_INET, host.c_str(), bytes) == 1)
        return private_ipv4(bytes)
                   ? core::Status(core::Ok{})
                   : core::Status(refused("the host is not on this machine or the LAN"));
    if (inet_pton(AF_INET6, host.c_str(), bytes) == 1)
        return private_ipv6(bytes)
                   ? core::Status(core::Ok{})
                   : core::Status(refused("the host is not on this machine or the LAN"));
    return refused("the host must be an IP address on the LAN (a name could point anywhere)");
}

std::vector<std::string> split_command(const std::string& command) {
    std::vector<std::string> words;
    std::string word;
    for (char c : command) {
        if (c == ' ' || c == '\t') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

core::Result<std::unique_ptr<StaffNotifier>> StaffNotifier::create(
    StaffNotifyOptions options, std::function<void(const StaffNotifyOutcome&)> on_done) {
    if (!options.url.empty())
        if (auto checked = check_notify_url(options.url); !checked) return checked.error();
    if (!options.command.empty()) {
        const auto argv = split_command(options.command);
        if (argv.empty() || !program_exists(argv.front()))
            return core::Error{"notify_command_missing",
                               "the notify command's program was not found: " +
                                   (argv.empty() ? std::string() : argv.front())};
    }
    return std::unique_ptr<StaffNotifier>(
        new StaffNotifier(std::move(options), std::move(on_done)));
}

StaffNotifier::StaffNotifier(StaffNotifyOptions options,
                             std::function<void(const StaffNotifyOutcome&)> done)
    : m_options(std::move(options)), m_on_done(std::move(done)) {
    m_thread = std::thread([this] { run(); });
}

StaffNotifier::~StaffNotifier() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void StaffNotifier::notify(const std::string& screen, std::int64_t wall_unix_ms) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(Job{screen, wall_unix_ms});
    }
    m_wake.notify_all();
}

void StaffNotifier::run() {
    while (true) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty()) return;  // stopping, and nothing left to send
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        std::vector<StaffNotifyOutcome> outcomes;
        if (!m_options.command.empty()) outcomes.push_back(run_command(job));
        if (!m_options.url.empty()) outcomes.push_back(post(job));
        if (outcomes.empty())
            outcomes.push_back({false, "none", "no --notify-command or --notify-url configured"});
        for (const auto& outcome : outcomes) {
            if (outcome.ok)
                log_info("staff_notified", outcome.via + " " + outcome.detail);
            else
                log_error("staff_notify_failed", outcome.via + " " + outcome.detail);
            if (m_on_done) m_on_done(outcome);
        }
    }
}

StaffNotifyOutcome StaffNotifier::run_command(const Job& job) const {
    const std::vector<std::string> words = split_command(m_options.command);
    std::vector<char*> argv;
    for (const auto& word : words) argv.push_back(const_cast<char*>(word.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> env_strings = {"MOTCUA_EVENT=staff_called",
                                            "MOTCUA_KIOSK_ID=" + m_options.kiosk_id,
                                            "MOTCUA_SCREEN=" + job.screen};
    std::vector<char*> env;
    for (char** e = environ; e && *e; ++e)
        if (std::strncmp(*e, "MOTCUA_", 7) != 0) env.push_back(*e);
    for (auto& each : env_strings) env.push_back(each.data());
    env.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return {false, "command", std::string("cannot start: ") + std::strerror(spawned)};

    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(m_options.timeout_ms);
    int status = 0;
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0) return {false, "command", std::string("waitpid: ") + std::strerror(errno)};
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return {false, "command",
                    "killed after " + std::to_string(m_options.timeout_ms) + " ms"};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {true, "command", "exit 0"};
    if (WIFEXITED(status)) return {false, "command", "exit " + std::to_string(WEXITSTATUS(status))};
    return {false, "command", "ended by signal " + std::to_string(WTERMSIG(status))};
}

StaffNotifyOutcome StaffNotifier::post(const Job& job) const {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return {false, "http", "curl_easy_init failed"};
    const std::string body = payload(m_options.kiosk_id, job.screen, job.at_ms);
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
        curl_slist_append(nullptr, "Content-Type: application/json"), curl_slist_free_all);
    CURL* handle = curl.get();
    curl_easy_setopt(handle, CURLOPT_URL, m_options.url.c_str());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.timeout_ms));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.timeout_ms));
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect could leave the LAN
    curl_easy_setopt(handle, CURLOPT_NOPROXY, "*");        // and so could a proxy
    curl_easy_setopt(
        handle, CURLOPT_WRITEFUNCTION,
        +[](char*, size_t size, size_t count, void*) { return size * count; });
    const CURLcode rc = curl_easy_perform(handle);
    if (rc != CURLE_OK) return {false, "http", curl_easy_strerror(rc)};
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    return {status >= 200 && status < 300, "http", "HTTP " + std::to_string(status)};
}

}  // namespace motcua::platform
