// The visit state machine driven by intent scripts: no window, no clock, no sleeping.
#include "core/session/session.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "stepping_random.h"

using namespace motcua::core;

namespace {

const char* TestProcedure = R"json({
  "format": 1, "code": "1.001193", "name": "Đăng ký khai sinh", "category": "birth",
  "authority": "Uỷ ban nhân dân xã", "documents": [{"name": "Giấy chứng sinh", "kind": "original"}],
  "eligibility": [{"id": "again", "question": "Đã đăng ký chưa?", "exit_when": "yes",
                   "exit_title": "Thủ tục khác", "exit_body": "Hãy xin bản sao."}],
  "portal": {"owner_field": "requester.name", "phone_field": "requester.phone", "summary": "Khai sinh cho {child.name}"},
  "pages": [
    {"id": "p_name", "title": "Tên bạn", "fields": [{"id": "requester.name", "type": "person_name", "label": "Họ tên", "portal": "NguoiYeuCau.HoTen", "prefill": "cccd.full_name"}]},
    {"id": "p_id", "title": "Số định danh", "fields": [{"id": "requester.id", "type": "id_number", "label": "Số", "prefill": "cccd.id_number"}]},
    {"id": "p_phone", "title": "Điện thoại", "fields": [{"id": "requester.phone", "type": "phone", "label": "Điện thoại", "required": false}]},
    {"id": "p_father", "title": "Có cha?", "fields": [{"id": "father.known", "type": "yes_no", "label": "Có"}]},
    {"id": "p_father_name", "title": "Tên cha", "show_if": {"field": "father.known", "equals": "yes"},
     "fields": [{"id": "father.name", "type": "person_name", "label": "Tên cha"}]},
    {"id": "p_child", "title": "Tên cháu", "fields": [{"id": "child.name", "type": "person_name", "label": "Tên cháu", "portal": "Chau.HoTen"}]}
  ]})json";

// 2026-11-27 10:00 Asia/Ho_Chi_Minh (a Friday).
constexpr std::int64_t Friday10am = 1795748400000;

struct Harness {
    Catalog catalog;
    motcua::test::SteppingRandom random{3, 7};
    Session session;
    std::int64_t now = 0;
    std::int64_t wall_base = Friday10am;  // the wall clock at now == 0
    std::vector<Effect> effects;

    explicit Harness(SessionConfig config = {})
        : catalog(build_catalog({{"test.json", TestProcedure}})),
          session(catalog, std::move(config), random) {
        REQUIRE(catalog.problems.empty());
    }
    const SessionState& state() const { return session.state(); }
    void send(Intent intent, std::int64_t after_ms = 100) {
        now += after_ms;
        auto produced = session.dispatch(intent, Now{now, wall_base + now});
        effects.insert(effects.end(), produced.begin(), produced.end());
    }
    void type_into(const std::string& field, const std::string& text) {
        send(intent::Focus{field});
        send(intent::TypeText{text});
    }
    void to_first_question() {
        send(intent::Start{});
        send(intent::ChooseProcedure{"1.001193"});
        send(intent::AnswerEligibility{false});
        REQUIRE(state().screen == Screen::Requirements);
        send(intent::Next{});
        REQUIRE(state().screen == Screen::Question);
    }
    void fill_all(bool with_father) {
        to_first_question();
        type_into("requester.name", "nguyễn  văn AN");
        send(intent::Next{});
        type_into("requester.id", "001 090 123456");
        send(intent::Next{});
        send(intent::Next{});  // phone is optional
        send(intent::Choose{"father.known", with_father ? "yes" : "no"});
        send(intent::Next{});
        if (with_father) {
            type_into("father.name", "Nguyễn Văn Ba");
            send(intent::Next{});
        }
        type_into("child.name", "Nguyễn Thị Bình");
        send(intent::Next{});
    }
    template <typename T>
    std::vector<T> effects_of() const {
        std::vector<T> found;
        for (const auto& e : effects)
            if (const T* item = std::get_if<T>(&e)) found.push_back(*item);
        return found;
    }
};

}  // namespace

TEST_CASE("a visit goes from the attract screen to the first question", "[session]") {
    Harness h;
    CHECK(h.state().screen == Screen::Attract);
    h.send(intent::Start{});
    CHECK(h.state().screen == Screen::Choose);
    h.send(intent::ChooseProcedure{"1.001193"});
    CHECK(h.state().screen == Screen::Eligibility);
    h.send(intent::AnswerEligibility{false});
    CHECK(h.state().screen == Screen::Requirements);
    h.send(intent::Next{});
    CHECK(h.state().screen == Screen::Question);
    CHECK(h.state().visit.page_index == 0);
    CHECK(h.state().focused_field == "requester.name");
}

