// The review, receipt, lookup and chrome models: how each answer, code, due date and status is
// shown; the header, footer and idle overlay.
#include "screen_harness.h"

using namespace motcua::core;
using motcua::test::labels;
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
      {"id": "father.known", "type": "yes_no", "label": "Có cha"},
      {"id": "relation", "type": "choice", "label": "Quan hệ", "portal": "A.QuanHe",
       "options": [{"value": "cha", "label": "Cha"}, {"value": "me", "label": "Mẹ"}]},
      {"id": "phone", "type": "phone", "label": "Điện thoại", "required": false}]}
  ]})json";

struct BirthVisit : ScreenVisit {
    BirthVisit() : ScreenVisit(std::vector<SourceFile>{{"birth.json", Birth}}) {}
    void to_review() {
        send(intent::Start{});
        send(intent::ChooseProcedure{"1.001193"});
        send(intent::Next{});
        type_into("requester.name", "Nguyễn Văn An");
        send(intent::Next{});
        send(intent::Choose{"father.known", "yes"});
        send(intent::Choose{"relation", "me"});
        send(intent::Next{});
        REQUIRE(state().screen == Screen::Review);
    }
    void submit_and_save() {
        to_review();
        send(intent::Submit{});
        send(intent::Saved{true, ""});
        REQUIRE(state().submission.delivery == Delivery::Sending);
    }
};

}  // namespace

TEST_CASE("review shows each answer as chosen: option labels, yes/no in words, 'not given'",
          "[screen][review]") {
    BirthVisit visit;
    visit.to_review();
    auto review = visit.body<ReviewScreen>();
    REQUIRE(review.pages.size() == 2);
    CHECK(review.pages[0].items[0].rows[0].answer.text == "Nguyễn Văn An");
    const auto& rows = review.pages[1].items[0].rows;
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].answer.text == "Có");
    CHECK(rows[1].label.text == "Quan hệ");
    CHECK(rows[1].answer.text == "Mẹ");
    CHECK(rows[2].answer.text == "Không khai");
    const auto* edit = std::get_if<intent::EditPage>(&review.pages[1].edit.intent);
    REQUIRE(edit);
    CHECK(edit->page == 1);
    auto model = visit.model();
    REQUIRE(model.footer.primary);
    CHECK(model.footer.primary->label.text == "Gửi hồ sơ");
    CHECK(std::holds_alternative<intent::Submit>(model.footer.primary->intent));
}

TEST_CASE(
    "the receipt shows the provisional code and expected date, then the portal's code and date",
    "[screen][receipt]") {
    BirthVisit visit;
    visit.submit_and_save();
    CHECK(visit.body<SubmittingScreen>().body.key == "submitting.sending");

    SECTION("queued: provisional code, the kiosk's expected due date, and why") {
        visit.send(intent::Tick{}, 5000);
        REQUIRE(visit.state().screen == Screen::Receipt);
        auto receipt = visit.body<ReceiptScreen>();
        CHECK(receipt.title.key == "receipt.title_saved");
        CHECK(receipt.code_label.key == "receipt.provisional_label");
        CHECK(receipt.code == visit.state().submission.provisional_code);
        CHECK(receipt.qr_payload == receipt.code);
        CHECK(receipt.due_label.key == "receipt.expected_due_label");
        // Friday 27/11 10:00 + 3 working days: Wednesday 2/12, end of the working day.
        CHECK(receipt.due.text == "17:00 02/12/2026");
        REQUIRE(receipt.notice);
        CHECK(receipt.notice->key == "receipt.queued");
        CHECK(receipt.procedure.text == "Đăng ký khai sinh");
    }
    SECTION("accepted: the MaHoSo and the portal's due date") {
        const std::string provisional = visit.state().submission.provisional_code;
        visit.send(intent::Accepted{provisional, "000.00.01.H99-261127-0001", "20261204090000"});
        auto receipt = visit.body<ReceiptScreen>();
        CHECK(receipt.title.text == "Cổng dịch vụ công đã nhận hồ sơ của bạn");
        CHECK(receipt.code == "000.00.01.H99-261127-0001");
        CHECK(receipt.due_label.text == "Hẹn trả kết quả:");
        CHECK(receipt.due.text == "09:00 04/12/2026");
        CHECK_FALSE(receipt.notice);
        auto model = visit.model();
        CHECK_FALSE(model.footer.back);
        CHECK(model.footer.primary->label.key == "receipt.done");
    }
    SECTION("held: the provisional code and that staff will look") {
        visit.send(intent::Held{visit.state().submission.provisional_code, "401"});
        auto receipt = visit.body<ReceiptScreen>();
        CHECK(receipt.code == visit.state().submission.provisional_code);
        REQUIRE(receipt.notice);
        CHECK(receipt.notice->key == "receipt.held");
    }
}

