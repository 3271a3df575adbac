// Typed answers: each answer is kept as what its field asks for (text, a choice, a set of
// choices, an address in parts), one visit's state is reset as a whole when another procedure is
// chosen, and the filing takes the answers through its own type.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/filing/dossier.h"
#include "core/filing/portal_time.h"
#include "core/form/date.h"
#include "core/session/session.h"
#include "stepping_random.h"

using namespace motcua::core;

namespace {

std::string copy_procedure(const std::string& code, const std::string& name) {
    return R"({"format": 1, "code": ")" + code + R"(", "name": ")" + name +
           R"(", "category": "copy",
      "authority": "Uỷ ban nhân dân xã", "documents": [], "portal": {"owner_field": "requester.name"},
      "pages": [
        {"id": "p_name", "title": "Tên bạn", "fields": [
          {"id": "requester.name", "type": "person_name", "label": "Họ tên", "portal": "NguoiYeuCau.HoTen"},
          {"id": "needs", "type": "multi_choice", "label": "Cần gì", "required": false, "portal": "CanGi",
           "options": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}, {"value": "z", "label": "Z"}]},
          {"id": "side", "type": "choice", "label": "Bên", "required": false, "portal": "Ben",
           "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]},
          {"id": "home", "type": "address", "label": "Nơi ở", "required": false, "portal": "NoiO"},
          {"id": "born", "type": "date", "label": "Ngày sinh", "required": false, "portal": "NgaySinh",
           "in_words": true}]},
        {"id": "documents", "title": "Giấy tờ", "repeat": {"max": 3, "item_title": "Giấy tờ thứ {n}", "add_label": "Thêm", "portal": "GiayTo"},
         "fields": [{"id": "document.name", "type": "text", "label": "Tên giấy tờ", "portal": "Ten"}]}
      ]})";
}

struct Visit {
    motcua::test::SteppingRandom random{1, 13};
    Session session;
    std::int64_t now = 0;
    std::vector<Effect> effects;

    Visit()
        : session(make_offer(
                      build_catalog({{"a.json", copy_procedure("2.000815", "Chứng thực bản sao")},
                                     {"b.json", copy_procedure("2.000816", "Chứng thực chữ ký")}}),
                      "bundled"),
                  SessionConfig{}, random) {
        REQUIRE(session.catalog().problems.empty());
    }
    const SessionState& state() const { return session.state(); }
    void send(Intent intent) {
        now += 100;
        auto produced = session.dispatch(intent, Now{now, 1795748400000 + now});
        effects.insert(effects.end(), produced.begin(), produced.end());
    }
    void first_page(const std::string& code) {
        send(intent::ChooseProcedure{code});
        send(intent::Next{});
        REQUIRE(state().screen == Screen::Question);
    }
    const Answer* answer(const std::string& field, int item = 1) const {
        auto it = state().visit.answers.find(AnswerKey{field, item});
        return it == state().visit.answers.end() ? nullptr : &it->second;
    }
};

}  // namespace

TEST_CASE("each answer is kept as the type its field asks for", "[session][answers]") {
    Visit visit;
    visit.send(intent::Start{});
    visit.first_page("2.000815");
    visit.send(intent::Focus{"requester.name"});
    visit.send(intent::TypeText{"Phạm Thu Hà"});
    visit.send(intent::Toggle{"needs", "z"});
    visit.send(intent::Toggle{"needs", "x"});
    visit.send(intent::Choose{"side", "b"});
    visit.send(intent::Focus{"home"});
    visit.send(intent::TypeText{"12 Lê Lợi, Hà Nội"});  // no units yet: the whole line
    visit.send(intent::Focus{"born"});
    visit.send(intent::TypeText{"5/6/1990"});

    REQUIRE(visit.answer("requester.name"));
    CHECK(*visit.answer("requester.name") == Answer{TextAnswer{"Phạm Thu Hà"}});
    CHECK(*visit.answer("needs") ==
          Answer{ChoiceSetAnswer{{"x", "z"}}});  // option order, not tap order
    CHECK(*visit.answer("side") == Answer{ChoiceAnswer{"b"}});
    const auto* home = std::get_if<AddressAnswerParts>(visit.answer("home"));
    REQUIRE(home);
    CHECK(home->detail == "12 Lê Lợi, Hà Nội");
    // Input keys read the same answers as text.
    CHECK(visit.state().answer("needs") == "x|z");
    CHECK(visit.state().answer("home") == "12 Lê Lợi, Hà Nội");
    CHECK(*visit.answer("born") == Answer{DateAnswer::typing("5/6/1990")});
    // Checking the page keeps each type and turns the typed date into the date itself.
    visit.send(intent::Next{});
    REQUIRE(visit.state().visit.page_index == 1);
    CHECK(*visit.answer("born") == Answer{DateAnswer::of(Date{1990, 6, 5})});
    CHECK(*visit.answer("needs") == Answer{ChoiceSetAnswer{{"x", "z"}}});
    CHECK(*visit.answer("side") == Answer{ChoiceAnswer{"b"}});
    visit.send(intent::Back{});

    visit.send(intent::Toggle{"needs", "x"});
    visit.send(intent::Toggle{"needs", "z"});
    CHECK_FALSE(visit.answer("needs"));  // an empty set is no answer
}

