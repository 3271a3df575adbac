// The question page's model: options, address steps, errors, the page counter, Add/Remove and the
// multi-choice answer, decided by core and only drawn by the view.
#include "core/form/admin_units.h"
#include "screen_harness.h"

using namespace motcua::core;
using motcua::test::labels;
using motcua::test::ScreenVisit;

namespace {

const char* Form = R"json({
  "format": 1, "code": "9.000001", "name": "Thủ tục thử", "category": "test",
  "authority": "Uỷ ban nhân dân xã", "documents": [], "portal": {"owner_field": "a.name"},
  "pages": [
    {"id": "p1", "title": "Bạn là ai", "help": "Ghi như trên giấy tờ.", "fields": [
      {"id": "a.name", "type": "person_name", "label": "Họ tên"},
      {"id": "a.id", "type": "id_number", "label": "Số định danh", "required": false},
      {"id": "a.known", "type": "yes_no", "label": "Có cha"},
      {"id": "a.ethnic", "type": "ethnicity", "label": "Dân tộc", "required": false},
      {"id": "a.nation", "type": "nationality", "label": "Quốc tịch", "required": false},
      {"id": "a.needs", "type": "multi_choice", "label": "Cần gì", "required": false,
       "options": [{"value": "x", "label": "Bản sao"}, {"value": "y", "label": "Trích lục"}, {"value": "z", "label": "Khác"}]}]},
    {"id": "p2", "title": "Cha", "show_if": {"field": "a.known", "equals": "yes"},
     "fields": [{"id": "f.name", "type": "person_name", "label": "Tên cha"}]},
    {"id": "p3", "title": "Nơi ở", "fields": [{"id": "home", "type": "address", "label": "Nơi ở"}]},
    {"id": "p4", "title": "Giấy tờ", "repeat": {"max": 2, "item_title": "Giấy tờ thứ {n}", "add_label": "Thêm giấy tờ", "portal": "GiayTo"},
     "fields": [{"id": "d.name", "type": "text", "label": "Tên giấy tờ", "portal": "Ten"}]}
  ]})json";

const char* Units = R"json({"provinces": [
  {"code": "01", "name": "Hà Nội", "full_name": "Thành phố Hà Nội", "kind": "Thành phố", "wards": [
    {"code": "00004", "name": "Ba Đình", "full_name": "Phường Ba Đình", "kind": "Phường"},
    {"code": "00070", "name": "Hoàn Kiếm", "full_name": "Phường Hoàn Kiếm", "kind": "Phường"}]},
  {"code": "25", "name": "Phú Thọ", "full_name": "Tỉnh Phú Thọ", "kind": "Tỉnh", "wards": [
    {"code": "07900", "name": "Tân Hoà", "full_name": "Phường Tân Hoà", "kind": "Phường"}]}]})json";

std::shared_ptr<const AdminUnits> units() {
    auto parsed = AdminUnits::parse(Units, "test units");
    REQUIRE(parsed);
    return std::make_shared<const AdminUnits>(std::move(parsed).value());
}

struct FormVisit : ScreenVisit {
    explicit FormVisit(SessionConfig config = {})
        : ScreenVisit(std::vector<SourceFile>{{"form.json", Form}}, std::move(config)) {}
    void to_first_page() {
        send(intent::Start{});
        send(intent::ChooseProcedure{"9.000001"});
        send(intent::Next{});
        REQUIRE(state().screen == Screen::Question);
    }
    const QuestionField& field(const QuestionScreen& screen, const std::string& label) {
        for (const auto& shown : screen.fields)
            if (shown.label.text.rfind(label, 0) == 0) return shown;
        FAIL("no field " << label);
        return screen.fields.front();
    }
    void to_page(int index) {
        to_first_page();
        type_into("a.name", "Lê Thị Hoa");
        send(intent::Choose{"a.known", "no"});
        send(intent::Next{});
        while (state().visit.page_index < index) {
            if (state().visit.page_index == 2) {
                send(intent::Choose{"home.xa", "00004"});
                type_into("home", "12 Lê Lợi");
            }
            send(intent::Next{});
        }
        REQUIRE(state().visit.page_index == index);
    }
};

}  // namespace

