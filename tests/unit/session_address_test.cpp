// Address answers in a visit (province -> ward -> detail line) and catalogues or ward lists that
// arrive from the portal while the kiosk runs: they are taken between visits only.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/form/admin_units.h"
#include "core/session/session.h"
#include "stepping_random.h"

using namespace motcua::core;

namespace {

const char* AddressProcedure = R"json({
  "format": 1, "code": "1.000656", "name": "Đăng ký khai tử", "category": "death",
  "authority": "Uỷ ban nhân dân xã", "documents": [{"name": "Giấy báo tử", "kind": "original"}],
  "portal": {"owner_field": "requester.name"},
  "pages": [
    {"id": "p_name", "title": "Tên bạn", "fields": [{"id": "requester.name", "type": "person_name", "label": "Họ tên", "portal": "NguoiYeuCau.HoTen"}]},
    {"id": "p_home", "title": "Nơi cư trú cuối cùng", "fields": [{"id": "deceased.residence", "type": "address", "label": "Nơi cư trú", "portal": "NguoiDaMat.NoiCuTru"}]},
    {"id": "p_other", "title": "Nơi ở khác", "fields": [{"id": "other.residence", "type": "address", "label": "Nơi khác", "required": false, "portal": "Khac.NoiCuTru"}]}
  ]})json";

const char* OtherProcedure = R"json({
  "format": 1, "code": "2.000635", "name": "Cấp bản sao trích lục hộ tịch", "category": "copy",
  "authority": "Uỷ ban nhân dân xã", "documents": [], "portal": {"owner_field": "a.name"},
  "pages": [{"id": "p", "title": "Tên", "fields": [{"id": "a.name", "type": "person_name", "label": "Họ tên"}]}]})json";

const char* Units = R"json({"provinces": [
  {"code": "01", "name": "Hà Nội", "full_name": "Thành phố Hà Nội", "kind": "Thành phố", "wards": [
    {"code": "00004", "name": "Ba Đình", "full_name": "Phường Ba Đình", "kind": "Phường"},
    {"code": "00070", "name": "Hoàn Kiếm", "full_name": "Phường Hoàn Kiếm", "kind": "Phường"}]},
  {"code": "25", "name": "Phú Thọ", "full_name": "Tỉnh Phú Thọ", "kind": "Tỉnh", "wards": [
    {"code": "07900", "name": "Tân Hoà", "full_name": "Phường Tân Hoà", "kind": "Phường"}]}]})json";

constexpr std::int64_t Friday10am = 1795748400000;  // 2026-11-27 10:00 in Vietnam

std::shared_ptr<const AdminUnits> units() {
    auto parsed = AdminUnits::parse(Units, "test units");
    REQUIRE(parsed);
    return std::make_shared<const AdminUnits>(std::move(parsed).value());
}

struct Visit {
    motcua::test::SteppingRandom random{5, 11};
    Session session;
    std::int64_t now = 0;
    std::vector<Effect> effects;

    explicit Visit(const char* procedure = AddressProcedure)
        : session(make_offer(build_catalog({{"test.json", procedure}}), "bundled"), SessionConfig{},
                  random) {}
    const SessionState& state() const { return session.state(); }
    void send(Intent intent) {
        now += 100;
        auto produced = session.dispatch(intent, Now{now, Friday10am + now});
        effects.insert(effects.end(), produced.begin(), produced.end());
    }
    std::string answer(const std::string& key) const { return state().answer(key); }
    void to_address_page() {
        send(intent::Start{});
        send(intent::ChooseProcedure{"1.000656"});
        send(intent::Next{});
        send(intent::Focus{"requester.name"});
        send(intent::TypeText{"Lê Thị Hoa"});
        send(intent::Next{});
        REQUIRE(state().visit.page_index == 1);
    }
};

}  // namespace

