// Reading the kiosk's files at start-up (platform/assets): whatever a folder holds, start-up
// neither hangs nor allocates without bound, and every refusal says what is wrong (issue 9).
#include "platform/assets.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace motcua;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "motcua-assets-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

void write(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string problems_of(const core::Catalog& catalog) {
    std::string all;
    for (const auto& problem : catalog.problems) all += problem.detail + "\n";
    return all;
}

}  // namespace

TEST_CASE("a small regular file is read whole, and a missing one is named", "[assets]") {
    TempDir dir;
    write(dir.path / "a.json", "{\"x\": 1}");
    auto text = platform::read_small_file((dir.path / "a.json").string());
    REQUIRE(text.ok());
    CHECK(*text == "{\"x\": 1}");
    auto missing = platform::read_small_file((dir.path / "b.json").string());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "file_missing");
    CHECK_THAT(missing.error().detail, Catch::Contains("b.json"));
}

TEST_CASE("a FIFO, a device or a folder is refused at once, not read", "[assets][hostile]") {
    TempDir dir;
    const fs::path fifo = dir.path / "fifo.json";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // no writer: a blocking open would hang forever
    fs::create_symlink("/dev/zero", dir.path / "zero.json");
    fs::create_directory(dir.path / "folder.json");
    auto from_fifo = platform::read_small_file(fifo.string());
    REQUIRE_FALSE(from_fifo.ok());
    CHECK(from_fifo.error().code == "file_not_regular");
    CHECK_THAT(from_fifo.error().detail,
               Catch::EndsWith("fifo.json: is a FIFO, not a regular file"));
    auto from_zero = platform::read_small_file((dir.path / "zero.json").string());
    REQUIRE_FALSE(from_zero.ok());
    CHECK_THAT(from_zero.error().detail, Catch::Contains("is a character device"));
    auto from_folder = platform::read_small_file((dir.path / "folder.json").string());
    REQUIRE_FALSE(from_folder.ok());
    CHECK_THAT(from_folder.error().detail, Catch::EndsWith("folder.json: is a folder, not a file"));
}

TEST_CASE("a file above the cap is refused without reading it all", "[assets][hostile]") {
    TempDir dir;
    write(dir.path / "big.json", std::string(1000, ' '));
    auto big = platform::read_small_file((dir.path / "big.json").string(), 999);
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().code == "file_too_large");
    CHECK(platform::read_small_file((dir.path / "big.json").string(), 1000).ok());
}

TEST_CASE(
    "the procedures folder with a FIFO, /dev/zero and a folder named *.json still loads its good "
    "files",
    "[assets][hostile]") {
    TempDir dir;
    fs::copy_file(MOTCUA_SOURCE_ASSETS "/procedures/khai-tu.json", dir.path / "khai-tu.json");
    REQUIRE(::mkfifo((dir.path / "a-fifo.json").c_str(), 0600) == 0);
    fs::create_symlink("/dev/zero", dir.path / "b-zero.json");
    fs::create_directory(dir.path / "c-folder.json");
    const core::Catalog catalog = platform::load_catalog(dir.path.string());
    CHECK(catalog.procedures.size() == 1);
    const std::string problems = problems_of(catalog);
    CAPTURE(problems);
    REQUIRE(catalog.problems.size() == 3);
    CHECK_THAT(problems, Catch::Contains("a-fifo.json: is a FIFO"));
    CHECK_THAT(problems, Catch::Contains("b-zero.json: is a character device"));
    CHECK_THAT(problems, Catch::Contains("c-folder.json: is a folder, not a file"));
    CHECK_THAT(problems, !Catch::Contains("not valid JSON"));
}

TEST_CASE("an empty or missing procedures folder says why nothing loaded", "[assets]") {
    TempDir dir;
    const core::Catalog empty = platform::load_catalog(dir.path.string());
    REQUIRE(empty.problems.size() == 1);
    CHECK_THAT(empty.problems[0].detail,
               Catch::EndsWith(": no procedure files (*.json) in this folder"));
    const core::Catalog missing = platform::load_catalog((dir.path / "nowhere").string());
    REQUIRE(missing.problems.size() == 1);
    CHECK_THAT(missing.problems[0].detail, Catch::StartsWith("cannot list "));
}

TEST_CASE("strings that are a FIFO are refused, not waited for", "[assets][hostile]") {
    TempDir dir;
    fs::create_directories(dir.path / "i18n");
    REQUIRE(::mkfifo((dir.path / "i18n" / "vi.json").c_str(), 0600) == 0);
    auto strings = platform::load_strings(dir.path.string());
    REQUIRE_FALSE(strings.ok());
    CHECK_THAT(strings.error().detail, Catch::Contains("vi.json: is a FIFO"));
}

TEST_CASE("a missing or broken holiday file is an error, not an empty calendar", "[assets]") {
    TempDir dir;
    auto missing = platform::load_holidays(dir.path.string());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "file_missing");
    CHECK_THAT(missing.error().detail, Catch::Contains("config/holidays.json"));
    fs::create_directories(dir.path / "config");
    write(dir.path / "config" / "holidays.json", R"({"holidays": ["2027-02-05"]})");
    auto broken = platform::load_holidays(dir.path.string());
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().code == "holidays_invalid");
    auto shipped = platform::load_holidays(MOTCUA_SOURCE_ASSETS);
    REQUIRE(shipped.ok());
    CHECK(shipped->days.size() > 30);
}