TEST_CASE("the page says which step it is, with its title, help and the optional marks",
          "[screen][question]") {
    FormVisit visit;
    visit.to_first_page();
    auto page = visit.body<QuestionScreen>();
    // [help] The father's page is hidden until "Có" is chosen: with pages that come and go the
    // counter says the step only, so its total never changes under the resident.
    CHECK(page.progress.text == "Thủ tục thử · Bước 1");
    CHECK(page.title.text == "Bạn là ai");
    CHECK(page.help.text == "Ghi như trên giấy tờ.");
    CHECK(visit.field(page, "Họ tên").label.text == "Họ tên");
    CHECK(visit.field(page, "Số định danh").label.text == "Số định danh (không bắt buộc)");
    visit.send(intent::Choose{"a.known", "yes"});
    CHECK(visit.body<QuestionScreen>().progress.text == "Thủ tục thử · Bước 1");
}

TEST_CASE("yes/no, ethnicity and nationality fields get their options from core",
          "[screen][question]") {
    FormVisit visit;
    visit.to_first_page();
    auto page = visit.body<QuestionScreen>();
    const auto& yes_no = visit.field(page, "Có cha");
    REQUIRE(yes_no.input == InputKind::Options);
    CHECK(labels(yes_no.options) == std::vector<std::string>{"Có", "Không"});
    CHECK(yes_no.options[0].label.key == "answer.yes");  // speech may play a recorded "Có"
    CHECK(yes_no.options[0].id == "option:a.known:yes");
    const auto& ethnic = visit.field(page, "Dân tộc");
    CHECK(ethnic.options.size() == 54);
    CHECK(ethnic.options.front().label.text == "Kinh");
    const auto& nation = visit.field(page, "Quốc tịch");
    CHECK(nation.options.front().label.text == "Việt Nam");

    SECTION("the chosen option is selected, and tapping it sends Choose") {
        visit.send(intent::Choose{"a.known", "no"});
        const auto again = visit.field(visit.body<QuestionScreen>(), "Có cha");
        CHECK(again.options[0].style == ButtonStyle::Secondary);
        CHECK(again.options[1].style == ButtonStyle::Selected);
        const auto* choose = std::get_if<intent::Choose>(&again.options[0].intent);
        REQUIRE(choose);
        CHECK(choose->field == "a.known");
        CHECK(choose->value == "yes");
    }
}

TEST_CASE("a multi-choice field selects each toggled option and keeps them in option order",
          "[screen][question]") {
    FormVisit visit;
    visit.to_first_page();
    visit.send(intent::Toggle{"a.needs", "z"});
    visit.send(intent::Toggle{"a.needs", "x"});
    CHECK(visit.state().answer("a.needs") == "x|z");
    auto needs = visit.field(visit.body<QuestionScreen>(), "Cần gì");
    CHECK(needs.options[0].style == ButtonStyle::Selected);
    CHECK(needs.options[1].style == ButtonStyle::Secondary);
    CHECK(needs.options[2].style == ButtonStyle::Selected);
    CHECK(std::holds_alternative<intent::Toggle>(needs.options[1].intent));
    visit.send(intent::Toggle{"a.needs", "z"});
    CHECK(visit.state().answer("a.needs") == "x");
}

TEST_CASE("errors are counted on top and shown by each field in words", "[screen][question]") {
    FormVisit visit;
    visit.to_first_page();
    CHECK_FALSE(visit.body<QuestionScreen>().error_summary);
    visit.send(intent::Next{});
    auto page = visit.body<QuestionScreen>();
    REQUIRE(page.error_summary);
    CHECK(page.error_summary->text == "Có 2 chỗ cần sửa. Hãy xem dòng chữ đỏ bên dưới.");
    CHECK(visit.field(page, "Họ tên").error.text == "Vui lòng điền thông tin này.");
    CHECK(visit.field(page, "Họ tên").box.has_error);
    CHECK(visit.field(page, "Số định danh").error.empty());
}

TEST_CASE(
    "the keyboard is letters for a name and the number pad for an ID number, capitals after shift",
    "[screen][keyboard]") {
    FormVisit visit;
    visit.to_first_page();
    CHECK(visit.model().keyboard.kind ==
          KeyboardKind::Letters);  // the first typed field is focused
    CHECK(visit.model().keyboard.rows[0][0].label.text == "q");
    visit.send(intent::Shift{});
    auto keys = visit.model().keyboard;
    CHECK(keys.rows[0][0].label.text == "Q");
    CHECK(keys.rows[1].back().style == ButtonStyle::Selected);  // shift shows it is on
    const auto* typed = std::get_if<intent::TypeText>(&keys.rows[0][0].intent);
    REQUIRE(typed);
    CHECK(typed->utf8 == "Q");
    visit.send(intent::Focus{"a.id"});
    keys = visit.model().keyboard;
    CHECK(keys.kind == KeyboardKind::Numbers);
    REQUIRE(keys.rows.size() == 4);
    CHECK(keys.rows[1][3].id == "digit_slash");
    CHECK(std::holds_alternative<intent::Focus>(keys.rows[2][3].intent));  // "Xong" closes it
    visit.send(intent::Focus{""});
    CHECK(visit.model().keyboard.kind == KeyboardKind::None);
    CHECK(visit.model().keyboard.rows.empty());
}

