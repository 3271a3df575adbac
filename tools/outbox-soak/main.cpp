// outbox-soak: a kiosk reduced to its filing path, for the crash test (tests/integration/
// crash_test.cpp) and for soaking by hand. It opens the outbox, starts the real FilingWorker,
// then files dossiers one after the other: each is committed to the outbox (the moment a
// resident is told "saved") and only then announced on stdout as "ACK <provisional code>".
// Once --count dossiers exist in the outbox (earlier runs included) it waits until none is
// left unsent and exits 0. Kill it at any moment and start it again: no ACKed dossier may be
// lost, and none may reach the portal twice.
//
//   outbox-soak --db FILE --portal URL [--token T] [--count N] [--pause-ms 3]
//               [--base-ms 50] [--cap-ms 500] [--timeout-ms 5000] [--drain-ms 60000]
//               [--portal-kind opencps --opencps-credentials FILE --opencps-group-id G
//                --opencps-agency A --assets DIR [--opencps-mapping FILE]]
//   outbox-soak --print-keys N   (prints N lines "<idempotency key> <provisional code>" drawn
//                                 exactly as a kiosk draws them, then exits: the key test)
//
// Exit codes: 0 done, 2 usage, 3 outbox unusable, 4 a dossier could not be saved, 5 the portal
// refused a dossier (held), 6 the outbox did not drain within --drain-ms.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/filing/codes.h"
#include "core/filing/outbox.h"
#include "core/filing/portal_time.h"
#include "platform/filing_worker.h"
#include "platform/store/outbox_store.h"
#include "platform/system/log.h"
#include "platform/system/random.h"

namespace {

using namespace motcua;

struct Options {
    std::string db;
    std::string portal;
    std::string token = "soak";
    long long count = 100;
    int pause_ms = 3;
    core::RetryPolicy policy{50, 500};
    long timeout_ms = 5000;
    long long drain_ms = 60000;
    long long print_keys = 0;
    // [opencps] --portal-kind opencps and what it needs (the kiosk's flags of the same names)
    std::string portal_kind = "motcua";
    std::string opencps_credentials;
    std::string opencps_group_id;
    std::string opencps_agency;
    std::string opencps_mapping;
    std::string assets;
    // [/opencps]
};

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int usage(const std::string& problem) {
    std::fprintf(stderr,
                 "outbox-soak: %s\nusage: outbox-soak --db FILE --portal URL [--token T] "
                 "[--count N] [--pause-ms MS] [--base-ms MS] [--cap-ms MS] [--timeout-ms MS] "
                 "[--drain-ms MS]\n",
                 problem.c_str());
    return 2;
}

bool parse(int argc, char** argv, Options& options, std::string& problem) {
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc) {
            problem = flag + " needs a value";
            return false;
        }
        const std::string value = argv[++i];
        try {
            if (flag == "--db")
                options.db = value;
            else if (flag == "--portal")
                options.portal = value;
            else if (flag == "--token")
                options.token = value;
            else if (flag == "--count")
                options.count = std::stoll(value);
            else if (flag == "--pause-ms")
                options.pause_ms = std::stoi(value);
            else if (flag == "--base-ms")
                options.policy.base_ms = std::stoll(value);
            else if (flag == "--cap-ms")
                options.policy.cap_ms = std::stoll(value);
            else if (flag == "--timeout-ms")
                options.timeout_ms = std::stol(value);
            else if (flag == "--drain-ms")
                options.drain_ms = std::stoll(value);
            else if (flag == "--print-keys")
                options.print_keys = std::stoll(value);
            else if (flag == "--portal-kind")  // [opencps]
                options.portal_kind = value;
            else if (flag == "--opencps-credentials")
                options.opencps_credentials = value;
            else if (flag == "--opencps-group-id")
                options.opencps_group_id = value;
            else if (flag == "--opencps-agency")
                options.opencps_agency = value;
            else if (flag == "--opencps-mapping")
                options.opencps_mapping = value;
            else if (flag == "--assets")
                options.assets = value;  // [/opencps]
            else {
                problem = "unknown flag " + flag;
                return false;
            }
        } catch (const std::exception&) {
            problem = flag + " needs a number, not '" + value + "'";
            return false;
        }
    }
    if (options.print_keys > 0) return true;
    if (options.db.empty() || options.portal.empty()) {
        problem = "--db and --portal are required";
        return false;
    }
    return true;
}

