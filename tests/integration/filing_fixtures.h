// Shared by the outbox integration tests ([store], [portal-client], [faults], [crash]): a seeded
// Random, a realistic dossier payload, a bounded wait, a way into the store's own SQLite
// connection, and the real portal-sim with a token and its /sim control endpoints. Header-only on
// purpose: tests/support/*.cpp is also linked into ui_tests, which has no SQLite or curl.
#pragma once

#include <httplib.h>
#include <sqlite3.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/filing/codes.h"
#include "core/filing/outbox.h"
#include "core/filing/portal_time.h"
#include "core/ports.h"
#include "platform/store/outbox_store.h"
#include "support/portal_sim_fixture.h"
#include "support/portal_sim_process.h"

namespace motcua::test {

inline const std::string FilingToken = "kiosk-01-secret";

class SeededRandom final : public core::Random {
public:
    explicit SeededRandom(std::uint64_t seed) : m_engine(seed) {}
    std::uint64_t below(std::uint64_t bound) override {
        return std::uniform_int_distribution<std::uint64_t>(0, bound - 1)(m_engine);
    }

private:
    std::mt19937_64 m_engine;
};

inline std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// What core::encode_dossier produces for a khai sinh visit: contract fields, personal data
// (ChuHoSo, SoDienThoai, DuLieuToKhai) and a frozen NgayNop.
inline std::string dossier_payload(const std::string& ma_tam, std::size_t padding = 0) {
    nlohmann::json payload = {
        {"MaTTHC", "1.001193"},
        {"TenTTHC", "Đăng ký khai sinh"},
        {"ChuHoSo", "Nguyễn Thị Hoà"},
        {"MaTam", ma_tam},
        {"MaKiosk", "KIOSK-01"},
        {"NgayNop", core::format_portal_time(core::vietnam_time_from_unix_ms(wall_ms()))},
        {"SoNgayXuLy", 3},
        {"SoDienThoai", "0912345678"},
        {"DuLieuToKhai",
         {{"NguoiDuocKhaiSinh", {{"HoTen", "Nguyễn Minh Khôi"}, {"NgaySinh", "01/03/2026"}}},
          {"GhiChu", std::string(padding, 'x')}}}};
    return payload.dump();
}

// A new Pending entry with a fresh key and provisional code (not yet stored).
inline core::OutboxEntry new_entry(core::Random& random, std::size_t padding = 0) {
    const std::string code = core::make_provisional_code(random);
    return core::make_entry(core::make_idempotency_key(random), code, "1.001193",
                            dossier_payload(code, padding), wall_ms());
}

// The outbox at `path`, open; the test fails, with the store's reason, when it cannot be.
inline std::unique_ptr<platform::OutboxStore> open_outbox(const std::string& path) {
    auto store = platform::OutboxStore::open(path);
    INFO((store ? std::string() : store.error().code + ": " + store.error().detail));
    REQUIRE(store.ok());
    return std::move(*store);
}

// A new entry, committed to the store (the moment the resident would be told "saved").
inline core::OutboxEntry enqueue(platform::OutboxStore& store, core::Random& random) {
    core::OutboxEntry entry = new_entry(random);
    const core::Status saved = store.insert(entry);
    INFO((saved ? std::string() : saved.error().code + ": " + saved.error().detail));
    REQUIRE(saved.ok());
    return entry;
}

// Polls `done` every `poll` until it is true or `timeout` passed; true when it became true.
template <typename Predicate>
bool wait_until(Predicate done, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll = std::chrono::milliseconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (done()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(poll);
    }
}

// [SECTION] reaching the store's own SQLite connection

// OutboxStore keeps its sqlite3* private, and some settings (synchronous, max_page_count,
// query_only) belong to one connection. sqlite3_auto_extension runs for every connection this
// process opens, so the spy sees the store's own connection (or the FilingWorker's): it runs SQL
// on it as it opens, and keeps the handle so the test can query or change it afterwards (the
// store opens it with SQLITE_OPEN_FULLMUTEX, so any thread may). One spy at a time.
class ConnectionSpy {
public:
    // Watches connections whose file name ends with `file_suffix`; runs `on_open_sql` on each.
    explicit ConnectionSpy(std::string file_suffix, std::string on_open_sql = {}) {
        std::lock_guard lock(mutex());
        state() = State{std::move(file_suffix), std::move(on_open_sql), nullptr};
        // void(*)(void) is SQLite's (and GCC's) generic function pointer type.
        sqlite3_auto_extension(reinterpret_cast<void (*)()>(&entry));
    }
    ~ConnectionSpy() {
        sqlite3_cancel_auto_extension(reinterpret_cast<void (*)()>(&entry));
        std::lock_guard lock(mutex());
        state() = State{};
    }
    ConnectionSpy(const ConnectionSpy&) = delete;
    ConnectionSpy& operator=(const ConnectionSpy&) = delete;

