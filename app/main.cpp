// Motcua kiosk: the composition root. Reads flags and assets, wires the core to the platform,
// and runs the loop (a window) or a script (headless).
//
//   motcua [--portal URL] [--fullscreen] [--size WxH] [--db FILE] [--assets DIR] [--fonts DIR]
//          [--token-file FILE] [--kiosk-id ID] [--log FILE] [--software] [--fees FILE]
//   motcua --headless [--script FILE] [--shots DIR] ...   (no window; renders in memory)
//   motcua --check-procedures DIR                          (validate procedure files, then exit)
//   motcua --config /etc/motcua/kiosk.toml [--print-config] (a file sets what the flags do)

#include <SDL.h>
#include <imgui.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>  // [seed]
#include <string>
#include <thread>

#include "core/catalog/offer.h"
#include "core/filing/wall_clock.h"
#include "core/session/session.h"
#include "platform/assets.h"
#include "platform/config/config.h"
#include "platform/driver/script.h"
#include "platform/filing_worker.h"
#include "platform/http/opencps_portal.h"  // [opencps]
#include "platform/http/portal_factory.h"  // [worker]
#include "platform/metrics_writer.h"
#include "platform/notify/staff_notifier.h"  // [help]
#include "platform/print/paper_desk.h"       // [paper]
#include "platform/qr.h"
#include "platform/sdl/app.h"
#include "platform/sdl/fonts.h"
#include "platform/speech/speech_engine.h"  // [speech]
#include "platform/staff/staff_store.h"     // [staff]
#include "platform/store/outbox_store.h"
#include "platform/system/clock.h"
#include "platform/system/log.h"
#include "platform/system/metrics.h"
#include "platform/system/random.h"
#include "platform/system/state_dir.h"

