// The crash test: a kiosk (tools/outbox-soak: the real outbox and FilingWorker) files dossiers
// against portal-sim and is killed with SIGKILL at random moments, again and again, then left
// to finish. Every dossier it acknowledged ("ACK <code>" on stdout, printed only after the
// outbox commit) must be on the portal exactly once and Accepted in the outbox.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "filing_fixtures.h"
#include "opencps_fixtures.h"  // [opencps]
#include "platform/store/outbox_store.h"
#include "support/powercut.h"

extern char** environ;

using motcua::core::OutboxEntry;
using motcua::core::OutboxState;
using motcua::test::FilingSim;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

constexpr int MinimumKills = 50;
constexpr int KillAfterMinMs = 5;
constexpr int KillAfterMaxMs = 150;
constexpr std::uint32_t DefaultSeed = 20260312;

// One run of outbox-soak: stdout through a pipe (the ACK lines), stderr appended to a log.
class SoakChild {
public:
    // `environment`: extra "NAME=value" entries on top of this process's environment.
    SoakChild(const std::vector<std::string>& arguments, const std::string& log_path,
              const std::vector<std::string>& environment = {}) {
        std::vector<char*> argv;
        for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        std::vector<std::string> env_strings;
        for (const auto& extra : environment) env_strings.push_back(extra);  // first wins in getenv
        for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
        std::vector<char*> envp;
        for (auto& entry : env_strings) envp.push_back(entry.data());
        envp.push_back(nullptr);
        int fds[2];
        REQUIRE(pipe2(fds, O_CLOEXEC) == 0);
        const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        REQUIRE(log_fd >= 0);
        const pid_t parent = getpid();
        m_started = Clock::now();
        m_pid = fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            // Only async-signal-safe calls until exec.
            prctl(PR_SET_PDEATHSIG, SIGKILL);  // no orphan if the test itself dies
            if (getppid() != parent) _exit(126);
            dup2(fds[1], STDOUT_FILENO);
            dup2(log_fd, STDERR_FILENO);
            execve(argv[0], argv.data(), envp.data());
            _exit(127);
        }
        close(fds[1]);
        close(log_fd);
        m_fd = fds[0];
    }
    ~SoakChild() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            reap();
        }
        if (m_fd >= 0) close(m_fd);
    }
    SoakChild(const SoakChild&) = delete;
    SoakChild& operator=(const SoakChild&) = delete;

    Clock::time_point started() const { return m_started; }

    // Reads stdout until `deadline` or end of file. False at end of file (the child is gone).
    bool read_until(Clock::time_point deadline) {
        while (!m_eof) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) return true;
            pollfd fd{m_fd, POLLIN, 0};
            const int ready = poll(&fd, 1, static_cast<int>(left.count()));
            if (ready < 0 && errno == EINTR) continue;
            if (ready <= 0) continue;
            char buffer[4096];
            const ssize_t n = read(m_fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                m_eof = true;
                break;
            }
            m_partial.append(buffer, static_cast<std::size_t>(n));
            for (std::size_t end; (end = m_partial.find('\n')) != std::string::npos;) {
                m_lines.push_back(m_partial.substr(0, end));
                m_partial.erase(0, end + 1);
            }
        }
        return false;
    }

    // SIGKILL, then everything it had written before dying. True when it was still running.
    bool kill() {
        const bool running = waitpid(m_pid, nullptr, WNOHANG) == 0;
        ::kill(m_pid, SIGKILL);
        read_until(Clock::now() + 10s);  // the pipe ends when the process is gone
        m_exit = reap();
        return running;
    }

    // Waits for it to exit on its own; its exit code, or -1 (and killed) after `timeout`.
    int wait(std::chrono::milliseconds timeout) {
        if (read_until(Clock::now() + timeout)) {
            ::kill(m_pid, SIGKILL);
            reap();
            return -1;
        }
        m_exit = reap();
        return m_exit;
    }

    const std::vector<std::string>& lines() const { return m_lines; }
    // A line cut by the kill (never expected: each ACK line is one write of a few bytes).
    const std::string& partial() const { return m_partial; }

