// Shared by the OpenCPS adapter's tests ([opencps], the OpenCPS crash test): the real
// `portal-sim --api opencps` with its /sim control endpoints, and OpenCpsPortal set up the way
// the kiosk sets it up (a 0600 credentials file, the assets' mapping and procedures).
// Header-only, like filing_fixtures.h.
#pragma once

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "filing_fixtures.h"
#include "platform/http/opencps_portal.h"

namespace motcua::test {

inline const std::string OpenCpsGroup = "35417";
inline const std::string OpenCpsAgency = "000.00.01.H29";
inline const std::string OpenCpsUser = "kiosk";
inline const std::string OpenCpsPassword = "kiosk-dev";

// portal-sim --api opencps with its own temporary store. Reuse `store` (and `dir`) to restart.
class OpenCpsSim : public PortalSimFixture {
public:
    explicit OpenCpsSim(std::vector<std::string> extra = {})
        : PortalSimFixture("motcua-opencps-", [&extra](const TempDir&) {
              std::vector<std::string> flags = {
                  "--api",
                  "opencps",
                  "--procedures",
                  std::string(MOTCUA_SOURCE_ASSETS) + "/procedures",
                  "--opencps-mapping",
                  std::string(MOTCUA_SOURCE_ASSETS) + "/config/opencps-mapping.json"};
              flags.insert(flags.end(), extra.begin(), extra.end());
              return flags;
          }) {}

    // POST /sim/opencps/status: what a clerk's action would do to a dossier.
    void set_status(const std::string& dossier_no, const std::string& status) const {
        sim_post("/sim/opencps/status", {{"dossierNo", dossier_no}, {"dossierStatus", status}});
    }
    // The records whose referenceUid is `key` (an outbox entry's idempotency key).
    std::vector<nlohmann::json> with_reference(const std::string& key) const {
        std::vector<nlohmann::json> found;
        for (const auto& record : dossiers())
            if (record.value("referenceUid", "") == key) found.push_back(record);
        return found;
    }
};

// A 0600 file "user:password" in `dir`.
inline std::string write_credentials(const TempDir& dir, const std::string& user = OpenCpsUser,
                                     const std::string& password = OpenCpsPassword,
                                     const std::string& name = "opencps-credentials") {
    const std::string path = dir.file(name);
    write_file(path, user + ":" + password + "\n");
    REQUIRE(chmod(path.c_str(), 0600) == 0);
    return path;
}

// What the kiosk's configuration would give the adapter for this simulator.
inline platform::OpenCpsSettings opencps_settings(const std::string& url,
                                                  const std::string& credentials_file,
                                                  long total_timeout_ms = 5000) {
    platform::OpenCpsSettings settings;
    settings.transport.base_url = url;
    settings.transport.connect_timeout_ms = 2000;
    settings.transport.total_timeout_ms = total_timeout_ms;
    settings.group_id = OpenCpsGroup;
    settings.agency = OpenCpsAgency;
    settings.credentials_file = credentials_file;
    settings.assets_dir = MOTCUA_SOURCE_ASSETS;
    settings.kiosk_id = "KIOSK-01";
    return settings;
}

}  // namespace motcua::test
