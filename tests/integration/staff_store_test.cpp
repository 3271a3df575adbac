// [staff] The staff PIN's hash, the lockout and the counts in real files: 0600, never the PIN
// itself, and a lockout that a new StaffStore (a restart) still enforces.
#include "platform/staff/staff_store.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "support/portal_sim_process.h"

using motcua::core::StaffPinOutcome;
using motcua::platform::StaffStore;
using motcua::test::TempDir;

namespace {

constexpr std::int64_t Noon = 1796101200000;  // 2026-12-01 12:00 in Vietnam

int mode_of(const std::string& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return static_cast<int>(info.st_mode & 0777);
}

}  // namespace

TEST_CASE("the staff PIN is stored as a salted hash in a 0600 file and checked against it",
          "[staff][store]") {
    TempDir temp;
    const std::string path = temp.file("staff-pin");
    CHECK(motcua::platform::verify_staff_pin(path, "2468") == motcua::platform::PinCheck::NotSet);
    CHECK_FALSE(motcua::platform::set_staff_pin(path, "12a4"));
    CHECK_FALSE(motcua::platform::set_staff_pin(path, "123"));
    REQUIRE(motcua::platform::set_staff_pin(path, "2468"));
    CHECK(mode_of(path) == 0600);
    const std::string first = motcua::test::read_file(path);
    CHECK(first.rfind("$argon2id$", 0) == 0);
    CHECK(first.find("2468") == std::string::npos);
    REQUIRE(motcua::platform::set_staff_pin(path, "2468"));
    CHECK(motcua::test::read_file(path) != first);  // salted: the same PIN, another hash
    CHECK(motcua::platform::verify_staff_pin(path, "2468") == motcua::platform::PinCheck::Right);
    CHECK(motcua::platform::verify_staff_pin(path, "2469") == motcua::platform::PinCheck::Wrong);
}

TEST_CASE("five wrong PINs lock, a restart keeps the lock, and it ends five minutes later",
          "[staff][store]") {
    TempDir temp;
    REQUIRE(motcua::platform::set_staff_pin(temp.file("pin"), "2468"));
    {
        StaffStore store(temp.file("pin"), temp.file("lock.json"), temp.file("counts.json"));
        for (int left = 4; left >= 1; --left) {
            auto result = store.check_pin("0000", Noon);
            CHECK(result.outcome == StaffPinOutcome::Wrong);
            CHECK(result.failures_left == left);
        }
        CHECK(store.check_pin("0000", Noon).outcome == StaffPinOutcome::Locked);
    }
    CHECK(mode_of(temp.file("lock.json")) == 0600);
    StaffStore restarted(temp.file("pin"), temp.file("lock.json"), temp.file("counts.json"));
    auto locked = restarted.check_pin("2468", Noon + 60 * 1000);
    CHECK(locked.outcome == StaffPinOutcome::Locked);
    CHECK(locked.locked_ms_left == 4 * 60 * 1000);
    CHECK(restarted.check_pin("2468", Noon + 5 * 60 * 1000).outcome == StaffPinOutcome::Right);

    // A damaged lock file is a lock, not five fresh guesses.
    motcua::test::write_file(temp.file("lock.json"), "garbage");
    CHECK(restarted.check_pin("2468", Noon + 6 * 60 * 1000).outcome == StaffPinOutcome::Locked);
    CHECK(restarted.check_pin("2468", Noon + 11 * 60 * 1000).outcome == StaffPinOutcome::Right);
}

TEST_CASE("today's counts are kept in a 0600 file and read back after a restart",
          "[staff][store]") {
    TempDir temp;
    {
        StaffStore store(temp.file("pin"), temp.file("lock.json"), temp.file("counts.json"));
        store.count_filing("1.001193", true, Noon);
        store.count_filing("1.001193", false, Noon);
        store.count_visit({"question", 60000}, Noon);
    }
    CHECK(mode_of(temp.file("counts.json")) == 0600);
    StaffStore restarted(temp.file("pin"), temp.file("lock.json"), temp.file("counts.json"));
    const auto counts = restarted.counts(Noon);
    CHECK(counts.assisted == 1);
    CHECK(counts.self_service == 1);
    CHECK(counts.abandoned.at("question") == 1);
    // The next day (Vietnam time) starts from nothing.
    CHECK(restarted.counts(Noon + 12 * 3600 * 1000).assisted == 0);
}