TEST_CASE("an address is chosen province first, then ward, then typed detail",
          "[session][address]") {
    Visit visit;
    visit.session.offer_admin_units(units());
    visit.to_address_page();
    // The province is chosen on buttons: no keyboard yet.
    CHECK(visit.state().focused_field.empty());

    SECTION("Tiếp tục with nothing chosen asks for the province") {
        visit.send(intent::Next{});
        CHECK(visit.state().visit.errors.at("deceased.residence") == "address_province_required");
        CHECK(visit.state().visit.page_index == 1);
    }
    SECTION("a whole address goes into the dossier in its parts and in words") {
        visit.send(intent::Choose{"deceased.residence.tinh", "01"});
        CHECK(visit.state().focused_field ==
              "deceased.residence.tim");  // now type to find the ward
        visit.send(intent::TypeText{"hoan kiem"});
        CHECK(visit.answer("deceased.residence.tim") == "hoan kiem");
        visit.send(intent::Next{});
        CHECK(visit.state().visit.errors.at("deceased.residence") == "address_ward_required");
        visit.send(intent::Choose{"deceased.residence.xa", "00070"});
        CHECK(visit.answer("deceased.residence.tim").empty());
        CHECK(visit.state().focused_field == "deceased.residence");  // the detail line
        CHECK(visit.state().visit.errors.count("deceased.residence") == 0);
        visit.send(intent::Next{});
        CHECK(visit.state().visit.errors.at("deceased.residence") == "address_detail_required");
        visit.send(intent::TypeText{"Số 12  phố Hàng Bài"});
        visit.send(intent::Next{});
        REQUIRE(visit.state().visit.page_index == 2);
        CHECK(visit.answer("deceased.residence") == "Số 12 phố Hàng Bài");
        CHECK(visit.answer("deceased.residence.day_du") ==
              "Số 12 phố Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội");

        visit.send(intent::Next{});  // the optional address left empty
        REQUIRE(visit.state().screen == Screen::Review);
        CHECK(visit.state().visit.errors.empty());
        visit.send(intent::Submit{});
        const effect::SaveDossier* save = nullptr;
        for (const auto& effect : visit.effects)
            if (const auto* found = std::get_if<effect::SaveDossier>(&effect)) save = found;
        REQUIRE(save != nullptr);
        auto form = nlohmann::json::parse(save->payload_json).at("DuLieuToKhai");
        const auto& home = form.at("NguoiDaMat").at("NoiCuTru");
        CHECK(home.at("tinh") == "01");
        CHECK(home.at("xa") == "00070");
        CHECK(home.at("diaChi") == "Số 12 phố Hàng Bài");
        CHECK(home.at("diaChiDayDu") == "Số 12 phố Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội");
        CHECK_FALSE(home.contains("tim"));
        CHECK_FALSE(form.contains("Khac"));  // nothing given, nothing sent
    }
    SECTION("choosing another province forgets the ward of the old one") {
        visit.send(intent::Choose{"deceased.residence.tinh", "01"});
        visit.send(intent::Choose{"deceased.residence.xa", "00004"});
        visit.send(intent::ClearField{"deceased.residence.tinh"});  // "Đổi"
        CHECK(visit.answer("deceased.residence.tinh").empty());
        CHECK(visit.answer("deceased.residence.xa").empty());
        CHECK(visit.state().focused_field.empty());
        visit.send(intent::Choose{"deceased.residence.tinh", "25"});
        visit.send(intent::Choose{"deceased.residence.xa", "07900"});
        CHECK(visit.answer("deceased.residence.tinh") == "25");
    }
    SECTION("a ward of another province or an unknown code is never taken") {
        visit.send(intent::Choose{"deceased.residence.tinh", "99"});
        CHECK(visit.answer("deceased.residence.tinh").empty());
        visit.send(intent::Choose{"deceased.residence.tinh", "01"});
        visit.send(intent::Choose{"deceased.residence.xa", "12345"});
        CHECK(visit.answer("deceased.residence.xa").empty());
        // A ward picked directly sets its own province: the pair always agrees.
        visit.send(intent::Choose{"deceased.residence.xa", "07900"});
        CHECK(visit.answer("deceased.residence.tinh") == "25");
    }
    SECTION("changing the ward keeps the province and returns to the search") {
        visit.send(intent::Choose{"deceased.residence.tinh", "01"});
        visit.send(intent::Choose{"deceased.residence.xa", "00004"});
        visit.send(intent::ClearField{"deceased.residence.xa"});
        CHECK(visit.answer("deceased.residence.tinh") == "01");
        CHECK(visit.state().focused_field == "deceased.residence.tim");
    }
    SECTION("the wipe leaves no part of the address") {
        visit.send(intent::Choose{"deceased.residence.tinh", "01"});
        visit.send(intent::TypeText{"ba"});
        visit.send(intent::Home{});
        visit.send(intent::ConfirmHome{});  // [help] answers given: the kiosk asked first
        CHECK(visit.state().visit.answers.empty());
    }
}

TEST_CASE("without the list of wards an address is one typed line", "[session][address]") {
    Visit visit;  // the portal has not answered yet: no admin units
    visit.to_address_page();
    CHECK(visit.state().focused_field == "deceased.residence");
    visit.send(intent::Next{});
    CHECK(visit.state().visit.errors.at("deceased.residence") == "required");
    visit.send(intent::TypeText{"Thôn Đông, xã Tân Lạc, tỉnh Phú Thọ"});
    visit.send(intent::Next{});
    REQUIRE(visit.state().visit.page_index == 2);
    CHECK(visit.answer("deceased.residence.day_du") == "Thôn Đông, xã Tân Lạc, tỉnh Phú Thọ");
}

TEST_CASE("a new catalogue or ward list is taken between visits, never during one",
          "[session][offer]") {
    Visit visit;
    auto newer = make_offer(
        build_catalog({{"a.json", AddressProcedure}, {"b.json", OtherProcedure}}), "portal");

    SECTION("on the attract screen at once") {
        visit.session.offer_catalog(newer);
        CHECK(visit.session.offer().origin == "portal");
        CHECK(visit.session.catalog().procedures.size() == 2);
    }
    SECTION("during a visit only after it ends") {
        visit.to_address_page();
        visit.session.offer_catalog(newer);
        visit.session.offer_admin_units(units());
        CHECK(visit.session.offer().origin == "bundled");
        CHECK(visit.session.admin_units() == nullptr);
        CHECK(visit.state().focused_field == "deceased.residence");  // still the one-line address
        visit.send(intent::Home{});
        visit.send(intent::ConfirmHome{});  // [help] harmless when nothing was asked
        CHECK(visit.session.offer().origin == "portal");
        CHECK(visit.session.catalog().find("2.000635") != nullptr);
        CHECK(visit.session.admin_units() != nullptr);
    }
    SECTION("the search index comes with its catalogue") {
        visit.session.offer_catalog(newer);
        auto hits = visit.session.offer().search.query("trich luc", 5);
        REQUIRE_FALSE(hits.empty());
        CHECK(visit.session.catalog().procedures[static_cast<std::size_t>(hits.front().id)].code ==
              "2.000635");
    }
}
