// What filing a dossier costs, measured on the real pieces:
//  - BM_OutboxCommit: one OutboxStore::insert of a ~2 KB khai sinh dossier into a real SQLite
//    file (WAL, synchronous=FULL, as the kiosk opens it). The /tmp variant pays the fsync of the
//    disk; the /dev/shm variant (tmpfs, where fsync is free) shows what is left without it.
//  - BM_SubmitToReceipt: from "Gửi hồ sơ" to the receipt, against portal-sim on loopback: the UI
//    thread commits to the outbox and wakes a running FilingWorker; the clock stops when
//    take_results() yields the Accepted intent for that provisional code. Includes the worker's
//    two commits (Sending, then Accepted and purged), the HTTP round trip and the simulator's
//    own fsync.
// After the registered benchmarks, main() files --filings=N dossiers one after another (default
// 200; 0 skips) and prints p50 / p90 / p99 / max of submit-to-receipt, since a mean hides the
// slow receipts a resident actually waits for.
//
// Build and run (Release):
//   cmake -S /work/main -B /work/main/build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release
//   ninja -C /work/main/build-bench -j1 filing_bench portal-sim
//   /work/main/build-bench/filing_bench [--filings=200] [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/filing/codes.h"
#include "core/filing/outbox.h"
#include "core/filing/portal_time.h"
#include "platform/filing_worker.h"
#include "platform/store/outbox_store.h"
#include "platform/system/log.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace motcua;

// [SECTION] Dossiers

class SeededRandom final : public core::Random {
public:
    explicit SeededRandom(std::uint64_t seed) : m_engine(seed) {}
    std::uint64_t below(std::uint64_t bound) override {
        return std::uniform_int_distribution<std::uint64_t>(0, bound - 1)(m_engine);
    }

private:
    std::mt19937_64 m_engine;
};

// One generator for the whole run, so no key or code repeats within a store or the simulator.
SeededRandom& codes_random() {
    static SeededRandom random(20260312);
    return random;
}

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

constexpr const char* CodeMarker = "@@MATAM@";  // 8 characters, replaced by the provisional code

// What core::encode_dossier produces for a khai sinh visit filled in by a parent: the contract
// fields, the form answers (child, mother, father, declarant, residence) and the documents to
// bring. About 2 KB of NFC UTF-8, much of it Vietnamese with diacritics (2-3 bytes a letter).
const std::string& payload_template() {
    static const std::string text = [] {
        nlohmann::json cu_tru = {{"MaTinh", "01"},
                                 {"TenTinh", "Thành phố Hà Nội"},
                                 {"MaXa", "00004"},
                                 {"TenXa", "Phường Ba Đình"},
                                 {"DiaChiChiTiet", "Số 12, ngõ 34 phố Đội Cấn, tổ dân phố số 5"}};
        nlohmann::json payload = {
            {"MaTTHC", "1.001193"},
            {"TenTTHC", "Đăng ký khai sinh"},
            {"ChuHoSo", "Nguyễn Thị Hoà"},
            {"MaTam", CodeMarker},
            {"MaKiosk", "KIOSK-HN-BADINH-01"},
            {"NgayNop", core::format_portal_time(core::vietnam_time_from_unix_ms(wall_ms()))},
            {"SoNgayXuLy", 3},
            {"SoDienThoai", "0912345678"},
            {"Email", ""},
            {"TrichYeuHoSo", "Đăng ký khai sinh cho cháu Nguyễn Minh Khôi, sinh ngày 01/03/2026"},
            {"DuLieuToKhai",
             {{"NguoiDuocKhaiSinh",
               {{"HoTen", "Nguyễn Minh Khôi"},
                {"GioiTinh", "Nam"},
                {"NgaySinh", "01/03/2026"},
                {"NgaySinhBangChu", "Ngày mùng một tháng ba năm hai nghìn không trăm hai mươi sáu"},
                {"NoiSinh", "Bệnh viện Phụ sản Hà Nội, số 929 đường La Thành, phường Giảng Võ"},
                {"QueQuan", "Xã Đông Hưng, tỉnh Hưng Yên"},
                {"DanToc", "Kinh"},
                {"QuocTich", "Việt Nam"}}},
              {"Me",
               {{"HoTen", "Nguyễn Thị Hoà"},
                {"NamSinh", "1994"},
                {"DanToc", "Kinh"},
                {"QuocTich", "Việt Nam"},
                {"SoDinhDanh", "001194012345"},
                {"NoiCuTru", cu_tru}}},
              {"Cha",
               {{"HoTen", "Trần Đức Thắng"},
                {"NamSinh", "1991"},
                {"DanToc", "Kinh"},
                {"QuocTich", "Việt Nam"},
                {"SoDinhDanh", "001091067890"},
                {"NoiCuTru", cu_tru}}},
              {"NguoiDiKhai",
               {{"HoTen", "Nguyễn Thị Hoà"},
                {"QuanHe", "Mẹ"},
                {"SoDinhDanh", "001194012345"},
                {"NoiCuTru", cu_tru}}},
              {"YeuCauBanSao", 2},
              {"GhiChu", "Gia đình xin nhận kết quả trực tiếp tại bộ phận một cửa phường."}}},
            {"ThanhPhanHoSo",
             {{{"TenGiayTo", "Giấy chứng sinh do cơ sở y tế cấp"},
               {"SoLuong", 1},
               {"LoaiGiayTo", "BanChinh"}},
              {{"TenGiayTo", "Giấy chứng nhận kết hôn của cha mẹ"},
               {"SoLuong", 1},
               {"LoaiGiayTo", "BanSao"}},
              {{"TenGiayTo", "Thẻ căn cước của người đi khai"},
               {"SoLuong", 1},
               {"LoaiGiayTo", "XuatTrinh"}}}}};
        return payload.dump();
    }();
    return text;
}