TEST_CASE("the wrong-procedure answer leads to an exit page, and back returns to the choice",
          "[session]") {
    Harness h;
    h.send(intent::Start{});
    h.send(intent::ChooseProcedure{"1.001193"});
    h.send(intent::AnswerEligibility{true});
    CHECK(h.state().screen == Screen::EligibilityExit);
    h.send(intent::Back{});
    CHECK(h.state().screen == Screen::Eligibility);
    h.send(intent::Back{});
    CHECK(h.state().screen == Screen::Choose);
}

TEST_CASE("Continue with an empty required answer shows an error and keeps the page",
          "[session][validation]") {
    Harness h;
    h.to_first_question();
    h.send(intent::Next{});
    CHECK(h.state().screen == Screen::Question);
    CHECK(h.state().visit.page_index == 0);
    CHECK(h.state().visit.errors.at("requester.name") == "required");
}

TEST_CASE("a wrong answer is kept as typed next to its error", "[session][validation]") {
    Harness h;
    h.to_first_question();
    h.type_into("requester.name", "An 123");
    h.send(intent::Next{});
    CHECK(h.state().visit.errors.count("requester.name") == 1);
    CHECK(h.state().answer("requester.name") == "An 123");
    CHECK(h.state().focused_field == "requester.name");
}

TEST_CASE("valid answers are normalised on Continue", "[session][validation]") {
    Harness h;
    h.to_first_question();
    h.type_into("requester.name", "nguyễn  văn AN");
    h.send(intent::Next{});
    CHECK(h.state().answer("requester.name") == "Nguyễn Văn An");
    h.type_into("requester.id", "001 090 123456");
    h.send(intent::Next{});
    CHECK(h.state().answer("requester.id") == "001090123456");
}

TEST_CASE("typing NFD text stores NFC", "[session][text]") {
    Harness h;
    h.to_first_question();
    h.type_into("requester.name", "Nguye\xCC\x82\xCC\x83n");  // e + combining circumflex + tilde
    CHECK(h.state().answer("requester.name") == "Nguyễn");
}

TEST_CASE("on-screen tone and mark keys change the word being typed", "[session][text]") {
    Harness h;
    h.to_first_question();
    h.type_into("requester.name", "Nguyen");
    h.send(intent::ApplyMark{Mark::Circumflex});
    h.send(intent::ApplyTone{Tone::Nga});
    CHECK(h.state().answer("requester.name") == "Nguyễn");
    h.send(intent::Backspace{});
    CHECK(h.state().answer("requester.name") == "Nguyễ");
    h.send(intent::Shift{});
    h.send(intent::TypeText{" v"});
    CHECK(h.state().answer("requester.name") ==
          "Nguyễ v");  // shift capitalises only a leading letter
}

TEST_CASE("a page hidden by show_if is skipped and its answers are not sent",
          "[session][show-if]") {
    Harness h;
    h.fill_all(false);
    REQUIRE(h.state().screen == Screen::Review);
    auto pages = h.session.visible_pages();
    CHECK(std::find(pages.begin(), pages.end(), 4) == pages.end());
    h.send(intent::Submit{});
    auto saves = h.effects_of<effect::SaveDossier>();
    REQUIRE(saves.size() == 1);
    auto payload = nlohmann::json::parse(saves[0].payload_json);
    CHECK(payload["ChuHoSo"] == "Nguyễn Văn An");
    CHECK(payload["DuLieuToKhai"]["Chau"]["HoTen"] == "Nguyễn Thị Bình");
    CHECK(payload["DuLieuToKhai"]["father"]["known"] == "no");
    CHECK_FALSE(payload["DuLieuToKhai"]["father"].contains("name"));
    CHECK(payload["TrichYeuHoSo"] == "Khai sinh cho Nguyễn Thị Bình");
}

TEST_CASE("Change on the review page returns straight to the review", "[session][review]") {
    Harness h;
    h.fill_all(true);
    REQUIRE(h.state().screen == Screen::Review);
    h.send(intent::EditPage{0});
    CHECK(h.state().screen == Screen::Question);
    CHECK(h.state().visit.returning_to_review);
    h.type_into("requester.name", "h");
    h.send(intent::Next{});
    CHECK(h.state().screen == Screen::Review);
    CHECK(h.state().answer("requester.name") == "Nguyễn Văn Anh");
}