namespace {

using namespace motcua;

struct Options {
    bool headless = false;
    bool fullscreen = false;
    bool software = false;
    std::string portal;
    std::string script;
    std::string shots = "shots";
    std::string db;
    std::string assets;
    std::string fonts;
    std::string token_file;
    std::string client_cert;  // optional mutual TLS, where the province requires it
    std::string client_key;
    std::string ca_file;
    std::string kiosk_id = "KIOSK-01";
    std::string log_file;
    std::string check_procedures;
    std::string fees;       // a province's fee file; default assets/config/fees.json
    std::string home_ward;  // the ward code where the kiosk stands
    std::string renderer =
        "auto";  // [renderer] auto | ours | sdl | gl (see platform/sdl/display.h)
    int width = 1280;
    int height = 800;
    long long provisional_after_ms = 4000;
    long long idle_ms = 5 * 60 * 1000;
    long long retry_base_ms = 2000;
    long long retry_cap_ms = 5 * 60 * 1000;
    long long stale_after_ms = 24LL * 3600 * 1000;
    // Options of the issues in flight (11, 12, 13), declared once so every branch shares them.
    long long ppi = 96;            // [sizing] the panel's pixels per inch: sizes are set in mm
    std::string speech_log;        // [speech] headless: one line per utterance
    std::string voice = "auto";    // [speech] auto | espeak | off
    std::string printer;           // [paper] tcp://HOST:9100, file:PATH or /dev/usb/lp0; "" = none
    long long printer_dots = 576;  // [paper] printer width in dots (384 or 576)
    std::string bank_bin;          // [paper] the office's account for fees (VietQR); "" = none
    std::string bank_account;
    std::string bank_name;
    std::string office_name;             // [paper] on the receipt and the queue ticket
    std::string notify_command;          // [help] run when a resident taps "Gọi cán bộ"
    std::string notify_url;              // [help] or POSTed to this loopback/LAN address
    std::string staff_pin_file;          // [staff] the salted PIN hash (0600)
    std::string config;                  // [ops] the TOML configuration file
    bool print_config = false;           // [ops] print the effective configuration and exit
    std::string metrics_file;            // [ops] Prometheus text format, rewritten atomically
    std::string language = "vi";         // [ops] the default language of a visit
    std::string portal_kind = "motcua";  // [ops] the portal's API (docs/portal-api.md)
    std::string holidays;                // [ops] holidays file; default assets/config/holidays.json
    std::string size;                    // [ops] --size WxH as given (sets width, height)
    bool kiosk = false;            // [ops] full screen, no decorations, no exit key, cursor hidden
    std::string tracking_url;      // [paper] the receipt QR's address, "{code}" = the dossier code
    bool set_staff_pin = false;    // [staff] read a PIN from stdin, store its hash, exit
    std::string typing = "telex";  // [help] physical keyboard: telex | vni | off
    // [opencps] --portal-kind opencps (docs/portal-api.md, Adapters): the site's groupId, the
    // receiving agency's govAgencyCode, a 0600 file holding "user:password" for HTTP Basic, and
    // the JSON file mapping our procedure codes to serviceCode + dossierTemplateNo.
    std::string opencps_group_id;
    std::string opencps_agency;
    std::string opencps_credentials;
    std::string opencps_mapping;
    // [/opencps]
    long long seed = -1;  // [seed] headless: provisional codes and keys from this seed; -1 = none
};

// [ops] The flags are the two tables below (plus the switches); CLI11 reads them, then the
// --config file fills in every option the command line left alone (platform/config/keys.cpp
// maps keys to flags). Returns the exit code when the process must stop (help, a bad flag or
// file, --print-config), or nullopt to run.
std::string integer_check(const std::string& text) {
    std::size_t digits = text.size() > 0 && text[0] == '-' ? 1 : 0;
    if (digits == text.size()) return "needs a whole number, got '" + text + "'";
    for (std::size_t i = digits; i < text.size(); ++i)
        if (text[i] < '0' || text[i] > '9') return "needs a whole number, got '" + text + "'";
    return {};
}

void print_config(const Options& options, const std::map<std::string, std::string*>& strings,
                  const std::map<std::string, long long*>& numbers,
                  const std::map<std::string, bool*>& switches) {
    std::printf("# The effective configuration%s%s (docs/configuration.md).\n",
                options.config.empty() ? "" : ": ", options.config.c_str());
    std::string section;
    for (const auto& key : platform::config::kiosk_keys()) {
        const std::string key_section = key.key.substr(0, key.key.find('.'));
        const std::string name = key.key.substr(key.key.find('.') + 1);
        std::string value;
        if (auto it = strings.find(key.flag); it != strings.end())
            value = platform::config::toml_quote(*it->second);
        else if (auto number = numbers.find(key.flag); number != numbers.end())
            value = std::to_string(*number->second);
        else if (auto flag = switches.find(key.flag); flag != switches.end())
            value = *flag->second ? "true" : "false";
        else
            continue;  // a key whose flag this build does not have
        if (key_section != section) {
            std::printf("%s[%s]\n", section.empty() ? "" : "\n", key_section.c_str());
            section = key_section;
        }
        std::printf("%s = %s\n", name.c_str(), value.c_str());
    }
}

std::optional<int> parse_options(int argc, char** argv, Options& options) {
    std::map<std::string, std::string*> strings = {
        {"--portal", &options.portal},
        {"--script", &options.script},
        {"--shots", &options.shots},
        {"--db", &options.db},
        {"--assets", &options.assets},
        {"--fonts", &options.fonts},
        {"--token-file", &options.token_file},
        {"--kiosk-id", &options.kiosk_id},
        {"--log", &options.log_file},
        {"--client-cert", &options.client_cert},
        {"--client-key", &options.client_key},
        {"--ca-file", &options.ca_file},
        {"--check-procedures", &options.check_procedures},
        {"--fees", &options.fees},
        {"--home-ward", &options.home_ward},
        {"--renderer", &options.renderer},              // [renderer]
        {"--speech-log", &options.speech_log},          // [speech]
        {"--voice", &options.voice},                    // [speech]
        {"--printer", &options.printer},                // [paper]
        {"--bank-bin", &options.bank_bin},              // [paper]
        {"--bank-account", &options.bank_account},      // [paper]
        {"--bank-name", &options.bank_name},            // [paper]
        {"--office-name", &options.office_name},        // [paper]
        {"--tracking-url", &options.tracking_url},      // [paper]
        {"--notify-command", &options.notify_command},  // [help]
        {"--notify-url", &options.notify_url},          // [help]
        {"--staff-pin-file", &options.staff_pin_file},  // [staff]
        {"--config", &options.config},                  // [ops]
        {"--metrics-file", &options.metrics_file},      // [ops]
        {"--language", &options.language},              // [ops]
        {"--portal-kind", &options.portal_kind},        // [ops]
        {"--holidays", &options.holidays},              // [ops]
        {"--size", &options.size},                      // [ops] WxH, checked below
        {"--typing", &options.typing},                  // [help] telex | vni | off
        // [opencps]
        {"--opencps-group-id", &options.opencps_group_id},
        {"--opencps-agency", &options.opencps_agency},
        {"--opencps-credentials", &options.opencps_credentials},
        {"--opencps-mapping", &options.opencps_mapping},
        // [/opencps]
    };
    std::map<std::string, long long*> numbers = {
        {"--provisional-after-ms", &options.provisional_after_ms},
        {"--idle-ms", &options.idle_ms},
        {"--retry-base-ms", &options.retry_base_ms},
        {"--retry-cap-ms", &options.retry_cap_ms},
        {"--stale-after-ms", &options.stale_after_ms},
        {"--ppi", &options.ppi},                    // [sizing]
        {"--printer-dots", &options.printer_dots},  // [paper]
        {"--seed", &options.seed},                  // [seed] checked below
    };
    std::map<std::string, bool*> switches = {
        {"--headless", &options.headless},
        {"--fullscreen", &options.fullscreen},
        {"--software", &options.software},
        {"--print-config", &options.print_config},    // [ops]
        {"--kiosk", &options.kiosk},                  // [ops]
        {"--set-staff-pin", &options.set_staff_pin},  // [staff]
    };
    // Help for the flags that have no key in the configuration file.
    const std::map<std::string, std::string> command_line_only = {
        {"--config", "the TOML configuration file (docs/configuration.md); flags override it"},
        {"--print-config", "print the effective configuration as TOML and exit"},
        {"--headless", "no window: render in memory (tests, benches); with --script"},
        {"--script", "headless: play this script (tap, type, wait, shot...; see the README)"},
        {"--shots", "headless: folder for the script's screenshots"},
        {"--check-procedures", "validate the procedure files in DIR, then exit"},
        {"--software", "same as --renderer ours"},
        {"--speech-log", "headless: write one line per utterance to this file"},
        // [seed]
        {"--seed",
         "headless: provisional codes and idempotency keys from a generator seeded "
         "with N (0 or more), so two runs of one script give identical receipts; "
         "refused with --kiosk or without --headless"},
        // [/seed]
    };
    auto help_for = [&](const std::string& flag) {
        if (const auto* key = platform::config::key_for_flag(flag))
            return key->help + "  [" + key->key + "]";
        auto it = command_line_only.find(flag);
        return it == command_line_only.end() ? std::string() : it->second;
    };
    CLI::App app{"Motcua: the one-stop office kiosk", "motcua"};
    app.option_defaults()->always_capture_default();
    for (const auto& [flag, target] : strings) app.add_option(flag, *target, help_for(flag));
    for (const auto& [flag, target] : numbers)
        app.add_option(flag, *target, help_for(flag))
            ->check(CLI::Validator([](std::string& text) { return integer_check(text); }, "INTEGER",
                                   "integer"));
    for (const auto& [flag, target] : switches) app.add_flag(flag, *target, help_for(flag));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);  // --help: the list on stdout, 0; a mistake: stderr
        return code == 0 ? 0 : 2;
    }

    auto given = [&](const std::string& flag) { return app.count(flag) > 0; };
    if (!options.config.empty()) {
        using platform::config::Kind;
        auto kind_of = [&](const platform::config::KeyDef& key) -> std::optional<Kind> {
            if (strings.count(key.flag)) return Kind::String;
            if (numbers.count(key.flag)) return Kind::Integer;
            if (switches.count(key.flag)) return Kind::Boolean;
            return std::nullopt;
        };
        auto values = platform::config::load(options.config, kind_of);
        if (!values) {
            // Before anything else starts: the officer reads this on the console or in journald.
            platform::log_error(values.error().code, values.error().detail);
            std::fprintf(stderr, "motcua: %s\n", values.error().detail.c_str());
            return 1;
        }
        for (const auto& value : *values) {
            if (given(value.key->flag)) continue;  // the command line wins
            if (value.kind == Kind::String) *strings[value.key->flag] = value.text;
            if (value.kind == Kind::Integer) *numbers[value.key->flag] = value.integer;
            if (value.kind == Kind::Boolean) *switches[value.key->flag] = value.boolean;
        }
    }
    // The command line's values pass the same checks as the file's.
    for (const auto& key : platform::config::kiosk_keys()) {
        core::Status checked = core::Ok{};
        if (auto it = strings.find(key.flag); it != strings.end())
            checked = platform::config::check_text(key, *it->second);
        else if (auto number = numbers.find(key.flag); number != numbers.end())
            checked = platform::config::check_integer(key, *number->second);
        if (!checked) {
            std::fprintf(stderr, "motcua: %s (%s%s): %s\n", key.flag.c_str(),
                         given(key.flag) ? "command line" : "key ",
                         given(key.flag) ? "" : key.key.c_str(), checked.error().detail.c_str());
            return 2;
        }
    }
    if (!options.size.empty() &&
        (std::sscanf(options.size.c_str(), "%dx%d", &options.width, &options.height) != 2 ||
         options.width < 640 || options.height < 480)) {
        std::fprintf(stderr, "motcua: --size needs WxH, at least 640x480, got '%s'\n",
                     options.size.c_str());
        return 2;
    }
    // [seed] A seeded generator draws the same codes and keys every run: for scripts and their
    // screenshots only. A kiosk (a window, or --kiosk / display.kiosk) keeps getrandom(2).
    if (given("--seed")) {
        const char* refused = nullptr;
        if (options.seed < 0)
            refused = "needs a whole number, 0 or more";
        else if (options.kiosk)
            refused =
                "is for headless script runs only and cannot be used with --kiosk "
                "(display.kiosk): a kiosk draws its codes and keys from getrandom";
        else if (!options.headless)
            refused =
                "is for headless script runs only: add --headless (a kiosk's window "
                "draws its codes and keys from getrandom)";
        if (refused) {
            std::fprintf(stderr, "motcua: --seed %s\n", refused);
            return 2;
        }
    }
    // [/seed]
    if (options.kiosk) options.fullscreen = true;
    if (options.print_config) {
        print_config(options, strings, numbers, switches);
        return 0;
    }
    return std::nullopt;
}
// [/ops]