private:
    int reap() {
        int status = 0;
        pid_t result;
        do {
            result = waitpid(m_pid, &status, 0);
        } while (result < 0 && errno == EINTR);
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    pid_t m_pid = -1;
    int m_fd = -1;
    bool m_eof = false;
    int m_exit = -1;
    Clock::time_point m_started;
    std::string m_partial;
    std::vector<std::string> m_lines;
};

std::string tail_of(const std::string& path, std::size_t max_chars = 3000) {
    std::string text;
    try {
        text = motcua::test::read_file(path);
    } catch (const std::exception&) {
        return "(no log)";
    }
    return text.size() > max_chars ? "..." + text.substr(text.size() - max_chars) : text;
}

std::uint32_t crash_seed() {
    // MOTCUA_CRASH_SEED replays another schedule of kills.
    const char* text = std::getenv("MOTCUA_CRASH_SEED");
    return text && *text ? static_cast<std::uint32_t>(std::strtoul(text, nullptr, 10))
                         : DefaultSeed;
}

// [opencps] The portal the crash test files into: ours (portal-sim) or OpenCPS (portal-sim
// --api opencps, four requests per filing), behind one interface so both modes run the same test.
struct StoredDossier {
    std::string key;       // the idempotency key it was filed under
    std::string ma_ho_so;  // "" while an OpenCPS dossier is created but not yet submitted
};

class CrashPortal {
public:
    explicit CrashPortal(bool opencps) : m_opencps(opencps) {
        // A portal that is a little slow and sometimes drops the answer after committing.
        // OpenCPS takes four requests per filing: a shorter latency keeps the run as long.
        if (opencps) {
            m_opencps_sim.emplace(std::vector<std::string>{
                "--latency-ms", "15", "--drop-after-commit", "0.2", "--seed", "5"});
            m_credentials = motcua::test::write_credentials(m_opencps_sim->dir());
        } else {
            m_sim.emplace(std::vector<std::string>{"--latency-ms", "50", "--drop-after-commit",
                                                   "0.2", "--seed", "5"});
        }
    }
    bool opencps() const { return m_opencps; }
    // outbox-soak's flags for this portal.
    std::vector<std::string> soak_args() const {
        if (!m_opencps) return {"--portal", m_sim->url(), "--token", motcua::test::FilingToken};
        return {"--portal",
                m_opencps_sim->url(),
                "--portal-kind",
                "opencps",
                "--opencps-credentials",
                m_credentials,
                "--opencps-group-id",
                motcua::test::OpenCpsGroup,
                "--opencps-agency",
                motcua::test::OpenCpsAgency,
                "--assets",
                MOTCUA_SOURCE_ASSETS};
    }
    std::vector<StoredDossier> stored() const {
        std::vector<StoredDossier> result;
        if (!m_opencps) {
            for (const auto& dossier : m_sim->dossiers())
                result.push_back({dossier["IdempotencyKey"], dossier["MaHoSo"]});
        } else {
            for (const auto& record : m_opencps_sim->dossiers())
                result.push_back({record["referenceUid"], record.value("dossierNo", "")});
        }
        return result;
    }
    // How many dossiers the portal says it accepted (our "accepted", OpenCPS's "received").
    int accepted_count() const {
        return m_opencps ? m_opencps_sim->stats()["opencps"]["received"].get<int>()
                         : m_sim->stats()["accepted"].get<int>();
    }
    std::string stats_summary() const {
        std::ostringstream out;
        if (!m_opencps) {
            const Json stats = m_sim->stats();
            out << "portal saw " << stats["submissions"] << " submissions, " << stats["replays"]
                << " replays (" << stats["dropped_after_commit"]
                << " after an answer dropped after commit, the rest mostly after a kill between "
                   "the portal's commit and the outbox update), "
                << stats["conflicts"] << " in-flight conflicts";
        } else {
            const Json stats = m_opencps_sim->stats();
            out << "OpenCPS counters " << stats["opencps"].dump() << ", "
                << stats.value("dropped_after_commit", 0) << " answers dropped after commit";
        }
        return out.str();
    }

private:
    bool m_opencps;
    std::optional<FilingSim> m_sim;
    std::optional<motcua::test::OpenCpsSim> m_opencps_sim;
    std::string m_credentials;
};

