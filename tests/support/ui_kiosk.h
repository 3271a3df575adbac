// The UI tests' shared set-up around the real kiosk binary: a fresh screenshot folder in the
// build tree, portal-sim and printer-sim started for a test, and the dossiers portal-sim
// stored. Header only: it uses the paths ui_tests is compiled with (MOTCUA_BINARY_DIR,
// MOTCUA_PORTAL_SIM, MOTCUA_PRINTER_SIM, MOTCUA_SHARED_DATA).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/portal_sim_process.h"
#include "support/printer_sim_process.h"
#include "support/process.h"

namespace motcua::test {

// build/ui-shots/<name>, emptied.
inline std::string fresh_shots_dir(const std::string& name) {
    std::string dir = std::string(MOTCUA_BINARY_DIR) + "/ui-shots/" + name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// portal-sim with its store in `temp`, the shared administrative units, 10 s to start.
inline std::unique_ptr<PortalSimProcess> start_portal(const TempDir& temp) {
    return std::make_unique<PortalSimProcess>(PortalSimOptions{MOTCUA_PORTAL_SIM,
                                                               temp.file("portal.jsonl"),
                                                               MOTCUA_SHARED_DATA,
                                                               {},
                                                               {},
                                                               std::chrono::milliseconds(10000)});
}

// printer-sim writing its pages (and the raw bytes) to `out`.
inline std::unique_ptr<PrinterSimProcess> start_printer(const std::string& out,
                                                        std::vector<std::string> extra = {}) {
    std::filesystem::create_directories(out);  // its log goes there from the start
    PrinterSimOptions options;
    options.binary = MOTCUA_PRINTER_SIM;
    options.out_dir = out;
    options.extra_args = std::move(extra);
    options.extra_args.push_back("--raw");
    return std::make_unique<PrinterSimProcess>(options);
}

// The dossiers in portal-sim's store (one JSON record a line).
inline std::vector<nlohmann::json> stored_dossiers(const std::string& store_path) {
    std::vector<nlohmann::json> dossiers;
    std::istringstream lines(read_file(store_path));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        auto record = nlohmann::json::parse(line);
        if (record.value("type", "") == "dossier") dossiers.push_back(record);
    }
    return dossiers;
}

}  // namespace motcua::test
