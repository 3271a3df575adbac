// Staff mode's rules: the hidden gesture's timing, the PIN lockout's arithmetic, today's counts,
// and the session's overlay (the resident's visit untouched, assisted filings marked and counted).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "screen_harness.h"

using namespace motcua::core;
using motcua::test::ScreenVisit;

namespace {

const char* Birth = R"json({
  "format": 1, "code": "1.001193", "name": "Đăng ký khai sinh", "category": "birth",
  "authority": "Uỷ ban nhân dân xã", "documents": [{"name": "Giấy chứng sinh", "kind": "original"}],
  "processing": {"working_days": 3},
  "portal": {"owner_field": "requester.name"},
  "pages": [
    {"id": "p_name", "title": "Tên bạn", "fields": [{"id": "requester.name", "type": "person_name", "label": "Họ tên", "portal": "A.HoTen"}]},
    {"id": "p_more", "title": "Thêm", "fields": [
      {"id": "phone", "type": "phone", "label": "Điện thoại", "required": false}]}
  ]})json";

constexpr std::int64_t Noon = 1796101200000;  // 2026-12-01 12:00 in Vietnam

struct StaffVisit : ScreenVisit {
    StaffVisit() : ScreenVisit(std::vector<SourceFile>{{"birth.json", Birth}}) {}
    void corner(int taps, std::int64_t apart_ms = 300) {
        for (int i = 0; i < taps; ++i) send(intent::StaffCornerTap{}, apart_ms);
    }
    void unlock() {
        corner(5);
        REQUIRE(state().staff.open);
        for (const char* digit : {"2", "4", "6", "8"}) send(intent::StaffPinKey{digit});
        send(intent::StaffPinSubmit{});
        send(intent::StaffPinResult{StaffPinOutcome::Right, StaffPinMaxFailures, 0});
        REQUIRE(state().staff.unlocked);
    }
    // From the choice to a dossier saved in the outbox (the birth form, one name).
    void file_a_birth() {
        send(intent::ChooseProcedure{"1.001193"});
        send(intent::Next{});
        type_into("requester.name", "Nguyễn Văn An");
        send(intent::Next{});
        send(intent::Next{});
        REQUIRE(state().screen == Screen::Review);
        send(intent::Submit{});
        send(intent::Saved{true, ""});
        REQUIRE(state().submission.delivery == Delivery::Sending);  // saved in the outbox
    }
    template <class E>
    std::vector<E> effects_of() const {
        std::vector<E> found;
        for (const auto& effect : effects)
            if (const auto* e = std::get_if<E>(&effect)) found.push_back(*e);
        return found;
    }
};

}  // namespace

// [SECTION] The gesture

TEST_CASE("five corner taps within 3 s complete the gesture, slower taps never do",
          "[staff][gesture]") {
    CornerGesture gesture;
    SECTION("five taps 500 ms apart") {
        for (int i = 0; i < 4; ++i) CHECK_FALSE(gesture.tap(1000 + i * 500));
        CHECK(gesture.tap(3000));
        CHECK(gesture.pending() == 0);  // counts again from nothing
    }
    SECTION("five taps spread over exactly 3 s are too slow") {
        for (int i = 0; i < 4; ++i) CHECK_FALSE(gesture.tap(i * 750));
        CHECK_FALSE(gesture.tap(3000));
    }
    SECTION("a pause forgets the earlier taps") {
        for (int i = 0; i < 4; ++i) CHECK_FALSE(gesture.tap(i * 100));
        for (int i = 0; i < 4; ++i) CHECK_FALSE(gesture.tap(10000 + i * 100));
        CHECK(gesture.tap(10400));
    }
}

// [SECTION] The lockout

