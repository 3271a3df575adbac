// Repeatable groups: a page asked once per item ("Giấy tờ thứ 2"), items added and removed, and
// every item sent to the portal as one object of an array.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/session/session.h"
#include "stepping_random.h"

using namespace motcua::core;

namespace {

const char* CopyProcedure = R"json({
  "format": 1, "code": "2.000815", "name": "Chứng thực bản sao từ bản chính", "category": "copy",
  "authority": "Uỷ ban nhân dân xã", "documents": [],
  "portal": {"owner_field": "requester.name", "summary": "Chứng thực bản sao: {document.name}"},
  "pages": [
    {"id": "p_name", "title": "Tên bạn", "fields": [{"id": "requester.name", "type": "person_name", "label": "Họ tên", "portal": "NguoiYeuCau.HoTen"}]},
    {"id": "documents", "title": "Giấy tờ", "repeat": {"max": 3, "item_title": "Giấy tờ thứ {n}", "add_label": "Thêm giấy tờ", "portal": "GiayTo"},
     "fields": [{"id": "document.name", "type": "text", "label": "Tên giấy tờ", "portal": "Ten"},
                {"id": "document.pages", "type": "number", "label": "Số trang", "min": 1, "max": 500, "portal": "SoTrang"},
                {"id": "document.kind", "type": "choice", "label": "Loại", "portal": "Loai",
                 "options": [{"value": "ho_tich", "label": "Hộ tịch"}, {"value": "khac", "label": "Khác"}]}]},
    {"id": "p_last", "title": "Điện thoại", "fields": [{"id": "requester.phone", "type": "phone", "label": "Điện thoại", "required": false}]}
  ]})json";

struct Visit {
    motcua::test::SteppingRandom random{1, 13};
    Session session;
    std::int64_t now = 0;
    std::vector<Effect> effects;

    Visit()
        : session(make_offer(build_catalog({{"copy.json", CopyProcedure}}), "bundled"),
                  SessionConfig{}, random) {
        REQUIRE(session.catalog().problems.empty());
    }
    const SessionState& state() const { return session.state(); }
    void send(Intent intent) {
        now += 100;
        auto produced = session.dispatch(intent, Now{now, 1795748400000 + now});
        effects.insert(effects.end(), produced.begin(), produced.end());
    }
    std::string answer(const std::string& key) const { return state().answer(key); }
    void fill_item(const std::string& name, const std::string& pages, const std::string& kind) {
        send(intent::Focus{item_key("document.name", state().visit.item)});
        send(intent::TypeText{name});
        send(intent::Focus{item_key("document.pages", state().visit.item)});
        send(intent::TypeText{pages});
        send(intent::Choose{item_key("document.kind", state().visit.item), kind});
    }
    void to_documents() {
        send(intent::Start{});
        send(intent::ChooseProcedure{"2.000815"});
        send(intent::Next{});
        send(intent::Focus{"requester.name"});
        send(intent::TypeText{"Phạm Thu Hà"});
        send(intent::Next{});
        REQUIRE(state().visit.page_index == 1);
        REQUIRE(state().visit.item == 1);
    }
    const effect::SaveDossier* saved() const {
        for (const auto& effect : effects)
            if (const auto* save = std::get_if<effect::SaveDossier>(&effect)) return save;
        return nullptr;
    }
};

}  // namespace

