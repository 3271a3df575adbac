// portal-sim entry point: parse the options, load the data files, bind, print the
// "listening on" line (the first stdout line, which test harnesses wait for), serve until
// SIGTERM or SIGINT.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "portal_sim.h"

namespace {

using namespace motcua;
namespace fs = std::filesystem;

core::Result<std::string> read_whole_file(const std::string& path) {
    std::ifstream input(path, std::ios::binary);
    if (!input) return core::make_error("file_unreadable", "cannot read " + path);
    std::stringstream buffer;
    buffer << input.rdbuf();
    return buffer.str();
}

core::Result<sim::StaticResource> load_admin_units(const std::string& data_dir) {
    const std::string path = (fs::path(data_dir) / "vn-admin-units.json").string();
    auto text = read_whole_file(path);
    if (!text) return text.error();
    try {
        // Served verbatim, but only if it is JSON.
        const nlohmann::json parsed = nlohmann::json::parse(*text);
        if (!parsed.is_object()) return core::make_error("file_invalid", path + ": not an object");
    } catch (const nlohmann::json::exception& error) {
        return core::make_error("file_invalid", path + ": " + error.what());
    }
    return sim::StaticResource{*text, sim::strong_etag(*text)};
}

core::Result<sim::StaticResource> load_procedures(const std::string& dir) {
    nlohmann::json list = nlohmann::json::array();
    if (!dir.empty()) {
        std::vector<fs::path> files;
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(dir, error))
            if (entry.is_regular_file() && entry.path().extension() == ".json")
                files.push_back(entry.path());
        if (error) return core::make_error("file_unreadable", "cannot list " + dir);
        std::sort(files.begin(), files.end());  // a stable order keeps the ETag stable
        for (const auto& file : files) {
            auto text = read_whole_file(file.string());
            if (!text) return text.error();
            try {
                list.push_back(nlohmann::json::parse(*text));
            } catch (const nlohmann::json::exception& parse_error) {
                return core::make_error("file_invalid", file.string() + ": " + parse_error.what());
            }
        }
    }
    const std::string body = nlohmann::json{{"procedures", list}}.dump();
    return sim::StaticResource{body, sim::strong_etag(body)};
}

// The kiosk's holiday format (core::parse_holiday_file, assets/config/holidays.json); no
// --holidays means no holidays, which suits tests that pin their own dates.
core::Result<core::HolidayCalendar> load_holidays(const std::string& path) {
    if (path.empty()) return core::HolidayCalendar{};
    auto text = read_whole_file(path);
    if (!text) return text.error();
    return core::parse_holiday_file(*text, path);
}

int fail(const std::string& message) {
    std::fprintf(stderr, "portal-sim: %s\n", message.c_str());
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
            std::fputs(sim::usage_text().c_str(), stdout);
            return 0;
        }
    }
    auto parsed = sim::parse_options(argc, argv);
    if (auto* message = std::get_if<std::string>(&parsed)) return fail(*message);

    // A dropped connection must not kill the server; SIGTERM/SIGINT are taken by a waiting
    // thread (below) so the server stops cleanly instead of dying mid-write.
    signal(SIGPIPE, SIG_IGN);
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // inherited by every thread after this

    sim::SimState state;
    state.options = std::get<sim::Options>(std::move(parsed));
    const sim::Options& options = state.options;
    state.faults.set(options.faults, options.seed);

    auto admin_units = load_admin_units(options.data_dir);
    if (!admin_units) return fail(admin_units.error().detail);
    state.admin_units = std::move(*admin_units);
    auto procedures = load_procedures(options.procedures_dir);
    if (!procedures) return fail(procedures.error().detail);
    state.procedures = std::move(*procedures);
    auto holidays = load_holidays(options.holidays_path);
    if (!holidays) return fail(options.holidays_path + ": " + holidays.error().detail);
    state.holidays = std::move(*holidays);
    if (options.api == sim::Api::OpenCps) {  // [opencps]
        const std::string mapping = options.opencps_mapping_path.empty()
                                        ? sim::default_opencps_mapping_path()
                                        : options.opencps_mapping_path;
        auto processes = sim::load_opencps_processes(mapping, state.procedures.body);
        if (!processes) return fail(processes.error().detail);
        state.opencps_processes = std::move(*processes);
    }
    auto store = sim::DossierStore::open(options.store_path);
    if (!store) return fail(store.error().detail);
    state.store = std::move(*store);
    if (state.store->skipped_lines() > 0)
        std::fprintf(stderr, "portal-sim: skipped a torn last line in %s\n",
                     options.store_path.c_str());

    httplib::Server server;
    // Without TCP_NODELAY a small reply body waits ~40 ms for the client's delayed ACK (Nagle);
    // a real portal behind a web server does not show that delay, so neither should the simulator.
    server.set_tcp_nodelay(true);
    sim::install_routes(server, state);
    int port = options.port;
    if (port == 0) {
        port = server.bind_to_any_port(options.host);
        if (port < 0) return fail("cannot bind a port on " + options.host);
    } else if (!server.bind_to_port(options.host, port)) {
        return fail("cannot bind " + options.host + ":" + std::to_string(port));
    }

    std::atomic<bool> listen_returned{false};
    std::thread signal_waiter([&server, &stop_signals, &listen_returned] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        if (listen_returned) return;
        std::fprintf(stderr, "portal-sim: signal %d, stopping\n", signal_number);
        // httplib's stop() does nothing until listen_after_bind() is running: a signal that
        // arrives just after start-up must keep asking until the listen loop has returned.
        while (!listen_returned) {
            server.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });

    if (options.api == sim::Api::OpenCps)  // [opencps]
        std::fprintf(stderr,
                     "portal-sim: OpenCPS, %zu dossiers loaded from %s, %zu processes, %zu "
                     "holidays, agency %s, group %s\n",
                     state.store->opencps_dossiers().size(), options.store_path.c_str(),
                     state.opencps_processes.size(), state.holidays.days.size(),
                     options.opencps_agency.c_str(), options.opencps_group_id.c_str());
    else
        std::fprintf(
            stderr, "portal-sim: %zu dossiers loaded from %s, %zu holidays, agency %s, token %s\n",
            state.store->dossiers().size(), options.store_path.c_str(), state.holidays.days.size(),
            options.agency.c_str(), options.token.empty() ? "any" : "required");
    std::printf("listening on http://%s:%d\n", options.host.c_str(), port);
    std::fflush(stdout);

    const bool listened = server.listen_after_bind();
    listen_returned = true;
    // If the server stopped for any other reason, wake the waiter so it can be joined.
    kill(getpid(), SIGTERM);
    signal_waiter.join();
    std::fprintf(stderr, "portal-sim: stopped\n");
    return listened ? 0 : 1;
}