TEST_CASE("the fifth wrong PIN locks for five minutes, then five more tries are allowed",
          "[staff][lockout]") {
    PinLockout lockout;
    for (int i = 1; i <= 4; ++i) {
        lockout = after_wrong_pin(lockout, Noon + i);
        CHECK_FALSE(is_locked(lockout, Noon + i));
        CHECK(failures_left(lockout) == 5 - i);
    }
    lockout = after_wrong_pin(lockout, Noon);
    CHECK(is_locked(lockout, Noon));
    CHECK(lockout_ms_left(lockout, Noon) == StaffLockoutMs);
    CHECK(is_locked(lockout, Noon + StaffLockoutMs - 1));
    // Wrong PINs while locked change nothing.
    CHECK(after_wrong_pin(lockout, Noon + 1000) == lockout);
    CHECK_FALSE(is_locked(lockout, Noon + StaffLockoutMs));
    const PinLockout served = normalise_lockout(lockout, Noon + StaffLockoutMs);
    CHECK(served == PinLockout{});
    CHECK(after_right_pin(after_wrong_pin(served, Noon + StaffLockoutMs)) == PinLockout{});
}

TEST_CASE("a clock set back cannot stretch the lockout past five minutes from now",
          "[staff][lockout]") {
    PinLockout lockout{0, Noon + StaffLockoutMs};
    const std::int64_t an_hour_earlier = Noon - 3600 * 1000;
    CHECK(lockout_ms_left(lockout, an_hour_earlier) == StaffLockoutMs);
    CHECK(normalise_lockout(lockout, an_hour_earlier).locked_until_unix_ms ==
          an_hour_earlier + StaffLockoutMs);
    // A dead RTC (1970) is clamped the same way.
    CHECK(lockout_ms_left(lockout, 0) == StaffLockoutMs);
}

TEST_CASE("the lockout survives its file: encoded and decoded unchanged, junk is refused",
          "[staff][lockout]") {
    const PinLockout lockout{3, Noon};
    auto decoded = decode_lockout(encode_lockout(lockout));
    REQUIRE(decoded);
    CHECK(*decoded == lockout);
    CHECK_FALSE(decode_lockout("{}"));
    CHECK_FALSE(decode_lockout("not json"));
    CHECK_FALSE(decode_lockout(R"({"failures": -1, "locked_until_unix_ms": 0})"));
}

// [SECTION] Counts

TEST_CASE("today's counts split self-service from assisted, count abandons, give the median",
          "[staff][counts]") {
    DailyCounts counts;
    counts = count_filing(counts, "2026-12-01", "1.001193", false);
    counts = count_filing(counts, "2026-12-01", "1.001193", true);
    counts = count_filing(counts, "2026-12-01", "2.000815", false);
    counts = count_visit(counts, "2026-12-01", {"", 300000});
    counts = count_visit(counts, "2026-12-01", {"question", 120000});
    counts = count_visit(counts, "2026-12-01", {"question", 60000});
    counts = count_visit(counts, "2026-12-01", {"", 600000});
    CHECK(counts.filings.at("1.001193") == 2);
    CHECK(total_filings(counts) == 3);
    CHECK(counts.self_service == 2);
    CHECK(counts.assisted == 1);
    CHECK(counts.abandoned.at("question") == 2);
    CHECK(median_visit_ms(counts) == 120000);  // the lower middle of 60, 120, 300, 600 s
    auto decoded = decode_counts(encode_counts(counts));
    REQUIRE(decoded);
    CHECK(*decoded == counts);
    // A new day starts from nothing.
    const DailyCounts tomorrow = count_visit(counts, "2026-12-02", {"choose", 1000});
    CHECK(total_filings(tomorrow) == 0);
    CHECK(tomorrow.abandoned.at("choose") == 1);
    CHECK(median_visit_ms(counts_for_day(counts, "2026-12-02")) == -1);
}

// [SECTION] The session

