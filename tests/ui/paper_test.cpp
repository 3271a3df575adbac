// UI tests of paper (issue 13): the real kiosk, headless, files against portal-sim and prints to
// printer-sim over loopback TCP. The ESC/POS stream is decoded here (init, GS v 0 bands, width,
// height, feed, cut) and checked against the PNG printer-sim made; the PNGs stay in the build
// tree (ui-shots/paper*/printed) to look at, beside the screenshots.
#include <stb_image.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
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

motcua::test::ProcessResult run_kiosk(const std::string& script_path, const std::string& shots,
                                      const std::string& db, std::vector<std::string> extra) {
    std::vector<std::string> argv = {MOTCUA_EXE, "--headless",
                                     "--script", script_path,
                                     "--shots",  shots,
                                     "--db",     db,
                                     "--assets", std::string(MOTCUA_SOURCE_DIR) + "/assets"};
    for (auto& arg : extra) argv.push_back(std::move(arg));
    return motcua::test::run_process(argv);
}

// The filing of paper_receipt.script up to the portal's answer, then `rest`.
std::string filing_then(const TempDir& temp, const std::string& name, const std::string& rest) {
    std::istringstream lines(motcua::test::read_file(Scripts + "paper_receipt.script"));
    std::string script, line;
    while (std::getline(lines, line)) {
        script += line + "\n";
        if (line.rfind("wait-for \"Cổng dịch vụ công đã nhận", 0) == 0) break;
    }
    const std::string path = temp.file(name);
    motcua::test::write_file(path, script + rest);
    return path;
}

bool wait_for_file(const std::string& path) {
    for (int i = 0; i < 250 && !std::filesystem::exists(path); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return std::filesystem::exists(path);
}

// What an ESC/POS raster job says, decoded strictly: ESC @, GS v 0 bands of one width, ESC d n,
// GS V 66 0, and nothing else.
struct RasterJob {
    int width = 0, height = 0, bands = 0, feed_lines = 0;
    bool initialised = false, partial_cut = false;
    std::vector<std::uint8_t> bits;
};

RasterJob decode_raster(const std::string& bytes) {
    RasterJob job;
    std::size_t at = 0;
    auto byte = [&](std::size_t i) {
        REQUIRE(i < bytes.size());
        return static_cast<std::uint8_t>(bytes[i]);
    };
    REQUIRE(bytes.size() > 2);
    job.initialised = byte(0) == 0x1B && byte(1) == '@';
    at = 2;
    while (at < bytes.size() && byte(at) == 0x1D && byte(at + 1) == 'v') {
        REQUIRE(byte(at + 2) == '0');
        REQUIRE(byte(at + 3) == 0);  // normal density
        const int row_bytes = byte(at + 4) | (byte(at + 5) << 8);
        const int rows = byte(at + 6) | (byte(at + 7) << 8);
        if (job.bands == 0) job.width = row_bytes * 8;
        CHECK(row_bytes * 8 == job.width);
        const std::size_t size =
            static_cast<std::size_t>(row_bytes) * static_cast<std::size_t>(rows);
        REQUIRE(at + 8 + size <= bytes.size());
        job.bits.insert(job.bits.end(), bytes.begin() + static_cast<std::ptrdiff_t>(at + 8),
                        bytes.begin() + static_cast<std::ptrdiff_t>(at + 8 + size));
        job.height += rows;
        job.bands += 1;
        at += 8 + size;
    }
    if (at + 2 < bytes.size() && byte(at) == 0x1B && byte(at + 1) == 'd') {
        job.feed_lines = byte(at + 2);
        at += 3;
    }
    job.partial_cut = at + 4 == bytes.size() && byte(at) == 0x1D && byte(at + 1) == 'V' &&
                      byte(at + 2) == 66 && byte(at + 3) == 0;
    return job;
}

// The printed page: decoded from the bytes, and the same dots in printer-sim's PNG.
RasterJob check_printed(const std::string& dir, int number) {
    char name[32];
    std::snprintf(name, sizeof name, "receipt-%03d", number);
    const std::string bin = dir + "/" + name + ".bin", png = dir + "/" + name + ".png";
    REQUIRE(wait_for_file(bin));
    REQUIRE(wait_for_file(png));
    const RasterJob job = decode_raster(motcua::test::read_file(bin));
    CHECK(job.initialised);
    CHECK(job.partial_cut);
    CHECK(job.feed_lines == 4);
    CHECK(job.bands >= 2);  // tall pages go in bands
    int width = 0, height = 0, channels = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> grey(
        stbi_load(png.c_str(), &width, &height, &channels, 1), stbi_image_free);
    REQUIRE(grey != nullptr);
    CHECK(width == job.width);
    CHECK(height == job.height);
    long differ = 0, black = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const bool dot =
                (job.bits[static_cast<std::size_t>(y * (width / 8) + x / 8)] >> (7 - x % 8)) & 1;
            black += dot;
            differ += dot != (grey.get()[static_cast<std::size_t>(y * width + x)] < 128);
        }
    CHECK(differ == 0);
    CHECK(black > 2000);  // there is print on it
    return job;
}

}  // namespace

