// The receipt and the queue ticket as one model (issue 13): what the screen shows is what the
// paper says; the session asks for printing once, issues a queue number when originals must be
// shown, and tells the resident what to do when the printer cannot print.
#include "core/receipt/receipt.h"
#include "core/receipt/vietqr.h"
#include "screen_harness.h"

using namespace motcua::core;
using motcua::test::labels;
using motcua::test::ScreenVisit;

namespace {

const char* Birth = R"json({
  "format": 1, "code": "1.001193", "name": "Đăng ký khai sinh", "category": "birth",
  "authority": "Uỷ ban nhân dân xã", "fee": {"key": "khai_sinh"},
  "documents": [{"name": "Giấy chứng sinh", "kind": "original"},
                {"name": "Căn cước của cha hoặc mẹ", "kind": "show"},
                {"name": "Sổ hộ khẩu", "kind": "copy"}],
  "processing": {"working_days": 3},
  "portal": {"owner_field": "requester.name"},
  "pages": [
    {"id": "p_name", "title": "Tên bạn", "fields": [{"id": "requester.name", "type": "person_name", "label": "Họ tên", "portal": "A.HoTen", "max_length": 300}]}
  ]})json";

const char* Fees = R"json({"fees": {"khai_sinh": {"amount": 10000},
  "per_copy": {"amount": 8000, "per": "bản"}, "free": {"amount": 0}}})json";

FeeSchedule fee_schedule() {
    auto fees = FeeSchedule::parse(Fees, "fees.json");
    REQUIRE(fees.ok());
    return std::move(fees).value();
}

std::vector<CounterGroup> groups() {
    auto parsed = parse_counter_groups(R"json({"format": 1, "groups": [
        {"id": "HT", "name": {"vi": "Hộ tịch", "en": "Civil status"}, "categories": ["birth"]},
        {"id": "CT", "name": "Chứng thực", "categories": ["certification"]}]})json",
                                       "counters.json");
    REQUIRE(parsed.ok());
    return std::move(parsed).value();
}

struct PaperVisit : ScreenVisit {
    PaperConfig paper;
    FeeSchedule schedule = fee_schedule();

    PaperVisit() : ScreenVisit(std::vector<SourceFile>{{"birth.json", Birth}}, config()) {
        paper.office_name = "UBND phường Bến Nghé";
        paper.counter_groups = groups();
        fees = &schedule;
    }
    static SessionConfig config() {
        SessionConfig config;
        config.counter_groups = groups();
        return config;
    }
    ScreenModel paper_model() const {
        ScreenInputs inputs{motcua::test::strings(), fees, today, now, false, {}};
        inputs.paper = &paper;
        return build_screen(session, inputs);
    }
    ReceiptScreen receipt() const {
        ScreenModel shown = paper_model();
        const auto* screen = std::get_if<ReceiptScreen>(&shown.body);
        REQUIRE(screen != nullptr);
        return *screen;
    }
    void file(const std::string& name = "Nguyễn Văn An") {
        send(intent::Start{});
        send(intent::ChooseProcedure{"1.001193"});
        send(intent::Next{});
        type_into("requester.name", name);
        send(intent::Next{});
        REQUIRE(state().screen == Screen::Review);
        send(intent::Submit{});
        send(intent::Saved{true, ""});
        effects.clear();
    }
    void accept(const std::string& code = "000.00.01.H29-261127-0001") {
        send(intent::Accepted{state().submission.provisional_code, code, "20261202170000"});
    }
    template <class E>
    std::vector<E> effects_of() const {
        std::vector<E> out;
        for (const auto& effect : effects)
            if (const auto* e = std::get_if<E>(&effect)) out.push_back(*e);
        return out;
    }
};

std::vector<std::string> paper_texts(const PaperDocument& document) {
    std::vector<std::string> out;
    for (const auto& block : document.blocks)
        if (block.kind == PaperBlock::Kind::Text) out.push_back(block.text);
    return out;
}

std::vector<std::string> paper_qrs(const PaperDocument& document) {
    std::vector<std::string> out;
    for (const auto& block : document.blocks)
        if (block.kind == PaperBlock::Kind::Qr) out.push_back(block.text);
    return out;
}

