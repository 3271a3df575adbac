// Warnings are shown before the resident moves on, and "dossier_submitted" is logged only once
// the outbox has the filing (issue 9).
#include "screen_harness.h"

using namespace motcua::core;
using motcua::test::ScreenVisit;

namespace {

const char* Form = R"json({
  "format": 1, "code": "9.000002", "name": "Thủ tục thử", "category": "test",
  "authority": "Uỷ ban nhân dân xã", "documents": [], "portal": {"owner_field": "a.name"},
  "pages": [
    {"id": "p_id", "title": "Số định danh", "fields": [{"id": "a.id", "type": "id_number", "label": "Số định danh"}]},
    {"id": "p_name", "title": "Tên", "fields": [{"id": "a.name", "type": "person_name", "label": "Họ tên"}]}
  ]})json";

struct WarnVisit : ScreenVisit {
    WarnVisit() : ScreenVisit(std::vector<SourceFile>{{"form.json", Form}}) {}
    void to_id_page() {
        send(intent::Start{});
        send(intent::ChooseProcedure{"9.000002"});
        send(intent::Next{});
        REQUIRE(state().visit.page_index == 0);
    }
    bool logged(const std::string& event) const {
        for (const auto& effect : effects)
            if (const auto* log = std::get_if<effect::Log>(&effect); log && log->event == event)
                return true;
        return false;
    }
};

}  // namespace

TEST_CASE(
    "an ID number with an unknown province shows its warning on the first Tiếp tục, moves on at "
    "the second",
    "[session][warning]") {
    WarnVisit visit;
    visit.to_id_page();
    visit.type_into("a.id", "003090123456");  // 003 is no province's prefix
    visit.send(intent::Next{});
    CHECK(visit.state().visit.page_index == 0);  // stays: the warning must be seen
    CHECK(visit.state().focused_field.empty());
    auto page = visit.body<QuestionScreen>();
    REQUIRE(page.fields.size() == 1);
    REQUIRE(page.fields[0].warnings.size() == 1);
    CHECK(page.fields[0].warnings[0].key == "warning.id_number_unknown_province");
    CHECK_FALSE(page.error_summary);  // a warning is not an error

    SECTION("a second Tiếp tục with the same number moves on, and the number is filed") {
        visit.send(intent::Next{});
        CHECK(visit.state().visit.page_index == 1);
        CHECK(visit.state().answer("a.id") == "003090123456");
    }
    SECTION("a changed number that still warns is shown again") {
        visit.send(intent::Focus{"a.id"});
        visit.send(intent::Backspace{});
        visit.send(intent::TypeText{"7"});
        visit.send(intent::Next{});
        CHECK(visit.state().visit.page_index == 0);
        visit.send(intent::Next{});
        CHECK(visit.state().visit.page_index == 1);
    }
    SECTION("a corrected number moves on at once") {
        visit.send(intent::ClearField{"a.id"});
        visit.type_into("a.id", "001090123456");
        visit.send(intent::Next{});
        CHECK(visit.state().visit.page_index == 1);
    }
}

TEST_CASE("a number without warnings moves on at the first Tiếp tục", "[session][warning]") {
    WarnVisit visit;
    visit.to_id_page();
    visit.type_into("a.id", "001090123456");
    visit.send(intent::Next{});
    CHECK(visit.state().visit.page_index == 1);
}

TEST_CASE("dossier_submitted is logged only once the outbox saved the filing",
          "[session][submit]") {
    WarnVisit visit;
    visit.to_id_page();
    visit.type_into("a.id", "001090123456");
    visit.send(intent::Next{});
    visit.type_into("a.name", "Lê Thị Hoa");
    visit.send(intent::Next{});
    REQUIRE(visit.state().screen == Screen::Review);
    visit.send(intent::Submit{});
    REQUIRE(visit.state().screen == Screen::Submitting);
    CHECK_FALSE(visit.logged("dossier_submitted"));

    SECTION("a failed save logs the failure, never a submission") {
        visit.send(intent::Saved{false, "disk_full"});
        CHECK(visit.logged("dossier_save_failed"));
        CHECK_FALSE(visit.logged("dossier_submitted"));
        CHECK(visit.state().screen == Screen::Review);
    }
    SECTION("a good save logs the submission once") {
        visit.send(intent::Saved{true, ""});
        CHECK(visit.logged("dossier_submitted"));
        CHECK(visit.state().submission.delivery == Delivery::Sending);
    }
}
