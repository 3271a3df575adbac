// The view draws the screen model and nothing else: no file in app/ui includes a core header other
// than the screen model's, so it cannot call a core service (search, fees, pages, answers...).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>

TEST_CASE("app/ui includes only the screen model from core", "[screen][purity]") {
    namespace fs = std::filesystem;
    const std::regex core_include(R"re(#\s*include\s*"core/([^"]+)")re");
    int files = 0;
    for (const auto& entry : fs::directory_iterator(std::string(MOTCUA_SOURCE_DIR) + "/app/ui")) {
        std::ifstream in(entry.path());
        std::string line;
        ++files;
        while (std::getline(in, line)) {
            std::smatch match;
            if (!std::regex_search(line, match, core_include)) continue;
            INFO(entry.path().filename().string() << ": " << line);
            CHECK(match[1] == "screen/screen.h");
        }
    }
    CHECK(files > 10);
}