TEST_CASE("the lookup screen words each status and refuses a short code", "[screen][lookup]") {
    BirthVisit visit;
    visit.send(intent::OpenLookup{});
    auto lookup = visit.body<LookupScreen>();
    CHECK(lookup.box.focused);
    CHECK(lookup.show == LookupShow::Nothing);
    visit.send(intent::TypeText{"abc"});
    visit.send(intent::Next{});
    lookup = visit.body<LookupScreen>();
    CHECK(lookup.error.key == "error.lookup_code_short");
    CHECK(lookup.box.has_error);
    CHECK(lookup.box.value == "ABC");  // codes are upper case
    visit.send(intent::ClearField{"lookup"});
    visit.send(intent::TypeText{"000.00.01.H99-261127-0001"});
    visit.send(intent::Next{});
    CHECK(visit.body<LookupScreen>().show == LookupShow::Paragraph);
    visit.send(intent::LookupResult{"000.00.01.H99-261127-0001", LookupState::Found,
                                    "Đăng ký khai sinh", 3, "20261204090000"});
    lookup = visit.body<LookupScreen>();
    CHECK(lookup.show == LookupShow::Notice);
    CHECK(lookup.result.text ==
          "Hồ sơ 000.00.01.H99-261127-0001 (Đăng ký khai sinh): không được tiếp nhận.");
    CHECK(lookup.due.text == "Hẹn trả kết quả: 09:00 04/12/2026");
    visit.send(intent::LookupResult{"000.00.01.H99-261127-0001", LookupState::NotFound, {}, 0, {}});
    CHECK(visit.body<LookupScreen>().show == LookupShow::ErrorNotice);
}

TEST_CASE(
    "the header cycles the text size and offers home except on the attract and saving screens",
    "[screen][chrome]") {
    BirthVisit visit;
    auto model = visit.model();
    CHECK_FALSE(model.header.home);
    CHECK_FALSE(model.footer.shown);
    const auto next_size = [&] {
        const ScreenModel shown = visit.model();
        const auto* size = std::get_if<intent::SetTextSize>(&shown.header.text_size.intent);
        REQUIRE(size);
        return size->size;
    };
    // [layout] Four sizes: Normal → Large → ExtraLarge → Small → Normal.
    CHECK(visit.model().text_size == 1);
    CHECK(next_size() == TextSize::Large);
    visit.send(intent::SetTextSize{TextSize::Large});
    CHECK(next_size() == TextSize::ExtraLarge);
    CHECK(visit.model().text_size == 2);
    visit.send(intent::SetTextSize{TextSize::ExtraLarge});
    CHECK(next_size() == TextSize::Small);
    CHECK(visit.model().header.text_size.label.key == "header.text_smaller");
    visit.send(intent::SetTextSize{TextSize::Small});
    CHECK(visit.model().text_size == 0);
    CHECK(next_size() == TextSize::Normal);
    CHECK(visit.model().header.text_size.label.key == "header.text_larger");
    // [/layout]
    visit.send(intent::SetLanguage{Language::English});
    model = visit.model();
    const auto* language = std::get_if<intent::SetLanguage>(&model.header.language.intent);
    REQUIRE(language);
    CHECK(language->language == Language::Vietnamese);

    visit.send(intent::Start{});
    model = visit.model();
    CHECK(model.header.home);
    CHECK(model.footer.shown);
    visit.send(intent::Focus{"search"});
    CHECK_FALSE(visit.model().footer.shown);  // the results take the footer's room while typing
}

