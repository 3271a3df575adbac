// ESC/POS bytes, status decoding, and printing for real over loopback TCP to printer-sim.
#include "platform/print/printer.h"

#include <stb_image.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include "core/receipt/vietqr.h"
#include "platform/print/escpos.h"
#include "platform/print/receipt_image.h"
#include "platform/qr.h"
#include "support/portal_sim_process.h"
#include "support/printer_sim_process.h"

using namespace motcua::platform::print;
using motcua::test::PrinterSimOptions;
using motcua::test::PrinterSimProcess;
using motcua::test::TempDir;

namespace {

// A test card: a one-dot border, a diagonal, a checkerboard block and a few stripes, so a lost
// band, a shifted row or a flipped bit order all show.
MonoImage test_card(int width, int height) {
    MonoImage image(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const bool border = x == 0 || y == 0 || x == width - 1 || y == height - 1;
            const bool diagonal = x == (y * width) / height;
            const bool checker =
                x > 16 && x < 120 && y > 16 && y < 120 && ((x / 3 + y / 3) % 2 == 0);
            const bool stripe = y > 200 && y % 7 == 0 && x % 5 != 0;
            image.set(x, y, border || diagonal || checker || stripe);
        }
    return image;
}

struct Png {
    int width = 0, height = 0;
    std::vector<std::uint8_t> grey;
};

Png load_png(const std::string& path) {
    int width = 0, height = 0, channels = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> data(
        stbi_load(path.c_str(), &width, &height, &channels, 1), stbi_image_free);
    REQUIRE(data != nullptr);
    Png png{width, height, {}};
    png.grey.assign(data.get(), data.get() + static_cast<std::size_t>(width) *
                                                 static_cast<std::size_t>(height));
    return png;
}

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (int value : values) out += static_cast<char>(value);
    return out;
}

PrinterSimOptions sim_options(const TempDir& dir, std::vector<std::string> extra = {}) {
    PrinterSimOptions options;
    options.binary = MOTCUA_PRINTER_SIM;
    options.out_dir = dir.path();
    options.extra_args = std::move(extra);
    return options;
}

}  // namespace

TEST_CASE("an image is sent as init, raster bands, a feed and a partial cut", "[printer][escpos]") {
    const MonoImage image = test_card(Paper58mmDots, 300);
    auto job = encode_escpos(image, EscPosOptions{128, 4, Cut::Partial});
    REQUIRE(job.ok());
    const std::string& out = job.value();
    const std::size_t row_bytes = 48;
    REQUIRE(out.size() == 2 + 3 * 8 + row_bytes * 300 + 3 + 4);
    CHECK(out.substr(0, 2) == bytes({0x1B, 0x40}));
    std::size_t at = 2;
    int top = 0;
    for (int rows : {128, 128, 44}) {
        CHECK(out.substr(at, 8) == bytes({0x1D, 0x76, 0x30, 0x00, 48, 0, rows, 0}));
        const std::string expected(
            reinterpret_cast<const char*>(image.bits.data()) + top * row_bytes, rows * row_bytes);
        CHECK(out.substr(at + 8, rows * row_bytes) == expected);
        at += 8 + rows * row_bytes;
        top += rows;
    }
    CHECK(out.substr(at) == bytes({0x1B, 0x64, 4, 0x1D, 0x56, 66, 0}));
}

TEST_CASE("a full cut, no feed and a tall band are encoded as asked", "[printer][escpos]") {
    const MonoImage image = test_card(Paper80mmDots, 1000);
    auto job = encode_escpos(image, EscPosOptions{960, 0, Cut::Full});
    REQUIRE(job.ok());
    CHECK(job->size() == 2 + 2 * 8 + 72 * 1000 + 4);
    CHECK(job->substr(2, 8) == bytes({0x1D, 0x76, 0x30, 0x00, 72, 0, 960 & 0xFF, 960 >> 8}));
    CHECK(job->substr(job->size() - 4) == bytes({0x1D, 0x56, 65, 0}));
    auto uncut = encode_escpos(image, EscPosOptions{128, 2, Cut::None});
    REQUIRE(uncut.ok());
    CHECK(uncut->substr(uncut->size() - 3) == bytes({0x1B, 0x64, 2}));
}