// [SECTION] Date answers: typed text at the input boundary, the date itself once checked

namespace {

// A visit on the first page, with the birth date on it.
struct DateVisit : Visit {
    DateVisit() {
        send(intent::Start{});
        first_page("2.000815");
    }
};

// Types `text` into the birth date on the first page and presses "Tiếp tục".
void type_birth_date(Visit& visit, const std::string& text) {
    visit.send(intent::Focus{"requester.name"});
    visit.send(intent::TypeText{"Phạm Thu Hà"});
    visit.send(intent::Focus{"born"});
    visit.send(intent::TypeText{text});
    visit.send(intent::Next{});
}

}  // namespace

TEST_CASE("a typed date is kept as the date itself once checked, and shown as dd/mm/yyyy",
          "[session][answers][date]") {
    const std::string typed =
        GENERATE("5/6/1990", "05-06-1990", "5.6.1990", "1990-06-05", "05061990", " 5 6 1990 ");
    DateVisit visit;
    type_birth_date(visit, typed);
    REQUIRE(visit.state().visit.page_index == 1);
    CHECK(*visit.answer("born") == Answer{DateAnswer::of(Date{1990, 6, 5})});
    CHECK(visit.state().answer("born") == "05/06/1990");  // the box, review, speech

    // Back on the page the box shows dd/mm/yyyy; editing it is typing again, until checked.
    visit.send(intent::Back{});
    visit.send(intent::Focus{"born"});
    visit.send(intent::Backspace{});
    CHECK(*visit.answer("born") == Answer{DateAnswer::typing("05/06/199")});
    visit.send(intent::TypeText{"2"});
    CHECK(visit.state().answer("born") == "05/06/1992");
    visit.send(intent::Next{});
    CHECK(*visit.answer("born") == Answer{DateAnswer::of(Date{1992, 6, 5})});
}

TEST_CASE("a date that is not on the calendar is refused with its reason, kept as typed",
          "[session][answers][date]") {
    const auto [typed, code] = GENERATE(table<std::string, std::string>({
        {"31/02/2024", "date_not_real"},
        {"29/02/2023", "date_not_real"},  // 2023 is not a leap year
        {"29/02/2100", "date_not_real"},  // nor is 2100 (divisible by 100, not by 400)
        {"31/04/1990", "date_not_real"},
        {"5/13/1990", "date_not_real"},
        {"5/6/90", "date_format"},
        {"5/6/1890", "date_year_range"},
    }));
    DateVisit visit;
    type_birth_date(visit, typed);
    CHECK(visit.state().visit.page_index == 0);  // not past the page
    CHECK(visit.state().visit.errors.at("born") == code);
    CHECK(*visit.answer("born") == Answer{DateAnswer::typing(typed)});
    CHECK(visit.state().answer("born") == typed);
}

TEST_CASE("29 February of a leap year is a date", "[session][answers][date]") {
    const auto [typed, date] = GENERATE(table<std::string, Date>({
        {"29/02/2024", Date{2024, 2, 29}},
        {"29/02/2000", Date{2000, 2, 29}},
    }));
    DateVisit visit;
    type_birth_date(visit, typed);
    CHECK(visit.state().visit.page_index == 1);
    CHECK(*visit.answer("born") == Answer{DateAnswer::of(date)});
}

TEST_CASE("a birth date after today is refused, today is not", "[session][answers][date]") {
    DateVisit visit;
    // The visit's clock: the wall time the next intents carry, as Vietnam's calendar day.
    const LocalDateTime now = vietnam_time_from_unix_ms(1795748400000 + visit.now);
    const Date today{now.year, now.month, now.day};

    type_birth_date(visit, format_date(add_days(today, 1)));
    CHECK(visit.state().visit.page_index == 0);
    CHECK(visit.state().visit.errors.at("born") == "date_in_future");
    CHECK(std::get<DateAnswer>(*visit.answer("born")).typed == format_date(add_days(today, 1)));

    visit.send(intent::Focus{"born"});
    for (int i = 0; i < 10; ++i) visit.send(intent::Backspace{});
    visit.send(intent::TypeText{format_date(today)});
    visit.send(intent::Next{});
    CHECK(visit.state().visit.page_index == 1);
    CHECK(*visit.answer("born") == Answer{DateAnswer::of(today)});
}

TEST_CASE("a date answer goes with the visit", "[session][answers][date]") {
    DateVisit visit;
    SECTION("a checked date") {
        type_birth_date(visit, "5/6/1990");
        REQUIRE(visit.answer("born"));
    }
    SECTION("a date still being typed") {
        visit.send(intent::Focus{"born"});
        visit.send(intent::TypeText{"5/6/19"});
        REQUIRE(visit.answer("born"));
    }
    visit.send(intent::Home{});
    visit.send(intent::ConfirmHome{});
    CHECK(visit.state().screen == Screen::Attract);
    CHECK_FALSE(visit.answer("born"));
    CHECK(visit.state().visit.answers.empty());
    CHECK(visit.state().answer("born").empty());
}

