// The core is plain C++: this reads every file in app/core and refuses includes of the world.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

TEST_CASE("app/core includes no SDL, ImGui, curl, SQLite, threads, files or clocks", "[purity]") {
    namespace fs = std::filesystem;
    const std::regex forbidden(
        R"(#\s*include\s*[<"](SDL|imgui|curl/|sqlite3|thread|mutex|condition_variable|future|fstream|filesystem|chrono|ctime|time\.h|random|iostream|unistd|sys/|platform/|ui/|httplib|qrencode|stb_))");
    const std::regex clock_reads(R"((system_clock|steady_clock|high_resolution_clock|std::time\(|getenv|rand\(\)))");
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(std::string(MOTCUA_SOURCE_DIR) + "/app/core")) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::string line;
        int number = 0;
        ++files;
        while (std::getline(in, line)) {
            ++number;
            INFO(entry.path().string() << ":" << number << ": " << line);
            CHECK_FALSE(std::regex_search(line, forbidden));
            CHECK_FALSE(std::regex_search(line, clock_reads));
        }
    }
    CHECK(files > 20);
}
