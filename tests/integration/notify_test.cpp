// [help] "Gọi cán bộ" reaches staff: a real command writing a file, a real HTTP listener on a
// free loopback port, and addresses off the LAN refused before anything is sent.
#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "platform/notify/staff_notifier.h"
#include "support/portal_sim_process.h"
#include "support/process.h"

using motcua::platform::StaffNotifier;
using motcua::platform::StaffNotifyOptions;
using motcua::platform::StaffNotifyOutcome;
using motcua::test::TempDir;

namespace {

// Collects outcomes from the notifier's thread.
struct Outcomes {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<StaffNotifyOutcome> seen;
    void add(const StaffNotifyOutcome& outcome) {
        std::lock_guard lock(mutex);
        seen.push_back(outcome);
        changed.notify_all();
    }
    bool wait_for(std::size_t count, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, limit, [&] { return seen.size() >= count; });
    }
};

// A real HTTP listener on 127.0.0.1 and a free port, stopped with the test.
struct Listener {
    httplib::Server server;
    int port = 0;
    std::thread thread;
    std::mutex mutex;
    std::vector<std::string> bodies;
    std::atomic<int> delay_ms{0};
    Listener() {
        server.Post("/call", [this](const httplib::Request& request, httplib::Response& response) {
            if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            {
                std::lock_guard lock(mutex);
                bodies.push_back(request.body);
            }
            response.set_content("{}", "application/json");
        });
        port = server.bind_to_any_port("127.0.0.1");
        REQUIRE(port > 0);
        thread = std::thread([this] { server.listen_after_bind(); });
    }
    ~Listener() {
        server.stop();
        thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port) + "/call"; }
};

}  // namespace

TEST_CASE("the notify command runs without a shell and learns the kiosk and the screen",
          "[integration][notify]") {
    TempDir temp;
    const std::string hook = temp.file("hook.sh");
    motcua::test::write_file(hook,
                             "#!/bin/sh\nprintf '%s %s %s\\n' \"$MOTCUA_EVENT\" "
                             "\"$MOTCUA_KIOSK_ID\" \"$MOTCUA_SCREEN\" > \"$1\"\n");
    std::filesystem::permissions(hook, std::filesystem::perms::owner_all);
    Outcomes outcomes;
    {
        auto notifier = StaffNotifier::create(
            StaffNotifyOptions{hook + " " + temp.file("called.txt"), "", "KIOSK-07", 5000},
            [&](const StaffNotifyOutcome& outcome) { outcomes.add(outcome); });
        REQUIRE(notifier);
        (*notifier)->notify("review", 1795748400000);
        REQUIRE(outcomes.wait_for(1));
    }
    CHECK(outcomes.seen[0].ok);
    CHECK(outcomes.seen[0].via == "command");
    CHECK(motcua::test::read_file(temp.file("called.txt")) == "staff_called KIOSK-07 review\n");

    SECTION("shell syntax in the command is not interpreted") {
        Outcomes more;
        {
            auto notifier = StaffNotifier::create(
                StaffNotifyOptions{
                    "/usr/bin/touch " + temp.file("a;touch") + " " + temp.file("b$(id)"), "",
                    "KIOSK-07", 5000},
                [&](const StaffNotifyOutcome& outcome) { more.add(outcome); });
            REQUIRE(notifier);
            (*notifier)->notify("question", 0);
            REQUIRE(more.wait_for(1));
        }
        CHECK(std::filesystem::exists(temp.file("a;touch")));
        CHECK(std::filesystem::exists(temp.file("b$(id)")));
    }
}

