// The kiosk's state folder by the XDG rule, created private (issue 9: an empty XDG_STATE_HOME
// put the outbox at /motcua; an uncreatable folder aborted with an uncaught exception).
#include "platform/system/state_dir.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>

#include "support/portal_sim_process.h"

using motcua::platform::make_private_directory;
using motcua::platform::state_directory;

TEST_CASE("the state folder follows the XDG rule: empty or relative XDG_STATE_HOME is unset",
          "[state-dir]") {
    CHECK(*state_directory("/var/lib/kiosk", "/home/k") == "/var/lib/kiosk/motcua");
    CHECK(*state_directory("", "/home/k") == "/home/k/.local/state/motcua");
    CHECK(*state_directory(nullptr, "/home/k") == "/home/k/.local/state/motcua");
    CHECK(*state_directory("relative/dir", "/home/k") == "/home/k/.local/state/motcua");
    for (const char* home : {static_cast<const char*>(nullptr), "", "relative"}) {
        auto none = state_directory("", home);
        REQUIRE_FALSE(none.ok());
        CHECK(none.error().code == "state_dir_unknown");
    }
}

TEST_CASE("the state folder is created 0700, and an uncreatable one is an error, not an abort",
          "[state-dir]") {
    motcua::test::TempDir dir;
    SECTION("created private, parents included") {
        const std::string path = dir.file("state/motcua");
        REQUIRE(make_private_directory(path).ok());
        struct stat info {};
        REQUIRE(stat(path.c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0700);
    }
    SECTION("an existing 0755 folder is made private") {
        const std::string path = dir.file("open");
        REQUIRE(mkdir(path.c_str(), 0755) == 0);
        REQUIRE(make_private_directory(path).ok());
        struct stat info {};
        REQUIRE(stat(path.c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0700);
    }
    SECTION("a file stands where a folder must go") {
        motcua::test::write_file(dir.file("blocker"), "x");
        const std::string path = dir.file("blocker/motcua");
        auto made = make_private_directory(path);
        REQUIRE_FALSE(made.ok());
        CHECK(made.error().code == "state_dir_failed");
        CHECK(made.error().detail.find(path) != std::string::npos);
    }
}