// [ops] Next to the binary (the build tree links build/assets to the source's assets), or where
// the package installs them. No source-tree path is compiled in: the installed binary must not
// depend on the machine it was built on.
std::string default_assets() {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::path exe = fs::canonical("/proc/self/exe", error);
    for (fs::path candidate : {exe.parent_path() / "assets", exe.parent_path() / "../share/motcua"})
        if (fs::exists(candidate / "i18n" / "vi.json", error))
            return candidate.lexically_normal().string();
    return (exe.parent_path() / "../share/motcua").lexically_normal().string();
}
// [/ops]

// [filing] The outbox's folder by the XDG rule (empty XDG_STATE_HOME = unset), created 0700.
core::Result<std::string> default_db() {
    // [ops] Under systemd (StateDirectory=motcua) the service's own folder, /var/lib/motcua.
    if (const char* state = std::getenv("STATE_DIRECTORY"); state && *state)
        return std::string(state) + "/outbox.sqlite";
    auto dir = platform::state_directory(std::getenv("XDG_STATE_HOME"), std::getenv("HOME"));
    if (!dir) return dir.error();
    if (auto made = platform::make_private_directory(*dir); !made) return made.error();
    return *dir + "/outbox.sqlite";
}
// [/filing]

int check_procedures(const std::string& dir) {
    core::Catalog catalog = platform::load_catalog(dir);
    for (const auto& procedure : catalog.procedures)
        std::printf("ok    %s  %s (%s)\n", procedure.source_file.c_str(), procedure.name.vi.c_str(),
                    procedure.code.c_str());
    for (const auto& problem : catalog.problems) std::printf("ERROR %s\n", problem.detail.c_str());
    std::printf("%zu procedures ok, %zu refused\n", catalog.procedures.size(),
                catalog.problems.size());
    return catalog.problems.empty() && !catalog.procedures.empty() ? 0 : 1;
}