TEST_CASE("a failing or hanging notify command is reported and killed, the caller never waits",
          "[integration][notify]") {
    Outcomes outcomes;
    auto notifier = StaffNotifier::create(StaffNotifyOptions{"/bin/sleep 30", "", "K", 300},
                                          [&](const StaffNotifyOutcome& o) { outcomes.add(o); });
    REQUIRE(notifier);
    (*notifier)->notify("question", 0);
    {
        // The command is only killed after 300 ms: had notify() waited for it, its outcome would
        // already be here.
        const std::lock_guard lock(outcomes.mutex);
        CHECK(outcomes.seen.empty());
    }
    REQUIRE(outcomes.wait_for(1));
    CHECK_FALSE(outcomes.seen[0].ok);
    CHECK(outcomes.seen[0].detail.find("killed") != std::string::npos);

    auto missing = StaffNotifier::create(StaffNotifyOptions{"/no/such/program", "", "K", 300});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == "notify_command_missing");

    Outcomes failed;
    auto falsy = StaffNotifier::create(StaffNotifyOptions{"/bin/false", "", "K", 3000},
                                       [&](const StaffNotifyOutcome& o) { failed.add(o); });
    REQUIRE(falsy);
    (*falsy)->notify("question", 0);
    REQUIRE(failed.wait_for(1));
    CHECK_FALSE(failed.seen[0].ok);
    CHECK(failed.seen[0].detail == "exit 1");
}

TEST_CASE("the notify URL gets a small JSON POST on loopback, with no personal data",
          "[integration][notify]") {
    Listener listener;
    Outcomes outcomes;
    {
        auto notifier =
            StaffNotifier::create(StaffNotifyOptions{"", listener.url(), "KIOSK-03", 3000},
                                  [&](const StaffNotifyOutcome& o) { outcomes.add(o); });
        REQUIRE(notifier);
        (*notifier)->notify("question", 1795748400000);
        REQUIRE(outcomes.wait_for(1));
    }
    CHECK(outcomes.seen[0].ok);
    CHECK(outcomes.seen[0].detail == "HTTP 200");
    std::lock_guard lock(listener.mutex);
    REQUIRE(listener.bodies.size() == 1);
    auto body = nlohmann::json::parse(listener.bodies[0]);
    CHECK(body == nlohmann::json{{"event", "staff_called"},
                                 {"kiosk_id", "KIOSK-03"},
                                 {"screen", "question"},
                                 {"at_unix_ms", 1795748400000}});
}

TEST_CASE("a slow notify listener times out and is reported", "[integration][notify]") {
    Listener listener;
    listener.delay_ms = 2000;
    Outcomes outcomes;
    auto notifier = StaffNotifier::create(StaffNotifyOptions{"", listener.url(), "K", 300},
                                          [&](const StaffNotifyOutcome& o) { outcomes.add(o); });
    REQUIRE(notifier);
    (*notifier)->notify("question", 0);
    REQUIRE(outcomes.wait_for(1, std::chrono::seconds(5)));
    CHECK_FALSE(outcomes.seen[0].ok);
    CHECK(outcomes.seen[0].via == "http");
}

TEST_CASE("only loopback and LAN addresses are accepted for the notify URL",
          "[integration][notify]") {
    using motcua::platform::check_notify_url;
    for (const char* good :
         {"http://127.0.0.1:8080/call", "http://localhost/call", "http://10.1.2.3/x",
          "http://172.16.0.9/x", "http://172.31.255.1/x", "http://192.168.1.20:9000/call",
          "https://192.168.1.20/call", "http://[::1]:8080/x", "http://[fd00::5]/x"}) {
        CAPTURE(good);
        CHECK(check_notify_url(good));
    }
    for (const char* bad : {"http://8.8.8.8/x", "http://172.32.0.1/x", "http://example.com/x",
                            "ftp://10.0.0.1/x", "http://user@10.0.0.1/x", "http://[2001:db8::1]/x",
                            "http://192.169.0.1/x", "10.0.0.1/x", "http:///x"}) {
        CAPTURE(bad);
        auto checked = check_notify_url(bad);
        CHECK_FALSE(checked);
        if (!checked) CHECK(checked.error().code == "notify_url_refused");
    }
    CHECK_FALSE(StaffNotifier::create(StaffNotifyOptions{"", "http://8.8.8.8/x", "K", 100}));
}