TEST_CASE("a repeatable page asks each item in turn and files them as an array",
          "[session][repeat]") {
    Visit visit;
    visit.to_documents();
    CHECK(visit.state().focused_field == "document.name");

    // Adding another item needs this one complete first.
    visit.send(intent::AddItem{});
    CHECK(visit.state().visit.item == 1);
    CHECK(visit.state().visit.errors.at("document.name") == "required");

    visit.fill_item("Giấy khai sinh", "1", "ho_tich");
    visit.send(intent::AddItem{});
    REQUIRE(visit.state().visit.item == 2);
    CHECK(visit.session.item_count(visit.session.procedure()->pages[1]) == 2);
    CHECK(visit.state().focused_field == "document.name#2");
    visit.fill_item("Bằng tốt nghiệp", "2", "khac");

    // Back to item 1 and forward again keeps both.
    visit.send(intent::Back{});
    CHECK(visit.state().visit.item == 1);
    CHECK(visit.answer("document.name") == "Giấy khai sinh");
    visit.send(intent::Next{});
    CHECK(visit.state().visit.item == 2);
    CHECK(visit.answer("document.name#2") == "Bằng tốt nghiệp");
    visit.send(intent::Next{});
    REQUIRE(visit.state().visit.page_index == 2);
    CHECK(visit.state().visit.item == 1);

    // Back from the next page lands on the last item.
    visit.send(intent::Back{});
    CHECK(visit.state().visit.page_index == 1);
    CHECK(visit.state().visit.item == 2);
    visit.send(intent::Next{});
    visit.send(intent::Next{});
    REQUIRE(visit.state().screen == Screen::Review);
    visit.send(intent::Submit{});
    const auto* save = visit.saved();
    REQUIRE(save != nullptr);
    const auto dossier = nlohmann::json::parse(save->payload_json);
    const auto& documents = dossier.at("DuLieuToKhai").at("GiayTo");
    REQUIRE(documents.size() == 2);
    CHECK(documents[0] ==
          nlohmann::json{{"Ten", "Giấy khai sinh"}, {"SoTrang", "1"}, {"Loai", "ho_tich"}});
    CHECK(documents[1] ==
          nlohmann::json{{"Ten", "Bằng tốt nghiệp"}, {"SoTrang", "2"}, {"Loai", "khac"}});
    CHECK(dossier.at("TrichYeuHoSo") == "Chứng thực bản sao: Giấy khai sinh, Bằng tốt nghiệp");
}

TEST_CASE("removing an item moves the later ones up, and the first can never be removed",
          "[session][repeat]") {
    Visit visit;
    visit.to_documents();
    visit.send(intent::RemoveItem{});  // only one item: nothing to remove
    CHECK(visit.session.item_count(visit.session.procedure()->pages[1]) == 1);
    visit.fill_item("Một", "1", "khac");
    visit.send(intent::AddItem{});
    visit.fill_item("Hai", "2", "khac");
    visit.send(intent::AddItem{});
    visit.fill_item("Ba", "3", "ho_tich");
    // The maximum is 3.
    visit.send(intent::AddItem{});
    CHECK(visit.state().visit.item == 3);
    CHECK(visit.session.item_count(visit.session.procedure()->pages[1]) == 3);

    visit.send(intent::Back{});  // to item 2, then remove it
    REQUIRE(visit.state().visit.item == 2);
    visit.send(intent::RemoveItem{});
    CHECK(visit.session.item_count(visit.session.procedure()->pages[1]) == 2);
    CHECK(visit.state().visit.item == 2);
    CHECK(visit.answer("document.name") == "Một");
    CHECK(visit.answer("document.name#2") == "Ba");
    CHECK(visit.answer("document.pages#2") == "3");
    CHECK(visit.answer("document.kind#2") == "ho_tich");
    CHECK(visit.answer("document.name#3").empty());
}

TEST_CASE("submitting re-checks every item and returns to the first one that is wrong",
          "[session][repeat]") {
    Visit visit;
    visit.to_documents();
    visit.fill_item("Một", "1", "khac");
    visit.send(intent::AddItem{});
    visit.fill_item("Hai", "2", "khac");
    visit.send(intent::Next{});
    visit.send(intent::Next{});
    REQUIRE(visit.state().screen == Screen::Review);
    // A value changed behind the review (as a stale answer would be) is caught on Gửi.
    visit.send(intent::EditPage{1});
    REQUIRE(visit.state().visit.item == 1);
    visit.send(intent::Next{});  // item 1 is fine; on to item 2
    REQUIRE(visit.state().visit.item == 2);
    visit.send(intent::Focus{"document.pages#2"});
    visit.send(intent::Backspace{});
    visit.send(intent::TypeText{"0"});
    visit.send(intent::Next{});
    CHECK(visit.state().visit.errors.at("document.pages#2") == "number_too_small");
    CHECK(visit.state().visit.item == 2);
}
