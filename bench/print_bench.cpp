// What printing a receipt costs, on the real pieces:
//  - BM_RenderReceipt: lay out the kiosk's receipt model for a fee-paying filing (office, title,
//    code, tracking QR, six rows, a VietQR, originals; core::receipt_paper) into the 1-bit
//    image at 576 dots (render_paper, Noto Sans).
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

#include "core/receipt/receipt.h"
#include "core/receipt/vietqr.h"
#include "platform/print/escpos.h"
#include "platform/print/paper_render.h"
#include "platform/print/printer.h"
#include "platform/print/receipt_image.h"
#include "platform/qr.h"

using namespace motcua::platform::print;
namespace core = motcua::core;

namespace {

const char* const Font = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";

core::Text t(std::string text) {
    return core::Text{std::move(text), {}};
}

// The receipt the kiosk prints after a filing (core::receipt_paper of the screen's model):
// office, title, code, tracking QR, six rows, a VietQR for the fee, two originals, next steps.
core::PaperDocument typical_receipt() {
    core::ReceiptScreen receipt;
    receipt.office = t("UBND phường Bến Nghé");
    receipt.form_title = t("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    receipt.title = t("Cổng dịch vụ công đã nhận hồ sơ của bạn");
    receipt.procedure = t("Cấp giấy xác nhận tình trạng hôn nhân");
    receipt.code_label = t("Mã hồ sơ (hãy giữ mã này để tra cứu):");
    receipt.code = "000.00.01.H29-260310-0420";
    receipt.qr_payload = receipt.code;
    receipt.qr_caption = t("Quét mã QR này để tra cứu hồ sơ");
    receipt.rows = {{t("Thủ tục:"), receipt.procedure},
                    {t("Người nộp hồ sơ:"), t("Nguyễn Thị Đào")},
                    {t("Thời gian nhận hồ sơ:"), t("09:41 10/03/2026")},
                    {t("Hẹn trả kết quả:"), t("17:00 13/03/2026")},
                    {t("Nơi nhận kết quả:"), t("UBND phường Bến Nghé")},
                    {t("Lệ phí:"), t("10.000 ₫")}};
    auto payload = core::build_vietqr(
        {"970415", "0011001932418", 10000, receipt.code, core::VietQrService::ToAccount});
    if (!payload) throw std::runtime_error(payload.error().detail);
    receipt.payment =
        core::PaymentQr{t("Nộp lệ phí bằng chuyển khoản: quét mã này"), payload.value(),
                        t("VietinBank · Số tài khoản 0011001932418"),
                        t("Số tiền 10.000 ₫ · Nội dung chuyển khoản: " + receipt.code)};
    receipt.originals_heading = t("Giấy tờ gốc mang đến quầy để cán bộ đối chiếu:");
    receipt.originals = {t("Căn cước (mang theo để cán bộ xem)"),
                         t("Giấy chứng tử của vợ hoặc chồng (bản chính, 1 bản)")};
    receipt.next_steps = t("Hãy mang giấy tờ gốc đến quầy tiếp nhận để cán bộ đối chiếu.");
    return core::receipt_paper(receipt);
}

MonoImage render_receipt() {
    static const core::PaperDocument document = typical_receipt();
    auto rendered = render_paper(document, Paper80mmDots, Font);
    if (!rendered) throw std::runtime_error(rendered.error().detail);
    return rendered->image;
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
