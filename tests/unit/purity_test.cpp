// The core is plain C++: this reads every file in app/core and refuses includes of the world.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>

TEST_CASE("app/core includes no SDL, ImGui, curl, SQLite, threads, files or clocks", "[purity]") {
    namespace fs = std::filesystem;
    const std::regex forbidden(
        R"(#\s*include\s*[<"](SDL|imgui|curl/|sqlite3|thread|mutex|condition_variable|future|fstream|filesystem|ctime|time\.h|random|iostream|unistd|sys/|platform/|ui/|httplib|qrencode|stb_))");
    // <chrono> is allowed for its calendar types (core/calendar/date.h); its clocks and its time
    // zone database (which reads files) are not.
    const std::regex clock_reads(
        R"((system_clock|steady_clock|high_resolution_clock|utc_clock|tai_clock|gps_clock|file_clock|::now\s*\(|current_zone|locate_zone|get_tzdb|zoned_time|std::time\(|getenv|rand\(\)))");
    int files = 0;
    for (const auto& entry :
         fs::recursive_directory_iterator(std::string(MOTCUA_SOURCE_DIR) + "/app/core")) {
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
