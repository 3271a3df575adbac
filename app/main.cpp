// Motcua kiosk: the composition root. Reads flags and assets, wires the core to the platform,
// and runs the loop (a window) or a script (headless).
//
//   motcua [--portal URL] [--fullscreen] [--size WxH] [--db FILE] [--assets DIR] [--fonts DIR]
//          [--token-file FILE] [--kiosk-id ID] [--log FILE] [--software] [--fees FILE]
//   motcua --headless [--script FILE] [--shots DIR] ...   (no window; renders in memory)
//   motcua --check-procedures DIR                          (validate procedure files, then exit)

#include <SDL.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "core/catalog/offer.h"
#include "core/filing/wall_clock.h"
#include "core/session/session.h"
#include "platform/assets.h"
#include "platform/driver/script.h"
#include "platform/filing_worker.h"
#include "platform/print/paper_desk.h"  // [paper]
#include "platform/qr.h"
#include "platform/sdl/app.h"
#include "platform/sdl/fonts.h"
#include "platform/store/outbox_store.h"
#include "platform/system/clock.h"
#include "platform/system/log.h"
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
    std::string office_name;      // [paper] on the receipt and the queue ticket
    std::string tracking_url;     // [paper] the receipt QR's address, "{code}" = the dossier code
    std::string notify_command;   // [help] run when a resident taps "Gọi cán bộ"
    std::string notify_url;       // [help] or POSTed to this loopback/LAN address
    std::string staff_pin_file;   // [staff] the salted PIN hash (0600)
    std::string config;           // [ops] the TOML configuration file
    bool print_config = false;    // [ops] print the effective configuration and exit
    std::string metrics_file;     // [ops] Prometheus text format, rewritten atomically
    std::string language = "vi";  // [ops] the default language of a visit
};

const char* Usage =
    "usage: motcua [--portal URL] [--fullscreen] [--size WxH] [--db FILE] [--assets DIR] [--fonts "
    "DIR]\n"
    "              [--token-file FILE] [--client-cert PEM --client-key PEM] [--ca-file PEM]\n"
    "              [--kiosk-id ID] [--log FILE] [--software] [--fees FILE]\n"
    "              [--renderer auto|ours|sdl|gl]  (--software = ours; headless uses ours unless "
    "sdl)\n"
    "              [--home-ward CODE]  (the 5-digit ward where the kiosk stands)\n"
    "              [--headless] [--script FILE] [--shots DIR] [--provisional-after-ms N] "
    "[--idle-ms N]\n"
    "              [--retry-base-ms N] [--retry-cap-ms N] [--stale-after-ms N]\n"
    "       motcua --check-procedures DIR\n";

bool parse_options(int argc, char** argv, Options& options) {
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
    };
    std::map<std::string, long long*> numbers = {
        {"--provisional-after-ms", &options.provisional_after_ms},
        {"--idle-ms", &options.idle_ms},
        {"--retry-base-ms", &options.retry_base_ms},
        {"--retry-cap-ms", &options.retry_cap_ms},
        {"--stale-after-ms", &options.stale_after_ms},
        {"--ppi", &options.ppi},                    // [sizing]
        {"--printer-dots", &options.printer_dots},  // [paper]
    };
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--headless")
            options.headless = true;
        else if (arg == "--fullscreen")
            options.fullscreen = true;
        else if (arg == "--software")
            options.software = true;
        else if (arg == "--print-config")  // [ops]
            options.print_config = true;
        else if (arg == "--help" || arg == "-h")
            return false;
        else if (i + 1 < argc && strings.count(arg))
            *strings[arg] = argv[++i];
        else if (i + 1 < argc && numbers.count(arg)) {
            try {
                *numbers[arg] = std::stoll(argv[++i]);
            } catch (...) {
                std::fprintf(stderr, "motcua: %s needs a number\n", arg.c_str());
                return false;
            }
        } else if (i + 1 < argc && arg == "--size") {
            if (std::sscanf(argv[++i], "%dx%d", &options.width, &options.height) != 2 ||
                options.width < 640 || options.height < 480) {
                std::fprintf(stderr, "motcua: --size needs WxH, at least 640x480\n");
                return false;
            }
        } else {
            std::fprintf(stderr, "motcua: unknown or incomplete option '%s'\n", arg.c_str());
            return false;
        }
    }
    return true;
}