// [opencps] What --portal-kind opencps needs from the options (platform/http/opencps_portal.h).
platform::OpenCpsSettings opencps_settings(const Options& options,
                                           const platform::PortalClientOptions& transport) {
    platform::OpenCpsSettings settings;
    settings.transport = transport;
    settings.group_id = options.opencps_group_id;
    settings.agency = options.opencps_agency;
    settings.credentials_file = options.opencps_credentials;
    settings.mapping_file = options.opencps_mapping;
    settings.assets_dir = options.assets;
    settings.kiosk_id = options.kiosk_id;
    settings.outbox_path = options.db;
    return settings;
}
// [/opencps]

}  // namespace

int main(int argc, char** argv) {
    const auto started = std::chrono::steady_clock::now();
    std::string stages;  // start-up time per stage, logged once (deployments watch it on old PCs)
    auto stage = [&](const char* name) {
        stages += std::string(stages.empty() ? "" : ", ") + name + " " +
                  std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::steady_clock::now() - started)
                                     .count()) +
                  " ms";
    };
    Options options;
    if (auto stop = parse_options(argc, argv, options)) return *stop;    // [ops]
    platform::RendererChoice renderer = platform::RendererChoice::Auto;  // [renderer]
    if (!platform::parse_renderer_choice(options.renderer, renderer)) {
        std::fprintf(stderr, "motcua: --renderer needs auto, ours, sdl or gl\n");
        return 2;
    }
    // [help] The physical keyboard's composer.
    core::Typing typing = core::Typing::Telex;
    if (options.typing == "vni")
        typing = core::Typing::Vni;
    else if (options.typing == "off")
        typing = core::Typing::Off;
    else if (options.typing != "telex") {
        std::fprintf(stderr, "motcua: --typing needs telex, vni or off\n");
        return 2;
    }
    // [/help]
    if (!options.check_procedures.empty()) return check_procedures(options.check_procedures);
    if (!options.log_file.empty()) platform::set_log_file(options.log_file);
    if (options.headless) platform::set_log_quiet(true);
    if (options.assets.empty()) options.assets = default_assets();  // [ops]
    if (options.db.empty()) {
        // [filing] No state folder is a clear failure (exit 1, one stderr line, one log line).
        auto db = default_db();
        if (!db) {
            platform::log_error(db.error().code, db.error().detail);
            std::fprintf(stderr, "motcua: %s\n", db.error().detail.c_str());
            return 1;
        }
        options.db = *db;
        // [/filing]
    }

    // [staff] The PIN's hash, the lockout and today's counts live beside the outbox (the state
    // directory) unless --staff-pin-file names the hash's file.
    const std::string state_dir = std::filesystem::path(options.db).parent_path().string();
    const std::string state_prefix = state_dir.empty() ? std::string() : state_dir + "/";
    if (options.staff_pin_file.empty()) options.staff_pin_file = state_prefix + "staff-pin";
    if (options.set_staff_pin) {
        std::string pin;
        char line[64] = {};
        if (std::fgets(line, sizeof line, stdin)) pin = line;
        while (!pin.empty() && (pin.back() == '\n' || pin.back() == '\r')) pin.pop_back();
        auto set = platform::set_staff_pin(options.staff_pin_file, pin);
        if (!set) {
            std::fprintf(stderr, "motcua: %s\n", set.error().detail.c_str());
            return 1;
        }
        platform::log_info("staff_pin_set", options.staff_pin_file);
        std::fprintf(stderr, "motcua: staff PIN stored (hashed) in %s\n",
                     options.staff_pin_file.c_str());
        return 0;
    }
    platform::StaffStore staff_store(options.staff_pin_file, state_prefix + "staff-lock.json",
                                     state_prefix + "counts.json");
    // [/staff]

    // --- Assets: strings, catalog, holidays ---
    auto strings = platform::load_strings(options.assets);
    if (!strings) {
        std::fprintf(stderr, "motcua: %s\n", strings.error().detail.c_str());
        return 1;
    }
    core::Catalog catalog = platform::load_catalog(options.assets + "/procedures");
    for (const auto& problem : catalog.problems)
        platform::log_error("procedure_refused", problem.detail);
    auto fees = platform::load_fees(options.assets, options.fees);
    if (!fees)
        platform::log_error("fees_refused",
                            fees.error().detail + " (the fee is shown in words only)");
    // [holidays] A missing or broken holiday file stops the start: due dates would ignore Tết.
    auto holidays = platform::load_holidays(options.assets, options.holidays);
    if (!holidays) {
        platform::log_error("holidays_refused", holidays.error().detail);
        std::fprintf(stderr, "motcua: %s\n", holidays.error().detail.c_str());
        return 1;
    }
    // [/holidays]
    const std::size_t bundled_count = catalog.procedures.size();
    auto offer = core::make_offer(std::move(catalog), "bundled");

    stage("assets");
    // --- The outbox and the portal ---
    // [filing] A damaged outbox is moved aside (kept for a technician) and a fresh one started;
    // a wall clock from a dead RTC is named, so nobody trusts its dates.
    std::string
        outbox_set_aside;  // named to staff on the attract screen (staff.problem.outbox_set_aside)
    if (auto aside =
            platform::OutboxStore::set_aside_if_corrupt(options.db, platform::system_wall_ms());
        !aside) {
        platform::log_error(aside.error().code, aside.error().detail);
        std::fprintf(stderr, "motcua: %s\n", aside.error().detail.c_str());
        return 1;
    } else if (!aside->empty()) {
        outbox_set_aside = *aside;
        std::fprintf(stderr, "motcua: the outbox %s was damaged; moved to %s, starting a new one\n",
                     options.db.c_str(), aside->c_str());
    }
    if (!core::is_plausible_wall_clock(platform::system_wall_ms()))
        platform::log_error("wall_clock_implausible",
                            "the system clock reads " + std::to_string(platform::system_wall_ms()) +
                                " ms since 1970: set the clock (dead RTC battery?)");
    // [/filing]
    auto store = platform::OutboxStore::open(options.db);
    if (!store) {
        std::fprintf(stderr, "motcua: cannot open the outbox %s: %s\n", options.db.c_str(),
                     store.error().detail.c_str());
        return 1;
    }
    // [ops] The metrics file (node_exporter's textfile collector), from now until the exit.
    platform::metrics::set("motcua_build_info", {{"version", MOTCUA_VERSION}}, 1);
    platform::metrics::set("motcua_start_time_seconds", platform::system_wall_ms() / 1000.0);
    platform::metrics::set("motcua_printer_status",
                           {{"status", options.printer.empty() ? "none" : "unknown"}}, 1);
    std::unique_ptr<platform::MetricsWriter> metrics_writer;
    if (!options.metrics_file.empty()) {
        metrics_writer =
            std::make_unique<platform::MetricsWriter>(options.metrics_file, options.db);
        metrics_writer->start();
    }
    // [/ops]
    std::unique_ptr<platform::FilingWorker> worker;
    std::unique_ptr<platform::ReferenceWorker>
        references;  // the catalogue and wards, on their own thread
    if (!options.portal.empty()) {
        // [worker] The adapter --portal-kind names, made once per worker thread; the probe
        // below refuses a bad URL, token or kind before anything starts.
        platform::PortalSettings settings;
        settings.kind = options.portal_kind;
        platform::PortalClientOptions& portal = settings.client;
        portal.base_url = options.portal;
        portal.client_cert = options.client_cert;
        portal.client_key = options.client_key;
        portal.ca_file = options.ca_file;
        if (!options.token_file.empty()) {
            auto token = platform::read_token_file(options.token_file);
            if (!token) {
                platform::log_error(token.error().code,
                                    token.error().detail);  // [filing] what is wrong
                std::fprintf(stderr, "motcua: %s\n", token.error().detail.c_str());
                return 1;
            }
            portal.token = *token;
        } else if (settings.kind == "motcua") {  // OpenCPS signs in with its credentials file
            portal.token =
                "kiosk-dev";  // the simulator accepts any token; a real portal needs --token-file
            platform::log_warning("token_default", "no --token-file: using a development token");
        }
        // [opencps] The site, the credentials file and the mapping: make_portal below reads
        // and checks them, so a kiosk that cannot file says why now, not at every dossier.
        if (settings.kind == "opencps") settings.opencps = opencps_settings(options, portal);
        // [/opencps]
        if (auto probe = platform::make_portal(settings); !probe) {
            platform::log_error(probe.error().code, probe.error().detail);
            std::fprintf(stderr, "motcua: %s\n", probe.error().detail.c_str());
            return 1;
        }
        core::RetryPolicy policy;
        policy.base_ms = options.retry_base_ms;
        policy.cap_ms = options.retry_cap_ms;
        auto wake_ui = [] {
            SDL_Event event{};
            event.type = platform::wake_event_type();
            SDL_PushEvent(&event);
        };
        worker = std::make_unique<platform::FilingWorker>(
            options.db, platform::portal_factory(settings), policy, options.stale_after_ms, wake_ui,
            options.kiosk_id);
        references = std::make_unique<platform::ReferenceWorker>(
            options.db, platform::portal_factory(settings), wake_ui);
        // [/worker]
    } else {
        platform::log_warning("no_portal", "no --portal: filings are saved and wait in the outbox");
    }

    // [help] "Gọi cán bộ": a command or a POST on the LAN, off the UI thread. A refused address or
    // a missing program stops the start: staff would believe the button calls them.
    std::unique_ptr<platform::StaffNotifier> notifier;
    if (!options.notify_command.empty() || !options.notify_url.empty()) {
        auto made = platform::StaffNotifier::create(
            {options.notify_command, options.notify_url, options.kiosk_id, 5000});
        if (!made) {
            platform::log_error(made.error().code, made.error().detail);
            std::fprintf(stderr, "motcua: %s\n", made.error().detail.c_str());
            return 1;
        }
        notifier = std::move(made).value();
    }
    // [/help]
    stage("outbox");
    // --- SDL, the display, fonts ---
    if (options.headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    // [ops] Kiosk mode: closing the window (a stray Alt+F4 under a window manager) does nothing;
    // only a signal (systemctl stop: SIGTERM) ends the kiosk. cage itself has no other window.
    if (options.kiosk) SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    const char* requested_driver = std::getenv("SDL_VIDEODRIVER");
    // No X, no Wayland, no DRM device and no driver asked for: no screen to open.
    const bool nothing_to_open = !options.headless && !requested_driver &&
                                 !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") &&
                                 !std::filesystem::exists("/dev/dri");
    if (nothing_to_open) {
        std::fprintf(stderr,
                     "motcua: no display available (no DISPLAY, WAYLAND_DISPLAY or /dev/dri). To "
                     "run without a screen: "
                     "motcua --headless --portal URL --script FILE --shots DIR\n");
        return 2;
    }
    bool have_display =
        SDL_Init(options.headless ? (SDL_INIT_EVENTS | SDL_INIT_TIMER) : SDL_INIT_VIDEO) == 0;
    std::string why = have_display ? "" : SDL_GetError();
    if (have_display && !options.headless) {
        // SDL falls back to an invisible "offscreen" driver when there is no screen: for a kiosk
        // that is no display at all, unless someone asked for it by name.
        const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
        if ((driver == "offscreen" || driver == "dummy") &&
            !(requested_driver && driver == requested_driver)) {
            have_display = false;
            why = "only SDL's '" + driver + "' video driver is available";
        }
    }
    if (!have_display) {
        std::fprintf(stderr,
                     "motcua: no display available (%s). To run without a screen: motcua "
                     "--headless --portal URL "
                     "--script FILE --shots DIR\n",
                     why.c_str());
        SDL_Quit();
        return 2;
    }
    (void)platform::wake_event_type();
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetIO().LogFilename = nullptr;

    // [renderer] a real GPU: OpenGL 3; no GPU, Mesa's llvmpipe, --software or headless: ours.
    if (options.software && renderer == platform::RendererChoice::Auto)
        renderer = platform::RendererChoice::Ours;
    auto display =
        options.headless
            ? platform::open_headless(options.width, options.height, renderer)
            : platform::open_window({options.width, options.height, options.fullscreen, renderer});
    // [/renderer]
    if (!display) {
        std::fprintf(stderr,
                     "motcua: no display available (%s). To run without a screen: motcua "
                     "--headless --portal URL "
                     "--script FILE --shots DIR\n",
                     display.error().detail.c_str());
        ImGui::DestroyContext();
        SDL_Quit();
        return 2;
    }
    stage("display");
    // [sizing] Text sizes are cap heights in millimetres: the panel's ppi makes them pixels.
    if (options.ppi < 40 || options.ppi > 600) {
        std::fprintf(stderr, "motcua: --ppi needs the panel's pixels per inch (40 to 600)\n");
        return 2;
    }
    if (options.kiosk && !options.headless) SDL_ShowCursor(SDL_DISABLE);  // [ops] touch only
    auto font_paths = platform::locate_fonts(options.fonts);
    auto fonts = font_paths ? platform::load_fonts(*font_paths, static_cast<float>(options.ppi))
                            : core::Result<ui::Fonts>(font_paths.error());
    if (!fonts) {
        std::fprintf(stderr, "motcua: %s\n", fonts.error().detail.c_str());
        return 1;
    }
    stage("fonts");
    // [paper] Receipts and queue tickets: the office's settings, the counter groups, the printer.
    core::PaperConfig paper_config;
    paper_config.office_name = options.office_name;
    paper_config.bank_bin = options.bank_bin;
    paper_config.bank_account = options.bank_account;
    paper_config.bank_name = options.bank_name;
    paper_config.tracking_url = options.tracking_url;
    if (auto text = platform::read_text_file(options.assets + "/config/counters.json"); text) {
        if (auto groups = core::parse_counter_groups(*text, "counters.json"); groups)
            paper_config.counter_groups = std::move(groups).value();
        else
            platform::log_error("counters_refused", groups.error().detail + " (no queue tickets)");
    }
    std::unique_ptr<platform::print::PaperDesk> paper_desk;
    {
        platform::print::PaperDeskOptions desk;
        desk.printer_uri = options.printer;
        desk.width_dots = static_cast<int>(options.printer_dots);
        desk.font_path = font_paths->regular;
        desk.store_path =
            std::filesystem::path(options.db).replace_extension().string() + "-paper.sqlite";
        auto opened = platform::print::PaperDesk::open(desk, [] {
            SDL_Event event{};
            event.type = platform::wake_event_type();
            SDL_PushEvent(&event);
        });
        if (opened)
            paper_desk = std::move(opened).value();
        else  // the kiosk still files; the receipt says to photograph the code
            platform::log_error(opened.error().code, opened.error().detail);
        if (options.printer.empty())
            platform::log_warning("no_printer", "no --printer: receipts are shown on screen only");
    }
    // [/paper]
    platform::log_info("started", "renderer " + (*display)->renderer_name() + ", " +
                                      std::to_string(bundled_count) +
                                      " bundled procedures, outbox " + options.db);

    // --- The session and the loop ---
    // [seed] getrandom(2), or with --seed (headless only, checked above) a deterministic generator.
    platform::SystemRandom system_random;
    std::optional<platform::DeterministicRandom> seeded_random;
    if (options.seed >= 0) {
        seeded_random.emplace(static_cast<std::uint64_t>(options.seed));
        platform::log_info("random_seeded", "--seed " + std::to_string(options.seed) +
                                                ": provisional codes and keys are reproducible");
    }
    core::Random& random = seeded_random ? static_cast<core::Random&>(*seeded_random)
                                         : static_cast<core::Random&>(system_random);
    // [/seed]
    core::SessionConfig config;
    config.kiosk_id = options.kiosk_id;
    config.home_ward = options.home_ward;
    config.provisional_after_ms = options.provisional_after_ms;
    config.idle_warning_ms = options.idle_ms;
    config.holidays = *holidays;
    config.typing = typing;                               // [help]
    config.counter_groups = paper_config.counter_groups;  // [paper]
    core::Session session(offer, config, random);
    platform::AppClock clock(/*manual=*/!options.script.empty());
    // [speech] espeak-ng and the recorded clips; headless, only with --speech-log (WAVs under
    // --shots/speech). --voice espeak: voice must work; auto: without it the kiosk runs silent.
    std::unique_ptr<platform::SpeechEngine> speech;
    std::unique_ptr<platform::Speaker> speaker;
    if (options.voice != "auto" && options.voice != "espeak" && options.voice != "off") {
        std::fprintf(stderr, "motcua: --voice needs auto, espeak or off\n");
        return 2;
    }
    if (options.voice != "off" && (!options.headless || !options.speech_log.empty())) {
        platform::SpeechOptions voice;
        voice.clips_root = options.assets + "/audio";
        voice.log_path = options.speech_log;
        if (options.headless) voice.wav_dir = options.shots + "/speech";
        auto made = platform::SpeechEngine::create(voice);
        // [voice] espeak-ng starts on the voice's own thread; only --voice espeak waits for it.
        if (made && options.voice == "espeak")
            if (auto ready = (*made)->wait_until_ready(); !ready) made = ready.error();
        // [/voice]
        if (made) {
            speech = std::move(made).value();
            speaker = std::make_unique<platform::Speaker>(*speech, *strings);
        } else if (options.voice == "espeak") {
            std::fprintf(stderr, "motcua: %s\n", made.error().detail.c_str());
            return 1;
        } else {
            platform::log_warning(made.error().code, made.error().detail + " (no voice)");
        }
    }
    stage("speech");
    // [/speech]
    auto app = std::make_unique<platform::App>(
        platform::AppParts{*strings, fees ? &*fees : nullptr, session, **store, worker.get(),
                           references.get(), platform::make_qr, !outbox_set_aside.empty(),
                           &staff_store,                      // [staff]
                           notifier.get(),                    // [help] notifier
                           speaker.get(),                     // [speech]
                           paper_desk.get(), &paper_config},  // [paper]
        std::move(display).value(), *fonts, clock);
    if (worker) worker->start();
    if (references) references->start();

    int exit_code = 0;
    if (!options.script.empty()) {
        auto text = platform::read_text_file(options.script);
        auto commands = text ? platform::parse_script(*text)
                             : core::Result<std::vector<platform::ScriptCommand>>(text.error());
        if (!commands) {
            std::fprintf(stderr, "motcua: %s\n", commands.error().detail.c_str());
            exit_code = 2;
        } else if (auto played = platform::play_script(*app, *commands, options.shots); !played) {
            std::fprintf(stderr, "motcua: %s\n", played.error().detail.c_str());
            exit_code = 1;
        }
    } else if (options.headless) {
        app->frame();  // render the attract screen once, then exit: a smoke test and a start-up
                       // timing
        stage("first frame");
    } else {
        exit_code = app->run();
    }
    stage("done");
    platform::log_info("startup", stages);
    if (references) references->stop();
    if (worker) worker->stop();
    if (speech && options.headless) speech->drain();  // [speech] every utterance written
    metrics_writer.reset();  // [ops] the last metrics, written after the workers stopped
    app.reset();      // the display shuts its ImGui backend down while the context still exists
    speaker.reset();  // [speech] before SDL goes
    speech.reset();   // [speech]
    ImGui::DestroyContext();
    SDL_Quit();
    return exit_code;
}
