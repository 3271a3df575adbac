// The catalogue and the administrative units from the real portal-sim, revalidated by ETag and
// cached in the kiosk's real SQLite file: what a kiosk that restarts without a network still has,
// and what a broken document from the portal can never replace.
#include "platform/reference_sync.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "platform/http/motcua_portal.h"
#include "platform/store/outbox_store.h"
#include "support/portal_sim_process.h"

using motcua::platform::MotcuaPortal;
using motcua::platform::OutboxStore;
using motcua::platform::PortalClientOptions;
using motcua::platform::ReferenceSync;
using motcua::test::PortalSimOptions;
using motcua::test::PortalSimProcess;
using motcua::test::TempDir;

namespace {

std::unique_ptr<MotcuaPortal> client_for(const std::string& url) {
    PortalClientOptions options;
    options.base_url = url;
    options.token = "kiosk-test";
    options.connect_timeout_ms = 2000;
    options.total_timeout_ms = 10000;
    auto client = MotcuaPortal::create(options);
    REQUIRE(client.ok());
    return std::move(*client);
}

std::unique_ptr<OutboxStore> open_store(const std::string& path) {
    auto store = OutboxStore::open(path);
    INFO((store ? std::string() : store.error().detail));
    REQUIRE(store.ok());
    return std::move(*store);
}

PortalSimOptions sim_options(const TempDir& dir, const std::string& procedures) {
    PortalSimOptions options;
    options.binary = MOTCUA_PORTAL_SIM;
    options.store_path = dir.file("portal.jsonl");
    options.data_dir = MOTCUA_SHARED_DATA;
    options.extra_args = {"--procedures", procedures};
    return options;
}

std::int64_t fixed_now() {
    return 1'795'748'400'000;
}

// A portal publishing the procedure files in `dir`/procedures, and a kiosk that asked it once.
struct OneRefresh {
    explicit OneRefresh(const TempDir& dir)
        : sim(sim_options(dir, dir.file("procedures"))),
          store(open_store(dir.file("kiosk.sqlite"))),
          client(client_for(sim.url())) {
        ReferenceSync sync(*store, *client, fixed_now);
        update = sync.refresh(reachable);
    }
    PortalSimProcess sim;
    std::unique_ptr<OutboxStore> store;
    std::unique_ptr<MotcuaPortal> client;
    bool reachable = false;
    motcua::platform::ReferenceUpdate update;
};

}  // namespace

TEST_CASE("the catalogue and the wards are fetched once, then revalidated, and kept for a restart",
          "[reference]") {
    TempDir dir;
    const std::string db = dir.file("kiosk.sqlite");
    std::size_t served = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(MOTCUA_SOURCE_ASSETS "/procedures"))
        served += entry.path().extension() == ".json";
    {
        PortalSimProcess sim(sim_options(dir, MOTCUA_SOURCE_ASSETS "/procedures"));
        auto store = open_store(db);
        auto client = client_for(sim.url());
        ReferenceSync sync(*store, *client, fixed_now);

        CHECK(sync.load_cached().empty());  // a new kiosk has nothing cached
        bool reachable = false;
        auto first = sync.refresh(reachable);
        CHECK(reachable);
        REQUIRE(first.catalog);
        REQUIRE(first.units);
        CHECK(first.catalog->origin == "portal");
        CHECK(first.catalog->catalog.procedures.size() == served);
        CHECK(first.catalog->catalog.problems.empty());
        CHECK(first.units->provinces().size() == 34);
        CHECK(first.units->ward_count() == 3321);

        // Unchanged on the portal: two 304s, nothing new to hand on.
        auto second = sync.refresh(reachable);
        CHECK(reachable);
        CHECK(second.empty());
    }
    // The portal is gone (the simulator stopped): a restarted kiosk has what it saw last.
    auto store = open_store(db);
    auto client = client_for("http://127.0.0.1:9");  // the discard port: nothing listens
    ReferenceSync sync(*store, *client, fixed_now);
    auto cached = sync.load_cached();
    REQUIRE(cached.catalog);
    REQUIRE(cached.units);
    CHECK(cached.catalog->origin == "cache");
    CHECK(cached.catalog->catalog.procedures.size() == served);
    CHECK(cached.catalog->catalog.find("1.001193") != nullptr);
    CHECK(cached.units->find_ward("00004") != nullptr);
    bool reachable = true;
    CHECK(sync.refresh(reachable).empty());
    CHECK_FALSE(reachable);  // asked again sooner
}

TEST_CASE("a procedure the portal serves broken is refused, the good ones are served",
          "[reference]") {
    TempDir dir;
    const std::string procedures = dir.file("procedures");
    std::filesystem::create_directories(procedures);
    std::filesystem::copy_file(MOTCUA_SOURCE_ASSETS "/procedures/khai-sinh.json",
                               procedures + "/khai-sinh.json");
    // Valid JSON, not a valid procedure: no pages, an unknown field type.
    motcua::test::write_file(
        procedures + "/zz-broken.json",
        R"({"format": 1, "code": "9.999999", "name": "Hỏng", "category": "x", "pages": "none"})");
    OneRefresh kiosk(dir);
    const auto& update = kiosk.update;
    REQUIRE(update.catalog);
    CHECK(update.catalog->catalog.procedures.size() == 1);
    REQUIRE(update.catalog->catalog.problems.size() == 1);
    // The message names the entry and its code, for the province's IT officer.
    CHECK(update.catalog->catalog.problems.front().detail.find("portal:thutuc[1] (9.999999)") !=
          std::string::npos);
}

TEST_CASE("a catalogue with no usable procedure never replaces the one in use", "[reference]") {
    TempDir dir;
    const std::string procedures = dir.file("procedures");
    std::filesystem::create_directories(procedures);
    motcua::test::write_file(procedures + "/broken.json", R"({"format": 1, "code": "9.999999"})");
    OneRefresh kiosk(dir);
    CHECK_FALSE(kiosk.update.catalog);
    CHECK(kiosk.update.units);  // the wards were fine
    // Nothing bad was cached either.
    auto cached = kiosk.store->load_reference("thutuc");
    REQUIRE(cached.ok());
    CHECK_FALSE(cached->has_value());
}