TEST_CASE("an address moves from province to ward to detail, and is one line without units",
          "[screen][address]") {
    SECTION("without the units the whole address is typed") {
        FormVisit visit;
        visit.to_page(2);
        const auto home = visit.field(visit.body<QuestionScreen>(), "Nơi ở");
        CHECK(home.address.step == AddressStep::WholeLine);
        CHECK(home.address.box.id == "home");
    }
    SECTION("with the units, step by step") {
        SessionConfig config;
        config.home_ward = "07900";
        FormVisit visit(config);
        visit.session.offer_admin_units(units());
        visit.to_first_page();
        visit.type_into("a.name", "Lê Thị Hoa");
        visit.send(intent::Choose{"a.known", "no"});
        visit.send(intent::Next{});
        REQUIRE(visit.state().visit.page_index == 2);
        auto address = visit.field(visit.body<QuestionScreen>(), "Nơi ở").address;
        CHECK(address.step == AddressStep::Province);
        REQUIRE(address.home);
        CHECK(address.home->label.text == "Phường Tân Hoà, Tỉnh Phú Thọ");
        CHECK(labels(address.provinces) == std::vector<std::string>{"Hà Nội", "Phú Thọ"});
        CHECK(visit.model().keyboard.kind == KeyboardKind::None);  // provinces are buttons

        visit.send(intent::Choose{"home.tinh", "01"});
        CHECK(visit.state().focused_field == "home.tim");  // the ward is found by typing
        visit.send(intent::Focus{""});                     // "Xong": the whole page again
        address = visit.field(visit.body<QuestionScreen>(), "Nơi ở").address;
        CHECK(address.step == AddressStep::Ward);
        CHECK(address.province->value.text == "Thành phố Hà Nội");
        CHECK(labels(address.wards) ==
              std::vector<std::string>{"Phường Ba Đình", "Phường Hoàn Kiếm"});

        // Typing searches: the results are kept in the session, and the page shows only them.
        visit.type_into("home.tim", "hoan");
        CHECK(visit.state().ward_hits.at("home") == std::vector<std::string>{"00070"});
        auto model = visit.model();
        auto* page = std::get_if<QuestionScreen>(&model.body);
        REQUIRE(page);
        REQUIRE(page->ward_search_only);
        CHECK(labels(page->ward_search_only->wards) ==
              std::vector<std::string>{"Phường Hoàn Kiếm"});
        CHECK_FALSE(model.footer.shown);  // the results take the footer's room

        visit.send(intent::TypeText{"zzzz"});
        page = nullptr;
        auto none = visit.body<QuestionScreen>();
        REQUIRE(none.ward_search_only);
        CHECK(none.ward_search_only->no_ward);

        visit.send(intent::Choose{"home.xa", "00070"});
        address = visit.field(visit.body<QuestionScreen>(), "Nơi ở").address;
        CHECK(address.step == AddressStep::Detail);
        CHECK(address.summary.text == "Phường Hoàn Kiếm, Thành phố Hà Nội");
        CHECK(address.box.focused);
        const auto* change = std::get_if<intent::ClearField>(&address.ward->change.intent);
        REQUIRE(change);
        CHECK(change->field == "home.xa");
    }
}

TEST_CASE("a repeatable page offers Add after the last item only, and Remove above the minimum",
          "[screen][repeat]") {
    FormVisit visit;
    visit.to_page(3);
    auto page = visit.body<QuestionScreen>();
    CHECK(page.item.text == "Giấy tờ thứ 1");
    REQUIRE(page.add_item);
    CHECK(page.add_item->label.text == "+  Thêm giấy tờ");
    CHECK_FALSE(page.remove_item);
    visit.type_into("d.name", "Giấy khai sinh");
    visit.send(intent::AddItem{});
    page = visit.body<QuestionScreen>();
    CHECK(page.item.text == "Giấy tờ thứ 2 / 2");
    CHECK_FALSE(page.add_item);  // at the maximum of 2
    CHECK(page.remove_item);
    visit.send(intent::Back{});
    page = visit.body<QuestionScreen>();
    CHECK(page.item.text == "Giấy tờ thứ 1 / 2");
    CHECK_FALSE(page.add_item);  // only after the last item
    CHECK(page.remove_item);
}