TEST_CASE("an image the printer cannot take is refused", "[printer][escpos]") {
    SECTION("width") {
        const int width = GENERATE(0, 383, 577, 584);
        MonoImage image;
        image.width = width;
        image.height = 10;
        image.bits.assign(static_cast<std::size_t>(width / 8) * 10, 0);
        auto job = encode_escpos(image);
        REQUIRE_FALSE(job.ok());
        CHECK(job.error().code == "print_image_invalid");
    }
    SECTION("height or bits") {
        MonoImage image(384, 10);
        image.bits.pop_back();
        CHECK_FALSE(encode_escpos(image).ok());
        CHECK_FALSE(encode_escpos(MonoImage(384, 0)).ok());
    }
    SECTION("band size") {
        CHECK_FALSE(encode_escpos(MonoImage(384, 10), EscPosOptions{0, 4, Cut::Partial}).ok());
        CHECK_FALSE(encode_escpos(MonoImage(384, 10), EscPosOptions{2048, 4, Cut::Partial}).ok());
    }
}

TEST_CASE("DLE EOT replies decode as printing.md reads them", "[printer][escpos]") {
    CHECK(status_request(StatusQuery::PaperSensor) == bytes({0x10, 0x04, 4}));
    PrinterStatus status;
    for (auto query : {StatusQuery::Printer, StatusQuery::OfflineCause, StatusQuery::PaperSensor})
        CHECK(apply_status_byte(query, 0x12, status));
    CHECK(status.ready());
    CHECK_FALSE(status.near_end);

    CHECK(apply_status_byte(StatusQuery::PaperSensor, 0x1E, status));
    CHECK(status.near_end);
    CHECK(status.ready());
    CHECK(apply_status_byte(StatusQuery::PaperSensor, 0x72, status));
    CHECK(status.paper_out);
    CHECK_FALSE(status.near_end);
    CHECK_FALSE(status.ready());

    PrinterStatus offline;
    CHECK(apply_status_byte(StatusQuery::Printer, 0x1A, offline));
    CHECK(offline.offline);
    PrinterStatus cover;
    CHECK(apply_status_byte(StatusQuery::OfflineCause, 0x16, cover));
    CHECK(cover.cover_open);

    // Not status bytes: bit 0 or 7 set, or bit 1 or 4 clear.
    for (int bad : {0x00, 0x13, 0x92, 0x10, 0x02, 0xFF}) {
        PrinterStatus untouched;
        CHECK_FALSE(apply_status_byte(StatusQuery::PaperSensor,
                                      static_cast<std::uint8_t>(bad | 0x60), untouched));
        CHECK_FALSE(untouched.paper_out);
    }
}

TEST_CASE("a receipt printed over TCP comes back from printer-sim pixel for pixel",
          "[printer][printer-sim]") {
    TempDir dir("motcua-print-");
    PrinterSimProcess sim(sim_options(dir));
    const int width = GENERATE(Paper58mmDots, Paper80mmDots);
    const MonoImage image = test_card(width, 777);
    auto job = encode_escpos(image, EscPosOptions{128, 4, Cut::Partial});
    REQUIRE(job.ok());

    auto report = print_job(sim.uri(), job.value());
    INFO(sim.log());
    REQUIRE(report.ok());
    CHECK(report->status_known);
    CHECK(report->before.ready());
    CHECK(report->after.ready());
    CHECK(report->bytes_sent == job->size());

    // The status asked after the job is answered after the cut was handled: the PNG is there.
    const std::string png_path = dir.file("receipt-001.png");
    REQUIRE(std::filesystem::exists(png_path));
    const Png png = load_png(png_path);
    CHECK(png.width == width);
    CHECK(png.height == 777);
    int mismatches = 0;
    for (int y = 0; y < png.height; ++y)
        for (int x = 0; x < png.width; ++x)
            if ((png.grey[static_cast<std::size_t>(y * png.width + x)] == 0) != image.black(x, y))
                ++mismatches;
    CHECK(mismatches == 0);
    CHECK(sim.log().find("cut 1: " + std::to_string(width) + "x777 in 7 bands, 4 feed lines") !=
          std::string::npos);
}