    // The last watched connection opened (owned by its store; valid while the store is open).
    sqlite3* connection() const {
        std::lock_guard lock(mutex());
        return state().last;
    }

private:
    struct State {
        std::string suffix;
        std::string sql;
        sqlite3* last = nullptr;
    };
    static std::mutex& mutex() {
        static std::mutex m;
        return m;
    }
    static State& state() {
        static State s;
        return s;
    }
    static int entry(sqlite3* db, char** error_message, const sqlite3_api_routines*) {
        const char* name = sqlite3_db_filename(db, "main");
        const std::string file = name ? name : "";
        std::lock_guard lock(mutex());
        State& s = state();
        if (s.suffix.empty() || file.size() < s.suffix.size() ||
            file.compare(file.size() - s.suffix.size(), s.suffix.size(), s.suffix) != 0)
            return SQLITE_OK;
        s.last = db;
        if (!s.sql.empty() &&
            sqlite3_exec(db, s.sql.c_str(), nullptr, nullptr, error_message) != SQLITE_OK)
            return SQLITE_ERROR;
        return SQLITE_OK;
    }
};

// Counts the statements starting with `prefix` ("UPDATE") that a connection runs, from
// construction to destruction (sqlite3_trace_v2).
class StatementCounter {
public:
    StatementCounter(sqlite3* db, std::string prefix) : m_db(db), m_prefix(std::move(prefix)) {
        sqlite3_trace_v2(m_db, SQLITE_TRACE_STMT, &on_statement, this);
    }
    ~StatementCounter() { sqlite3_trace_v2(m_db, 0, nullptr, nullptr); }
    StatementCounter(const StatementCounter&) = delete;
    StatementCounter& operator=(const StatementCounter&) = delete;
    int count() const { return m_count.load(); }

private:
    static int on_statement(unsigned, void* context, void*, void* sql) {
        auto* self = static_cast<StatementCounter*>(context);
        const char* text = static_cast<const char*>(sql);
        if (text && std::string(text).rfind(self->m_prefix, 0) == 0) ++self->m_count;
        return 0;
    }
    sqlite3* m_db;
    std::string m_prefix;
    std::atomic<int> m_count{0};
};

// One value of a pragma (or any single-value query) on a connection.
inline std::string query_text(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::string value;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(stmt, 0);
        value = text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(stmt);
    return value;
}

inline void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    INFO(sql << ": " << (message ? message : ""));
    sqlite3_free(message);
    REQUIRE(rc == SQLITE_OK);
}

// [SECTION] the portal simulator

// The real portal-sim with a required token and its own temporary store, plus its /sim
// control endpoints.
class FilingSim : public PortalSimFixture {
public:
    explicit FilingSim(std::vector<std::string> extra = {})
        : PortalSimFixture("motcua-filing-", [&extra](const TempDir&) {
              std::vector<std::string> flags = {"--token", FilingToken};
              flags.insert(flags.end(), extra.begin(), extra.end());
              return flags;
          }) {}

    // How many stored dossiers carry this MaTam.
    int count_ma_tam(const std::string& ma_tam) const {
        int n = 0;
        for (const auto& dossier : dossiers())
            if (dossier.at("MaTam") == ma_tam) ++n;
        return n;
    }
};

}  // namespace motcua::test