bool contains(const std::vector<std::string>& lines, const std::string& text) {
    for (const auto& line : lines)
        if (line.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("the receipt names the office, applicant, times, fee, originals and what comes next",
          "[receipt][paper]") {
    PaperVisit visit;
    visit.file();
    visit.accept();
    REQUIRE(visit.state().screen == Screen::Receipt);
    const ReceiptScreen receipt = visit.receipt();
    CHECK(receipt.office.text == "UBND phường Bến Nghé");
    CHECK(receipt.form_title.text == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    CHECK_FALSE(receipt.provisional);
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& row : receipt.rows) rows.emplace_back(row.label.text, row.value.text);
    CHECK(rows == std::vector<std::pair<std::string, std::string>>{
                      {"Thủ tục:", "Đăng ký khai sinh"},
                      {"Người nộp hồ sơ:", "Nguyễn Văn An"},
                      {"Thời gian nhận hồ sơ:", "10:00 27/11/2026"},
                      {"Hẹn trả kết quả:", "17:00 02/12/2026"},
                      {"Nơi nhận kết quả:", "UBND phường Bến Nghé"},
                      {"Lệ phí:", "10.000\u00a0₫"}});
    // Originals only: a copy is handed in, not checked at the counter.
    REQUIRE(receipt.originals.size() == 2);
    CHECK(receipt.originals[0].text == "Giấy chứng sinh (bản chính, 1 bản)");
    CHECK(receipt.originals[1].text == "Căn cước của cha hoặc mẹ (mang theo để cán bộ xem)");
    CHECK(receipt.next_steps.key == "receipt.next_steps");

    // The paper carries every word the screen does, and the same QR.
    const PaperDocument paper = receipt_paper(receipt);
    const auto texts = paper_texts(paper);
    for (const auto& [label, value] : rows) {
        CHECK(contains(texts, label));
        CHECK(contains(texts, value));
    }
    CHECK(contains(texts, "000.00.01.H29-261127-0001"));
    CHECK(contains(texts, "Giấy chứng sinh (bản chính, 1 bản)"));
    CHECK(paper_qrs(paper).front() == "000.00.01.H29-261127-0001");
    CHECK(paper.code == "000.00.01.H29-261127-0001");
    CHECK(paper.provisional_code.empty());

    // Kept for reprints as JSON, read back whole.
    auto again = paper_from_json(paper_to_json(paper));
    REQUIRE(again.ok());
    CHECK(again->blocks == paper.blocks);
    CHECK(again->code == paper.code);
}

TEST_CASE("the receipt's QR points at the tracking address when one is configured",
          "[receipt][paper]") {
    PaperVisit visit;
    visit.paper.tracking_url = "https://dichvucong.example.vn/tra-cuu?ma={code}";
    visit.file();
    visit.accept("000.00.01.H29-261127-0002");
    CHECK(visit.receipt().qr_payload ==
          "https://dichvucong.example.vn/tra-cuu?ma=000.00.01.H29-261127-0002");
}

TEST_CASE("the receipt is printed once when it appears, with a queue number for the originals",
          "[receipt][paper][ticket]") {
    PaperVisit visit;
    visit.file();
    visit.accept();
    CHECK(visit.effects_of<effect::PrintReceipt>().size() == 1);
    const auto issue = visit.effects_of<effect::IssueTicket>();
    REQUIRE(issue.size() == 1);
    CHECK(issue[0].group_id == "HT");
    CHECK(issue[0].dossier_code == "000.00.01.H29-261127-0001");
    CHECK(visit.state().paper.receipt.state == PrintState::Printing);
    CHECK(visit.receipt().print_notice->key == "receipt.print.printing");

    visit.effects.clear();
    visit.send(
        intent::TicketIssued{IssuedTicket{"HT", 7, "10:00 27/11/2026", issue[0].dossier_code}, {}});
    CHECK(visit.effects_of<effect::PrintTicket>().size() == 1);
    const ReceiptScreen receipt = visit.receipt();
    REQUIRE(receipt.ticket);
    CHECK(receipt.ticket->number == "HT-007");
    CHECK(receipt.ticket->group.text == "Quầy Hộ tịch");
    CHECK(receipt.ticket->code.text == "Mã hồ sơ: 000.00.01.H29-261127-0001");
    const auto ticket_words = paper_texts(ticket_paper(*receipt.ticket));
    CHECK(contains(ticket_words, "HT-007"));
    CHECK(contains(ticket_words, "Mã hồ sơ: 000.00.01.H29-261127-0001"));
    CHECK(contains(ticket_words, "Lấy lúc 10:00 27/11/2026"));

    // Printed: the resident is told to take the paper; nothing more is printed on a redraw.
    visit.effects.clear();
    visit.send(intent::PrintResult{PrintJobKind::Receipt, PrintState::Printed, {}});
    CHECK(visit.receipt().print_notice->key == "receipt.print.printed");
    CHECK_FALSE(visit.receipt().print_failed);
    CHECK(visit.effects.empty());
}

TEST_CASE("a printer that cannot print tells the resident why and what to do before leaving",
          "[receipt][paper]") {
    PaperVisit visit;
    visit.file();
    visit.accept();
    auto [kind, code, reason] = GENERATE(table<PrintState, std::string, std::string>(
        {{PrintState::Failed, "printer_paper_out", "máy in hết giấy"},
         {PrintState::Failed, "printer_cover_open", "nắp máy in đang mở"},
         {PrintState::Failed, "printer_unreachable", "không kết nối được với máy in"},
         {PrintState::Failed, "printer_no_answer", "máy in không trả lời"},
         {PrintState::NoPrinter, "", ""}}));
    visit.send(intent::PrintResult{PrintJobKind::Receipt, kind, code});
    const ReceiptScreen receipt = visit.receipt();
    REQUIRE(receipt.print_notice);
    CHECK(receipt.print_failed);
    CHECK(receipt.print_notice->text.find("chụp ảnh mã QR và mã hồ sơ") != std::string::npos);
    if (!reason.empty()) CHECK(receipt.print_notice->text.find(reason) != std::string::npos);
    // The code and the QR stay on the screen for the photograph.
    CHECK(receipt.code == "000.00.01.H29-261127-0001");
    CHECK_FALSE(receipt.qr_payload.empty());
}

TEST_CASE(
    "a provisional receipt says the filing is saved and will be sent, under the temporary code",
    "[receipt][paper]") {
    PaperVisit visit;
    visit.file();
    visit.send(intent::Tick{}, 5000);
    REQUIRE(visit.state().screen == Screen::Receipt);
    const ReceiptScreen receipt = visit.receipt();
    CHECK(receipt.provisional);
    CHECK(receipt.code == visit.state().submission.provisional_code);
    CHECK(receipt.qr_caption.key == "receipt.qr_caption_provisional");
    const PaperDocument paper = receipt_paper(receipt);
    CHECK(paper.provisional_code == receipt.code);
    CHECK(contains(paper_texts(paper), "máy sẽ tự gửi khi có mạng"));
    // The ticket carries the provisional code: the officer finds it in the kiosk's outbox.
    const auto issue = visit.effects_of<effect::IssueTicket>();
    REQUIRE(issue.size() == 1);
    CHECK(issue[0].dossier_code == receipt.code);
    // The MaHoSo arriving later does not print a second receipt.
    visit.effects.clear();
    visit.accept();
    CHECK(visit.effects_of<effect::PrintReceipt>().empty());
}

TEST_CASE("a fee of one amount and an office account give a VietQR with the amount and the code",
          "[receipt][vietqr]") {
    PaperVisit visit;
    visit.paper.bank_bin = "970415";
    visit.paper.bank_account = "0011001932418";
    visit.paper.bank_name = "VietinBank";
    visit.file();
    visit.accept("000.00.01.H29-261127-0003");
    const ReceiptScreen receipt = visit.receipt();
    REQUIRE(receipt.payment);
    auto fields = parse_vietqr(receipt.payment->payload);
    REQUIRE(fields.ok());
    CHECK(fields->bank_bin == "970415");
    CHECK(fields->account == "0011001932418");
    CHECK(fields->amount_vnd == 10000);
    CHECK(fields->note == "000.00.01.H29-261127-0003");
    CHECK(fields->dynamic);
    CHECK(receipt.payment->note.text ==
          "Số tiền 10.000\u00a0₫ · Nội dung chuyển khoản: 000.00.01.H29-261127-0003");
    const auto qrs = paper_qrs(receipt_paper(receipt));
    REQUIRE(qrs.size() == 2);
    CHECK(qrs[1] == receipt.payment->payload);
}

TEST_CASE("free procedures, per-copy fees and offices without an account show no VietQR",
          "[receipt][vietqr]") {
    PaperConfig with_account;
    with_account.bank_bin = "970415";
    with_account.bank_account = "0011001932418";
    const FeeSchedule schedule = fee_schedule();
    const Date today{2026, 11, 27};
    CHECK(fee_vietqr(&with_account, schedule.find("khai_sinh", today), "ABC23DE4").has_value());
    CHECK_FALSE(fee_vietqr(&with_account, schedule.find("free", today), "ABC23DE4"));
    CHECK_FALSE(fee_vietqr(&with_account, schedule.find("per_copy", today), "ABC23DE4"));
    CHECK_FALSE(fee_vietqr(&with_account, nullptr, "ABC23DE4"));
    PaperConfig no_account;
    CHECK_FALSE(fee_vietqr(&no_account, schedule.find("khai_sinh", today), "ABC23DE4"));
    CHECK_FALSE(fee_vietqr(nullptr, schedule.find("khai_sinh", today), "ABC23DE4"));
    // A code too long for the transfer note is refused, never cut (the money would go astray).
    auto too_long =
        fee_vietqr(&with_account, schedule.find("khai_sinh", today), "000.00.01.H29-261127-00001");
    REQUIRE(too_long.has_value());
    CHECK_FALSE(too_long->ok());
    CHECK(too_long->error().code == "vietqr_invalid");
}

TEST_CASE("attract: a queue number per counter group, shown with its print outcome",
          "[receipt][ticket]") {
    PaperVisit visit;
    auto attract = [&] {
        ScreenModel shown = visit.paper_model();
        const auto* screen = std::get_if<AttractScreen>(&shown.body);
        REQUIRE(screen != nullptr);
        return *screen;
    };
    REQUIRE(attract().ticket);
    CHECK(attract().ticket->label.text == "Lấy số thứ tự");
    CHECK_FALSE(attract().ticket_panel);
    visit.send(attract().ticket->intent);
    REQUIRE(attract().ticket_panel);
    CHECK(labels(attract().ticket_panel->groups) ==
          std::vector<std::string>{"Hộ tịch", "Chứng thực"});
    visit.send(attract().ticket_panel->groups[1].intent);
    const auto issue = visit.effects_of<effect::IssueTicket>();
    REQUIRE(issue.size() == 1);
    CHECK(issue[0].group_id == "CT");
    CHECK(issue[0].dossier_code.empty());
    visit.send(intent::TicketIssued{IssuedTicket{"CT", 12, "10:05 27/11/2026", ""}, {}});
    REQUIRE(attract().ticket_panel->ticket);
    CHECK(attract().ticket_panel->ticket->number == "CT-012");
    CHECK(attract().ticket_panel->ticket->code.empty());
    visit.send(intent::PrintResult{PrintJobKind::Ticket, PrintState::Failed, "printer_paper_out"});
    const TicketView ticket = *attract().ticket_panel->ticket;
    CHECK(ticket.print_failed);
    CHECK(ticket.print_notice->text ==
          "Máy in không in được phiếu (máy in hết giấy). Hãy nhớ số CT-012 hoặc chụp ảnh màn "
          "hình này.");
    // Left on the screen, it goes away like a receipt; "Xong" clears it at once.
    CHECK(visit.session.next_deadline_ms(visit.now) > 0);
    visit.send(attract().ticket_panel->close.intent);
    CHECK_FALSE(attract().ticket_panel);
}

TEST_CASE("the longest name the form takes, marks on capitals, reaches the paper unchanged",
          "[receipt][paper][hostile]") {
    // 100 characters, the person-name limit (a 200-character name is refused by the form; the
    // paper renderer is tested with one in tests/integration/paper_test.cpp).
    const std::string name =
        "Nguyễn Thị Ngọc Huyền Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Ánh "
        "Ẩn Ẫn Ậm Ắ";
    PaperVisit visit;
    visit.file(name);
    visit.accept();
    const auto texts = paper_texts(receipt_paper(visit.receipt()));
    CHECK(visit.state().answer("requester.name") == name);
    CHECK(contains(texts, name));
}

TEST_CASE("counter groups are read strictly", "[receipt][ticket]") {
    CHECK(parse_counter_groups(R"({"format": 1, "groups": []})", "c.json").error().code ==
          "counters_invalid");
    CHECK_FALSE(
        parse_counter_groups(R"({"format": 1, "groups": [{"id": "ht", "name": "x"}]})", "c.json"));
    CHECK_FALSE(parse_counter_groups(
        R"({"format": 1, "groups": [{"id": "A", "name": "x", "categories": ["b"]},
                                    {"id": "B", "name": "y", "categories": ["b"]}]})",
        "c.json"));
    CHECK_FALSE(parse_counter_groups("not json", "c.json"));
    CHECK(ticket_label("HT", 7) == "HT-007");
    CHECK(ticket_label("HT", 1234) == "HT-1234");
}

TEST_CASE("a printer problem alone is told to staff as that, not as unsent filings",
          "[receipt][paper][staff]") {
    PaperVisit visit;
    const auto notice =
        std::get<AttractScreen>(
            visit.model(false, {"staff.problem.printer", "error.printer_paper_out"}).body)
            .staff_notice;
    REQUIRE(notice);
    // Residents see only the discreet marker (issue 11); staff mode names the printer's problem
    // (App::staff_view's printer_key), so the attract screen never says filings are unsent.
    CHECK(notice->text == "• • •");
}
