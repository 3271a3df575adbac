// [staff] Staff mode and the printer, end to end: the real kiosk, headless, files against
// portal-sim and prints to printer-sim over loopback TCP. A roll nearly out is named to staff
// (status page, the attract screen's discreet marker, the metrics), and staff reprint a
// receipt by its code from staff mode: printer-sim receives the same page a second time.
#include <stb_image.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/portal_sim_process.h"
#include "support/printer_sim_process.h"
#include "support/process.h"
#include "support/ui_kiosk.h"

namespace {

using motcua::test::fresh_shots_dir;
using motcua::test::PortalSimProcess;
using motcua::test::PrinterSimOptions;
using motcua::test::PrinterSimProcess;
using motcua::test::start_portal;
using motcua::test::start_printer;
using motcua::test::stored_dossiers;
using motcua::test::TempDir;

const std::string Scripts = std::string(MOTCUA_SOURCE_DIR) + "/tests/ui/scripts/";

motcua::test::ProcessResult run_kiosk(const TempDir& temp, const std::string& name,
                                      const std::string& script, const std::string& shots,
                                      std::vector<std::string> extra) {
    const std::string path = temp.file(name + ".script");
    motcua::test::write_file(path, script);
    std::vector<std::string> argv = {MOTCUA_EXE, "--headless",
                                     "--script", path,
                                     "--shots",  shots,
                                     "--db",     temp.file("outbox.sqlite"),
                                     "--log",    temp.file(name + ".log"),
                                     "--assets", std::string(MOTCUA_SOURCE_DIR) + "/assets"};
    for (auto& arg : extra) argv.push_back(std::move(arg));
    return motcua::test::run_process(argv);
}

void set_pin(const TempDir& temp) {
    auto pin = motcua::test::run_process({"/bin/sh", "-c",
                                          "printf '2468\\n' | \"$1\" --set-staff-pin --db \"$2\"",
                                          "set-pin", MOTCUA_EXE, temp.file("outbox.sqlite")});
    INFO(pin.output);
    REQUIRE(pin.exit_code == 0);
}

// paper_receipt.script (scan, file, receipt and queue ticket printed), then back to attract.
std::string filing() {
    std::istringstream lines(motcua::test::read_file(Scripts + "paper_receipt.script"));
    std::string script, line;
    while (std::getline(lines, line)) {
        // No screenshots or audits here, and no bank account: no payment QR to expect.
        if (line.rfind("shot ", 0) == 0 || line == "audit" ||
            line.find("Nội dung chuyển khoản") != std::string::npos)
            continue;
        script += line + "\n";
    }
    return script + "tap \"Xong\"\ntap \"Bỏ qua\"\nexpect \"Chạm vào đây để bắt đầu\"\n";
}

const std::string StaffIn =
    "tap \"staff_corner\"\ntap \"staff_corner\"\ntap \"staff_corner\"\ntap \"staff_corner\"\n"
    "tap \"staff_corner\"\ntap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\ntap \"Mở khoá\"\n"
    "expect \"Hồ sơ trong máy\"\n";

bool wait_for_file(const std::string& path) {
    for (int i = 0; i < 500 && !std::filesystem::exists(path); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return std::filesystem::exists(path);
}

std::string printed(const std::string& dir, int number, const char* ext) {
    char name[32];
    std::snprintf(name, sizeof name, "receipt-%03d.%s", number, ext);
    return dir + "/" + name;
}

// The dots of a PNG printer-sim wrote (grey, one byte a dot).
std::vector<unsigned char> dots_of(const std::string& png, int& width, int& height) {
    int channels = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> grey(
        stbi_load(png.c_str(), &width, &height, &channels, 1), stbi_image_free);
    REQUIRE(grey != nullptr);
    return {grey.get(), grey.get() + static_cast<std::size_t>(width) * height};
}

}  // namespace

TEST_CASE("a printer near the end of its roll is named to staff, on the marker and in the metrics",
          "[ui][staff][printer-sim]") {
    TempDir temp;
    set_pin(temp);
    auto portal = start_portal(temp);
    const std::string shots = fresh_shots_dir("staff-near-end");
    auto printer = start_printer(shots + "/printed", {"--near-end"});
    const std::string metrics = temp.file("kiosk.prom");
    auto result = run_kiosk(
        temp, "near-end",
        filing() +
            // The resident sees only the discreet marker; staff read why.
            "expect \"• • •\"\n"
            "shot 01-attract-marker\n" +
            StaffIn +
            "tap \"Tình trạng máy\"\n"
            "expect \"Máy in: giấy sắp hết, hãy thay cuộn\"\n"
            "shot 02-staff-status-near-end\n"
            "audit\n",
        shots, {"--portal", portal->url(), "--printer", printer->uri(), "--metrics-file", metrics});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    // It printed all the same: the receipt and the ticket.
    CHECK(std::filesystem::exists(printed(shots + "/printed", 1, "png")));
    CHECK(std::filesystem::exists(printed(shots + "/printed", 2, "png")));
    const std::string text = motcua::test::read_file(metrics);
    INFO(text);
    CHECK(text.find("motcua_printer_status{status=\"near_end\"} 1") != std::string::npos);
    CHECK(text.find("status=\"unknown\"") == std::string::npos);  // one status at a time
    CHECK(motcua::test::read_file(temp.file("near-end.log")).find("printer_near_end") !=
          std::string::npos);
}

TEST_CASE("staff reprint a receipt by its code from staff mode and printer-sim prints it again",
          "[ui][staff][reprint][printer-sim]") {
    TempDir temp;
    set_pin(temp);
    auto portal = start_portal(temp);
    const std::string shots = fresh_shots_dir("staff-reprint");
    const std::string out = shots + "/printed";
    auto printer = start_printer(out);
    const std::vector<std::string> flags = {"--portal", portal->url(), "--printer", printer->uri()};
    // A resident files and takes the receipt (001) and the queue ticket (002).
    auto filed = run_kiosk(temp, "file", filing(), shots + "/file", flags);
    INFO(filed.output);
    REQUIRE(filed.exit_code == 0);
    REQUIRE(wait_for_file(printed(out, 2, "png")));
    const auto dossiers = stored_dossiers(temp.file("portal.jsonl"));
    REQUIRE(dossiers.size() == 1);
    const std::string code = dossiers[0].value("MaHoSo", "");
    INFO(dossiers[0].dump());
    REQUIRE(!code.empty());

    // Later (another start of the kiosk), staff come, open staff mode and type that code.
    auto reprinted = run_kiosk(temp, "reprint",
                               StaffIn +
                                   "tap \"staff_reprint_code\"\n"
                                   "type \"" +
                                   code +
                                   "\"\n"
                                   "expect \"" +
                                   code +
                                   "\"\n"
                                   "tap \"staff_reprint_typed\"\n"
                                   "expect \"Đã gửi lệnh in lại biên nhận.\"\n"
                                   "shot 01-reprint-asked\n"
                                   "audit\n",
                               shots + "/reprint", flags);
    INFO(reprinted.output);
    REQUIRE(reprinted.exit_code == 0);
    REQUIRE(wait_for_file(printed(out, 3, "png")));
    CHECK(motcua::test::read_file(temp.file("reprint.log")).find("receipt_reprint") !=
          std::string::npos);
    // The same page, dot for dot: the same dossier's receipt.
    CHECK(motcua::test::read_file(printed(out, 3, "bin")) ==
          motcua::test::read_file(printed(out, 1, "bin")));
    int width1 = 0, height1 = 0, width3 = 0, height3 = 0;
    const auto first = dots_of(printed(out, 1, "png"), width1, height1);
    const auto again = dots_of(printed(out, 3, "png"), width3, height3);
    CHECK(width3 == width1);
    CHECK(height3 == height1);
    CHECK(again == first);
    int ticket_width = 0, ticket_height = 0;
    dots_of(printed(out, 2, "png"), ticket_width, ticket_height);
    CHECK(height1 > 2 * ticket_height);  // the receipt, not the queue ticket
    printer->stop();
}