TEST_CASE("the gesture opens the PIN pad, the PIN goes to the platform and is never logged",
          "[staff][session]") {
    StaffVisit visit;
    visit.corner(4);
    CHECK_FALSE(visit.state().staff.open);
    visit.corner(1);
    REQUIRE(visit.state().staff.open);
    auto model = visit.model();
    REQUIRE(model.staff);
    CHECK(model.staff->page == StaffPage::Pin);
    CHECK(model.staff->pad.size() == 4);
    for (const char* digit : {"1", "3", "5", "7"}) visit.send(intent::StaffPinKey{digit});
    CHECK(visit.model().staff->pin_dots == "****");
    visit.send(intent::StaffPinSubmit{});
    const auto checks = visit.effects_of<effect::CheckStaffPin>();
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].pin == "1357");
    CHECK(visit.state().staff.pin.empty());
    for (const auto& log : visit.effects_of<effect::Log>())
        CHECK(log.detail.find("1357") == std::string::npos);
    visit.send(intent::StaffPinResult{StaffPinOutcome::Wrong, 4, 0});
    REQUIRE(visit.model().staff->error);
    CHECK(visit.model().staff->error->text.find("Còn 4 lần thử") != std::string::npos);
    CHECK_FALSE(visit.state().staff.unlocked);
    visit.send(intent::StaffPinKey{"1"});
    visit.send(intent::StaffPinSubmit{});
    visit.send(intent::StaffPinResult{StaffPinOutcome::Locked, 0, 4 * 60 * 1000 + 1});
    CHECK(visit.model().staff->error->text.find("sau 5 phút") != std::string::npos);
    // Without the right PIN no staff page opens.
    visit.send(intent::StaffOpenPage{StaffPage::Outbox});
    CHECK(visit.state().staff.page == StaffPage::Pin);
    visit.send(intent::StaffRetry{7});
    CHECK(visit.effects_of<effect::StaffRetryFiling>().empty());
}

TEST_CASE("leaving staff mode returns the resident to their page, answers and settings",
          "[staff][session]") {
    StaffVisit visit;
    visit.send(intent::SetTextSize{TextSize::ExtraLarge});
    visit.send(intent::SetContrast{Contrast::HighLight});
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"1.001193"});
    visit.send(intent::Next{});
    visit.type_into("requester.name", "Nguyễn Văn An");
    const SessionState before = visit.state();
    visit.unlock();
    // What the resident's screen would take goes nowhere while staff mode is open.
    visit.send(intent::TypeText{"xyz"});
    visit.send(intent::Home{});
    visit.send(intent::SetLanguage{Language::English});
    visit.send(intent::Next{});
    // Staff mode outlasts the resident's idle time: the visit is not wiped meanwhile.
    visit.send(intent::Tick{}, 2 * 60 * 1000);
    visit.send(intent::Tick{}, 2 * 60 * 1000);
    visit.send(intent::StaffOpenPage{StaffPage::Counts});
    visit.send(intent::StaffLeave{});
    const SessionState& after = visit.state();
    CHECK_FALSE(after.staff.open);
    CHECK(after.screen == before.screen);
    CHECK(after.visit.page_index == before.visit.page_index);
    CHECK(after.answer("requester.name") == "Nguyễn Văn An");
    CHECK(after.settings == before.settings);
    CHECK(after.focused_field == before.focused_field);
    CHECK(after.visit_number == before.visit_number);
    CHECK_FALSE(visit.model().staff);
    CHECK_FALSE(after.idle_warning);
}

TEST_CASE("staff mode left alone closes by itself after three minutes, locked again",
          "[staff][session]") {
    StaffVisit visit;
    visit.unlock();
    visit.send(intent::Tick{}, StaffIdleMs - 1000);
    CHECK(visit.state().staff.open);
    visit.send(intent::Tick{}, 2000);
    CHECK_FALSE(visit.state().staff.open);
    CHECK_FALSE(visit.state().staff.unlocked);
    visit.corner(5);
    CHECK(visit.state().staff.page == StaffPage::Pin);
}

TEST_CASE("a held filing is retried or cancelled with a reason, never without one",
          "[staff][session]") {
    StaffVisit visit;
    visit.unlock();
    visit.send(intent::StaffRetry{12});
    REQUIRE(visit.effects_of<effect::StaffRetryFiling>().size() == 1);
    CHECK(visit.effects_of<effect::StaffRetryFiling>()[0].id == 12);
    visit.send(intent::StaffCancelStart{12, "KD4MX7PA"});
    CHECK(visit.state().staff.page == StaffPage::Cancel);
    visit.send(intent::StaffCancelConfirm{});
    CHECK(visit.effects_of<effect::StaffCancelFiling>().empty());
    REQUIRE(visit.model().staff->error);
    // Typed on the physical keyboard into the reason box.
    visit.send(intent::TypeText{"Trùng với hồ sơ tại quầy"});
    visit.send(intent::StaffCancelConfirm{});
    const auto cancels = visit.effects_of<effect::StaffCancelFiling>();
    REQUIRE(cancels.size() == 1);
    CHECK(cancels[0].id == 12);
    CHECK(cancels[0].reason == "Trùng với hồ sơ tại quầy");
    CHECK(visit.state().staff.page == StaffPage::Outbox);
}