TEST_CASE("submitting saves once, then the portal's code shows on the receipt",
          "[session][submit]") {
    Harness h;
    h.fill_all(true);
    h.send(intent::Submit{});
    h.send(intent::Submit{});  // a double tap files nothing twice
    auto saves = h.effects_of<effect::SaveDossier>();
    REQUIRE(saves.size() == 1);
    CHECK(h.state().screen == Screen::Submitting);
    CHECK(h.state().submission.delivery == Delivery::Saving);
    h.send(intent::Saved{true, ""});
    CHECK(h.state().submission.delivery == Delivery::Sending);
    h.send(intent::Accepted{"WRONGCOD", "X-1", "20261127170000"});  // another visit's result
    CHECK(h.state().screen == Screen::Submitting);
    h.send(
        intent::Accepted{saves[0].provisional_code, "000.00.01.H99-261127-0001", "20261127170000"});
    CHECK(h.state().screen == Screen::Receipt);
    CHECK(h.state().submission.ma_ho_so == "000.00.01.H99-261127-0001");
}

TEST_CASE("a slow portal gives a provisional receipt after a few seconds", "[session][submit]") {
    SessionConfig config;
    config.provisional_after_ms = 4000;
    Harness h(config);
    h.fill_all(false);
    h.send(intent::Submit{});
    h.send(intent::Saved{true, ""});
    h.send(intent::Tick{}, 3000);
    CHECK(h.state().screen == Screen::Submitting);
    CHECK(h.session.next_deadline_ms(h.now) > h.now);
    h.send(intent::Tick{}, 1000);
    CHECK(h.state().screen == Screen::Receipt);
    CHECK(h.state().submission.delivery == Delivery::Queued);
    CHECK(h.state().submission.provisional_code.size() == 8);
    // Friday 10:00, same-day procedure: due the same day at 17:00.
    CHECK(h.state().submission.expected_due == "20261127170000");
    // The portal answers later: the receipt now links the MaHoSo.
    h.send(intent::Accepted{h.state().submission.provisional_code, "M-1", "20261127170000"});
    CHECK(h.state().submission.delivery == Delivery::Accepted);
}

TEST_CASE("a kiosk whose clock reads 1970 promises no due date of its own",
          "[session][submit][clock]") {
    // A dead RTC battery: the expected due date would be computed from 1970. The receipt then
    // shows none until the portal's own NgayHenTra arrives.
    SessionConfig config;
    config.provisional_after_ms = 4000;
    Harness h(config);
    h.wall_base = 0;
    h.fill_all(false);
    h.send(intent::Submit{});
    h.send(intent::Saved{true, ""});
    h.send(intent::Tick{}, 4000);
    REQUIRE(h.state().screen == Screen::Receipt);
    CHECK(h.state().submission.expected_due.empty());
    h.send(intent::Accepted{h.state().submission.provisional_code, "M-1", "20261127170000"});
    CHECK(h.state().submission.ngay_hen_tra == "20261127170000");
}

TEST_CASE("a failed save keeps every answer and says so", "[session][submit]") {
    Harness h;
    h.fill_all(true);
    h.send(intent::Submit{});
    h.send(intent::Saved{false, "disk_full"});
    CHECK(h.state().screen == Screen::Review);
    CHECK(h.state().notice == "notice.save_failed");
    CHECK(h.state().answer("child.name") == "Nguyễn Thị Bình");
    h.send(intent::Submit{});
    CHECK(h.effects_of<effect::SaveDossier>().size() == 2);
}

TEST_CASE("idle for 5 minutes shows the countdown, and 45 s later the visit is wiped",
          "[session][idle]") {
    Harness h;
    h.to_first_question();
    h.type_into("requester.name", "Phạm");
    h.send(intent::Tick{}, 5 * 60 * 1000 - 200);
    CHECK_FALSE(h.state().idle_warning);
    h.send(intent::Tick{}, 300);
    CHECK(h.state().idle_warning);
    CHECK(h.session.idle_seconds_left(h.now) == 45);
    h.send(intent::StillHere{});
    CHECK_FALSE(h.state().idle_warning);
    CHECK(h.state().answer("requester.name") == "Phạm");
    h.send(intent::Tick{}, 5 * 60 * 1000 + 45 * 1000);
    CHECK(h.state().screen == Screen::Attract);
    CHECK(h.state().visit.answers.empty());
    CHECK(h.effects_of<effect::VisitEnded>().size() == 1);
}

