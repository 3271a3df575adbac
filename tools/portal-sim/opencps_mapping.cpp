// [opencps] The simulator's processes come from the kiosk's own mapping file, so the two agree by
// construction: each row is a process (serviceCode, govAgencyCode = --gov-agency-code,
// dossierTemplateNo) with one e-form part and one submitting action.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/json/object_reader.h"
#include "portal_sim.h"

namespace motcua::sim {

namespace {

namespace fs = std::filesystem;
namespace sj = core::strict_json;

constexpr const char* MappingFormat = "motcua.opencps-mapping/1";

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
    auto document = sj::read(buffer.str());
    if (!document) return core::make_error("file_invalid", path + ": " + document.error().detail);

    const auto catalogue = read_catalogue(catalogue_body);
    std::vector<SimState::OpenCpsProcess> processes;
    try {
        sj::ObjectReader reader(*document, "$", {"format", "note", "procedures"});
        if (reader.string("format") != MappingFormat)
            sj::fail(reader.path("format"), std::string("expected \"") + MappingFormat + "\"");
        if (reader.has("note")) (void)reader.string("note");
        const auto& list = reader.array("procedures");
        if (list.empty()) sj::fail(reader.path("procedures"), "lists no procedure");
        std::set<std::string> codes;
        std::set<std::pair<std::string, std::string>> processes_seen;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string at = sj::index_path("$.procedures", i);
            sj::ObjectReader row(
                list[i], at,
                {"code", "serviceCode", "dossierTemplateNo", "eformPartNo", "actionCode"});
            SimState::OpenCpsProcess process;
            process.code = row.string("code");
            process.service_code = row.string("serviceCode");
            process.dossier_template_no = row.string("dossierTemplateNo");
            process.eform_part_no = row.string("eformPartNo");
            process.action_code = row.string("actionCode");
            for (const char* key :
                 {"code", "serviceCode", "dossierTemplateNo", "eformPartNo", "actionCode"})
                if (row.string(key).empty()) sj::fail(row.path(key), "is empty");
            if (!codes.insert(process.code).second)
                sj::fail(row.path("code"), "procedure " + process.code + " is listed twice");
            if (!processes_seen.insert({process.service_code, process.dossier_template_no}).second)
                sj::fail(row.path("serviceCode"),
                         "serviceCode and dossierTemplateNo repeat an earlier row");
            auto known = catalogue.find(process.code);
            process.service_name = known != catalogue.end() && !known->second.name.empty()
                                       ? known->second.name
                                       : "Thủ tục " + process.code;
            process.working_days = known != catalogue.end() ? known->second.working_days : 0;
            processes.push_back(std::move(process));
        }
    } catch (const sj::SchemaError& error) {
        return core::make_error("file_invalid", path + ": " + error.what());
    }
    return processes;
}

}  // namespace motcua::sim