// The dossier a khai sinh visit would produce (core::encode_dossier's shape): contract fields
// plus personal data, which the outbox purges once the portal has accepted it.
std::string dossier_payload(const std::string& ma_tam, long long serial) {
    const nlohmann::json payload = {
        {"MaTTHC", "1.001193"},
        {"TenTTHC", "Đăng ký khai sinh"},
        {"MaTam", ma_tam},
        {"MaKiosk", "SOAK-01"},
        {"NgayNop", core::format_portal_time(core::vietnam_time_from_unix_ms(wall_ms()))},
        {"SoNgayXuLy", 3},
        {"ChuHoSo", "Nguyễn Thị Hoà"},
        {"SoDienThoai", "0912345678"},
        {"DuLieuToKhai",
         {{"NguoiDuocKhaiSinh", {{"HoTen", "Nguyễn Minh Khôi"}, {"NgaySinh", "01/03/2026"}}},
          {"SoThuTu", serial}}}};
    return payload.dump();
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    std::string problem;
    if (!parse(argc, argv, options, problem)) return usage(problem);
    if (options.print_keys > 0) {
        platform::SystemRandom random;
        for (long long i = 0; i < options.print_keys; ++i) {
            const std::string key = core::make_idempotency_key(random);
            const std::string code = core::make_provisional_code(random);
            std::printf("%s %s\n", key.c_str(), code.c_str());
        }
        return std::fflush(stdout) == 0 ? 0 : 3;
    }
    platform::set_log_quiet(true);

    auto store = platform::OutboxStore::open(options.db);
    if (!store) {
        std::fprintf(stderr, "outbox-soak: %s: %s\n", store.error().code.c_str(),
                     store.error().detail.c_str());
        return 3;
    }
    auto existing = (*store)->all();
    if (!existing) {
        std::fprintf(stderr, "outbox-soak: %s\n", existing.error().detail.c_str());
        return 3;
    }

    platform::PortalClientOptions portal;
    portal.base_url = options.portal;
    portal.token = options.token;
    portal.connect_timeout_ms = std::min(options.timeout_ms, 2000L);
    portal.total_timeout_ms = options.timeout_ms;
    platform::PortalSettings settings{options.portal_kind, portal};
    // [opencps] The kiosk's OpenCPS settings, checked before the first dossier like the kiosk's.
    settings.opencps.group_id = options.opencps_group_id;
    settings.opencps.agency = options.opencps_agency;
    settings.opencps.credentials_file = options.opencps_credentials;
    settings.opencps.mapping_file = options.opencps_mapping;
    settings.opencps.assets_dir = options.assets;
    settings.opencps.kiosk_id = "SOAK-01";
    settings.opencps.outbox_path = options.db;
    if (auto probe = platform::make_portal(settings); !probe) {
        std::fprintf(stderr, "outbox-soak: %s: %s\n", probe.error().code.c_str(),
                     probe.error().detail.c_str());
        return 2;
    }
    // [/opencps]
    platform::FilingWorker worker(options.db, platform::portal_factory(settings), options.policy,
                                  /*stale_after_ms=*/3'600'000, nullptr);
    worker.start();

    platform::SystemRandom random;
    long long saved = static_cast<long long>(existing->size());
    while (saved < options.count) {
        const std::string code = core::make_provisional_code(random);
        core::OutboxEntry entry =
            core::make_entry(core::make_idempotency_key(random), code, "1.001193",
                             dossier_payload(code, saved + 1), wall_ms());
        if (auto inserted = (*store)->insert(entry); !inserted) {
            std::fprintf(stderr, "outbox-soak: not saved: %s: %s\n", inserted.error().code.c_str(),
                         inserted.error().detail.c_str());
            return 4;
        }
        // Committed (WAL, synchronous=FULL): only now may the resident hear "saved".
        std::printf("ACK %s\n", code.c_str());
        std::fflush(stdout);
        ++saved;
        worker.wake();
        std::this_thread::sleep_for(std::chrono::milliseconds(options.pause_ms));
    }

    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options.drain_ms);
    while (true) {
        auto counts = (*store)->counts();
        if (!counts) {
            std::fprintf(stderr, "outbox-soak: %s\n", counts.error().detail.c_str());
            return 3;
        }
        if (counts->held > 0) {
            if (auto unfinished = (*store)->unfinished())
                for (const auto& entry : *unfinished)
                    if (entry.state == core::OutboxState::Held)
                        std::fprintf(stderr, "outbox-soak: held %s %s: %s\n",
                                     entry.provisional_code.c_str(), entry.last_error_code.c_str(),
                                     entry.last_error_detail.c_str());
            return 5;
        }
        if (counts->pending + counts->sending == 0) break;
        if (std::chrono::steady_clock::now() > deadline) {
            std::fprintf(stderr, "outbox-soak: %d pending, %d sending after %lld ms\n",
                         counts->pending, counts->sending, options.drain_ms);
            return 6;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    worker.stop();
    std::printf("DONE %lld\n", saved);
    std::fflush(stdout);
    return 0;
}
