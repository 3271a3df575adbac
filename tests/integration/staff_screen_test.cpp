// [staff] Staff mode in a real kiosk in this process (headless, software-rasterised frames, the
// real PIN hash and lockout files): the hidden corner is a real fingertip target that touches
// nothing drawn, on every screen at every text size; and the PIN check leaves the screen alive.
#include <SDL.h>
#include <fcntl.h>
#include <imgui.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <string>
#include <tuple>

#include "core/catalog/offer.h"
#include "platform/assets.h"
#include "platform/driver/script.h"
#include "platform/qr.h"
#include "platform/sdl/app.h"
#include "platform/sdl/fonts.h"
#include "platform/staff/staff_store.h"
#include "platform/store/outbox_store.h"
#include "platform/system/log.h"
#include "platform/system/random.h"
#include "support/portal_sim_process.h"
#include "ui/theme.h"

namespace {

using namespace motcua;
using motcua::test::TempDir;

struct Assets {
    core::Strings strings;
    std::shared_ptr<const core::CatalogOffer> offer;
};

const Assets& assets() {
    static const Assets loaded = [] {
        const std::string dir = MOTCUA_SOURCE_ASSETS;
        auto strings = platform::load_strings(dir);
        REQUIRE(strings);
        return Assets{*strings,
                      core::make_offer(platform::load_catalog(dir + "/procedures"), "bundled")};
    }();
    return loaded;
}

// The same parts main() wires, with the headless driver's manual clock.
class Kiosk {
public:
    Kiosk(const std::string& db, int width, int height, float ppi,
          platform::StaffStore* staff = nullptr)
        : m_clock(/*manual=*/true) {
        static const bool sdl = [] {
            SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
            platform::set_log_quiet(true);
            return SDL_Init(SDL_INIT_EVENTS | SDL_INIT_TIMER) == 0;
        }();
        REQUIRE(sdl);
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        auto display = platform::open_headless(width, height);
        REQUIRE(display);
        auto paths = platform::locate_fonts({});
        REQUIRE(paths);
        auto fonts = platform::load_fonts(*paths, ppi);
        REQUIRE(fonts);
        auto store = platform::OutboxStore::open(db);
        REQUIRE(store);
        m_store = std::move(*store);
        m_session =
            std::make_unique<core::Session>(assets().offer, core::SessionConfig{}, m_random);
        platform::AppParts parts{assets().strings, nullptr, *m_session,       *m_store,
                                 nullptr,          nullptr, platform::make_qr};
        parts.staff = staff;
        m_app = std::make_unique<platform::App>(parts, std::move(*display), *fonts, m_clock);
    }
    ~Kiosk() {
        m_app.reset();
        ImGui::DestroyContext();
    }
    platform::App& app() { return *m_app; }
    void play(const std::string& script) {
        auto commands = platform::parse_script(script);
        REQUIRE(commands);
        auto played = platform::play_script(*m_app, *commands, m_shots);
        INFO(script);
        REQUIRE(played);
    }
    // One finger press and release on this widget, without waiting for what follows.
    void press(const std::string& label) {
        const ui::WidgetRecord* widget = m_app->registry().find(label);
        REQUIRE(widget);
        const float x = widget->rect.center_x(), y = widget->rect.center_y();
        for (bool down : {true, false}) {
            SDL_Event event{};
            event.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
            event.button.button = SDL_BUTTON_LEFT;
            event.button.state = down ? SDL_PRESSED : SDL_RELEASED;
            event.button.which = SDL_TOUCH_MOUSEID;
            event.button.x = static_cast<Sint32>(x);
            event.button.y = static_cast<Sint32>(y);
            event.button.timestamp = static_cast<Uint32>(m_clock.monotonic_ms());
            m_app->feed(event);
            m_clock.advance(80);
        }
    }

private:
    platform::SystemRandom m_random;
    platform::AppClock m_clock;
    std::unique_ptr<platform::OutboxStore> m_store;
    std::unique_ptr<core::Session> m_session;
    std::unique_ptr<platform::App> m_app;
    std::string m_shots = "/tmp";  // the scripts here take no screenshots
};

const std::string Gesture =
    "tap \"staff_corner\"\ntap \"staff_corner\"\ntap \"staff_corner\"\ntap \"staff_corner\"\n"
    "tap \"staff_corner\"\nexpect \"Nhập mã PIN của cán bộ\"\n";

// The corner on this frame: at least 12.7 mm square at the fonts' ppi, clear of every widget,
// text and picture drawn, inside the header's top-left part.
void check_corner(platform::App& app, float ppi, const std::string& where) {
    INFO(where);
    const ui::Registry& registry = app.registry();
    const ui::WidgetRecord* corner = registry.find("staff_corner");
    REQUIRE(corner);
    const ui::Rect rect = corner->rect;
    const float fingertip = ui::TargetMm * ppi / 25.4f;
    INFO("corner " << rect.x << "," << rect.y << " " << rect.w << "×" << rect.h
                   << " px; 12.7 mm = " << fingertip << " px");
    CHECK(rect.w >= fingertip);
    CHECK(rect.h >= fingertip);
    CHECK(rect.x >= 0);
    CHECK(rect.y >= 0);
    CHECK(rect.x + rect.w <= registry.info().screen.w / 2);  // the left half: a corner
    for (const auto& widget : registry.widgets()) {
        INFO("widget " << widget.id << " \"" << widget.label << "\" " << widget.rect.x << ","
                       << widget.rect.y << " " << widget.rect.w << "×" << widget.rect.h);
        CHECK_FALSE(widget.rect.overlaps(rect));
    }
    for (const auto& text : registry.texts()) {
        INFO("text \"" << text.text << "\"");
        CHECK_FALSE(text.rect.overlaps(rect));
    }
    for (const auto& image : registry.images()) CHECK_FALSE(image.rect.overlaps(rect));
}

int mkfifo_or_fail(const std::string& path) {
    return ::mkfifo(path.c_str(), 0600);
}

}  // namespace