TEST_CASE("two receipts on one connection make two PNGs", "[printer][printer-sim]") {
    TempDir dir("motcua-print-");
    PrinterSimProcess sim(sim_options(dir));
    auto printer = Printer::open(sim.uri());
    REQUIRE(printer.ok());
    auto first = encode_escpos(test_card(384, 50));
    auto second = encode_escpos(test_card(576, 60));
    REQUIRE((first.ok() && second.ok()));
    REQUIRE(printer->write(first.value()).ok());
    REQUIRE(printer->write(second.value()).ok());
    REQUIRE(printer->status().ok());
    CHECK(load_png(dir.file("receipt-001.png")).height == 50);
    CHECK(load_png(dir.file("receipt-002.png")).width == 576);
}

TEST_CASE("a printer without paper, with its cover open or near its paper end says so",
          "[printer][printer-sim]") {
    TempDir dir("motcua-print-");
    auto job = encode_escpos(test_card(384, 100));
    REQUIRE(job.ok());
    SECTION("paper out: refused before anything is sent") {
        PrinterSimProcess sim(sim_options(dir, {"--paper-out"}));
        auto report = print_job(sim.uri(), job.value());
        REQUIRE_FALSE(report.ok());
        CHECK(report.error().code == "printer_paper_out");
        CHECK(sim.log().find("cut") == std::string::npos);
    }
    SECTION("cover open") {
        PrinterSimProcess sim(sim_options(dir, {"--cover-open"}));
        auto report = print_job(sim.uri(), job.value());
        REQUIRE_FALSE(report.ok());
        CHECK(report.error().code == "printer_cover_open");
    }
    SECTION("near end: printed, and the status says near end") {
        PrinterSimProcess sim(sim_options(dir, {"--near-end"}));
        auto report = print_job(sim.uri(), job.value());
        REQUIRE(report.ok());
        CHECK(report->before.near_end);
        CHECK(report->after.near_end);
        CHECK(std::filesystem::exists(dir.file("receipt-001.png")));
    }
}

TEST_CASE("a printer that does not answer is reported within the status timeout",
          "[printer][printer-sim]") {
    TempDir dir("motcua-print-");
    PrinterSimProcess sim(sim_options(dir, {"--no-answer"}));
    PrinterOptions options;
    options.status_timeout = std::chrono::milliseconds(300);
    auto job = encode_escpos(test_card(384, 100));
    REQUIRE(job.ok());
    const auto start = std::chrono::steady_clock::now();
    auto report = print_job(sim.uri(), job.value(), options);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().code == "printer_no_answer");
    CHECK(elapsed >= std::chrono::milliseconds(300));
    CHECK(elapsed < std::chrono::seconds(3));
}

TEST_CASE("printer-sim refuses a command it does not know and drops the connection",
          "[printer][printer-sim]") {
    TempDir dir("motcua-print-");
    PrinterSimProcess sim(sim_options(dir));
    auto printer = Printer::open(sim.uri());
    REQUIRE(printer.ok());
    REQUIRE(printer->write(bytes({0x1B, 0x74, 27})).ok());  // ESC t: select a code page
    auto status = printer->status();
    CHECK_FALSE(status.ok());
    CHECK(sim.log().find("refused unknown ESC command at stream offset 0") != std::string::npos);
}

TEST_CASE("printer destinations are parsed from their URI", "[printer]") {
    TempDir dir("motcua-print-");
    auto job = encode_escpos(test_card(384, 20));
    REQUIRE(job.ok());
    SECTION("file: gets exactly the job, without status") {
        auto report = print_job("file:" + dir.file("job.bin"), job.value());
        REQUIRE(report.ok());
        CHECK_FALSE(report->status_known);
        CHECK(motcua::test::read_file(dir.file("job.bin")) == job.value());
    }
    SECTION("a plain path that is a regular file behaves like file:") {
        CHECK_FALSE(Printer::open(dir.file("lp0")).ok());  // a device path is never created
        motcua::test::write_file(dir.file("lp0"), "");
        auto printer = Printer::open(dir.file("lp0"));
        REQUIRE(printer.ok());
        CHECK(printer->kind() == DestinationKind::File);
        CHECK_FALSE(printer->status().ok());
    }
    SECTION("a device path opens the character device") {
        auto printer = Printer::open("/dev/null");
        REQUIRE(printer.ok());
        CHECK(printer->kind() == DestinationKind::DeviceFile);
        CHECK(printer->write(job.value()).ok());
    }
    SECTION("nothing listening") {
        // Bind a port, then close it, so nothing listens there.
        TempDir sim_dir("motcua-print-");
        int port = 0;
        {
            PrinterSimProcess sim(sim_options(sim_dir));
            port = sim.port();
        }
        auto report = print_job("tcp://127.0.0.1:" + std::to_string(port), job.value());
        REQUIRE_FALSE(report.ok());
        CHECK(report.error().code == "printer_unreachable");
    }
    SECTION("bad URIs") {
        for (const char* uri : {"", "tcp://127.0.0.1", "tcp://:9100", "usb://printer", "file:"}) {
            auto printer = Printer::open(uri);
            REQUIRE_FALSE(printer.ok());
            CHECK(printer.error().code == "printer_uri_invalid");
        }
    }
}