TEST_CASE("the wipe resets settings chosen by the previous resident", "[session][idle]") {
    Harness h;
    h.send(intent::SetTextSize{TextSize::ExtraLarge});
    h.send(intent::SetContrast{Contrast::HighDark});
    h.send(intent::SetLanguage{Language::English});
    h.send(intent::Start{});
    h.send(intent::Home{});
    CHECK(h.state().settings == Settings{});
    CHECK(h.state().visit_number == 1);
}

TEST_CASE("rating sends the dossier's code and ends the visit", "[session][rating]") {
    Harness h;
    h.fill_all(false);
    h.send(intent::Submit{});
    h.send(intent::Saved{true, ""});
    h.send(intent::Accepted{h.state().submission.provisional_code, "M-7", "20261127170000"});
    h.send(intent::Finish{});
    CHECK(h.state().screen == Screen::Rating);
    h.send(intent::Rate{3});
    auto ratings = h.effects_of<effect::SendRating>();
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0].code == "M-7");
    CHECK(ratings[0].level == 3);
    CHECK(h.state().screen == Screen::Thanks);
    h.send(intent::Tick{}, 7000);
    CHECK(h.state().screen == Screen::Attract);
}

TEST_CASE("an ID card scan fills the fields that ask for it", "[session][scan]") {
    Harness h;
    h.to_first_question();
    h.send(
        intent::Scan{"001090123456|012345678|NGUYỄN VĂN AN|01011990|Nam|Phường Bến Nghé, TP. Hồ "
                     "Chí Minh|15042021"});
    CHECK(h.state().answer("requester.id") == "001090123456");
    CHECK(h.state().answer("requester.name") == "Nguyễn Văn An");
    CHECK(h.state().notice == "notice.scan_done");
    h.send(intent::Scan{"not a card"});
    CHECK(h.state().notice == "notice.scan_unreadable");
}

TEST_CASE("a scan without accents fills only the ID and asks for the name", "[session][scan]") {
    Harness h;
    h.to_first_question();
    h.send(intent::Scan{"001090123456||NGUYEN VAN AN|01011990|Nam|Phuong Ben Nghe|15042021"});
    CHECK(h.state().answer("requester.id") == "001090123456");
    CHECK(h.state().answer("requester.name").empty());
    CHECK(h.state().notice == "notice.scan_check_name");
}

TEST_CASE("a status lookup needs the whole code and asks for exactly it", "[session][lookup]") {
    Harness h;
    h.send(intent::OpenLookup{});
    CHECK(h.state().screen == Screen::Lookup);
    CHECK(h.state().focused_field == "lookup");
    h.send(intent::TypeText{"kd4"});
    h.send(intent::Next{});
    CHECK(h.state().visit.errors.at("lookup") == "lookup_code_short");
    CHECK(h.effects_of<effect::LookupDossier>().empty());
    h.send(intent::TypeText{"m-x7pa"});  // typed in lower case with a dash: a provisional code
    h.send(intent::Next{});
    auto asked = h.effects_of<effect::LookupDossier>();
    REQUIRE(asked.size() == 1);
    CHECK(asked[0].code == "KD4MX7PA");
    CHECK(h.state().lookup.state == LookupState::Asking);
    h.send(intent::LookupResult{"OTHER123", LookupState::NotFound, {}, 0, {}});
    CHECK(h.state().lookup.state == LookupState::Asking);  // not the answer to this question
    h.send(intent::LookupResult{"KD4MX7PA", LookupState::Found, "Đăng ký khai sinh", 4,
                                "20261130170000"});
    CHECK(h.state().lookup.state == LookupState::Found);
    CHECK(h.state().lookup.trang_thai == 4);
    h.send(intent::Back{});
    CHECK(h.state().screen == Screen::Attract);
    CHECK(h.state().lookup.code.empty());
}

TEST_CASE("scanning the receipt's QR on the lookup screen looks the code up", "[session][lookup]") {
    Harness h;
    h.send(intent::OpenLookup{});
    h.send(intent::Scan{"000.00.01.H99-261127-0001"});
    auto asked = h.effects_of<effect::LookupDossier>();
    REQUIRE(asked.size() == 1);
    CHECK(asked[0].code == "000.00.01.H99-261127-0001");
}
