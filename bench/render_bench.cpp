// Frame times of the kiosk's renderers on every screen of a birth registration, the way a PC with
// no GPU meets them. For each renderer (ours, SDL's software renderer, and OpenGL when a display
// is there: llvmpipe under Xvfb), each size (1280x800, 1920x1080) and each text size (normal,
// largest), the real app is driven by the script driver to each screen, then:
//  - full frame: the whole App::frame() (input, session, ImGui, rasterise everything, present)
//    with the damage forgotten first, so every tile is drawn: p50 / p99;
//  - tap: a finger lands on an on-screen key; the time until the frame that shows the key
//    pressed is presented (App::feed of the press, which draws that frame), with damage
//    tracking: p50 / p99, and the tiles that frame drew. The key is released on the spot (the
//    letter or digit is typed, then the backspace key is tapped the same way: the screen stays).
// Then the CPU time of a whole scripted visit (attract to thanks, no portal), ours against SDL's.
// Ratios are SDL's (or OpenGL's) time over ours.
//
// Build and run on one core (Release):
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C build-bench
//   render_bench taskset -c 0 build-bench/render_bench [--frames=N] [--taps=N]
//   [--renderers=ours,sdl,gl] [--screen=NAME] # with llvmpipe: xvfb-run -a -s "-screen 0
//   1920x1080x24" taskset -c 0 build-bench/render_bench
#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/catalog/offer.h"
#include "core/session/session.h"
#include "platform/assets.h"
#include "platform/driver/script.h"
#include "platform/qr.h"
#include "platform/sdl/app.h"
#include "platform/sdl/fonts.h"
#include "platform/store/outbox_store.h"
#include "platform/system/log.h"
#include "platform/system/random.h"