TEST_CASE("staff pages show the outbox with the portal's reason, the status and the counts",
          "[staff][screen]") {
    StaffVisit visit;
    visit.unlock();
    StaffView view;
    view.portal_configured = true;
    view.problem_key = "staff.problem.refused";
    view.outbox.push_back(StaffOutboxRow{3, "KD4MX7PA", "Đăng ký khai sinh", OutboxState::Held,
                                         "portal_rejected", "ChuHoSo", 12 * 60 * 1000});
    view.outbox.push_back(StaffOutboxRow{2, "000.00.01.H99-261201-0001", "Đăng ký khai sinh",
                                         OutboxState::Accepted, "", "", 3 * 3600 * 1000});
    view.counts = count_filing({}, "2026-12-01", "1.001193", true);
    auto model_with = [&] {
        return build_screen(
            visit.session,
            ScreenInputs{
                motcua::test::strings(), nullptr, visit.today, visit.now, false, {}, &view});
    };
    auto outbox = *model_with().staff;
    REQUIRE(outbox.rows.size() == 2);
    CHECK(outbox.rows[0].text.text.find("Bị giữ lại") != std::string::npos);
    CHECK(outbox.rows[0].text.text.find("12 phút trước") != std::string::npos);
    CHECK(outbox.rows[0].detail.text.find("không chấp nhận nội dung") != std::string::npos);
    REQUIRE(outbox.rows[0].actions.size() == 2);
    CHECK(std::holds_alternative<intent::StaffRetry>(outbox.rows[0].actions[0].intent));
    REQUIRE(outbox.rows[1].actions.size() == 1);
    CHECK(std::get<intent::StaffReprint>(outbox.rows[1].actions[0].intent).code ==
          "000.00.01.H99-261201-0001");
    CHECK(outbox.lines[1].text.find("từ chối") != std::string::npos);  // the problem, named
    visit.send(intent::StaffOpenPage{StaffPage::Counts});
    auto counts = *model_with().staff;
    bool assisted = false;
    for (const auto& line : counts.lines) assisted |= line.text == "Có cán bộ hỗ trợ: 1";
    CHECK(assisted);
}

TEST_CASE("staff reprint a kept receipt by code and see the outcome, and only staff can",
          "[staff][reprint]") {
    StaffVisit visit;
    visit.send(intent::Start{});
    SECTION("outside staff mode a reprint is refused") {
        visit.send(intent::StaffReprint{"KD4MX7PA"});
        CHECK(visit.effects_of<effect::Reprint>().empty());
        CHECK(visit.state().paper.reprint == PrintProgress{});
        CHECK(visit.state().screen == Screen::Choose);  // the resident's visit goes on
    }
    SECTION("with staff mode open but the PIN not yet right a reprint is refused") {
        visit.corner(5);
        REQUIRE(visit.state().staff.open);
        visit.send(intent::StaffReprint{"KD4MX7PA"});
        CHECK(visit.effects_of<effect::Reprint>().empty());
        CHECK(visit.state().paper.reprint == PrintProgress{});
    }
    SECTION("unlocked, by code; the printer's answer reaches staff mode") {
        visit.unlock();
        visit.send(intent::StaffReprint{" kd4mx7pa "});
        const auto asked = visit.effects_of<effect::Reprint>();
        REQUIRE(asked.size() == 1);
        CHECK(asked[0].code == "KD4MX7PA");
        CHECK(visit.state().paper.reprint.state == PrintState::Printing);
        CHECK(visit.state().staff.message == "staff.reprint_asked");
        visit.send(
            intent::PrintResult{PrintJobKind::Reprint, PrintState::Failed, "receipt_not_found"});
        CHECK(visit.state().paper.reprint ==
              PrintProgress{PrintState::Failed, "receipt_not_found"});
        CHECK(motcua::test::strings().vi.text("error.receipt_not_found") ==
              "Không có giấy tiếp nhận nào với mã này trong 30 ngày qua.");
        // No code given and none typed in the box: nothing is asked for.
        visit.send(intent::StaffReprint{""});
        CHECK(visit.effects_of<effect::Reprint>().size() == 1);
        CHECK(visit.state().staff.message == "staff.reprint_need_code");
    }
}

