#include "platform/assets.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace motcua::platform {

core::Result<std::string> read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::make_error("file_unreadable", "cannot open " + path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return core::make_error("file_unreadable", "cannot read " + path);
    return buffer.str();
}

core::Result<core::Strings> load_strings(const std::string& assets_dir) {
    auto vi_text = read_text_file(assets_dir + "/i18n/vi.json");
    if (!vi_text) return vi_text.error();
    auto en_text = read_text_file(assets_dir + "/i18n/en.json");
    if (!en_text) return en_text.error();
    auto vi = core::I18n::parse(*vi_text, "i18n/vi.json");
    if (!vi) return vi.error();
    auto en = core::I18n::parse(*en_text, "i18n/en.json");
    if (!en) return en.error();
    return core::Strings{std::move(vi).value(), std::move(en).value()};
}

core::Catalog load_catalog(const std::string& dir) {
    namespace fs = std::filesystem;
    std::vector<core::SourceFile> files;
    std::vector<core::Error> unreadable;
    std::error_code error;
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(dir, error))
        if (entry.path().extension() == ".json") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
        auto text = read_text_file(path.string());
        if (text)
            files.push_back({path.filename().string(), std::move(text).value()});
        else
            unreadable.push_back(text.error());
    }
    core::Catalog catalog = core::build_catalog(files);
    if (error) catalog.problems.push_back(core::make_error("procedure_invalid", "cannot list " + dir + ": " + error.message()));
    for (auto& problem : unreadable) catalog.problems.push_back(std::move(problem));
    return catalog;
}

core::Result<core::HolidayCalendar> load_holidays(const std::string& assets_dir) {
    const std::string path = assets_dir + "/config/holidays.json";
    if (!std::filesystem::exists(path)) return core::HolidayCalendar{};
    auto text = read_text_file(path);
    if (!text) return text.error();
    std::vector<std::string> dates;
    try {
        auto doc = nlohmann::json::parse(*text);
        for (const auto& date : doc.at("holidays")) dates.push_back(date.get<std::string>());
    } catch (const nlohmann::json::exception& e) {
        return core::make_error("config_invalid", path + ": expected {\"holidays\": [\"yyyy-mm-dd\", ...]}: " + e.what());
    }
    auto calendar = core::parse_holidays(dates);
    if (!calendar) return core::make_error("config_invalid", path + ": " + calendar.error().detail);
    return calendar;
}

core::Result<core::FeeSchedule> load_fees(const std::string& assets_dir, const std::string& path) {
    const std::string file = path.empty() ? assets_dir + "/config/fees.json" : path;
    auto text = read_text_file(file);
    if (!text) return text.error();
    return core::FeeSchedule::parse(*text, file);
}

}  // namespace motcua::platform