std::string default_assets(const char* argv0) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::path exe = fs::canonical("/proc/self/exe", error);
    for (fs::path candidate :
         {exe.parent_path() / "assets", exe.parent_path() / "../share/motcua/assets",
          fs::path(MOTCUA_SOURCE_ASSETS)})
        if (fs::exists(candidate / "i18n" / "vi.json", error))
            return candidate.lexically_normal().string();
    (void)argv0;
    return MOTCUA_SOURCE_ASSETS;
}

// [filing] The outbox's folder by the XDG rule (empty XDG_STATE_HOME = unset), created 0700.
core::Result<std::string> default_db() {
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
    if (!parse_options(argc, argv, options)) {
        std::fputs(Usage, stderr);
        return 2;
    }
    platform::RendererChoice renderer = platform::RendererChoice::Auto;  // [renderer]
    if (!platform::parse_renderer_choice(options.renderer, renderer)) {
        std::fprintf(stderr, "motcua: --renderer needs auto, ours, sdl or gl\n");
        return 2;
    }
    if (!options.check_procedures.empty()) return check_procedures(options.check_procedures);
    if (!options.log_file.empty()) platform::set_log_file(options.log_file);
    if (options.headless) platform::set_log_quiet(true);
    if (options.assets.empty()) options.assets = default_assets(argv[0]);
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
    auto holidays = platform::load_holidays(options.assets);
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
    std::unique_ptr<platform::FilingWorker> worker;
    std::unique_ptr<platform::ReferenceWorker>
        references;  // the catalogue and wards, on their own thread
    if (!options.portal.empty()) {
        platform::PortalClientOptions portal;
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
        } else {
            portal.token =
                "kiosk-dev";  // the simulator accepts any token; a real portal needs --token-file
            platform::log_warning("token_default", "no --token-file: using a development token");
        }
        if (auto probe = platform::CurlPortalClient::create(portal); !probe) {
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
            options.db, portal, policy, options.stale_after_ms, wake_ui, options.kiosk_id);
        references = std::make_unique<platform::ReferenceWorker>(options.db, portal, wake_ui);
    } else {
        platform::log_warning("no_portal", "no --portal: filings are saved and wait in the outbox");
    }

    stage("outbox");
    // --- SDL, the display, fonts ---
    if (options.headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
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
    const float body_px =
        std::clamp(static_cast<float>((*display)->height()) / 22.0f, 24.0f, 64.0f);
    auto font_paths = platform::locate_fonts(options.fonts);
    auto fonts = font_paths ? platform::load_fonts(*font_paths, body_px)
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
    platform::SystemRandom random;
    core::SessionConfig config;
    config.kiosk_id = options.kiosk_id;
    config.home_ward = options.home_ward;
    config.provisional_after_ms = options.provisional_after_ms;
    config.idle_warning_ms = options.idle_ms;
    config.holidays = *holidays;
    config.counter_groups = paper_config.counter_groups;  // [paper]
    core::Session session(offer, config, random);
    platform::AppClock clock(/*manual=*/!options.script.empty());
    auto app = std::make_unique<platform::App>(
        platform::AppParts{*strings, fees ? &*fees : nullptr, session, **store, worker.get(),
                           references.get(), platform::make_qr, !outbox_set_aside.empty(),
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
    app.reset();  // the display shuts its ImGui backend down while the context still exists
    ImGui::DestroyContext();
    SDL_Quit();
    return exit_code;
}