TEST_CASE("the attract screen shows residents only a discreet marker for staff",
          "[staff][screen]") {
    StaffVisit visit;
    const auto marker =
        std::get<AttractScreen>(visit.model(true, {"staff.problem.auth"}).body).staff_notice;
    REQUIRE(marker);
    CHECK(marker->key == "attract.staff_marker");
    CHECK(marker->text.find("token") == std::string::npos);
    CHECK_FALSE(std::get<AttractScreen>(visit.model(false).body).staff_notice);
}

TEST_CASE("an assisted visit is filed with HoTroCanBo and counted apart, abandons name the step",
          "[staff][session]") {
    StaffVisit visit;
    visit.unlock();
    visit.send(intent::StaffAssist{});
    CHECK_FALSE(visit.state().staff.open);
    CHECK(visit.state().assisted);
    CHECK(visit.state().screen == Screen::Choose);  // staff start the visit from the attract
    REQUIRE(visit.model().banner);
    visit.file_a_birth();
    const auto saves = visit.effects_of<effect::SaveDossier>();
    REQUIRE(saves.size() == 1);
    CHECK(nlohmann::json::parse(saves[0].payload_json).value("HoTroCanBo", false));
    const auto filings = visit.effects_of<effect::CountFiling>();
    REQUIRE(filings.size() == 1);
    CHECK(filings[0].assisted);
    CHECK(filings[0].procedure_code == "1.001193");
    visit.send(intent::Home{});
    CHECK_FALSE(visit.state().assisted);  // the next visit is the resident's own again
    REQUIRE(visit.effects_of<effect::CountVisit>().size() == 1);
    CHECK(visit.effects_of<effect::CountVisit>()[0].visit.abandoned_at.empty());

    // A resident alone, who gives up on the question page.
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"1.001193"});
    visit.send(intent::Next{});
    visit.send(intent::Home{}, 90000);
    const auto visits = visit.effects_of<effect::CountVisit>();
    REQUIRE(visits.size() == 2);
    CHECK(visits[1].visit.abandoned_at == "question");
    CHECK(visits[1].visit.duration_ms == 90200);  // Start to Home
}

namespace {

// What the platform does with the session's count effects: staff mode's counts (StaffStore) and
// the ops metrics (App::carry_out_staff), side by side.
struct CountsAndMetrics {
    DailyCounts counts;
    std::map<VisitMetric, int> metrics;
    int started = 0;

    explicit CountsAndMetrics(const std::vector<Effect>& effects) {
        for (const auto& effect : effects) {
            if (const auto* filing = std::get_if<effect::CountFiling>(&effect))
                counts =
                    count_filing(counts, "2026-12-01", filing->procedure_code, filing->assisted);
            if (const auto* visit = std::get_if<effect::CountVisit>(&effect)) {
                counts = count_visit(counts, "2026-12-01", visit->visit);
                ++metrics[visit_metric(visit->visit)];
            }
            if (std::holds_alternative<effect::CountVisitStarted>(effect)) ++started;
        }
    }
    int metric(const std::string& family, const std::string& step = "") const {
        auto it = metrics.find(VisitMetric{family, step});
        return it == metrics.end() ? 0 : it->second;
    }
};

}  // namespace

