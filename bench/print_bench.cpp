// What printing a receipt costs, on the real pieces:
//  - BM_RenderReceipt: lay out a typical 80 mm receipt (title, 9 text lines in Noto Sans, a
//    VietQR code) into the 1-bit image.
//  - BM_EncodeEscPos: that image as ESC/POS (init, 128-row GS v 0 bands, feed, cut).
//  - BM_RenderAndPrint: render + encode + print_job over loopback TCP to printer-sim (status
//    before and after, so the clock stops once the simulator has decoded the cut and written
//    its PNG). Counter "bytes" = ESC/POS bytes per receipt.
//
// Build and run (Release):
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release
//   ninja -C build-bench -j2 print_bench printer-sim
//   build-bench/print_bench
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "core/receipt/vietqr.h"
#include "platform/print/escpos.h"
#include "platform/print/printer.h"
#include "platform/print/receipt_image.h"
#include "platform/qr.h"

using namespace motcua::platform::print;

namespace {

const char* const Font = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";

MonoImage render_receipt() {
    auto canvas = ReceiptCanvas::create(Paper80mmDots, Font);
    if (!canvas) throw std::runtime_error(canvas.error().detail);
    canvas->add_text("UBND PHƯỜNG BẾN NGHÉ", 22, Align::Centre);
    canvas->add_text("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", 30, Align::Centre);
    canvas->add_space(12);
    canvas->add_text("Mã hồ sơ: 000.00.01.H29-260310-0420", 24);
    canvas->add_text("Thủ tục: Đăng ký khai sinh", 24);
    canvas->add_text("Người nộp: Nguyễn Thị Đào", 24);
    canvas->add_text("Ngày nhận: 10/03/2026 09:41", 24);
    canvas->add_text("Ngày hẹn trả: 17/03/2026", 24);
    canvas->add_text("Lệ phí: 50.000 đồng. Quét mã để chuyển khoản, nội dung là mã hồ sơ.", 24);
    auto payload =
        motcua::core::build_vietqr({"970415", "0011001932418", 50000, "000.00.01.H29-260310-0420",
                                    motcua::core::VietQrService::ToAccount});
    if (!payload) throw std::runtime_error(payload.error().detail);
    canvas->add_qr(motcua::platform::make_qr(payload.value()), 5);
    canvas->add_text("Tra cứu hồ sơ tại dichvucong.gov.vn", 20, Align::Centre);
    return canvas->image();
}

// printer-sim on a free loopback port, for the life of the benchmark process.
struct Simulator {
    pid_t pid = -1;
    std::string uri;
    std::string dir;

    Simulator() {
        char pattern[] = "/tmp/motcua-print-bench-XXXXXX";
        if (!mkdtemp(pattern)) throw std::runtime_error("mkdtemp");
        dir = pattern;
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe");
        pid = fork();
        if (pid == 0) {
            dup2(fds[1], STDOUT_FILENO);
            const int null = open("/dev/null", O_WRONLY);
            dup2(null, STDERR_FILENO);
            execl(MOTCUA_PRINTER_SIM, MOTCUA_PRINTER_SIM, "--port", "0", "--out", dir.c_str(),
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        std::string line;
        char c;
        while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
        close(fds[0]);
        const std::string prefix = "listening on ";
        if (line.rfind(prefix, 0) != 0) throw std::runtime_error("printer-sim did not start");
        uri = line.substr(prefix.size());
    }
    ~Simulator() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

void BM_RenderReceipt(benchmark::State& state) {
    for (auto _ : state) {
        MonoImage image = render_receipt();
        benchmark::DoNotOptimize(image.bits.data());
        state.counters["height"] = image.height;
    }
}
BENCHMARK(BM_RenderReceipt)->Unit(benchmark::kMillisecond);

void BM_EncodeEscPos(benchmark::State& state) {
    const MonoImage image = render_receipt();
    for (auto _ : state) {
        auto job = encode_escpos(image);
        benchmark::DoNotOptimize(job.value().data());
        state.counters["bytes"] = static_cast<double>(job.value().size());
    }
}
BENCHMARK(BM_EncodeEscPos)->Unit(benchmark::kMicrosecond);

void BM_RenderAndPrint(benchmark::State& state) {
    signal(SIGPIPE, SIG_IGN);
    Simulator simulator;
    for (auto _ : state) {
        auto job = encode_escpos(render_receipt());
        auto report = print_job(simulator.uri, job.value());
        if (!report) {
            state.SkipWithError(report.error().detail.c_str());
            break;
        }
        state.counters["bytes"] = static_cast<double>(report->bytes_sent);
    }
}
BENCHMARK(BM_RenderAndPrint)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