// [layout]
TEST_CASE("the attract button and the header reach all four contrast modes in turn",
          "[screen][chrome]") {
    BirthVisit visit;
    const auto attract_next = [&] {
        const ScreenModel shown = visit.model();
        const auto* attract = std::get_if<AttractScreen>(&shown.body);
        REQUIRE(attract);
        CHECK_FALSE(shown.header.contrast);  // the attract screen has its own big button
        const auto* next = std::get_if<intent::SetContrast>(&attract->contrast.intent);
        REQUIRE(next);
        return std::pair{next->contrast, attract->contrast.label.key};
    };
    CHECK(visit.model().contrast == Contrast::Standard);
    std::vector<Contrast> seen;
    for (int i = 0; i < 4; ++i) {
        auto [next, key] = attract_next();
        CHECK_FALSE(key.empty());
        seen.push_back(next);
        visit.send(intent::SetContrast{next});
        CHECK(visit.model().contrast == next);
    }
    CHECK(seen == std::vector<Contrast>{Contrast::HighDark, Contrast::HighLight, Contrast::LowGlare,
                                        Contrast::Standard});
    visit.send(intent::Start{});
    for (Contrast expected :
         {Contrast::HighDark, Contrast::HighLight, Contrast::LowGlare, Contrast::Standard}) {
        const ScreenModel shown = visit.model();
        REQUIRE(shown.header.contrast);
        const auto* next = std::get_if<intent::SetContrast>(&shown.header.contrast->intent);
        REQUIRE(next);
        CHECK(next->contrast == expected);
        visit.send(*next);
    }
}
// [/layout]

TEST_CASE("the search runs when the text changes and the choose screen shows its hits",
          "[screen][choose]") {
    ScreenVisit visit(std::vector<SourceFile>{{"birth.json", Birth}});
    visit.send(intent::Start{});
    auto choose = visit.body<ChooseScreen>();
    CHECK(labels(choose.procedures) == std::vector<std::string>{"Đăng ký khai sinh"});
    CHECK_FALSE(choose.clear);
    visit.type_into("search", "khai sinh");
    CHECK(visit.state().search_hits == std::vector<int>{0});
    choose = visit.body<ChooseScreen>();
    CHECK(choose.typing);
    CHECK(choose.clear);
    CHECK(labels(choose.procedures) == std::vector<std::string>{"Đăng ký khai sinh"});
    visit.send(intent::ClearField{"search"});
    visit.send(intent::TypeText{"xyzw"});
    CHECK(visit.state().search_hits.empty());
    choose = visit.body<ChooseScreen>();
    CHECK(choose.procedures.empty());
    REQUIRE(choose.no_results);
    CHECK(choose.no_results->key == "choose.no_results");
}

// [staff] The problem is named in staff mode now (tests/unit/staff_test.cpp); residents see a
// discreet marker only.
TEST_CASE("the marker for staff shows for a held filing, a damaged outbox or a dead clock",
          "[screen][chrome]") {
    BirthVisit visit;
    CHECK(std::get<AttractScreen>(visit.model(true, {"staff.problem.auth"}).body).staff_notice);
    // A damaged outbox or a dead clock is told even with nothing held.
    CHECK(std::get<AttractScreen>(visit.model(false, {"staff.problem.clock"}).body).staff_notice);
}

TEST_CASE("the idle overlay counts down in words and the attract screen tells staff",
          "[screen][chrome]") {
    BirthVisit visit;
    CHECK(std::get<AttractScreen>(visit.model(true).body).staff_notice);
    CHECK_FALSE(std::get<AttractScreen>(visit.model(false).body).staff_notice);
    visit.send(intent::Start{});
    CHECK_FALSE(visit.model().idle);
    visit.send(intent::Tick{}, 5 * 60 * 1000);
    auto model = visit.model();
    REQUIRE(model.idle);
    CHECK(model.idle->countdown.text.find("45") != std::string::npos);
    CHECK(std::holds_alternative<intent::StillHere>(model.idle->still_here.intent));
}
