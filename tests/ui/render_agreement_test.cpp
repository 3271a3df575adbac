// Our renderer (platform/render/) against SDL's software renderer: the same scripted visits are
// played twice, headless, once with each (`--renderer ours` and `--renderer sdl`), and every
// screenshot pair must agree: at least 99.5% of pixels within 8 levels on every channel.
// The scripts together show every screen: attract, choose, search, eligibility, requirements,
// questions (error, keyboard, choice, number pad, repeated documents), review, receipt with its
// QR, rating, thanks; at the largest text size, in high contrast and in English.
// Both sets of PNGs (and a difference image where they disagree) stay in the build tree,
// under render-agreement/<script>/{ours,sdl}/.
// Also: an idle kiosk (the interactive loop, our renderer in a window of SDL's dummy video
// driver) presents no frame once it has settled.
#include <signal.h>
#include <spawn.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include "support/portal_sim_process.h"
#include "support/process.h"

namespace {

using motcua::test::PortalSimProcess;
using motcua::test::TempDir;
namespace fs = std::filesystem;

struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> rgba;
};

std::optional<Image> load_png(const std::string& path) {
    Image image;
    int channels = 0;
    unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 4);
    if (!data) return std::nullopt;
    image.rgba.assign(data, data + static_cast<std::size_t>(image.width) * image.height * 4);
    stbi_image_free(data);
    return image;
}

struct Agreement {
    std::size_t pixels = 0;
    std::size_t same_place =
        0;                  // within the tolerance of the other image's pixel at the same place
    std::size_t close = 0;  // ... or of a pixel at most Reach away, both ways (see below)
    double ratio(std::size_t n) const {
        return pixels ? static_cast<double>(n) / static_cast<double>(pixels) : 0.0;
    }
};

constexpr int Tolerance = 8;  // levels per channel
constexpr int Reach = 2;      // pixels an edge may sit elsewhere

int difference(const Image& a, std::size_t i, const Image& b, std::size_t j) {
    int worst = 0;
    for (int c = 0; c < 3; ++c)
        worst = std::max(worst, std::abs(a.rgba[i * 4 + c] - b.rgba[j * 4 + c]));
    return worst;
}

// Whether a's pixel (x, y) is within the tolerance of b's pixel there or of one at most Reach away.
bool near_match(const Image& a, const Image& b, int x, int y) {
    const std::size_t i = static_cast<std::size_t>(y) * a.width + x;
    for (int dy = -Reach; dy <= Reach; ++dy)
        for (int dx = -Reach; dx <= Reach; ++dx) {
            const int nx = x + dx, ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= b.width || ny >= b.height) continue;
            if (difference(a, i, b, static_cast<std::size_t>(ny) * b.width + nx) <= Tolerance)
                return true;
        }
    return false;
}

// The stated tolerance: a pixel agrees when it is within 8 levels per channel of the other
// renderer's pixel at the same place or at most 2 pixels away, both ways; at least 99.5% of
// pixels must agree, and at least 99% at the same place. The reach is for where SDL's renderer
// puts an edge: it truncates vertex positions to whole pixels and stretches texture coordinates
// across a triangle by one texel less than its width, and ours samples at pixel centres as OpenGL
// does (compared by eye against llvmpipe). Text is on whole pixels (ImGui floors where a line
// starts; glyphs are not oversampled), and so are the boxes of buttons, fields and the scroll
// hint: plain rectangles with plain quarter-disc corners (ui::rounded_box), where ImGui's 2-pixel
// borders were textured lines straddling pixel edges that SDL drew 3 pixels wide and a pixel off
// (same place was 95.3-99.4% then). What is left is anti-aliased: circles, slanted lines.
// A wrong colour, a missing or different glyph, or a shape moved further still fails.
// Writes `diff_path` (disagreeing pixels in red over a faded copy) when any pixel disagrees.
Agreement compare(const Image& a, const Image& b, const std::string& diff_path) {
    Agreement result;
    result.pixels = static_cast<std::size_t>(a.width) * a.height;
    std::vector<unsigned char> diff(a.rgba.size());
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x) {
            const std::size_t i = static_cast<std::size_t>(y) * a.width + x;
            if (difference(a, i, b, i) <= Tolerance) ++result.same_place;
            const bool close = near_match(a, b, x, y) && near_match(b, a, x, y);
            if (close) ++result.close;
            for (int c = 0; c < 3; ++c)
                diff[i * 4 + c] = static_cast<unsigned char>(close ? 128 + a.rgba[i * 4 + c] / 2
                                                                   : (c == 0 ? 255 : 0));
            diff[i * 4 + 3] = 255;
        }
    if (result.close != result.pixels)
        stbi_write_png(diff_path.c_str(), a.width, a.height, 4, diff.data(), a.width * 4);
    return result;
}

motcua::test::ProcessResult play(const std::string& script, const std::string& renderer,
                                 const std::string& shots, const std::string& db,
                                 const std::string& portal, const std::vector<std::string>& extra) {
    std::vector<std::string> argv = {
        MOTCUA_EXE, "--headless", "--renderer",
        renderer,   "--script",   std::string(MOTCUA_SOURCE_DIR) + "/tests/ui/scripts/" + script,
        "--shots",  shots,        "--db",
        db,         "--assets",   std::string(MOTCUA_SOURCE_DIR) + "/assets"};
    if (!portal.empty()) {
        argv.push_back("--portal");
        argv.push_back(portal);
    }
    argv.insert(argv.end(), extra.begin(), extra.end());
    return motcua::test::run_process(argv);
}

}  // namespace