TEST_CASE("a Vietnamese receipt renders with every letter and a QR, and prints",
          "[printer][receipt-image]") {
    const std::string font = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    const int width = GENERATE(Paper58mmDots, Paper80mmDots);
    auto canvas = ReceiptCanvas::create(width, font);
    REQUIRE(canvas.ok());
    const float size = 24;
    const int title_lines =
        canvas->add_text("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", 30, Align::Centre);
    CHECK(title_lines == (width == Paper58mmDots ? 2 : 1));
    CHECK(canvas->height() == title_lines * canvas->line_height(30));
    canvas->add_space(8);
    const int after_title = canvas->height();
    int lines = 0;
    lines += canvas->add_text(
        "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ "
        "uùúủũụ ưừứửữự yỳýỷỹỵ đ",
        size);
    lines += canvas->add_text(
        "AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ "
        "UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ",
        size);
    lines +=
        canvas->add_text("Mã hồ sơ: 000.00.01.H29-260310-0420\nNgày hẹn trả: 17/03/2026", size);
    CHECK(canvas->missing_glyphs().empty());
    CHECK(canvas->clipped_dots() == 0);
    // Word-wrapped at the paper width: 3 + 3 + 2 lines on 58 mm paper, 2 + 2 + 2 on 80 mm.
    CHECK(lines == (width == Paper58mmDots ? 8 : 6));
    CHECK(canvas->height() - after_title == lines * canvas->line_height(size));
    CHECK(canvas->line_height(size) ==
          24);  // stb scales ascent - descent to the pixel height; gap 0

    // A glyph the font lacks is reported, not silently dropped.
    auto other = ReceiptCanvas::create(width, font);
    REQUIRE(other.ok());
    other->add_text("ok \u4E2D", size);
    CHECK(other->missing_glyphs() == std::u32string(U"\u4E2D"));

    auto payload = motcua::core::build_vietqr(
        motcua::core::BankTransfer{"970415", "0011001932418", 50000, "000.00.01.H29-260310-0420",
                                   motcua::core::VietQrService::ToAccount});
    REQUIRE(payload.ok());
    const auto qr = motcua::platform::make_qr(payload.value());
    REQUIRE(qr.size > 0);
    const int before_qr = canvas->height();
    REQUIRE(canvas->add_qr(qr, 4));
    CHECK(canvas->height() - before_qr == qr.size * 4);  // the matrix includes its quiet zone
    CHECK_FALSE(canvas->add_qr(qr, 40));  // wider than the paper: refused, nothing added

    const MonoImage image = canvas->image();
    CHECK(image.width == width);
    CHECK(image.height == canvas->height());
    int black = 0;
    for (int y = 0; y < after_title; ++y)
        for (int x = 0; x < width; ++x) black += image.black(x, y);
    CHECK(black > 500);  // the title was drawn

    TempDir dir("motcua-print-");
    PrinterSimProcess sim(sim_options(dir));
    auto job = encode_escpos(image);
    REQUIRE(job.ok());
    REQUIRE(print_job(sim.uri(), job.value()).ok());
    const Png png = load_png(dir.file("receipt-001.png"));
    CHECK(png.height == image.height);
    if (const char* keep = std::getenv("MOTCUA_KEEP_RECEIPT")) {
        std::filesystem::copy_file(dir.file("receipt-001.png"),
                                   std::string(keep) + "/receipt-" + std::to_string(width) + ".png",
                                   std::filesystem::copy_options::overwrite_existing);
    }
}
