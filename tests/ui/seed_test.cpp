// [seed] `motcua --headless --seed N`: a script's provisional codes and idempotency keys come from
// a generator seeded with N, so two runs of one script give byte-identical receipt screenshots;
// another seed gives another code. The real kiosk keeps getrandom: --seed is refused with
// --kiosk and without --headless.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/portal_sim_process.h"
#include "support/process.h"

namespace {

using motcua::test::read_file;
using motcua::test::run_process;
using motcua::test::TempDir;

struct SeededRun {
    std::string receipt_png;       // the bytes of the provisional receipt's screenshot
    std::string provisional_code;  // from the log's dossier_saved line
};

// The offline visit (no portal: the receipt shows the provisional code), with `seed_flags`.
SeededRun run_offline_visit(const std::string& name, const std::vector<std::string>& seed_flags) {
    TempDir temp;
    const std::string shots = std::string(MOTCUA_BINARY_DIR) + "/ui-shots/seed-" + name;
    std::filesystem::remove_all(shots);
    const std::string log = temp.file("kiosk.log");
    std::vector<std::string> argv = {
        MOTCUA_EXE,
        "--headless",
        "--script",
        std::string(MOTCUA_SOURCE_DIR) + "/tests/ui/scripts/trich_luc_offline.script",
        "--shots",
        shots,
        "--db",
        temp.file("outbox.sqlite"),
        "--assets",
        std::string(MOTCUA_SOURCE_DIR) + "/assets",
        "--provisional-after-ms",
        "1500",
        "--log",
        log};
    argv.insert(argv.end(), seed_flags.begin(), seed_flags.end());
    auto result = run_process(argv);
    INFO(result.output);
    REQUIRE(result.exit_code == 0);

    SeededRun run;
    run.receipt_png = read_file(shots + "/02-receipt-provisional.png");
    std::istringstream lines(read_file(log));
    std::string line;
    while (std::getline(lines, line)) {
        const auto entry = nlohmann::json::parse(line, nullptr, false);
        if (entry.is_object() && entry.value("event", "") == "dossier_saved") {
            // "<procedure code> <provisional code>"
            const std::string detail = entry.value("detail", "");
            run.provisional_code = detail.substr(detail.rfind(' ') + 1);
        }
    }
    REQUIRE(run.provisional_code.size() == 8);
    REQUIRE(run.receipt_png.size() > 1000);
    return run;
}

}  // namespace

TEST_CASE(
    "the same script twice with the same seed gives a byte-identical receipt, another seed "
    "another code",
    "[ui][seed]") {
    const SeededRun first = run_offline_visit("7-first", {"--seed", "7"});
    const SeededRun second = run_offline_visit("7-second", {"--seed", "7"});
    CHECK(first.provisional_code == second.provisional_code);
    CHECK(first.receipt_png == second.receipt_png);

    const SeededRun other = run_offline_visit("8", {"--seed", "8"});
    INFO("seed 7: " << first.provisional_code << ", seed 8: " << other.provisional_code);
    CHECK(other.provisional_code != first.provisional_code);
    CHECK(other.receipt_png != first.receipt_png);
}

TEST_CASE("a seed is refused with --kiosk, without --headless and below 0", "[ui][seed][cli]") {
    TempDir temp;
    const std::vector<std::string> common = {"--db", temp.file("outbox.sqlite"), "--assets",
                                             std::string(MOTCUA_SOURCE_DIR) + "/assets"};
    auto refused = [&](std::vector<std::string> args) {
        args.insert(args.begin(), MOTCUA_EXE);
        args.insert(args.end(), common.begin(), common.end());
        return run_process(args);
    };
    SECTION("with --kiosk, even headless") {
        auto run = refused({"--headless", "--kiosk", "--seed", "7"});
        INFO(run.output);
        CHECK(run.exit_code == 2);
        CHECK(run.output.find("--seed") != std::string::npos);
        CHECK(run.output.find("--kiosk") != std::string::npos);
    }
    SECTION("with display.kiosk = true in the configuration file") {
        const std::string config = temp.file("kiosk.toml");
        motcua::test::write_file(config, "[display]\nkiosk = true\n");
        auto run = refused({"--config", config, "--headless", "--seed", "7"});
        INFO(run.output);
        CHECK(run.exit_code == 2);
        CHECK(run.output.find("display.kiosk") != std::string::npos);
    }
    SECTION("without --headless") {
        auto run = refused({"--seed", "7"});
        INFO(run.output);
        CHECK(run.exit_code == 2);
        CHECK(run.output.find("--seed is for headless script runs only") != std::string::npos);
    }
    SECTION("a negative seed") {
        auto run = refused({"--headless", "--seed=-1"});
        INFO(run.output);
        CHECK(run.exit_code == 2);
        CHECK(run.output.find("--seed needs a whole number") != std::string::npos);
    }
    SECTION("and --help describes it") {
        auto run = run_process({MOTCUA_EXE, "--help"});
        CHECK(run.exit_code == 0);
        CHECK(run.output.find("--seed") != std::string::npos);
        CHECK(run.output.find("refused with --kiosk") != std::string::npos);
    }
}