TEST_CASE("our renderer draws every screen as SDL's software renderer does", "[ui][render]") {
    struct Visit {
        const char* script;
        bool portal;
        std::vector<std::string> extra;
    };
    const Visit visit = GENERATE(
        Visit{"khai_sinh.script", true, {}}, Visit{"settings.script", false, {}},
        Visit{"search_exit.script", true, {}}, Visit{"ban_sao_two_documents.script", true, {}},
        Visit{"khai_tu_address.script", true, {"--home-ward", "00070"}});
    const std::string root = std::string(MOTCUA_BINARY_DIR) + "/render-agreement/" +
                             fs::path(visit.script).stem().string();
    fs::remove_all(root);
    fs::create_directories(root);
    for (const char* renderer : {"ours", "sdl"}) {
        // A fresh simulator for each run: the dossier code (and so the receipt's QR) is the same.
        TempDir temp;
        std::unique_ptr<PortalSimProcess> sim;
        if (visit.portal)
            sim = std::make_unique<PortalSimProcess>(
                motcua::test::PortalSimOptions{MOTCUA_PORTAL_SIM,
                                               temp.file("portal.jsonl"),
                                               MOTCUA_SHARED_DATA,
                                               {},
                                               {},
                                               std::chrono::milliseconds(10000)});
        auto result = play(visit.script, renderer, root + "/" + renderer,
                           temp.file("outbox.sqlite"), sim ? sim->url() : "", visit.extra);
        INFO(visit.script << " with --renderer " << renderer << ":\n" << result.output);
        REQUIRE(result.exit_code == 0);
    }
    int compared = 0;
    // Each screen's ratios, printed (and kept in ratios.txt) so a change can be measured.
    std::ofstream ratios(root + "/ratios.txt");
    std::vector<fs::path> shots;
    for (const auto& entry : fs::directory_iterator(root + "/sdl")) shots.push_back(entry.path());
    std::sort(shots.begin(), shots.end());
    for (const fs::path& path : shots) {
        const fs::directory_entry entry(path);
        if (entry.path().extension() != ".png") continue;
        const std::string name = entry.path().filename().string();
        auto sdl = load_png(entry.path().string());
        auto ours = load_png(root + "/ours/" + name);
        INFO(visit.script << ": " << name);
        REQUIRE(sdl);
        REQUIRE(ours);
        REQUIRE(ours->width == sdl->width);
        REQUIRE(ours->height == sdl->height);
        const Agreement agreement =
            compare(*ours, *sdl, root + "/" + entry.path().stem().string() + "-diff.png");
        INFO("pixels within " << Tolerance << " levels, at the same place or " << Reach
                              << " pixels away: " << agreement.close << " of " << agreement.pixels
                              << " (" << agreement.ratio(agreement.close) * 100
                              << "%); at the same place: "
                              << agreement.ratio(agreement.same_place) * 100 << "%");
        std::ostringstream line;
        line << std::fixed << std::setprecision(3) << fs::path(visit.script).stem().string() << '/'
             << name << ": same place " << agreement.ratio(agreement.same_place) * 100
             << "%, close " << agreement.ratio(agreement.close) * 100 << "%\n";
        ratios << line.str();
        std::cout << line.str();
        CHECK(agreement.ratio(agreement.close) >= 0.995);
        CHECK(agreement.ratio(agreement.same_place) >= 0.99);
        ++compared;
    }
    CHECK(compared > 0);
}

TEST_CASE("an idle screen presents no frame once it has settled", "[ui][render][idle]") {
    TempDir temp;
    const std::string log = temp.file("kiosk.log");
    // The interactive loop, as on a kiosk: a window (SDL's dummy video driver, asked for by
    // name), our renderer, nothing touching the screen. SIGTERM closes it like the window's X.
    std::vector<std::string> args = {MOTCUA_EXE,
                                     "--renderer",
                                     "ours",
                                     "--db",
                                     temp.file("outbox.sqlite"),
                                     "--assets",
                                     std::string(MOTCUA_SOURCE_DIR) + "/assets",
                                     "--log",
                                     log};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> environment = {"SDL_VIDEODRIVER=dummy"};
    for (char** entry = environ; *entry; ++entry)
        if (std::strncmp(*entry, "SDL_VIDEODRIVER=", 16) != 0 &&
            std::strncmp(*entry, "DISPLAY=", 8) != 0)
            environment.push_back(*entry);
    std::vector<char*> envp;
    for (auto& entry : environment) envp.push_back(entry.data());
    envp.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, MOTCUA_EXE, nullptr, nullptr, argv.data(), envp.data()) == 0);
    constexpr int IdleMs = 4000;
    std::this_thread::sleep_for(std::chrono::milliseconds(IdleMs));
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);

    // The loop logs, as it ends: "N frames presented; the last T ms after the loop started, which
    // ran R ms".
    std::istringstream lines(motcua::test::read_file(log));
    std::string line, detail;
    while (std::getline(lines, line)) {
        auto record = nlohmann::json::parse(line, nullptr, false);
        if (!record.is_discarded() && record.value("event", "") == "frames")
            detail = record.value("detail", "");
    }
    INFO(detail);
    std::smatch match;
    REQUIRE(std::regex_search(
        detail, match,
        std::regex(
            R"((\d+) frames presented; the last (\d+) ms after the loop started, which ran (\d+) ms)")));
    const long frames = std::stol(match[1]), last_ms = std::stol(match[2]),
               ran_ms = std::stol(match[3]);
    CHECK(frames >= 1);   // the attract screen was drawn
    CHECK(frames <= 10);  // and settled in a few frames
    CHECK(ran_ms >= IdleMs - 1500);
    CHECK(ran_ms - last_ms >= IdleMs - 2000);  // then nothing, however long it stayed idle
}
