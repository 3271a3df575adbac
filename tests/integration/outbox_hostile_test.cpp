// The outbox under hostile conditions (issue 9): its files are the kiosk user's only, a purge
// reaches the disk (database and WAL), a full disk never costs a filing (the reserve and the
// reference cache give way first), and a dossier the portal accepted while the disk was full
// is recorded as accepted once there is room again.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "filing_fixtures.h"
#include "platform/filing_worker.h"
#include "platform/store/outbox_store.h"

using motcua::core::OutboxEntry;
using motcua::core::OutboxState;
using motcua::platform::FilingWorker;
using motcua::platform::OutboxStore;
using motcua::test::FilingSim;
using motcua::test::SeededRandom;
using motcua::test::TempDir;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<OutboxStore> open_store(const std::string& path) {
    auto store = OutboxStore::open(path);
    INFO((store ? std::string() : store.error().code + ": " + store.error().detail));
    REQUIRE(store.ok());
    return std::move(*store);
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned mode_of(const std::string& path) {
    struct stat info {};
    REQUIRE(stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

motcua::platform::PortalFactory portal(const FilingSim& sim) {
    motcua::platform::PortalClientOptions options;
    options.base_url = sim.url();
    options.token = motcua::test::FilingToken;
    options.connect_timeout_ms = 2000;
    options.total_timeout_ms = 3000;
    return motcua::platform::portal_factory({"motcua", options});
}

// A small file system of its own: tmpfs with size=2m, mounted for the test (root only).
class SmallDisk {
public:
    SmallDisk() {
        if (geteuid() == 0 && ::mount("tmpfs", m_dir.path().c_str(), "tmpfs", MS_NOSUID | MS_NODEV,
                                      "size=2m,mode=0700") == 0)
            m_mounted = true;
    }
    ~SmallDisk() {
        if (m_mounted) ::umount2(m_dir.path().c_str(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;
    bool mounted() const { return m_mounted; }
    std::string file(const std::string& name) const { return m_dir.file(name); }

private:
    TempDir m_dir{"motcua-small-disk-"};
    bool m_mounted = false;
};

// Writes a filler file until the file system says ENOSPC; returns the bytes written.
long fill_disk(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    const std::string block(4096, 'f');
    long written = 0;
    while (true) {
        const ssize_t n = ::write(fd, block.data(), block.size());
        if (n <= 0) {
            CHECK((n == 0 || errno == ENOSPC));
            break;
        }
        written += n;
    }
    ::close(fd);
    return written;
}

}  // namespace

TEST_CASE("the outbox, its WAL and shared memory are the kiosk user's only (0600)",
          "[store][hostile]") {
    TempDir dir;
    const std::string path = dir.file("outbox.sqlite");
    SECTION("a new outbox") {
        auto store = open_store(path);
        SeededRandom random(31);
        motcua::test::enqueue(*store, random);
        CHECK(mode_of(path) == 0600);
        CHECK(mode_of(path + "-wal") == 0600);
        CHECK(mode_of(path + "-shm") == 0600);
    }
    SECTION("an outbox an older version left 0644 is tightened") {
        { auto store = open_store(path); }
        REQUIRE(chmod(path.c_str(), 0644) == 0);
        auto store = open_store(path);
        CHECK(mode_of(path) == 0600);
        CHECK(mode_of(path + "-wal") == 0600);
    }
}

TEST_CASE("once a dossier is accepted its personal data is in neither the database nor the WAL",
          "[store][hostile]") {
    FilingSim sim;
    const std::string path = sim.dir().file("outbox.sqlite");
    auto store = open_store(path);
    SeededRandom random(32);
    const OutboxEntry entry = motcua::test::enqueue(*store, random);
    // Before the purge, the name is on disk (that is what must go).
    const std::string name = "Nguyễn Thị Hoà", child = "Nguyễn Minh Khôi", phone = "0912345678";
    CHECK(read_bytes(path + "-wal").find(name) != std::string::npos);

    FilingWorker worker(path, portal(sim), motcua::core::RetryPolicy{50, 500}, 3'600'000, nullptr);
    worker.start();
    const bool accepted = motcua::test::wait_until(
        [&] {
            auto found = store->find(entry.provisional_code);
            return found && *found && (*found)->state == OutboxState::Accepted &&
                   (*found)->personal_data_purged;
        },
        20s);
    REQUIRE(accepted);
    // Still running (a SIGKILL now would leave exactly these bytes): the WAL was checkpointed.
    REQUIRE(motcua::test::wait_until(
        [&] { return read_bytes(path + "-wal").find(name) == std::string::npos; }, 5s));
    for (const std::string& file : {path, path + "-wal"}) {
        const std::string bytes = read_bytes(file);
        INFO(file << " (" << bytes.size() << " bytes)");
        CHECK(bytes.find(name) == std::string::npos);
        CHECK(bytes.find(child) == std::string::npos);
        CHECK(bytes.find(phone) == std::string::npos);
        CHECK((bytes.find(entry.provisional_code) != std::string::npos ||
               file != path));  // the record stays
    }
    worker.stop();
}

TEST_CASE(
    "a disk filled by the reference cache still takes a dossier, and an accepted one is recorded "
    "when room returns",
    "[store][hostile][disk]") {
    SmallDisk disk;
    SeededRandom random(33);
    const std::string big_document(64 * 1024, 'x');
    if (disk.mounted()) {
        // A real 2 MiB file system.
        const std::string path = disk.file("outbox.sqlite");
        auto store = open_store(path);
        CHECK(std::filesystem::exists(path + ".reserve"));
        // The catalogue and the wards pile up in the cache: it stops short of the outbox's room.
        int cached = 0;
        motcua::core::Error refused;
        for (int i = 0; i < 100; ++i) {
            auto saved =
                store->save_reference({"doc" + std::to_string(i), "\"e\"", big_document, 1});
            if (!saved) {
                refused = saved.error();
                break;
            }
            ++cached;
        }
        INFO("cached " << cached << " documents, then " << refused.code << ": " << refused.detail);
        CHECK(cached > 0);
        CHECK((refused.code == "disk_low" || refused.code == "disk_full"));
        // Something else fills the rest of the disk (a log, a core dump).
        fill_disk(disk.file("filler"));
        // A resident files: it is saved.
        OutboxEntry entry = motcua::test::new_entry(random);
        const auto inserted = store->insert(entry);
        INFO((inserted ? std::string() : inserted.error().code + ": " + inserted.error().detail));
        REQUIRE(inserted.ok());

        // The portal accepts it; whether or not the disk lets the worker record that at once,
        // it is recorded as accepted once the filler is gone (a replay with the same key).
        // Room for a moment: it records "sending" and sends; the disk fills again meanwhile.
        std::filesystem::remove(disk.file("filler"));
        FilingSim sim({"--latency-ms", "1000"});
        FilingWorker worker(path, portal(sim), motcua::core::RetryPolicy{50, 200}, 3'600'000,
                            nullptr);
        worker.start();
        REQUIRE(motcua::test::wait_until(
            [&] {
                auto found = store->find(entry.provisional_code);
                return found && *found && (*found)->state == OutboxState::Sending;
            },
            20s, 5ms));
        fill_disk(disk.file("filler2"));
        // Polled gently and without REQUIRE: a slow simulator (sanitizer builds) may miss a poll.
        // [disk] A refused connection means the simulator has exited (under TSan, a race report
        // with halt_on_error=1 ends it): stop at once and show its log, which says why.
        bool simulator_gone = false;
        auto accepted_on_portal = [&] {
            httplib::Client control(sim.url());
            control.set_read_timeout(10);
            auto stats = control.Get("/sim/stats");
            if (!stats && stats.error() == httplib::Error::Connection) simulator_gone = true;
            return simulator_gone ||
                   (stats && stats->status == 200 &&
                    nlohmann::json::parse(stats->body, nullptr, false).value("accepted", 0) == 1);
        };
        const bool accepted = motcua::test::wait_until(accepted_on_portal, 60s, 100ms);
        if (simulator_gone)
            FAIL("portal-sim has exited; its log:\n"
                 << motcua::test::read_file(sim.dir().file("portal.jsonl.log")));
        REQUIRE(accepted);
        // [/disk]
        motcua::test::wait_until([] { return false; }, 300ms);
        std::filesystem::remove(disk.file("filler2"));
        const bool recorded = motcua::test::wait_until(
            [&] {
                auto found = store->find(entry.provisional_code);
                return found && *found && (*found)->state == OutboxState::Accepted;
            },
            20s);
        worker.stop();
        REQUIRE(recorded);
        auto found = store->find(entry.provisional_code);
        REQUIRE(found.ok());
        CHECK((*found)->ma_ho_so == sim.dossiers().at(0).at("MaHoSo").get<std::string>());
        CHECK(sim.count_ma_tam(entry.provisional_code) == 1);
    } else {
        // No mount here: SQLite's own limit on this connection (max_page_count) plays the full
        // disk, and the cache still gives way to the dossier.
        TempDir dir;
        const std::string path = dir.file("outbox.sqlite");
        motcua::test::ConnectionSpy spy("/outbox.sqlite");
        auto store = open_store(path);
        sqlite3* db = spy.connection();
        REQUIRE(db != nullptr);
        const int pages = std::stoi(motcua::test::query_text(db, "PRAGMA page_count"));
        motcua::test::exec(db, "PRAGMA max_page_count = " + std::to_string(pages + 80));
        // The cache takes every last page: big documents, then smaller and smaller ones.
        int cached = 0;
        for (std::size_t size :
             {std::size_t{64 * 1024}, std::size_t{4096}, std::size_t{512}, std::size_t{64}})
            for (int i = 0; i < 200; ++i) {
                if (!store->save_reference(
                        {"doc" + std::to_string(cached), "\"e\"", std::string(size, 'x'), 1}))
                    break;
                ++cached;
            }
        CHECK(cached > 0);
        // A long dossier (overflow pages): it needs pages the cache holds.
        OutboxEntry entry = motcua::test::new_entry(random, 6000);
        const auto inserted = store->insert(entry);
        INFO((inserted ? std::string() : inserted.error().code + ": " + inserted.error().detail));
        REQUIRE(inserted.ok());
        auto cache = store->load_reference("doc0");
        REQUIRE(cache.ok());
        CHECK_FALSE(cache->has_value());  // the cache gave way
    }
}

TEST_CASE("a damaged outbox at start is moved aside with a timestamp and a fresh one opens",
          "[store][hostile]") {
    TempDir dir;
    const std::string path = dir.file("outbox.sqlite");
    SeededRandom random(34);
    SECTION("not a database at all") {
        std::ofstream(path, std::ios::binary) << std::string(8192, '\x5a');
    }
    SECTION("a real outbox with a damaged page") {
        {
            auto store = open_store(path);
            for (int i = 0; i < 20; ++i) motcua::test::enqueue(*store, random);
            REQUIRE(store->checkpoint().ok());
        }
        std::filesystem::remove(path + "-wal");
        std::filesystem::remove(path + "-shm");
        // Scribble over the second page (the outbox table's b-tree).
        std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
        file.seekp(4096);
        file << std::string(4096, '\xff');
    }
    auto aside =
        OutboxStore::set_aside_if_corrupt(path, 1'796'112'000'000);  // 2026-12-01T08:00:00Z
    REQUIRE(aside.ok());
    CHECK(*aside == path + ".corrupt-20261201T080000Z");
    CHECK(std::filesystem::exists(*aside));
    CHECK_FALSE(std::filesystem::exists(path));
    auto store = open_store(path);
    motcua::test::enqueue(*store, random);
    auto all = store->all();
    REQUIRE(all.ok());
    CHECK(all->size() == 1);
}

TEST_CASE("a healthy or missing outbox is left where it is", "[store][hostile]") {
    TempDir dir;
    const std::string path = dir.file("outbox.sqlite");
    auto missing = OutboxStore::set_aside_if_corrupt(path, 0);
    REQUIRE(missing.ok());
    CHECK(missing->empty());
    SeededRandom random(35);
    {
        auto store = open_store(path);
        motcua::test::enqueue(*store, random);
    }
    auto healthy = OutboxStore::set_aside_if_corrupt(path, 0);
    REQUIRE(healthy.ok());
    CHECK(healthy->empty());
    CHECK(std::filesystem::exists(path));
}