TEST_CASE("input keys name a field, an item of a repeatable page, or a part of an address",
          "[session][answers]") {
    Catalog catalog = build_catalog({{"a.json", copy_procedure("2.000815", "Chứng thực bản sao")}});
    const Procedure& procedure = catalog.procedures.front();
    CHECK(input_ref(procedure, "document.name#2").key == AnswerKey{"document.name", 2});
    CHECK(input_ref(procedure, "home.tinh").part == AnswerPart::Province);
    CHECK(input_ref(procedure, "home.xa").part == AnswerPart::Ward);
    CHECK(input_ref(procedure, "home.tim").part == AnswerPart::Search);
    CHECK(input_ref(procedure, "home.tim").key == AnswerKey{"home", 1});
    CHECK(input_ref(procedure, "home").part == AnswerPart::Whole);
    CHECK(input_ref(procedure, "nothing.here").field == nullptr);
    CHECK(input_ref(procedure, "requester.name#2").field == nullptr);  // not a repeatable page
}

TEST_CASE("choosing another procedure resets the whole visit, items included",
          "[session][answers]") {
    Visit visit;
    visit.send(intent::Start{});
    visit.first_page("2.000815");
    visit.send(intent::Focus{"requester.name"});
    visit.send(intent::TypeText{"Phạm Thu Hà"});
    visit.send(intent::Next{});
    REQUIRE(visit.state().visit.page_index == 1);
    visit.send(intent::Focus{"document.name"});
    visit.send(intent::TypeText{"Giấy khai sinh"});
    visit.send(intent::AddItem{});
    REQUIRE(visit.state().visit.items.at("documents") == 2);
    // Back to the list, and another procedure with a page of the same id.
    visit.send(intent::Back{});
    visit.send(intent::Back{});
    visit.send(intent::Back{});
    visit.send(intent::Back{});
    REQUIRE(visit.state().screen == Screen::Choose);
    visit.first_page("2.000816");
    CHECK(visit.state().visit.answers.empty());
    CHECK(visit.state().visit.items.empty());
    visit.send(intent::Focus{"requester.name"});
    visit.send(intent::TypeText{"Lê Văn Tám"});
    visit.send(intent::Next{});
    REQUIRE(visit.state().visit.page_index == 1);
    CHECK(visit.session.item_count(visit.session.procedure()->pages[1]) == 1);  // not 2 from before

    SECTION("the same procedure chosen again keeps what was answered") {
        visit.send(intent::Back{});
        visit.send(intent::Back{});
        visit.send(intent::Back{});
        visit.first_page("2.000816");
        CHECK(visit.state().answer("requester.name") == "Lê Văn Tám");
    }
}

TEST_CASE(
    "the dossier takes the filed answers: an address by parts, a set joined, items in an array",
    "[filing][answers]") {
    Catalog catalog = build_catalog({{"a.json", copy_procedure("2.000815", "Chứng thực bản sao")}});
    const Procedure& procedure = catalog.procedures.front();
    FiledAnswers answers;
    answers["requester.name"][1] = std::string("Phạm Thu Hà");
    answers["needs"][1] = std::string("x|z");
    answers["home"][1] =
        FiledAddress{"01", "00070", "12 Lê Lợi", "12 Lê Lợi, Phường Hoàn Kiếm, Thành phố Hà Nội"};
    answers["document.name"][1] = std::string("Giấy khai sinh");
    answers["document.name"][2] = std::string("Sổ hộ khẩu");
    answers["born"][1] = Date{2019, 6, 12};
    const auto dossier = nlohmann::json::parse(
        encode_dossier(procedure, answers, DossierMeta{"K1", "ABCD2345", "20261127100000"}));
    const auto& form = dossier["DuLieuToKhai"];
    CHECK(dossier["ChuHoSo"] == "Phạm Thu Hà");
    CHECK(form["CanGi"] == "x|z");
    CHECK(form["NoiO"]["tinh"] == "01");
    CHECK(form["NoiO"]["xa"] == "00070");
    CHECK(form["NoiO"]["diaChi"] == "12 Lê Lợi");
    CHECK(form["NoiO"]["diaChiDayDu"] == "12 Lê Lợi, Phường Hoàn Kiếm, Thành phố Hà Nội");
    REQUIRE(form["GiayTo"].size() == 2);
    CHECK(form["GiayTo"][1]["Ten"] == "Sổ hộ khẩu");
    CHECK(form.count("Ben") == 0);  // not answered, not filed
    // A date is filed as dd/mm/yyyy, and in words where the form asks for it.
    CHECK(form["NgaySinh"] == "12/06/2019");
    CHECK(form["NgaySinhBangChu"] == "Ngày mười hai tháng sáu năm hai nghìn không trăm mười chín");
}