TEST_CASE("a resident scans, files, and takes the printed receipt and queue ticket",
          "[ui][paper][printer-sim]") {
    TempDir temp;
    auto portal = start_portal(temp);
    const std::string shots = fresh_shots_dir("paper");
    const std::string printed = shots + "/printed";
    auto printer = start_printer(printed);
    const int dots = GENERATE(576, 384);
    auto result =
        run_kiosk(Scripts + "paper_receipt.script", shots + "/" + std::to_string(dots),
                  temp.file("outbox.sqlite"),
                  {"--portal", portal->url(), "--printer", printer->uri(), "--printer-dots",
                   std::to_string(dots), "--office-name", "UBND phường Bến Nghé", "--bank-bin",
                   "970415", "--bank-account", "0011001932418", "--bank-name", "VietinBank"});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    // The receipt (tall, in bands), then the queue ticket, each cut.
    const RasterJob receipt = check_printed(printed, 1);
    CHECK(receipt.width == dots);
    CHECK(receipt.height > 1200);
    const RasterJob ticket = check_printed(printed, 2);
    CHECK(ticket.width == dots);
    CHECK(ticket.height < receipt.height / 2);
    printer->stop();
    std::filesystem::rename(printed, shots + "/printed-" + std::to_string(dots));
}

TEST_CASE("no paper or no printer: the resident is told to photograph the code, staff are told why",
          "[ui][paper][printer-sim]") {
    TempDir temp;
    auto portal = start_portal(temp);
    auto [mode, reason] = GENERATE(
        table<std::string, std::string>({{"--paper-out", "máy in hết giấy"},
                                         {"--cover-open", "nắp máy in đang mở"},
                                         {"unreachable", "không kết nối được với máy in"}}));
    const std::string shots = fresh_shots_dir("paper-fault" + mode);
    std::unique_ptr<PrinterSimProcess> printer;
    std::string uri = "tcp://127.0.0.1:9";  // nothing listens there on loopback
    if (mode != "unreachable") {
        printer = start_printer(shots + "/printed", {mode});
        uri = printer->uri();
    }
    const std::string script = filing_then(temp, "fault.script",
                                           "wait-for \"" + reason +
                                               "\" 15000\n"
                                               "expect \"chụp ảnh mã QR và mã hồ sơ\"\n"
                                               "expect \"000.00.01.H99-\"\n"
                                               "shot 01-receipt-not-printed\n"
                                               "audit\n"
                                               "tap \"Xong\"\n"
                                               "tap \"Bỏ qua\"\n"
                                               "expect \"Chạm vào đây để bắt đầu\"\n"
                                               // Residents see a discreet marker only; staff
                                               // mode's status page names the printer's problem.
                                               "expect \"• • •\"\n"
                                               "shot 02-attract-staff-marker\n"
                                               "tap \"staff_corner\"\ntap \"staff_corner\"\n"
                                               "tap \"staff_corner\"\ntap \"staff_corner\"\n"
                                               "tap \"staff_corner\"\n"
                                               "tap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\n"
                                               "tap \"Mở khoá\"\n"
                                               "tap \"Tình trạng máy\"\n"
                                               "expect \"Máy in: " +
                                               reason +
                                               "\"\n"
                                               "shot 03-staff-status-printer\n");
    {
        auto pin = motcua::test::run_process(
            {"/bin/sh", "-c", "printf '2468\\n' | \"$1\" --set-staff-pin --db \"$2\"", "set-pin",
             MOTCUA_EXE, temp.file("outbox.sqlite")});
        INFO(pin.output);
        REQUIRE(pin.exit_code == 0);
    }
    auto result = run_kiosk(script, shots, temp.file("outbox.sqlite"),
                            {"--portal", portal->url(), "--printer", uri});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    if (printer) CHECK_FALSE(std::filesystem::exists(shots + "/printed/receipt-001.png"));
}