namespace {

using namespace motcua;

// [SECTION] The screens: script segments from a fresh kiosk, and the keys tapped on them

struct Screen {
    const char* name;
    const char* script;   // played before measuring (from where the previous screen left off)
    const char* keys[2];  // widget ids tapped for the tap latency (none: full frame only)
};

const Screen Screens[] = {
    {"attract", "", {nullptr, nullptr}},
    {"choose", "tap \"Chạm vào đây để bắt đầu\"\n", {nullptr, nullptr}},
    {"eligibility", "tap \"Đăng ký khai sinh\"\n", {nullptr, nullptr}},
    {"requirements", "tap \"Không\"\n", {nullptr, nullptr}},
    {"question-error", "tap \"Bắt đầu khai\"\ntap \"Tiếp tục\"\n", {nullptr, nullptr}},
    {"question-keyboard",
     "tap \"Họ, chữ đệm và tên\"\ntype \"nguyễn  văn an\"\n",
     {"key_a", "key_backspace"}},
    {"question-choice", "tap \"Tiếp tục\"\ntap \"Cha\"\n", {nullptr, nullptr}},
    {"number-pad",
     "tap \"Tiếp tục\"\ntap \"Số định danh cá nhân\"\ntype \"001 090 123456\"\n",
     {"digit_1", "key_backspace"}},
    {"review",
     "tap \"Tiếp tục\"\ntap \"Số điện thoại\"\ntype \"0912.345.678\"\ntap \"Tiếp tục\"\n"
     "tap \"Họ, chữ đệm và tên của cháu\"\ntype \"Nguyễn Thị Bình\"\ntap \"Tiếp tục\"\ntap \"Nữ "
     "(bé gái)\"\n"
     "tap \"Tiếp tục\"\ntap \"Ngày sinh\"\ntype \"05/11/2026\"\ntap \"Tiếp tục\"\ntap \"Nơi "
     "sinh\"\n"
     "type \"Bệnh viện Phụ sản Hà Nội\"\ntap \"Tiếp tục\"\ntap \"Kinh\"\ntap \"Tiếp tục\"\n"
     "tap \"Họ, chữ đệm và tên của mẹ\"\ntype \"Trần Thị Hoa\"\ntap \"Tiếp tục\"\ntap \"Ngày sinh "
     "của mẹ\"\n"
     "type \"20/11/1995\"\ntap \"Tiếp tục\"\ntap \"Có\"\ntap \"Tiếp tục\"\ntap \"Họ, chữ đệm và "
     "tên của cha\"\n"
     "type \"Nguyễn Văn An\"\ntap \"Tiếp tục\"\ntap \"Số bản sao\"\ntype \"1\"\ntap \"Tiếp tục\"\n"
     "expect \"Kiểm tra lại thông tin\"\n",
     {nullptr, nullptr}},
    {"receipt", "tap \"Gửi hồ sơ\"\nwait 5000\nexpect \"Mã tạm của hồ sơ\"\n", {nullptr, nullptr}},
    {"rating", "tap \"Xong\"\n", {nullptr, nullptr}},
    {"thanks", "tap \"Rất hài lòng\"\n", {nullptr, nullptr}},
};

// [SECTION] A kiosk in this process: the same parts main() wires, with a manual clock

struct Assets {
    core::Strings strings;
    std::optional<core::FeeSchedule> fees;
    std::shared_ptr<const core::CatalogOffer> offer;
};

class Kiosk {
public:
    Kiosk(const Assets& assets, const std::string& db, platform::RendererChoice renderer, int width,
          int height)
        : m_random(), m_clock(/*manual=*/true) {
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        auto display = renderer == platform::RendererChoice::OpenGl
                           ? platform::open_window({width, height, false, renderer})
                           : platform::open_headless(width, height, renderer);
        if (!display) fail("display: " + display.error().detail);
        m_gl = (*display)->renderer_name() == "OpenGL 3";
        auto paths = platform::locate_fonts({});
        if (!paths) fail(paths.error().detail);
        auto fonts = platform::load_fonts(*paths, 96.0f);  // [layout] sizes in mm at 96 ppi
        if (!fonts) fail(fonts.error().detail);
        auto store = platform::OutboxStore::open(db);
        if (!store) fail(store.error().detail);
        m_store = std::move(*store);
        core::SessionConfig config;
        config.provisional_after_ms = 4000;
        m_session = std::make_unique<core::Session>(assets.offer, config, m_random);
        m_app = std::make_unique<platform::App>(
            platform::AppParts{assets.strings, assets.fees ? &*assets.fees : nullptr, *m_session,
                               *m_store, nullptr, nullptr, platform::make_qr},
            std::move(*display), *fonts, m_clock);
    }
    ~Kiosk() {
        m_app.reset();
        ImGui::DestroyContext();
    }
    platform::App& app() { return *m_app; }
    bool gl() const { return m_gl; }
    void play(const std::string& script) {
        auto commands = platform::parse_script(script);
        if (!commands) fail(commands.error().detail);
        if (auto played = platform::play_script(*m_app, *commands, "/tmp"); !played)
            fail(played.error().detail);
    }
    static void fail(const std::string& why) {
        std::fprintf(stderr, "render_bench: %s\n", why.c_str());
        std::exit(1);
    }

private:
    platform::SystemRandom m_random;
    platform::AppClock m_clock;
    std::unique_ptr<platform::OutboxStore> m_store;
    std::unique_ptr<core::Session> m_session;
    std::unique_ptr<platform::App> m_app;
    bool m_gl = false;
};

// [SECTION] Measuring

// CPU time of the whole process (llvmpipe draws on its own threads): on a machine shared with
// other work, wall time mostly measures the neighbours.
double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Percentiles {
    double p50 = -1, p99 = -1;
};

Percentiles percentiles(std::vector<double> samples) {
    if (samples.empty()) return {};
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2],
            samples[std::min(samples.size() - 1, samples.size() * 99 / 100)]};
}

SDL_Event button(bool down, float x, float y) {
    SDL_Event event{};
    event.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    event.button.button = SDL_BUTTON_LEFT;
    event.button.state = down ? SDL_PRESSED : SDL_RELEASED;
    event.button.x = static_cast<Sint32>(x);
    event.button.y = static_cast<Sint32>(y);
    return event;
}

struct Result {
    Percentiles full, tap;
    int tap_tiles = -1, tiles = -1;
};

Result measure(Kiosk& kiosk, const Screen& screen, int frames, int taps) {
    platform::App& app = kiosk.app();
    Result result;
    std::vector<double> samples;
    for (int i = 0; i < frames; ++i) {
        app.display().invalidate();
        const double start = cpu_ms();
        app.frame();
        if (kiosk.gl()) glFinish();
        samples.push_back(cpu_ms() - start);
    }
    result.full = percentiles(samples);
    if (!screen.keys[0]) return result;
    samples.clear();
    for (int i = 0; i < taps; ++i) {
        const char* id = screen.keys[i % 2];
        const ui::WidgetRecord* key = nullptr;
        for (const auto& widget : app.registry().widgets())
            if (widget.id == id && widget.enabled) key = &widget;
        if (!key) Kiosk::fail(std::string("no key ") + id + " on " + screen.name);
        const float x = key->rect.center_x(), y = key->rect.center_y();
        const double start = cpu_ms();
        app.feed(button(true, x, y));  // draws the frame that shows the key pressed
        if (kiosk.gl()) glFinish();
        samples.push_back(cpu_ms() - start);
        if (const auto* stats = app.display().render_stats())
            result.tap_tiles = std::max(result.tap_tiles, stats->tiles_drawn),
            result.tiles = stats->tiles;
        app.clock().advance(80);
        app.feed(button(false, x, y));
        app.settle();
    }
    result.tap = percentiles(samples);
    return result;
}