TEST_CASE("the hidden staff corner is a 12.7 mm target that overlaps nothing at every size",
          "[staff][corner]") {
    const auto [width, height, ppi] =
        GENERATE(std::make_tuple(1024, 768, 96.0f), std::make_tuple(1280, 800, 96.0f),
                 std::make_tuple(1024, 768, 130.0f));
    const char* size = GENERATE("small", "normal", "large", "xlarge");
    TempDir temp;
    Kiosk kiosk(temp.file("outbox.sqlite"), width, height, ppi);
    const std::string where = std::to_string(width) + "×" + std::to_string(height) + " at " +
                              std::to_string(static_cast<int>(ppi)) + " ppi, " + size + " text";
    // Laid out, not rasterised: the registry is what is checked.
    kiosk.play(std::string("raster off\nsettings ") + size + " standard\n");
    check_corner(kiosk.app(), ppi, where + ", attract");
    kiosk.play("tap \"Chạm vào đây để bắt đầu\"\n");
    check_corner(kiosk.app(), ppi, where + ", choose");
    kiosk.play(
        "tap \"Cấp bản sao trích lục hộ tịch\"\ntap \"Bắt đầu khai\"\n"
        "tap \"Họ, chữ đệm và tên của bạn\"\n");
    check_corner(kiosk.app(), ppi, where + ", question with the keyboard");
    // A real target: five taps there open the PIN pad, and staff can leave again.
    kiosk.play(Gesture + "tap \"Về màn hình người dân\"\nexpect \"Họ, chữ đệm và tên của bạn\"\n");
    kiosk.play("tap \"Gọi cán bộ\"\nexpect \"Cán bộ đang đến giúp bạn\"\n");
    check_corner(kiosk.app(), ppi, where + ", with the call-staff banner");
}

TEST_CASE("frames go on being drawn while the staff PIN is checked, and the pad says so",
          "[staff][pin]") {
    TempDir temp;
    REQUIRE(platform::set_staff_pin(temp.file("staff-pin"), "2468"));
    // The lockout file is a FIFO: the check blocks reading it until the test writes it, so the
    // check is provably still running while the frames below are drawn (no timing involved).
    const std::string lock = temp.file("staff-lock.json");
    REQUIRE(mkfifo_or_fail(lock) == 0);
    platform::StaffStore store(temp.file("staff-pin"), lock, temp.file("staff-counts.json"));
    Kiosk kiosk(temp.file("outbox.sqlite"), 1024, 768, 96.0f, &store);
    kiosk.play(Gesture + "tap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\n");
    platform::App& app = kiosk.app();
    bool released = false;
    // Lets the check read its lockout file and go on. Non-blocking: only if it is reading.
    auto release = [&](bool block) {
        if (released) return true;
        released = true;
        const int fd = ::open(lock.c_str(), O_WRONLY | (block ? 0 : O_NONBLOCK));
        if (fd < 0) return false;
        const std::string clean = R"({"failures":0,"locked_until_unix_ms":0})";
        const bool written =
            ::write(fd, clean.data(), clean.size()) == static_cast<ssize_t>(clean.size());
        ::close(fd);
        return written;
    };
    struct Guard {
        std::function<void()> release;
        ~Guard() { release(); }
    } guard{[&] {
        if (!released) release(false);  // never leave the checker blocked on the FIFO
    }};
    kiosk.press("Mở khoá");
    // The tap lands on the release frame; a frame or two more at most.
    for (int i = 0; i < 3 && !app.session().state().staff.checking; ++i) app.frame();
    REQUIRE(app.session().state().staff.checking);
    const std::uint64_t before = app.display().frames_presented();
    for (int i = 0; i < 5; ++i) app.frame();
    CHECK(app.display().frames_presented() >= before + 5);
    CHECK(app.registry().shows("Đang kiểm tra mã PIN…"));
    const ui::WidgetRecord* submit = app.registry().find("Mở khoá");
    REQUIRE(submit);
    CHECK_FALSE(submit->enabled);  // a second submit is not possible meanwhile
    CHECK(app.session().state().staff.checking);
    CHECK_FALSE(app.session().state().staff.unlocked);

    REQUIRE(release(true));
    kiosk.play("expect \"Hồ sơ trong máy\"\n");  // the answer came back: staff mode is open
    CHECK(app.session().state().staff.unlocked);
    CHECK_FALSE(app.session().state().staff.checking);
}