// Where a kill landed, read from the outbox right after it: the entry being sent (the worker
// sends one at a time) and the last step its adapter had saved.
std::string kill_landing(const std::string& db) {
    auto store = motcua::platform::OutboxStore::open(db);
    if (!store) return "outbox unreadable";
    auto unfinished = (*store)->unfinished();
    if (!unfinished) return "outbox unreadable";
    for (const auto& entry : *unfinished) {
        if (entry.state != OutboxState::Sending) continue;
        if (entry.portal_progress.empty()) return "sending, no step saved";
        std::string step;
        try {
            step = Json::parse(entry.portal_progress).value("step", "?");
        } catch (const Json::exception&) {
            step = "unreadable progress";
        }
        return "sending, after step " + step;
    }
    return "not sending";
}

void run_crash_test(bool opencps) {
    const auto test_started = Clock::now();
    CrashPortal portal(opencps);
    motcua::test::TempDir dir("motcua-crash-");
    const std::string db = dir.file("outbox.db");
    const std::string log = dir.file("soak.log");
    // Small backoff (20 ms base, 200 ms cap) so a run of a few dozen milliseconds sends a lot.
    auto soak_args = [&](long long count) {
        std::vector<std::string> args = {MOTCUA_OUTBOX_SOAK, "--db", db};
        for (const auto& argument : portal.soak_args()) args.push_back(argument);
        for (const char* argument : {"--pause-ms", "6", "--base-ms", "20", "--cap-ms", "200",
                                     "--timeout-ms", "3000", "--drain-ms", "60000"})
            args.emplace_back(argument);
        args.insert(args.end(), {"--count", std::to_string(count)});
        return args;
    };

    const std::uint32_t seed = crash_seed();
    INFO("seed " << seed << " (set MOTCUA_CRASH_SEED to replay another schedule)");
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> kill_after(KillAfterMinMs, KillAfterMaxMs);

    std::vector<std::string> acked;
    std::map<std::string, int> landings;
    int kills = 0, cut_lines = 0;
    auto gather = [&](const SoakChild& child) {
        for (const auto& line : child.lines())
            if (line.rfind("ACK ", 0) == 0) acked.push_back(line.substr(4));
        if (!child.partial().empty()) ++cut_lines;
    };

    while (kills < MinimumKills) {
        // The kill runs never reach their count: only the kill ends them.
        SoakChild child(soak_args(1'000'000'000), log);
        const auto kill_at = child.started() + std::chrono::milliseconds(kill_after(random));
        if (!child.read_until(kill_at) || !child.kill())
            FAIL("outbox-soak ended before it was killed; its log:\n" << tail_of(log));
        ++kills;
        ++landings[kill_landing(db)];
        gather(child);
    }
    const std::size_t acked_before_last = acked.size();

    // The last run: a few more dossiers, then it drains the outbox and exits.
    SoakChild last(soak_args(static_cast<long long>(acked.size()) + 20), log);
    const int exit_code = last.wait(90s);
    gather(last);
    {
        INFO("outbox-soak log:\n" << tail_of(log));
        REQUIRE(exit_code == 0);
        REQUIRE_FALSE(last.lines().empty());
        CHECK(last.lines().back().rfind("DONE ", 0) == 0);
    }

    // What the portal holds, by idempotency key.
    const std::vector<StoredDossier> dossiers = portal.stored();
    std::map<std::string, int> copies;
    std::map<std::string, std::string> ma_ho_so_of;
    int unsubmitted = 0;  // OpenCPS: created but never submitted
    for (const auto& dossier : dossiers) {
        ++copies[dossier.key];
        ma_ho_so_of[dossier.key] = dossier.ma_ho_so;
        if (dossier.ma_ho_so.empty()) ++unsubmitted;
    }
    int duplicates = 0;
    for (const auto& [key, n] : copies) duplicates += n - 1;

    // What the outbox holds.
    auto store = motcua::platform::OutboxStore::open(db);
    REQUIRE(store.ok());
    auto entries = (*store)->all();
    REQUIRE(entries.ok());
    std::map<std::string, OutboxEntry> outbox;
    for (const auto& entry : *entries) outbox[entry.provisional_code] = entry;

    const std::set<std::string> unique_acked(acked.begin(), acked.end());
    int missing_on_portal = 0, not_accepted = 0, wrong_code = 0;
    for (const std::string& code : unique_acked) {
        const auto it = outbox.find(code);
        if (it == outbox.end()) {
            ++missing_on_portal;
            ++not_accepted;
            continue;
        }
        const std::string& key = it->second.idempotency_key;
        if (copies[key] == 0) ++missing_on_portal;
        if (it->second.state != OutboxState::Accepted) {
            ++not_accepted;
            continue;
        }
        if (it->second.ma_ho_so != ma_ho_so_of[key] || !it->second.personal_data_purged)
            ++wrong_code;
    }
    int unfinished = 0;
    for (const auto& [code, entry] : outbox) unfinished += entry.state != OutboxState::Accepted;

    const auto seconds =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - test_started).count() /
        1000.0;
    std::ostringstream summary;
    summary << "crash test (" << (opencps ? "OpenCPS" : "our API") << "): " << kills << " kills, "
            << acked.size() << " acknowledged (" << acked_before_last << " before the last run), "
            << outbox.size() << " in the outbox, " << dossiers.size() << " stored on the portal ("
            << unsubmitted << " never submitted), " << duplicates << " duplicates, "
            << missing_on_portal << " acknowledged but missing; " << portal.stats_summary() << "; "
            << seconds << " s\n  where the kills landed:";
    for (const auto& [where, n] : landings) summary << "\n    " << where << ": " << n;
    WARN(summary.str());

    CHECK(kills >= MinimumKills);
    CHECK(acked_before_last > 0);
    CHECK(unique_acked.size() == acked.size());  // no code acknowledged twice
    CHECK(cut_lines == 0);
    CHECK(duplicates == 0);
    CHECK(unsubmitted == 0);
    CHECK(missing_on_portal == 0);
    CHECK(not_accepted == 0);
    CHECK(wrong_code == 0);
    CHECK(unfinished == 0);
    // Everything saved was filed, acknowledged or not (a kill may fall between commit and ACK).
    CHECK(outbox.size() == dossiers.size());
    CHECK(outbox.size() >= unique_acked.size());
    CHECK(portal.accepted_count() == static_cast<int>(dossiers.size()));
    if (opencps) {
        // The point of this mode: some kills fell between OpenCPS's create and submit steps.
        int between_steps = 0;
        for (const auto& [where, n] : landings)
            if (where.rfind("sending, after step", 0) == 0) between_steps += n;
        CHECK(between_steps > 0);
    }
}
// [/opencps]

}  // namespace