const char* name(platform::RendererChoice renderer) {
    switch (renderer) {
        case platform::RendererChoice::Ours:
            return "ours";
        case platform::RendererChoice::Sdl:
            return "sdl";
        case platform::RendererChoice::OpenGl:
            return "gl";
        default:
            return "auto";
    }
}

std::string cell(double value) {
    char text[32];
    if (value < 0) return "-";
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

std::string ratio(double theirs, double ours) {
    if (theirs < 0 || ours <= 0) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.1fx", theirs / ours);
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    int frames = 50, taps = 40;
    std::string only;  // one screen (for profiling)
    std::vector<platform::RendererChoice> renderers = {platform::RendererChoice::Ours,
                                                       platform::RendererChoice::Sdl};
    bool renderers_given = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--frames=", 0) == 0)
            frames = std::max(1, std::atoi(arg.c_str() + 9));
        else if (arg.rfind("--taps=", 0) == 0)
            taps = std::max(2, std::atoi(arg.c_str() + 7));
        else if (arg.rfind("--screen=", 0) == 0)
            only = arg.substr(9);
        else if (arg.rfind("--renderers=", 0) == 0) {
            renderers.clear();
            renderers_given = true;
            std::string list = arg.substr(12) + ",";
            for (std::size_t at = 0, comma; (comma = list.find(',', at)) != std::string::npos;
                 at = comma + 1) {
                platform::RendererChoice choice;
                if (!platform::parse_renderer_choice(list.substr(at, comma - at), choice))
                    Kiosk::fail("unknown renderer in " + arg);
                renderers.push_back(choice);
            }
        } else {
            std::fprintf(stderr,
                         "usage: render_bench [--frames=N] [--taps=N] [--renderers=ours,sdl,gl] "
                         "[--screen=NAME]\n");
            return 2;
        }
    }
    const bool have_display = std::getenv("DISPLAY") != nullptr;
    if (!renderers_given && have_display) renderers.push_back(platform::RendererChoice::OpenGl);
    const bool want_gl = std::find(renderers.begin(), renderers.end(),
                                   platform::RendererChoice::OpenGl) != renderers.end();
    if (!want_gl) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(want_gl ? SDL_INIT_VIDEO : (SDL_INIT_EVENTS | SDL_INIT_TIMER)) != 0)
        Kiosk::fail(SDL_GetError());
    platform::set_log_quiet(true);

    const std::string assets_dir = std::string(MOTCUA_SOURCE_DIR) + "/assets";
    auto strings = platform::load_strings(assets_dir);
    if (!strings) Kiosk::fail(strings.error().detail);
    Assets assets{*strings,
                  {},
                  core::make_offer(platform::load_catalog(assets_dir + "/procedures"), "bundled")};
    if (auto fees = platform::load_fees(assets_dir)) assets.fees = *fees;
    const std::string db_dir =
        std::filesystem::temp_directory_path() / ("render-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(db_dir);
    int db_count = 0;
    auto fresh_db = [&] { return db_dir + "/outbox-" + std::to_string(db_count++) + ".sqlite"; };

    std::printf("frames per screen %d, taps per screen %d; CPU ms of the process per frame\n",
                frames, taps);
    std::printf("%-8s %-9s %-8s %-18s %9s %9s %9s %9s %11s\n", "renderer", "size", "text", "screen",
                "full p50", "full p99", "tap p50", "tap p99", "tap tiles");
    struct Key {
        int size;
        int text;
        int screen;  // index in Screens
        bool operator<(const Key& o) const {
            return std::tie(size, text, screen) < std::tie(o.size, o.text, o.screen);
        }
    };
    std::map<platform::RendererChoice, std::map<Key, Result>> all;
    const int sizes[2][2] = {{1280, 800}, {1920, 1080}};
    for (auto renderer : renderers) {
        for (int s = 0; s < 2; ++s) {
            for (int text = 0; text < 2; ++text) {
                Kiosk kiosk(assets, fresh_db(), renderer, sizes[s][0], sizes[s][1]);
                if (renderer == platform::RendererChoice::OpenGl && !kiosk.gl()) {
                    std::printf("%-8s (no OpenGL here: skipped)\n", "gl");
                    goto next_renderer;
                }
                if (text == 1)
                    kiosk.play("tap \"Chữ to hơn\"\ntap \"Chữ to hơn\"\n");  // the largest text
                for (int screen_index = 0; screen_index < static_cast<int>(std::size(Screens));
                     ++screen_index) {
                    const Screen& screen = Screens[screen_index];
                    kiosk.play(screen.script);
                    if (!only.empty() && only != screen.name) continue;
                    const Result r = measure(kiosk, screen, frames, taps);
                    all[renderer][{s, text, screen_index}] = r;
                    char size[16];
                    std::snprintf(size, sizeof size, "%dx%d", sizes[s][0], sizes[s][1]);
                    const std::string tiles = r.tap_tiles < 0 ? "-"
                                                              : std::to_string(r.tap_tiles) + "/" +
                                                                    std::to_string(r.tiles);
                    std::printf("%-8s %-9s %-8s %-18s %9s %9s %9s %9s %11s\n", name(renderer), size,
                                text ? "largest" : "normal", screen.name, cell(r.full.p50).c_str(),
                                cell(r.full.p99).c_str(), cell(r.tap.p50).c_str(),
                                cell(r.tap.p99).c_str(), tiles.c_str());
                    std::fflush(stdout);
                }
            }
        }
    next_renderer:;
    }

    // Ratios against ours, screen by screen, and the worst screen of each size.
    for (auto renderer : renderers) {
        if (renderer == platform::RendererChoice::Ours || all[renderer].empty()) continue;
        std::printf("\n%s / ours (p50, p99)\n", name(renderer));
        std::printf("%-9s %-8s %-18s %9s %9s %9s %9s\n", "size", "text", "screen", "full p50",
                    "full p99", "tap p50", "tap p99");
        for (const auto& [key, theirs] : all[renderer]) {
            const Result& ours = all[platform::RendererChoice::Ours][key];
            char size[16];
            std::snprintf(size, sizeof size, "%dx%d", sizes[key.size][0], sizes[key.size][1]);
            std::printf("%-9s %-8s %-18s %9s %9s %9s %9s\n", size, key.text ? "largest" : "normal",
                        Screens[key.screen].name, ratio(theirs.full.p50, ours.full.p50).c_str(),
                        ratio(theirs.full.p99, ours.full.p99).c_str(),
                        ratio(theirs.tap.p50, ours.tap.p50).c_str(),
                        ratio(theirs.tap.p99, ours.tap.p99).c_str());
        }
    }
    for (auto renderer : renderers) {
        double worst_full[2] = {0, 0}, worst_tap[2] = {0, 0};
        for (const auto& [key, r] : all[renderer]) {
            worst_full[key.size] = std::max(worst_full[key.size], r.full.p99);
            worst_tap[key.size] = std::max(worst_tap[key.size], r.tap.p99);
        }
        if (!all[renderer].empty())
            std::printf(
                "\n%s: heaviest screen full-frame p99 %.2f ms at 1280x800, %.2f ms at 1920x1080; "
                "tap p99 %.2f / %.2f ms",
                name(renderer), worst_full[0], worst_full[1], worst_tap[0], worst_tap[1]);
    }
    std::printf("\n");

    // A whole visit, attract to thanks, as the script driver plays it: CPU time.
    std::printf(
        "\nCPU time of a whole scripted khai sinh visit (no portal; provisional receipt)\n");
    for (int s = 0; s < 2; ++s) {
        double cpu[2] = {-1, -1};
        const platform::RendererChoice pair[2] = {platform::RendererChoice::Ours,
                                                  platform::RendererChoice::Sdl};
        for (int k = 0; k < 2; ++k) {
            if (std::find(renderers.begin(), renderers.end(), pair[k]) == renderers.end()) continue;
            Kiosk kiosk(assets, fresh_db(), pair[k], sizes[s][0], sizes[s][1]);
            const double start = cpu_ms();
            for (const Screen& screen : Screens) kiosk.play(screen.script);
            kiosk.play("wait 7000\nexpect \"Chạm vào đây để bắt đầu\"\n");
            cpu[k] = cpu_ms() - start;
        }
        std::printf("%dx%d: ours %s ms, sdl %s ms, sdl / ours %s\n", sizes[s][0], sizes[s][1],
                    cell(cpu[0]).c_str(), cell(cpu[1]).c_str(), ratio(cpu[1], cpu[0]).c_str());
    }
    std::filesystem::remove_all(db_dir);
    SDL_Quit();
    return 0;
}