TEST_CASE("a kiosk without a printer shows the receipt and says to photograph the code",
          "[ui][paper]") {
    TempDir temp;
    auto portal = start_portal(temp);
    const std::string shots = fresh_shots_dir("paper-none");
    const std::string script =
        filing_then(temp, "none.script",
                    "wait-for \"Máy này không in được giấy\" 15000\n"
                    "wait-for \"Máy này không in được phiếu. Hãy nhớ số HT-001\" 15000\n"
                    "expect \"HT-001\"\n"
                    "shot 01-receipt-no-printer\n"
                    "audit\n");
    auto result = run_kiosk(script, shots, temp.file("outbox.sqlite"), {"--portal", portal->url()});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
}

TEST_CASE("queue numbers from the attract screen go on across a restart of the kiosk",
          "[ui][paper][ticket]") {
    TempDir temp;
    const std::string shots = fresh_shots_dir("paper-ticket");
    auto printer = start_printer(shots + "/printed");
    auto take = [&](const std::string& number, const std::string& shot) {
        const std::string script = temp.file("ticket.script");
        motcua::test::write_file(script,
                                 "tap \"Lấy số thứ tự\"\n"
                                 "expect \"Bạn cần đến quầy nào?\"\n"
                                 "shot " +
                                     shot +
                                     "-choose\n"
                                     "audit\n"
                                     "tap \"Chứng thực\"\n"
                                     "wait-for \"Đã in số thứ tự\" 15000\n"
                                     "expect \"" +
                                     number +
                                     "\"\n"
                                     "expect \"Quầy Chứng thực\"\n"
                                     "shot " +
                                     shot +
                                     "-number\n"
                                     "audit\n"
                                     "tap \"Xong\"\n"
                                     "expect-not \"" +
                                     number + "\"\n");
        auto result =
            run_kiosk(script, shots, temp.file("outbox.sqlite"),
                      {"--printer", printer->uri(), "--office-name", "UBND phường Bến Nghé"});
        INFO(result.output);
        REQUIRE(result.exit_code == 0);
    };
    take("CT-001", "01");
    take("CT-002", "02");  // a new process: the number is not given twice
    check_printed(shots + "/printed", 1);
    check_printed(shots + "/printed", 2);
}

TEST_CASE("the longest name at 1024 x 768 and every text size: code, QR and words all whole",
          "[ui][paper][hostile]") {
    TempDir temp;
    auto portal = start_portal(temp);
    const std::string shots = fresh_shots_dir("paper-hostile");
    auto printer = start_printer(shots + "/printed");
    auto result = run_kiosk(
        Scripts + "paper_hostile.script", shots, temp.file("outbox.sqlite"),
        {"--portal", portal->url(), "--printer", printer->uri(), "--size", "1024x768", "--bank-bin",
         "970415", "--bank-account", "0011001932418", "--bank-name", "VietinBank"});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    check_printed(shots + "/printed", 1);
}
