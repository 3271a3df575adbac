// [opencps] The simulator's processes come from the kiosk's own mapping file, so the two agree by
// construction: each row is a process (serviceCode, govAgencyCode = --gov-agency-code,
// dossierTemplateNo) with one e-form part and one submitting action.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/filing/opencps.h"
#include "portal_sim.h"

namespace motcua::sim {

namespace {

namespace fs = std::filesystem;

// code -> (name, working days) from the --procedures catalogue ({"procedures": [...]}, as
// served by GET /api/v1/thutuc); entries without a code are skipped.
struct CatalogueEntry {
    std::string name;
    int working_days = 0;
};

std::map<std::string, CatalogueEntry> read_catalogue(const std::string& body) {
    std::map<std::string, CatalogueEntry> entries;
    const nlohmann::json catalogue = nlohmann::json::parse(body, nullptr, false);
    if (!catalogue.is_object() || !catalogue.contains("procedures")) return entries;
    for (const auto& procedure : catalogue["procedures"]) {
        if (!procedure.is_object() || !procedure.contains("code") || !procedure["code"].is_string())
            continue;
        CatalogueEntry entry;
        if (procedure.contains("name") && procedure["name"].is_object())
            entry.name = procedure["name"].value("vi", "");
        if (procedure.contains("processing") && procedure["processing"].is_object())
            entry.working_days = procedure["processing"].value("working_days", 0);
        entries[procedure["code"].get<std::string>()] = entry;
    }
    return entries;
}

}  // namespace

std::string default_opencps_mapping_path() {
    std::error_code error;
    const fs::path exe = fs::canonical("/proc/self/exe", error);
    const fs::path relative = fs::path("config") / "opencps-mapping.json";
    for (const fs::path& assets :
         {exe.parent_path() / "assets", exe.parent_path() / "../share/motcua"})
        if (fs::exists(assets / relative, error)) return (assets / relative).lexically_normal();
    return (exe.parent_path() / "assets" / relative).string();  // named in the error message
}

core::Result<std::vector<SimState::OpenCpsProcess>> load_opencps_processes(
    const std::string& path, const std::string& catalogue_body) {
    std::ifstream input(path, std::ios::binary);
    if (!input)
        return core::make_error("file_unreadable", "--opencps-mapping: cannot read " + path);
    std::stringstream buffer;
    buffer << input.rdbuf();
    // The kiosk's own reader: whatever file the kiosk takes, the simulator takes.
    auto mapping = core::parse_opencps_mapping(buffer.str(), path);
    if (!mapping) return core::make_error("file_invalid", mapping.error().detail);

    const auto catalogue = read_catalogue(catalogue_body);
    std::vector<SimState::OpenCpsProcess> processes;
    for (const core::OpenCpsProcedure& row : mapping->procedures) {
        SimState::OpenCpsProcess process;
        process.code = row.code;
        process.service_code = row.service_code;
        process.dossier_template_no = row.dossier_template_no;
        process.eform_part_no = row.eform_part_no;
        process.action_code = row.action_code;
        auto known = catalogue.find(process.code);
        process.service_name = known != catalogue.end() && !known->second.name.empty()
                                   ? known->second.name
                                   : "Thủ tục " + process.code;
        process.working_days = known != catalogue.end() ? known->second.working_days : 0;
        processes.push_back(std::move(process));
    }
    return processes;
}

}  // namespace motcua::sim
