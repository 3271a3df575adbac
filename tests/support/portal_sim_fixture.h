// Test support for the tests that run the real portal-sim (MOTCUA_PORTAL_SIM, with the shared
// data in MOTCUA_SHARED_DATA): its options, the frozen calendar the contract tests use, and a
// fixture owning a temporary directory, the simulator and its /sim control endpoints.
// Header-only, like the fixtures that build on it (tests/integration/*_fixtures.h): the .cpp
// files here are also linked into ui_tests.
#pragma once

#include <httplib.h>

#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "support/portal_sim_process.h"

namespace motcua::test {

// portal-sim with a store `store_name` in `dir`, the shared data, and exactly `args`.
inline PortalSimOptions portal_sim_options(const TempDir& dir, std::vector<std::string> args,
                                           const std::string& store_name = "store.jsonl") {
    PortalSimOptions options;
    options.binary = MOTCUA_PORTAL_SIM;
    options.store_path = dir.file(store_name);
    options.data_dir = MOTCUA_SHARED_DATA;
    options.extra_args = std::move(args);
    return options;
}

// Thursday 12/03/2026 10:00 in Vietnam; with 16/03 as a holiday, 3 working days end Wed 18/03.
inline const std::string FrozenNow = "20260312100000";

// Writes `dir`/holidays.json (2026 covered, 16/03 a holiday) and returns the flags for that
// calendar at FrozenNow: --now, --holidays.
inline std::vector<std::string> frozen_calendar_args(const TempDir& dir) {
    write_file(dir.file("holidays.json"),
               R"({"format": 1, "covers": {"from": "2026-01-01", "to": "2026-12-31"},
                   "holidays": [{"date": "2026-03-16", "name": "test", "basis": "test calendar"}]})");
    return {"--now", FrozenNow, "--holidays", dir.file("holidays.json")};
}

// The real portal-sim in a temporary directory of its own, plus its /sim control endpoints.
// A test fixture derives from it and says which flags the simulator gets.
class PortalSimFixture {
public:
    // The simulator's flags, given the directory (to write files the flags name).
    using Flags = std::function<std::vector<std::string>(const TempDir& dir)>;

    PortalSimFixture(const std::string& dir_prefix, const Flags& flags,
                     const std::string& store_name = "portal.jsonl")
        : m_dir(dir_prefix), m_process(portal_sim_options(m_dir, flags(m_dir), store_name)) {}

    const std::string& url() const { return m_process.url(); }
    const TempDir& dir() const { return m_dir; }
    PortalSimProcess& process() { return m_process; }

    // GET /sim/dossiers: every dossier the simulator holds.
    nlohmann::json dossiers() const { return sim_get("/sim/dossiers"); }
    // GET /sim/stats: the simulator's counters.
    nlohmann::json stats() const { return sim_get("/sim/stats"); }
    // POST /sim/faults: merges the keys into the fault configuration.
    void set_faults(const nlohmann::json& changes) const { sim_post("/sim/faults", changes); }

    // GET a /sim endpoint: 200 and its JSON body, or the test fails.
    nlohmann::json sim_get(const std::string& path) const {
        auto result = control()->Get(path.c_str());
        REQUIRE(result);
        REQUIRE(result->status == 200);
        return nlohmann::json::parse(result->body);
    }
    // POST JSON to a /sim endpoint: 200, or the test fails (with the body said).
    void sim_post(const std::string& path, const nlohmann::json& body) const {
        auto result = control()->Post(path.c_str(), body.dump(), "application/json");
        REQUIRE(result);
        INFO(result->body);
        REQUIRE(result->status == 200);
    }

private:
    std::unique_ptr<httplib::Client> control() const {
        auto client = std::make_unique<httplib::Client>(m_process.url());
        client->set_connection_timeout(5);
        client->set_read_timeout(10);
        return client;
    }

    TempDir m_dir;
    PortalSimProcess m_process;
};

}  // namespace motcua::test
