// [ops] The kiosk as an officer meets it: flags (CLI11), the configuration file, the metrics file
// (parsed by python3-prometheus-client's own text-format parser) and the heartbeat.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/portal_sim_process.h"
#include "support/process.h"

namespace {

using motcua::test::PortalSimProcess;
using motcua::test::run_process;
using motcua::test::TempDir;
using motcua::test::write_file;

std::vector<std::string> kiosk(std::vector<std::string> args) {
    args.insert(args.begin(), MOTCUA_EXE);
    return args;
}

// The metrics file as python3-prometheus-client reads it: one JSON object per sample.
std::vector<nlohmann::json> parse_metrics(const std::string& path) {
    const char* program =
        "import json, sys\n"
        "from prometheus_client.parser import text_string_to_metric_families\n"
        "for family in text_string_to_metric_families(open(sys.argv[1]).read()):\n"
        "    for s in family.samples:\n"
        "        print(json.dumps({'family': family.name, 'type': family.type,\n"
        "                          'name': s.name, 'labels': s.labels, 'value': s.value}))\n";
    auto parsed = run_process({"/usr/bin/python3", "-c", program, path});
    INFO(parsed.output);
    REQUIRE(parsed.exit_code == 0);
    std::vector<nlohmann::json> samples;
    std::size_t start = 0;
    while (start < parsed.output.size()) {
        const std::size_t end = parsed.output.find('\n', start);
        const std::string line = parsed.output.substr(start, end - start);
        if (!line.empty()) samples.push_back(nlohmann::json::parse(line));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return samples;
}

double value_of(const std::vector<nlohmann::json>& samples, const std::string& name,
                const nlohmann::json& labels = nlohmann::json::object()) {
    for (const auto& sample : samples)
        if (sample["name"] == name && sample["labels"] == labels)
            return sample["value"].get<double>();
    FAIL("no sample " << name << " " << labels.dump());
    return -1;
}

}  // namespace

TEST_CASE("a number flag refuses trailing letters, and --help lists every option",
          "[ui][ops][cli]") {
    for (const char* bad : {"10abc", "0x10", "", "ninety"}) {
        auto run = run_process(kiosk({"--ppi", bad, "--print-config"}));
        INFO(run.output);
        CHECK(run.exit_code == 2);
        CHECK(run.output.find("--ppi") != std::string::npos);
    }
    auto sim = run_process(
        {MOTCUA_PORTAL_SIM, "--store", "/nonexistent/s.jsonl", "--data", "/", "--port", "10abc"});
    CHECK(sim.exit_code != 0);
    CHECK(sim.output.find("--port") != std::string::npos);

    auto help = run_process(kiosk({"--help"}));
    CHECK(help.exit_code == 0);
    for (const char* flag :
         {"--portal",         "--config",    "--print-config", "--metrics-file",   "--ppi",
          "--speech-log",     "--voice",     "--printer",      "--printer-dots",   "--bank-bin",
          "--bank-account",   "--bank-name", "--office-name",  "--notify-command", "--notify-url",
          "--staff-pin-file", "--language",  "--kiosk",        "--headless",       "--size",
          "--holidays"}) {
        INFO(flag);
        CHECK(help.output.find(std::string(flag) + " ") != std::string::npos);
    }
    auto sim_help = run_process({MOTCUA_PORTAL_SIM, "--help"});
    CHECK(sim_help.exit_code == 0);
    CHECK(sim_help.output.find("--drop-after-commit") != std::string::npos);
}

TEST_CASE("a broken configuration stops the kiosk naming the file, the line and the key",
          "[ui][ops][config]") {
    TempDir temp;
    const std::string config = temp.file("kiosk.toml");
    SECTION("a number written as words") {
        write_file(config, "[kiosk]\nid = \"K-2\"\n\n[display]\nppi = \"ninety\"\n");
        auto run = run_process(kiosk({"--config", config, "--headless", "--db", temp.file("o")}));
        INFO(run.output);
        CHECK(run.exit_code == 1);
        CHECK(run.output.find(config + ":5: key 'display.ppi': expected a whole number from 50 "
                                       "to 600") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(temp.file("o")));  // nothing started
    }
    SECTION("a misspelt key") {
        write_file(config, "[portal]\nulr = \"https://portal.example\"\n");
        auto run = run_process(kiosk({"--config", config, "--print-config"}));
        INFO(run.output);
        CHECK(run.exit_code == 1);
        CHECK(run.output.find(config + ":2: unknown key 'portal.ulr'") != std::string::npos);
    }
    SECTION("not TOML at all") {
        write_file(config, "[portal]\nurl = \"https://portal.example\n");
        auto run = run_process(kiosk({"--config", config, "--print-config"}));
        INFO(run.output);
        CHECK(run.exit_code == 1);
        CHECK(run.output.find(config + ":2:") != std::string::npos);
    }
}

TEST_CASE("flags override the configuration file and --print-config shows the result",
          "[ui][ops][config]") {
    TempDir temp;
    const std::string config = temp.file("kiosk.toml");
    write_file(config, "[kiosk]\nid = \"K-9\"\n[display]\nppi = 120\nkiosk = true\n");
    auto run = run_process(kiosk({"--config", config, "--ppi", "130", "--print-config"}));
    INFO(run.output);
    CHECK(run.exit_code == 0);
    CHECK(run.output.find("id = \"K-9\"\n") != std::string::npos);
    CHECK(run.output.find("ppi = 130\n") != std::string::npos);
    CHECK(run.output.find("kiosk = true\n") != std::string::npos);
    CHECK(run.output.find("fullscreen = true\n") !=
          std::string::npos);  // kiosk mode is full screen

    // The packaged example stays valid against the keys this binary knows.
    auto example = run_process(
        kiosk({"--config", std::string(MOTCUA_SOURCE_DIR) + "/platform/deploy/kiosk.toml",
               "--print-config"}));
    INFO(example.output);
    CHECK(example.exit_code == 0);
}

TEST_CASE(
    "the metrics file counts visits by step and parses as Prometheus text, the heartbeat "
    "carries the version",
    "[ui][ops][metrics]") {
    TempDir temp;
    PortalSimProcess sim({MOTCUA_PORTAL_SIM,
                          temp.file("portal.jsonl"),
                          MOTCUA_SHARED_DATA,
                          {},
                          {},
                          std::chrono::milliseconds(10000)});
    const std::string metrics = temp.file("motcua.prom");
    auto run =
        run_process(kiosk({"--headless", "--portal", sim.url(), "--db", temp.file("outbox.sqlite"),
                           "--metrics-file", metrics, "--script",
                           std::string(MOTCUA_SOURCE_DIR) + "/tests/ui/scripts/ops_metrics.script",
                           "--shots", temp.file("shots")}));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    REQUIRE(std::filesystem::exists(metrics));
    CHECK_FALSE(std::filesystem::exists(metrics + ".tmp"));

    const auto samples = parse_metrics(metrics);
    CHECK(value_of(samples, "motcua_build_info", {{"version", MOTCUA_VERSION}}) == 1);
    CHECK(value_of(samples, "motcua_visits_started_total") == 2);
    CHECK(value_of(samples, "motcua_visits_abandoned_total", {{"step", "question"}}) == 1);
    CHECK(value_of(samples, "motcua_visits_finished_total") == 0);
    CHECK(value_of(samples, "motcua_outbox_depth") == 0);
    CHECK(value_of(samples, "motcua_filings", {{"state", "pending"}}) == 0);
    CHECK(value_of(samples, "motcua_printer_status", {{"status", "none"}}) == 1);
    CHECK(value_of(samples, "motcua_last_frame_timestamp_seconds") > 1.7e9);
    for (const auto& sample : samples)
        if (sample["family"] == "motcua_visits_started") CHECK(sample["type"] == "counter");

    auto beats = run_process({"/usr/bin/python3", "-c",
                              "import sys, urllib.request\n"
                              "print(urllib.request.urlopen(sys.argv[1]).read().decode())",
                              sim.url() + "/sim/heartbeats"});
    INFO(beats.output);
    REQUIRE(beats.exit_code == 0);
    const auto list = nlohmann::json::parse(beats.output);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["PhienBan"] == MOTCUA_VERSION);
    CHECK(list[0]["TrangThai"]["HangDoi"] == 0);
    CHECK(list[0]["TrangThai"].contains("KhungHinhCuoi"));
}