// A fresh Pending entry, as Session would build it when the resident taps "Gửi hồ sơ".
core::OutboxEntry new_entry() {
    static const std::size_t marker = payload_template().find(CodeMarker);
    const std::string code = core::make_provisional_code(codes_random());
    std::string payload = payload_template();
    payload.replace(marker, code.size(), code);
    return core::make_entry(core::make_idempotency_key(codes_random()), code, "1.001193",
                            std::move(payload), wall_ms());
}

// [SECTION] Temporary directories and the simulator

std::string temp_base() {
    const char* base = std::getenv("TMPDIR");
    return base && *base ? base : "/tmp";
}

// A fresh directory under `base`, removed with everything in it on destruction.
class TempDir {
public:
    explicit TempDir(const std::string& base) {
        std::string pattern = base + "/motcua-bench-XXXXXX";
        if (mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

// portal-sim on a free loopback port, healthy (no faults), with its own store; stopped by the
// destructor. Reads the first stdout line "listening on http://127.0.0.1:PORT".
class PortalSim {
public:
    PortalSim(const std::string& store_path, const std::string& log_path,
              const std::string& token) {
        signal(SIGPIPE, SIG_IGN);  // a dropped connection must not kill the benchmark
        std::vector<std::string> arguments = {MOTCUA_PORTAL_SIM,  "--port",   "0",
                                              "--store",          store_path, "--data",
                                              MOTCUA_SHARED_DATA, "--token",  token};
        std::vector<char*> argv;
        for (auto& argument : arguments) argv.push_back(argument.data());
        argv.push_back(nullptr);

        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
            throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
        const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (log_fd < 0) throw std::runtime_error("cannot open " + log_path);
        const pid_t parent = getpid();
        m_pid = fork();
        if (m_pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
        if (m_pid == 0) {
#ifdef __linux__
            prctl(PR_SET_PDEATHSIG, SIGTERM);  // no orphaned simulator if the benchmark dies
            if (getppid() != parent) _exit(126);
#endif
            dup2(fds[1], STDOUT_FILENO);
            dup2(log_fd, STDERR_FILENO);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(fds[1]);
        close(log_fd);

        std::string line;
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        while (line.find('\n') == std::string::npos) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) break;
            pollfd fd{fds[0], POLLIN, 0};
            if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
            char buffer[256];
            const ssize_t n = read(fds[0], buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            line.append(buffer, static_cast<std::size_t>(n));
        }
        close(fds[0]);
        const std::string prefix = "listening on ";
        line = line.substr(0, line.find('\n'));
        if (line.rfind(prefix, 0) != 0) {
            stop();
            throw std::runtime_error("portal-sim did not start ('" + line + "'); see " + log_path);
        }
        m_url = line.substr(prefix.size());
    }
    ~PortalSim() {
        stop();
    }
    PortalSim(const PortalSim&) = delete;
    PortalSim& operator=(const PortalSim&) = delete;

    const std::string& url() const {
        return m_url;
    }

    // SIGTERM, then SIGKILL after 5 s.
    void stop() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGTERM);
        const auto deadline = Clock::now() + std::chrono::seconds(5);
        while (waitpid(m_pid, nullptr, WNOHANG) == 0) {
            if (Clock::now() > deadline) {
                ::kill(m_pid, SIGKILL);
                waitpid(m_pid, nullptr, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        m_pid = -1;
    }

private:
    pid_t m_pid = -1;
    std::string m_url;
};

// [SECTION] The filing path: UI-side store, running worker, simulator

struct FilingTimes {
    double insert_s = 0;  // the UI thread's commit (what the resident waits for before "saved")
    double total_s = 0;   // "Gửi hồ sơ" to the Accepted intent
};

class FilingPath {
public:
    FilingPath()
        : m_dir(temp_base()),
          m_sim(m_dir.file("portal.jsonl"), m_dir.file("portal-sim.log"), Token) {
        auto store = platform::OutboxStore::open(m_dir.file("outbox.sqlite3"));
        if (!store) throw std::runtime_error(store.error().code + ": " + store.error().detail);
        m_store = std::move(*store);
        platform::PortalClientOptions portal;
        portal.base_url = m_sim.url();
        portal.token = Token;
        m_worker = std::make_unique<platform::FilingWorker>(
            m_dir.file("outbox.sqlite3"), platform::portal_factory({"motcua", portal}),
            core::RetryPolicy{}, 24 * 3600 * 1000, [this] {
                {
                    std::lock_guard lock(m_mutex);
                    ++m_posted;
                }
                m_posted_changed.notify_all();
            });
        m_worker->start();
    }
    ~FilingPath() {
        m_worker->stop();  // before the simulator: the worker may be mid-request
        m_worker.reset();
        m_store.reset();
        m_sim.stop();
    }

    // One filing, start to receipt. Throws when it is not accepted within 10 s.
    FilingTimes file_one() {
        const auto start = Clock::now();
        core::OutboxEntry entry = new_entry();
        if (auto saved = m_store->insert(entry); !saved)
            throw std::runtime_error(saved.error().code + ": " + saved.error().detail);
        const auto saved_at = Clock::now();
        m_worker->wake();
        const auto deadline = start + std::chrono::seconds(10);
        while (true) {
            std::uint64_t seen;
            {
                std::lock_guard lock(m_mutex);
                seen = m_posted;
            }
            for (const core::Intent& intent : m_worker->take_results()) {
                if (const auto* accepted = std::get_if<core::intent::Accepted>(&intent);
                    accepted && accepted->provisional_code == entry.provisional_code) {
                    const auto end = Clock::now();
                    return {std::chrono::duration<double>(saved_at - start).count(),
                            std::chrono::duration<double>(end - start).count()};
                }
                if (const auto* held = std::get_if<core::intent::Held>(&intent))
                    throw std::runtime_error("dossier " + held->provisional_code +
                                             " held: " + held->reason);
            }
            std::unique_lock lock(m_mutex);
            if (!m_posted_changed.wait_until(lock, deadline, [&] { return m_posted != seen; }))
                throw std::runtime_error("no receipt for " + entry.provisional_code +
                                         " within 10 s");
        }
    }

private:
    static constexpr const char* Token = "kiosk-bench-secret";
    TempDir m_dir;
    PortalSim m_sim;
    std::unique_ptr<platform::OutboxStore> m_store;
    std::unique_ptr<platform::FilingWorker> m_worker;
    std::mutex m_mutex;
    std::condition_variable m_posted_changed;
    std::uint64_t m_posted = 0;
};

// Started on first use, stopped by main() before it returns.
std::unique_ptr<FilingPath> g_path;

FilingPath& filing_path() {
    if (!g_path) g_path = std::make_unique<FilingPath>();
    return *g_path;
}

// [SECTION] Benchmarks

void BM_OutboxCommit(benchmark::State& state, std::string base) {
    if (!std::filesystem::is_directory(base)) {
        state.SkipWithError((base + " does not exist").c_str());
        return;
    }
    TempDir dir(base);
    const std::string path = dir.file("outbox.sqlite3");
    auto store = platform::OutboxStore::open(path);
    if (!store) {
        state.SkipWithError((store.error().code + ": " + store.error().detail).c_str());
        return;
    }
    for (auto _ : state) {
        core::OutboxEntry entry = new_entry();
        if (auto saved = (*store)->insert(entry); !saved) {
            state.SkipWithError((saved.error().code + ": " + saved.error().detail).c_str());
            break;
        }
    }
    // The kiosk's promise rests on WAL + FULL; make sure that is what was measured.
    if (!std::filesystem::exists(path + "-wal"))
        state.SkipWithError("the outbox is not in WAL mode");
    state.counters["payload_bytes"] = static_cast<double>(payload_template().size());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_OutboxCommit, tmp, temp_base())->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_OutboxCommit, dev_shm, std::string("/dev/shm"))->Unit(benchmark::kMicrosecond);

void BM_SubmitToReceipt(benchmark::State& state) {
    FilingPath* path = nullptr;
    try {
        path = &filing_path();
    } catch (const std::exception& error) {
        state.SkipWithError(error.what());
        return;
    }
    for (auto _ : state) {
        try {
            state.SetIterationTime(path->file_one().total_s);
        } catch (const std::exception& error) {
            state.SkipWithError(error.what());
            break;
        }
    }
}
BENCHMARK(BM_SubmitToReceipt)->UseManualTime()->MinTime(2.0)->Unit(benchmark::kMillisecond);

// [SECTION] Percentiles

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
    std::size_t rank =
        static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

void print_row(const char* what, std::vector<double> seconds) {
    std::sort(seconds.begin(), seconds.end());
    double sum = 0;
    for (double s : seconds) sum += s;
    std::printf(
        "  %-22s p50 %7.2f ms   p90 %7.2f ms   p99 %7.2f ms   max %7.2f ms   mean %7.2f ms\n", what,
        percentile(seconds, 50) * 1e3, percentile(seconds, 90) * 1e3, percentile(seconds, 99) * 1e3,
        seconds.back() * 1e3, sum / static_cast<double>(seconds.size()) * 1e3);
}

int report_percentiles(int filings) {
    try {
        FilingPath& path = filing_path();
        for (int i = 0; i < 10; ++i) path.file_one();  // warm up: connection, page cache, WAL
        std::vector<double> insert, total;
        for (int i = 0; i < filings; ++i) {
            FilingTimes times = path.file_one();
            insert.push_back(times.insert_s);
            total.push_back(times.total_s);
        }
        std::printf(
            "\nSubmit-to-receipt over %d filings, one after another (nearest-rank percentiles), "
            "outbox under %s, payload %zu bytes:\n",
            filings, temp_base().c_str(), payload_template().size());
        print_row("outbox insert (UI)", insert);
        print_row("submit to receipt", total);
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "percentile run failed: %s\n", error.what());
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
    // Our own flag, taken out before Google Benchmark checks the rest.
    int filings = 200;
    std::vector<char*> arguments;
    for (int i = 0; i < argc; ++i) {
        if (i > 0 && std::strncmp(argv[i], "--filings=", 10) == 0)
            filings = std::atoi(argv[i] + 10);
        else
            arguments.push_back(argv[i]);
    }
    int count = static_cast<int>(arguments.size());
    platform::set_log_quiet(true);  // one "dossier_accepted" line per filing would drown the table
    benchmark::Initialize(&count, arguments.data());
    if (benchmark::ReportUnrecognizedArguments(count, arguments.data())) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::fflush(stdout);
    const int status = filings > 0 ? report_percentiles(filings) : 0;
    g_path.reset();
    return status;
}
