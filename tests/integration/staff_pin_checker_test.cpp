// [staff] The PIN check runs off the UI thread (Argon2id takes most of a second): the asking
// thread gets control back at once, the answer comes back exactly once through take_results(),
// and the lockout rules are the store's, unchanged.
#include <atomic>
#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "platform/staff/pin_checker.h"
#include "platform/staff/staff_store.h"
#include "support/portal_sim_process.h"

using motcua::core::StaffPinOutcome;
using motcua::core::intent::StaffPinResult;
using motcua::platform::PinChecker;
using motcua::platform::StaffStore;
using motcua::test::TempDir;

namespace {
constexpr std::int64_t Noon = 1796101200000;  // 2026-12-01 12:00 in Vietnam
}  // namespace

TEST_CASE("the staff PIN is checked on another thread and its answer comes back once",
          "[staff][pin]") {
    std::promise<std::thread::id> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<int> checks{0}, wakes{0};
    std::string seen_pin;
    std::int64_t seen_now = 0;
    PinChecker checker(
        [&](const std::string& pin, std::int64_t now) {
            seen_pin = pin;
            seen_now = now;
            ++checks;
            started.set_value(std::this_thread::get_id());
            released.wait();  // the hash "runs" until the test lets it finish
            return StaffPinResult{StaffPinOutcome::Wrong, 3, 0};
        },
        [&] { ++wakes; });

    checker.check("1357", Noon);
    // check() returned while the check is still running: on another thread.
    const std::thread::id worker = started.get_future().get();
    CHECK(worker != std::this_thread::get_id());
    CHECK(checker.busy());
    CHECK(checker.take_results().empty());
    CHECK(wakes == 0);

    release.set_value();
    REQUIRE(checker.wait_answered(10000));
    const auto answers = checker.take_results();
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].outcome == StaffPinOutcome::Wrong);
    CHECK(answers[0].failures_left == 3);
    CHECK(seen_pin == "1357");
    CHECK(seen_now == Noon);
    CHECK(wakes == 1);
    CHECK(checks == 1);
    // Once: nothing more comes, and nothing is pending.
    CHECK(checker.take_results().empty());
    CHECK_FALSE(checker.busy());
}

TEST_CASE("PINs checked off the UI thread keep the lockout: five wrong lock it, on disk",
          "[staff][pin]") {
    TempDir temp;
    REQUIRE(motcua::platform::set_staff_pin(temp.file("pin"), "2468"));
    StaffStore store(temp.file("pin"), temp.file("lock.json"), temp.file("counts.json"));
    std::atomic<int> wakes{0};
    std::vector<StaffPinResult> answers;
    {
        PinChecker checker(store, [&] { ++wakes; });
        for (int i = 0; i < 5; ++i) {
            checker.check("0000", Noon + i);
            REQUIRE(checker.wait_answered(30000));
            for (const auto& answer : checker.take_results()) answers.push_back(answer);
        }
        checker.check("2468", Noon + 60 * 1000);  // the right PIN, but locked
        REQUIRE(checker.wait_answered(30000));
        for (const auto& answer : checker.take_results()) answers.push_back(answer);
    }
    REQUIRE(answers.size() == 6);
    CHECK(wakes == 6);
    for (int i = 0; i < 4; ++i) {
        CHECK(answers[i].outcome == StaffPinOutcome::Wrong);
        CHECK(answers[i].failures_left == 4 - i);
    }
    CHECK(answers[4].outcome == StaffPinOutcome::Locked);
    CHECK(answers[5].outcome == StaffPinOutcome::Locked);
    CHECK(answers[5].locked_ms_left == 4 * 60 * 1000 + 4);
    // A restart (a new store) still sees the lock the checker's thread wrote.
    StaffStore restarted(temp.file("pin"), temp.file("lock.json"), temp.file("counts.json"));
    CHECK(restarted.check_pin("2468", Noon + 2 * 60 * 1000).outcome == StaffPinOutcome::Locked);
}
