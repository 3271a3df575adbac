// Paper for real (issue 13): the receipt and the ticket rendered with the kiosk's Noto font at
// 384 and 576 dots with hostile content, queue numbers in SQLite across restarts and days, and
// the paper desk printing to printer-sim over loopback TCP (paper out, cover open, no printer,
// reprint).
#include <stb_image.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/filing/portal_time.h"
#include "core/receipt/receipt.h"
#include "core/receipt/vietqr.h"
#include "platform/assets.h"
#include "platform/print/paper_desk.h"
#include "platform/print/paper_render.h"
#include "platform/print/paper_store.h"
#include "platform/qr.h"
#include "support/portal_sim_process.h"
#include "support/printer_sim_process.h"

using namespace motcua;
using namespace motcua::platform::print;
using motcua::test::PrinterSimOptions;
using motcua::test::PrinterSimProcess;
using motcua::test::TempDir;

namespace {

const std::string Font = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
const char* const EveryLetterLower =
    "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ";
const char* const EveryLetterUpper =
    "AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ";
// 2026-11-27 10:00 in Vietnam.
constexpr std::int64_t Friday10am = 1795748400000;
constexpr std::int64_t Day = 24LL * 3600 * 1000;

core::Text t(std::string text) {
    return core::Text{std::move(text), {}};
}

// The longest procedure name shipped.
std::string longest_procedure_name() {
    core::Catalog catalog =
        platform::load_catalog(std::string(MOTCUA_SOURCE_ASSETS) + "/procedures");
    std::string longest;
    for (const auto& procedure : catalog.procedures)
        if (procedure.name.vi.size() > longest.size()) longest = procedure.name.vi;
    REQUIRE(longest.size() > 40);
    return longest;
}

std::string long_name() {
    std::string name;
    for (int i = 0; name.size() < 200; ++i) name += i % 2 ? "Nguyễn " : "Trần Thị Ngọc Huyền ";
    name.resize(200);
    return name;
}

// A receipt as hostile as it gets: a 200-byte name, every letter in both cases, the longest
// procedure, a payment QR; or the same with every optional part empty.
core::ReceiptScreen hostile_receipt(bool with_optional) {
    core::ReceiptScreen receipt;
    receipt.title = t("Cổng dịch vụ công đã nhận hồ sơ của bạn");
    receipt.procedure = t(longest_procedure_name());
    receipt.code_label = t("Mã hồ sơ (hãy giữ mã này để tra cứu):");
    receipt.code = "000.00.01.H29-261127-0420";
    receipt.qr_payload = receipt.code;
    receipt.form_title = t("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    receipt.next_steps = t("Hãy mang giấy tờ gốc đến quầy tiếp nhận để cán bộ đối chiếu.");
    if (!with_optional) return receipt;
    receipt.office = t("Ủy ban nhân dân phường Bến Nghé, Thành phố Hồ Chí Minh");
    receipt.qr_caption = t("Quét mã QR này để tra cứu hồ sơ");
    receipt.due_label = t("Hẹn trả kết quả:");
    receipt.due = t("17:00 02/12/2026");
    receipt.rows = {{t("Thủ tục:"), receipt.procedure},
                    {t("Người nộp hồ sơ:"), t(long_name())},
                    {t("Chữ thường:"), t(EveryLetterLower)},
                    {t("CHỮ HOA:"), t(EveryLetterUpper)},
                    {receipt.due_label, receipt.due}};
    receipt.originals_heading = t("Giấy tờ gốc mang đến quầy để cán bộ đối chiếu:");
    receipt.originals = {t("Giấy chứng sinh (bản chính, 1 bản)")};
    auto payload = core::build_vietqr(
        {"970415", "0011001932418", 10000, receipt.code, core::VietQrService::ToAccount});
    REQUIRE(payload.ok());
    receipt.payment = core::PaymentQr{t("Nộp lệ phí bằng chuyển khoản"), payload.value(),
                                      t("VietinBank · Số tài khoản 0011001932418"),
                                      t("Số tiền 10.000 ₫ · Nội dung: " + receipt.code)};
    receipt.notice = t("Mạng đang chậm nên máy chưa gửi xong.");
    return receipt;
}

// Nothing missing, nothing cut off, no two blocks on the same rows, every QR whole.
void check_rendered(const RenderedPaper& paper, int width) {
    CHECK(paper.image.width == width);
    CHECK(paper.missing_glyphs.empty());
    CHECK(paper.clipped_dots == 0);
    std::vector<std::pair<int, int>> spans = paper.text_rows;
    for (const auto& qr : paper.qrs)
        spans.emplace_back(qr.top, qr.top + qr.modules * qr.module_dots);
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i) CHECK(spans[i - 1].second <= spans[i].first);
    for (const auto& placed : paper.qrs) {
        const ui::QrMatrix qr = platform::make_qr(placed.payload);
        REQUIRE(qr.size == placed.modules);
        CHECK(placed.module_dots >= 4);  // printing.md: at least 4 dots a module
        long wrong = 0;
        for (int my = 0; my < qr.size; ++my)
            for (int mx = 0; mx < qr.size; ++mx) {
                const bool on = qr.on[static_cast<std::size_t>(my * qr.size + mx)];
                for (int dy = 0; dy < placed.module_dots; ++dy)
                    for (int dx = 0; dx < placed.module_dots; ++dx)
                        wrong += paper.image.black(placed.left + mx * placed.module_dots + dx,
                                                   placed.top + my * placed.module_dots + dy) != on;
            }
        CHECK(wrong == 0);
    }
}

PrinterSimOptions sim_options(const std::string& dir, std::vector<std::string> extra = {}) {
    std::filesystem::create_directories(dir);  // its log goes there from the start
    PrinterSimOptions options;
    options.binary = MOTCUA_PRINTER_SIM;
    options.out_dir = dir;
    options.extra_args = std::move(extra);
    return options;
}

std::unique_ptr<PaperDesk> open_desk(const std::string& uri, const std::string& store,
                                     int width = Paper80mmDots,
                                     std::function<void()> wake_ui = {}) {
    PaperDeskOptions options;
    options.printer_uri = uri;
    options.width_dots = width;
    options.font_path = Font;
    options.store_path = store;
    options.printer.status_timeout = std::chrono::milliseconds(300);
    auto desk = PaperDesk::open(options, std::move(wake_ui));
    REQUIRE(desk.ok());
    return std::move(desk).value();
}

core::intent::PrintResult wait_result(PaperDesk& desk) {
    for (int i = 0; i < 200; ++i) {
        auto results = desk.take_results();
        if (!results.empty()) {
            REQUIRE(results.size() == 1);
            auto* result = std::get_if<core::intent::PrintResult>(&results[0]);
            REQUIRE(result);
            return *result;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("no print result within 10 s");
    return {};
}

core::PaperDocument simple_receipt(const std::string& code, const std::string& provisional = {}) {
    core::ReceiptScreen receipt = hostile_receipt(false);
    receipt.code = code;
    receipt.qr_payload = code;
    receipt.provisional = !provisional.empty();
    core::PaperDocument document = core::receipt_paper(receipt);
    if (!provisional.empty()) document.provisional_code = provisional;
    return document;
}

}  // namespace

TEST_CASE(
    "a hostile receipt renders whole at 384 and 576 dots: no glyph missing, nothing cut or "
    "overlapping",
    "[paper][render][hostile]") {
    const int width = GENERATE(Paper58mmDots, Paper80mmDots);
    const bool with_optional = GENERATE(true, false);
    auto rendered = render_paper(core::receipt_paper(hostile_receipt(with_optional)), width, Font);
    REQUIRE(rendered.ok());
    check_rendered(*rendered, width);
    CHECK(rendered->qrs.size() == (with_optional ? 2u : 1u));
    // Kept to look at (build tree).
    const std::string dir = std::string(MOTCUA_BINARY_DIR) + "/paper-shots";
    std::filesystem::create_directories(dir);
    auto job = encode_escpos(rendered->image);
    REQUIRE(job.ok());
    PrinterSimProcess sim(
        sim_options(dir + "/tmp-" + std::to_string(width) + (with_optional ? "a" : "b")));
    REQUIRE(print_job(sim.uri(), job.value()).ok());
    sim.stop();
    std::filesystem::copy_file(
        dir + "/tmp-" + std::to_string(width) + (with_optional ? "a" : "b") + "/receipt-001.png",
        dir + "/hostile-" + std::to_string(width) + (with_optional ? "-full" : "-empty") + ".png",
        std::filesystem::copy_options::overwrite_existing);
}

TEST_CASE("a 25-character dossier code stays on one line, smaller if it must, on 58 mm paper",
          "[paper][render]") {
    core::PaperDocument document;
    document.blocks.push_back(core::paper_text("000.00.01.H29-261127-0420", core::PaperStyle::Code,
                                               core::PaperAlign::Centre));
    auto rendered = render_paper(document, Paper58mmDots, Font);
    REQUIRE(rendered.ok());
    REQUIRE(rendered->text_rows.size() == 1);
    // One line: the rows with ink form one run (two lines of digits have white rows between).
    int runs = 0;
    bool inked_before = false;
    for (int y = rendered->text_rows[0].first; y < rendered->text_rows[0].second; ++y) {
        bool inked = false;
        for (int x = 0; x < rendered->image.width && !inked; ++x)
            inked = rendered->image.black(x, y);
        runs += inked && !inked_before;
        inked_before = inked;
    }
    CHECK(runs == 1);
    check_rendered(*rendered, Paper58mmDots);
}

TEST_CASE("a queue ticket renders its number large and whole", "[paper][render][ticket]") {
    core::TicketView ticket;
    ticket.office = t("Ủy ban nhân dân phường Bến Nghé");
    ticket.heading = t("Số thứ tự của bạn");
    ticket.number = "CTR-1234";
    ticket.group = t("Quầy Chứng thực");
    ticket.time = t("Lấy lúc 09:41 10/03/2026");
    ticket.code = t("Mã hồ sơ: 000.00.01.H29-261127-0420");
    ticket.wait = t("Mời bạn ngồi chờ.");
    const int width = GENERATE(Paper58mmDots, Paper80mmDots);
    auto rendered = render_paper(core::ticket_paper(ticket), width, Font);
    REQUIRE(rendered.ok());
    check_rendered(*rendered, width);
}

TEST_CASE("queue numbers restart each day and never repeat within a day across restarts",
          "[paper][ticket][store]") {
    TempDir dir("motcua-paper-");
    const std::string path = dir.file("paper.sqlite");
    const core::Date friday{2026, 11, 27}, saturday{2026, 11, 28};
    {
        auto store = PaperStore::open(path);
        REQUIRE(store.ok());
        CHECK((*store)->next_ticket("HT", friday).value() == 1);
        CHECK((*store)->next_ticket("HT", friday).value() == 2);
        CHECK((*store)->next_ticket("CT", friday).value() == 1);  // each group its own
    }
    {
        auto store = PaperStore::open(path);  // the kiosk restarted
        REQUIRE(store.ok());
        CHECK((*store)->next_ticket("HT", friday).value() == 3);
        CHECK((*store)->next_ticket("HT", saturday).value() == 1);  // a new day
        CHECK((*store)->next_ticket("HT", saturday).value() == 2);
    }
    // Through the desk, with the kiosk's clock: the local day is Vietnam's (UTC+7).
    auto desk = open_desk("", path);
    auto first = desk->issue_ticket("CT", "000.00.01.H29-261127-0420", Friday10am);
    CHECK(first.error.empty());
    CHECK(first.ticket.number == 2);
    CHECK(first.ticket.time == "10:00 27/11/2026");
    CHECK(first.ticket.dossier_code == "000.00.01.H29-261127-0420");
    desk.reset();
    desk = open_desk("", path);
    CHECK(desk->issue_ticket("CT", "", Friday10am + 3600'000).ticket.number == 3);
    // 17:00 UTC on Friday is already Saturday 00:00 in Vietnam.
    CHECK(desk->issue_ticket("CT", "", Friday10am + 14 * 3600'000).ticket.number == 1);
}

TEST_CASE("receipts are kept 30 days for a reprint, found by either code", "[paper][store]") {
    TempDir dir("motcua-paper-");
    auto store = PaperStore::open(dir.file("paper.sqlite"));
    REQUIRE(store.ok());
    const core::PaperDocument document = simple_receipt("000.00.01.H29-261127-0420", "KD4MX7PA");
    REQUIRE((*store)->keep_receipt(document, Friday10am).ok());
    auto by_code = (*store)->find_receipt("000.00.01.H29-261127-0420", Friday10am + Day);
    REQUIRE(by_code.ok());
    REQUIRE(by_code->has_value());
    CHECK((**by_code).blocks == document.blocks);
    auto by_provisional = (*store)->find_receipt("KD4MX7PA", Friday10am + 29 * Day);
    REQUIRE(by_provisional.ok());
    CHECK(by_provisional->has_value());
    CHECK_FALSE((*store)->find_receipt("KD4MX7PA", Friday10am + 31 * Day).value().has_value());
    CHECK_FALSE((*store)->find_receipt("", Friday10am).value().has_value());
    // Pruned when a later receipt is kept.
    REQUIRE((*store)->keep_receipt(simple_receipt("OTHER"), Friday10am + 31 * Day).ok());
    CHECK_FALSE(
        (*store)->find_receipt("000.00.01.H29-261127-0420", Friday10am).value().has_value());
}

TEST_CASE("the paper desk prints a receipt to printer-sim off the calling thread",
          "[paper][desk][printer-sim]") {
    TempDir dir("motcua-paper-");
    PrinterSimProcess sim(sim_options(dir.path()));
    // The desk wakes the UI when a result is ready; it does so from the thread that printed.
    std::mutex mutex;
    std::vector<std::thread::id> woken_from;
    auto desk = open_desk(sim.uri(), dir.file("paper.sqlite"), Paper80mmDots, [&] {
        const std::lock_guard lock(mutex);
        woken_from.push_back(std::this_thread::get_id());
    });
    desk->print(core::PrintJobKind::Receipt, core::receipt_paper(hostile_receipt(true)),
                Friday10am);
    const auto result = wait_result(*desk);
    CHECK(result.kind == core::PrintJobKind::Receipt);
    CHECK(result.state == core::PrintState::Printed);
    CHECK(desk->problem().empty());
    {
        const std::lock_guard lock(mutex);
        REQUIRE_FALSE(woken_from.empty());
        for (const auto& id : woken_from) CHECK(id != std::this_thread::get_id());
    }
    for (int i = 0; i < 100 && !std::filesystem::exists(dir.file("receipt-001.png")); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(std::filesystem::exists(dir.file("receipt-001.png")));
}

TEST_CASE("paper out, cover open and no printer fail with their reason, staff reprint later",
          "[paper][desk][printer-sim]") {
    TempDir dir("motcua-paper-");
    const std::string store = dir.file("paper.sqlite");
    const core::PaperDocument receipt = simple_receipt("000.00.01.H29-261127-0421", "KD4MX7PA");
    auto [mode, code] =
        GENERATE(table<std::string, std::string>({{"--paper-out", "printer_paper_out"},
                                                  {"--cover-open", "printer_cover_open"},
                                                  {"--no-answer", "printer_no_answer"},
                                                  {"", "printer_unreachable"}}));
    {
        const std::string out = dir.file("broken");
        std::unique_ptr<PrinterSimProcess> broken;
        std::string uri = "tcp://127.0.0.1:9";  // discard port: nothing listens on loopback
        if (!mode.empty()) {
            broken = std::make_unique<PrinterSimProcess>(sim_options(out, {mode}));
            uri = broken->uri();
        }
        auto desk = open_desk(uri, store);
        desk->print(core::PrintJobKind::Receipt, receipt, Friday10am);
        const auto result = wait_result(*desk);
        CHECK(result.state == core::PrintState::Failed);
        CHECK(result.error == code);
        CHECK(desk->problem() == code);  // the staff notice names it
        CHECK_FALSE(std::filesystem::exists(out + "/receipt-001.png"));
    }
    // The paper is back: staff reprint by either code, from the receipts kept.
    const std::string fixed = dir.file("fixed");
    PrinterSimProcess sim(sim_options(fixed));
    auto desk = open_desk(sim.uri(), store);
    CHECK(desk->reprint("NOSUCHCODE", Friday10am).error().code == "receipt_not_found");
    REQUIRE(desk->reprint("KD4MX7PA", Friday10am + Day).ok());
    const auto result = wait_result(*desk);
    CHECK(result.kind == core::PrintJobKind::Reprint);
    CHECK(result.state == core::PrintState::Printed);
    CHECK(desk->problem().empty());
    for (int i = 0; i < 100 && !std::filesystem::exists(fixed + "/receipt-001.png"); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(std::filesystem::exists(fixed + "/receipt-001.png"));
    CHECK(desk->reprint("000.00.01.H29-261127-0421", Friday10am + 31 * Day).error().code ==
          "receipt_not_found");
}

TEST_CASE("a kiosk without a printer answers NoPrinter and still issues numbers", "[paper][desk]") {
    TempDir dir("motcua-paper-");
    auto desk = open_desk("", dir.file("paper.sqlite"));
    CHECK_FALSE(desk->has_printer());
    desk->print(core::PrintJobKind::Ticket, core::PaperDocument{}, Friday10am);
    CHECK(wait_result(*desk).state == core::PrintState::NoPrinter);
    CHECK(desk->issue_ticket("HT", "", Friday10am).ticket.number == 1);
    PaperDeskOptions bad;
    bad.font_path = Font;
    bad.store_path = dir.file("other.sqlite");
    bad.width_dots = 500;
    CHECK(PaperDesk::open(bad, {}).error().code == "print_image_invalid");
    bad.width_dots = 384;
    bad.printer_uri = "usb://printer";
    CHECK(PaperDesk::open(bad, {}).error().code == "printer_uri_invalid");
    bad.printer_uri = "";
    bad.font_path = dir.file("nofont.ttf");
    CHECK(PaperDesk::open(bad, {}).error().code == "print_font_invalid");
}
