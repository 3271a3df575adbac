// [layout] The accessibility audit on every screen a resident meets (attract, choose and its
// search, eligibility, requirements, the question page as entered, with an error and the
// keyboard open, typed, a choice and the number pad, the address steps, review, receipt, rating,
// thanks, lookup with and without an error, the idle overlay), each at the 4 text sizes × 4
// contrast modes, on the 5 screen sizes the kiosks have. Frames are laid out without being
// rasterised (the audit reads the registry); the shots kept in the build tree
// (ui-shots/audit-matrix/WxH/) are the largest size in every contrast and normal/standard, of
// every screen, at every screen size (the "some" policy of the matrix command).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/portal_sim_process.h"
#include "support/process.h"

namespace {

void audit_every_screen(const std::string& size) {
    motcua::test::TempDir temp;
    motcua::test::PortalSimProcess sim({MOTCUA_PORTAL_SIM,
                                        temp.file("portal.jsonl"),
                                        MOTCUA_SHARED_DATA,
                                        {},
                                        {},
                                        std::chrono::milliseconds(10000)});
    const std::string shots = std::string(MOTCUA_BINARY_DIR) + "/ui-shots/audit-matrix/" + size;
    std::filesystem::remove_all(shots);
    auto result = motcua::test::run_process(
        {MOTCUA_EXE, "--headless", "--size", size, "--script",
         std::string(MOTCUA_SOURCE_DIR) + "/tests/ui/scripts/audit_matrix.script", "--shots", shots,
         "--db", temp.file("outbox.sqlite"), "--assets", std::string(MOTCUA_SOURCE_DIR) + "/assets",
         "--portal", sim.url(), "--home-ward", "00070"});
    INFO(size << "\n" << result.output);
    CHECK(result.exit_code == 0);
    // The shots are there to look at: the largest text in high contrast, among others.
    CHECK(std::filesystem::exists(shots + "/question-error-keyboard-xlarge-high-dark.png"));
    CHECK(std::filesystem::exists(shots + "/receipt-xlarge-high-light.png"));
}

}  // namespace

// One test per screen size, so ctest runs them side by side.
TEST_CASE("every screen passes the audit at every text size and contrast on 1024x768",
          "[ui][audit-matrix]") {
    audit_every_screen("1024x768");
}

TEST_CASE("every screen passes the audit at every text size and contrast on 1280x800",
          "[ui][audit-matrix]") {
    audit_every_screen("1280x800");
}

TEST_CASE("every screen passes the audit at every text size and contrast on 1366x768",
          "[ui][audit-matrix]") {
    audit_every_screen("1366x768");
}

TEST_CASE("every screen passes the audit at every text size and contrast on 1920x1080",
          "[ui][audit-matrix]") {
    audit_every_screen("1920x1080");
}

TEST_CASE("every screen passes the audit at every text size and contrast on 1080x1920 (portrait)",
          "[ui][audit-matrix]") {
    audit_every_screen("1080x1920");
}

// [pixels] The content drops a size while the keyboard is open only where the field, its label,
// its error and the keyboard would not fit at the resident's size: on 768-px-high screens, not on
// 1920x1080 (where it used to drop to Normal to keep the page's heading in view as well).
TEST_CASE("while typing on a text question the largest text is kept where the field fits",
          "[ui][audit-matrix][typing]") {
    struct Screen {
        const char* size;
        const char* expected;
    };
    const Screen screen = GENERATE(Screen{"1920x1080", "xlarge"}, Screen{"1080x1920", "xlarge"},
                                   Screen{"1024x768", "large"});
    motcua::test::TempDir temp;
    const std::string script = temp.file("typing.script");
    {
        std::ofstream out(script);
        out << motcua::test::read_file(std::string(MOTCUA_SOURCE_DIR) +
                                       "/tests/ui/scripts/typing_size.script")
            << "expect-size " << screen.expected << "\n";
    }
    const std::string shots =
        std::string(MOTCUA_BINARY_DIR) + "/ui-shots/typing-size/" + screen.size;
    std::filesystem::remove_all(shots);
    auto result =
        motcua::test::run_process({MOTCUA_EXE, "--headless", "--size", screen.size, "--script",
                                   script, "--shots", shots, "--db", temp.file("outbox.sqlite"),
                                   "--assets", std::string(MOTCUA_SOURCE_DIR) + "/assets"});
    INFO(screen.size << "\n" << result.output);
    CHECK(result.exit_code == 0);
    CHECK(std::filesystem::exists(shots + "/typing-typed.png"));
}