TEST_CASE("one visit changes staff mode's counts and the metrics by the same amount",
          "[staff][counts][metrics]") {
    StaffVisit visit;
    int filed = 0, assisted = 0, abandoned = 0;
    SECTION("a resident files alone") {
        visit.send(intent::Start{});
        visit.file_a_birth();
        filed = 1;
    }
    SECTION("staff file with the resident") {
        visit.unlock();
        visit.send(intent::StaffAssist{});
        visit.file_a_birth();
        filed = assisted = 1;
    }
    SECTION("a resident gives up on the question page") {
        visit.send(intent::Start{});
        visit.send(intent::ChooseProcedure{"1.001193"});
        visit.send(intent::Next{});
        REQUIRE(visit.state().screen == Screen::Question);
        abandoned = 1;
    }
    const CountsAndMetrics before(visit.effects);
    CHECK(before.metrics.empty());  // nothing is counted as ended before the wipe
    CHECK(before.started == 1);
    visit.send(intent::Home{});
    REQUIRE(visit.state().screen == Screen::Attract);

    const CountsAndMetrics after(visit.effects);
    CHECK(after.started == 1);
    CHECK(after.counts.visit_ms.size() == 1);  // one visit, ended once, for both
    CHECK(after.metric("motcua_visits_finished_total") == filed);
    CHECK(total_filings(after.counts) == filed);
    CHECK(after.counts.assisted == assisted);
    CHECK(after.counts.self_service == filed - assisted);
    CHECK(after.metric("motcua_visits_abandoned_total", "question") == abandoned);
    CHECK(static_cast<int>(after.counts.abandoned.count("question")) == abandoned);
    if (abandoned) CHECK(after.counts.abandoned.at("question") == 1);
    CHECK(after.counts.abandoned.size() == static_cast<std::size_t>(abandoned));
    CHECK(after.metrics.size() == 1);
}

TEST_CASE("a visit that ends where visits end is counted as ended, not abandoned",
          "[staff][counts][metrics]") {
    CHECK(visit_metric(VisitCount{"", 1000, false, "guidance"}) ==
          VisitMetric{"motcua_visits_ended_total", "guidance"});
    CHECK(visit_metric(VisitCount{"review", 1000, false, "review"}) ==
          VisitMetric{"motcua_visits_abandoned_total", "review"});
    CHECK(visit_metric(VisitCount{"", 1000, true, "thanks"}) ==
          VisitMetric{"motcua_visits_finished_total", ""});
    // Staff mode counts only the abandoned one as abandoned: the same visits as the metrics.
    DailyCounts counts;
    counts = count_visit(counts, "2026-12-01", VisitCount{"", 1000, false, "guidance"});
    CHECK(counts.abandoned.empty());
    CHECK(counts.visit_ms.size() == 1);
}

TEST_CASE("the status page tells staff the last scan and whether it was an ID card",
          "[staff][screen][scanner]") {
    // A keyboard-wedge scanner is known only by what it typed: when, and what kind of code.
    const std::string card =
        "001090012345|123456789|Nguyễn Văn Ánh|01011990|Nam|12 Lê Lợi, Phường Bến Nghé, Quận 1, "
        "TP Hồ Chí Minh|15062021";
    CHECK(scan_seen(card, Noon) == LastScan{Noon, true});
    CHECK(scan_seen("https://example.org/not-a-card", Noon) == LastScan{Noon, false});
    CHECK_FALSE(scan_seen("", Noon).id_card);

    StaffVisit visit;
    visit.unlock();
    visit.send(intent::StaffOpenPage{StaffPage::Status});
    StaffView view;
    auto status_lines = [&] {
        const auto screen =
            *build_screen(
                 visit.session,
                 ScreenInputs{
                     motcua::test::strings(), nullptr, visit.today, visit.now, false, {}, &view})
                 .staff;
        std::vector<std::string> lines;
        for (const auto& line : screen.lines) lines.push_back(line.text);
        return lines;
    };
    auto has = [](const std::vector<std::string>& lines, const std::string& line) {
        return std::find(lines.begin(), lines.end(), line) != lines.end();
    };
    const auto none = status_lines();
    CHECK(has(none, "Máy quét mã QR: chưa có lần quét nào từ khi bật máy"));
    view.last_scan = scan_seen(card, Noon + 2 * 60 * 1000 + 30 * 1000);  // 12:02:30 in Vietnam
    CHECK(has(status_lines(), "Máy quét mã QR: lần quét cuối lúc 12:02 (mã CCCD)"));
    view.last_scan = scan_seen("not a card", Noon + 65 * 60 * 1000);
    CHECK(has(status_lines(), "Máy quét mã QR: lần quét cuối lúc 13:05 (không phải mã CCCD)"));
    // The printer's near end, as the platform reports it.
    view.printer_key = "staff.printer_near_end";
    CHECK(has(status_lines(), "Máy in: giấy sắp hết, hãy thay cuộn"));
}