TEST_CASE("killing the kiosk at random moments never loses nor duplicates a saved dossier",
          "[crash]") {
    run_crash_test(/*opencps=*/false);
}

TEST_CASE(
    "killing the kiosk at random moments never loses nor duplicates a saved dossier, through "
    "OpenCPS",
    "[crash][opencps]") {
    run_crash_test(/*opencps=*/true);
}

// [SECTION] power loss (issue 9)

TEST_CASE("a power cut at random moments never loses an acknowledged filing", "[powercut]") {
    constexpr int Cuts = 25;
    FilingSim sim({"--latency-ms", "30", "--drop-after-commit", "0.2", "--seed", "7"});
    motcua::test::TempDir dir("motcua-powercut-");
    const std::string disk = dir.file("disk");  // the folder whose unsynced writes a cut loses
    REQUIRE(mkdir(disk.c_str(), 0700) == 0);
    const std::string db = disk + "/outbox.sqlite";
    const std::string powercut_log = dir.file("powercut.log");
    const std::string log = dir.file("soak.log");
    auto soak_args = [&](long long count) {
        std::vector<std::string> args = {MOTCUA_OUTBOX_SOAK, "--db", db, "--portal", sim.url()};
        for (const char* argument :
             {"--token", motcua::test::FilingToken.c_str(), "--pause-ms", "6", "--base-ms", "20",
              "--cap-ms", "200", "--timeout-ms", "3000", "--drain-ms", "30000"})
            args.emplace_back(argument);
        args.insert(args.end(), {"--count", std::to_string(count)});
        return args;
    };
    const char* asan = std::getenv("ASAN_OPTIONS");
    // MOTCUA_POWERCUT_IGNORE_SYNC=1 runs the negative control: a disk that ignores fsync. The
    // test must then fail (filings lost), which shows it can.
    const char* ignore_sync = std::getenv("MOTCUA_POWERCUT_IGNORE_SYNC");
    std::vector<std::string> environment = {
        std::string("LD_PRELOAD=") + MOTCUA_POWERCUT_SHIM, "POWERCUT_DIR=" + disk + "/",
        "POWERCUT_LOG=" + powercut_log,
        // The shim is not sanitized, and comes first when preloaded into a sanitized build.
        std::string("ASAN_OPTIONS=") + (asan ? std::string(asan) + ":" : "") +
            "verify_asan_link_order=0"};
    if (ignore_sync && *ignore_sync == '1') environment.push_back("POWERCUT_IGNORE_SYNC=1");

    std::mt19937 random(crash_seed());
    std::uniform_int_distribution<int> cut_after(20, 250);
    std::vector<std::string> acked;
    std::ostringstream table;
    table << "power-loss test: cut | acknowledged so far | found after the cut | writes dropped\n";
    int lost_total = 0, dropped_total = 0;
    for (int cut = 1; cut <= Cuts; ++cut) {
        SoakChild child(soak_args(1'000'000'000), log, environment);
        const auto cut_at = child.started() + std::chrono::milliseconds(cut_after(random));
        if (!child.read_until(cut_at) || !child.kill())
            FAIL("outbox-soak ended before the cut; its log:\n" << tail_of(log));
        for (const auto& line : child.lines())
            if (line.rfind("ACK ", 0) == 0) acked.push_back(line.substr(4));
        // The power cut: every write since its file's last fsync is gone, and so is the shared
        // memory index (SQLite rebuilds it).
        const motcua::test::PowercutResult dropped = motcua::test::powercut_revert(powercut_log);
        dropped_total += dropped.writes_dropped;
        std::remove((db + "-shm").c_str());
        // The next boot: is every acknowledged filing there?
        auto store = motcua::platform::OutboxStore::open(db);
        REQUIRE(store.ok());
        auto entries = (*store)->all();
        REQUIRE(entries.ok());
        std::set<std::string> present;
        for (const auto& entry : *entries) present.insert(entry.provisional_code);
        int found = 0;
        for (const auto& code : acked) found += present.count(code) ? 1 : 0;
        lost_total += static_cast<int>(acked.size()) - found;
        table << "  " << cut << " | " << acked.size() << " | " << found << " | "
              << dropped.writes_dropped << "\n";
    }
    // The last boot: no cut; it drains the outbox and exits.
    SoakChild last(soak_args(static_cast<long long>(acked.size()) + 10), log, environment);
    const int exit_code = last.wait(60s);
    for (const auto& line : last.lines())
        if (line.rfind("ACK ", 0) == 0) acked.push_back(line.substr(4));
    {
        INFO("outbox-soak log:\n" << tail_of(log));
        REQUIRE(exit_code == 0);
    }
    std::map<std::string, int> copies;
    for (const auto& dossier : sim.dossiers()) ++copies[dossier["MaTam"].get<std::string>()];
    auto store = motcua::platform::OutboxStore::open(db);
    REQUIRE(store.ok());
    auto entries = (*store)->all();
    REQUIRE(entries.ok());
    std::map<std::string, OutboxEntry> outbox;
    for (const auto& entry : *entries) outbox[entry.provisional_code] = entry;
    int not_filed_once = 0, not_accepted = 0;
    for (const auto& code : acked) {
        not_filed_once += copies[code] == 1 ? 0 : 1;
        not_accepted += outbox.count(code) && outbox[code].state == OutboxState::Accepted ? 0 : 1;
    }
    table << "  total: " << acked.size() << " acknowledged, " << lost_total << " lost at a cut, "
          << not_filed_once << " not on the portal exactly once, " << not_accepted
          << " not accepted in the outbox; " << dropped_total << " unsynced writes dropped";
    WARN(table.str());
    CHECK(dropped_total > 0);  // the cuts did drop writes: the test tests something
    CHECK(lost_total == 0);
    CHECK(not_filed_once == 0);
    CHECK(not_accepted == 0);
}
