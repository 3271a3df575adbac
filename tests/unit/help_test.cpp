// [help] Help one tap away and no surprises; typing and scanning that fit the person. The session
// driven by intents, and the screen model it yields.
#include "core/catalog/loader.h"
#include "screen_harness.h"

using namespace motcua::core;
using motcua::test::labels;
using motcua::test::ScreenVisit;

namespace {

const char* Birth = R"json({
  "format": 1, "code": "9.000010", "name": "Khai sinh thử", "category": "birth",
  "rank": 2, "icon": "baby", "tagline": {"vi": "Làm giấy khai sinh cho trẻ mới sinh", "en": "A birth certificate"},
  "authority": "Uỷ ban nhân dân xã", "documents": [{"name": "Giấy chứng sinh"}],
  "eligibility": [{"id": "again", "question": "Đã đăng ký chưa?", "exit_when": "yes",
                   "exit_title": "Bạn cần làm thủ tục khác", "exit_body": "Hãy xin bản sao.",
                   "exit_procedure": "9.000020"}],
  "portal": {"owner_field": "p.name"},
  "pages": [
    {"id": "p_name", "title": "Tên", "fields": [{"id": "p.name", "type": "person_name", "label": "Họ tên", "prefill": "cccd.full_name"}]},
    {"id": "p_id", "title": "Số định danh", "fields": [{"id": "p.id", "type": "id_number", "label": "Số định danh", "prefill": "cccd.id_number"}]},
    {"id": "p_dob", "title": "Ngày sinh", "fields": [{"id": "p.dob", "type": "date", "label": "Ngày sinh", "prefill": "cccd.date_of_birth"}]},
    {"id": "p_sex", "title": "Giới tính", "fields": [{"id": "p.sex", "type": "choice", "label": "Giới tính", "prefill": "cccd.sex",
      "options": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]}]}
  ]})json";

const char* Copies = R"json({
  "format": 1, "code": "9.000020", "name": "Trích lục thử", "category": "copies",
  "rank": 1, "icon": "copy", "tagline": "Xin thêm bản sao giấy khai sinh",
  "authority": "Uỷ ban nhân dân xã", "documents": [{"name": "Thẻ căn cước", "kind": "show"}],
  "portal": {"owner_field": "r.name"},
  "pages": [
    {"id": "p1", "title": "Tên", "fields": [{"id": "r.name", "type": "person_name", "label": "Họ tên"},
                                            {"id": "r.more", "type": "yes_no", "label": "Thêm"}]},
    {"id": "p2", "title": "Thêm", "show_if": {"field": "r.more", "equals": "yes"},
     "fields": [{"id": "r.note", "type": "text", "label": "Ghi chú"}]},
    {"id": "p3", "title": "Mã", "fields": [{"id": "r.code", "type": "text", "label": "Mã hồ sơ cũ", "required": false}]}
  ]})json";

const char* Residence = R"json({
  "format": 1, "code": "9.000030", "name": "Thường trú thử", "category": "residence",
  "authority": "Công an xã", "guidance_only": true, "guidance": "Đến Công an xã."})json";

const std::string Card =
    "001090123456|012345678|NGUYỄN VĂN A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí "
    "Minh|15042021";

struct HelpVisit : ScreenVisit {
    explicit HelpVisit(SessionConfig config = {})
        : ScreenVisit(
              std::vector<SourceFile>{
                  {"birth.json", Birth}, {"copies.json", Copies}, {"residence.json", Residence}},
              std::move(config)) {}
    void to_birth_page(int page) {
        send(intent::Start{});
        send(intent::ChooseProcedure{"9.000010"});
        send(intent::AnswerEligibility{false});
        send(intent::Next{});
        REQUIRE(state().screen == Screen::Question);
        while (state().visit.page_index < page) {
            if (state().visit.page_index == 0) type_into("p.name", "Lê Thị Hoa");
            send(intent::Next{});
        }
        REQUIRE(state().visit.page_index == page);
    }
    template <class E>
    std::vector<E> effects_of() const {
        std::vector<E> found;
        for (const auto& effect : effects)
            if (const auto* each = std::get_if<E>(&effect)) found.push_back(*each);
        return found;
    }
    bool logged(const std::string& event) const {
        for (const auto& log : effects_of<effect::Log>())
            if (log.event == event) return true;
        return false;
    }
};

}  // namespace

// [SECTION] Gọi cán bộ ---------------------------------------------------------------------------

TEST_CASE("Gọi cán bộ is on every screen, shows a banner and asks the platform once to notify",
          "[help][call-staff]") {
    HelpVisit visit;
    CHECK(visit.model().header.call_staff->label.text == "Gọi cán bộ");
    visit.to_birth_page(0);
    visit.type_into("p.name", "Lê Thị Hoa");
    REQUIRE(visit.model().header.call_staff);
    CHECK_FALSE(visit.model().banner);
    visit.send(visit.model().header.call_staff->intent);
    auto model = visit.model();
    REQUIRE(model.banner);
    CHECK(model.banner->key == "help.staff_coming");
    CHECK(model.header.call_staff->label.text == "Đã gọi cán bộ");
    auto notify = visit.effects_of<effect::NotifyStaff>();
    REQUIRE(notify.size() == 1);
    CHECK(notify[0].screen == "question");
    // The log says where, never what was typed.
    for (const auto& log : visit.effects_of<effect::Log>())
        CHECK(log.detail.find("Hoa") == std::string::npos);
    visit.send(intent::CallStaff{});  // a second tap while waiting: no second notification
    CHECK(visit.effects_of<effect::NotifyStaff>().size() == 1);
    CHECK(visit.state().answer("p.name") == "Lê Thị Hoa");  // nothing of the visit changed
}

TEST_CASE("while staff are called the idle timer waits, up to a limit, and staff clear the call",
          "[help][call-staff]") {
    SessionConfig config;
    config.idle_warning_ms = 60'000;
    config.staff_call_max_ms = 600'000;
    HelpVisit visit(config);
    visit.to_birth_page(0);
    visit.send(intent::CallStaff{});

    SECTION("long past the idle limit, no warning and no wipe") {
        visit.send(intent::Tick{}, 300'000);
        CHECK_FALSE(visit.state().idle_warning);
        CHECK(visit.state().screen == Screen::Question);
    }
    SECTION("staff acknowledge: the banner goes and the idle timer runs again") {
        visit.send(intent::Tick{}, 300'000);
        visit.send(intent::StaffAcknowledgeCall{});
        CHECK_FALSE(visit.model().banner);
        CHECK(visit.logged("staff_call_acknowledged"));
        CHECK(visit.model().header.call_staff->label.text == "Gọi cán bộ");
        visit.send(intent::Tick{}, 61'000);
        CHECK(visit.state().idle_warning);
    }
    SECTION("nobody comes: after the limit the idle timer runs again, so the visit is wiped") {
        visit.send(intent::Tick{}, 600'000 + 61'000);
        CHECK(visit.state().idle_warning);
        visit.send(intent::Tick{}, 60'000);
        CHECK(visit.state().screen == Screen::Attract);
        CHECK_FALSE(visit.state().staff_called);  // the call ends with the visit
    }
    SECTION("the call ends with the visit") {
        visit.send(intent::Home{});
        CHECK_FALSE(visit.state().staff_called);
        CHECK_FALSE(visit.model().banner);
    }
}

// [SECTION] No surprises -------------------------------------------------------------------------

TEST_CASE("Về trang đầu with answers asks first, the safe choice keeps everything",
          "[help][confirm-home]") {
    HelpVisit visit;
    visit.to_birth_page(1);
    visit.send(intent::Home{});
    auto model = visit.model();
    REQUIRE(model.dialog);
    CHECK(model.dialog->title.text == "Bỏ hồ sơ đang khai?");
    REQUIRE(model.dialog->actions.size() == 2);
    CHECK(model.dialog->actions[0].id == "dialog_stay");  // the safe choice first
    CHECK(visit.state().screen == Screen::Question);
    CHECK(visit.state().answer("p.name") == "Lê Thị Hoa");

    SECTION("stay") {
        visit.send(model.dialog->actions[0].intent);
        CHECK_FALSE(visit.model().dialog);
        CHECK(visit.state().screen == Screen::Question);
        CHECK(visit.state().answer("p.name") == "Lê Thị Hoa");
    }
    SECTION("leave") {
        visit.send(model.dialog->actions[1].intent);
        CHECK(visit.state().screen == Screen::Attract);
        CHECK(visit.state().visit.answers.empty());
        CHECK_FALSE(visit.model().dialog);
    }
}

TEST_CASE("Về trang đầu with nothing to lose goes at once", "[help][confirm-home]") {
    HelpVisit visit;
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"9.000010"});
    visit.send(intent::Home{});
    CHECK(visit.state().screen == Screen::Attract);
    CHECK_FALSE(visit.model().dialog);
}

TEST_CASE("a guidance page ends with a choice, not a silent return to the start",
          "[help][guidance]") {
    HelpVisit visit;
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"9.000030"});
    REQUIRE(visit.state().screen == Screen::Guidance);
    visit.send(visit.model().footer.primary->intent);
    CHECK(visit.state().screen == Screen::Guidance);  // still there, with a question over it
    auto dialog = visit.model().dialog;
    REQUIRE(dialog);
    CHECK(labels(dialog->actions) ==
          std::vector<std::string>{"Làm thủ tục khác", "Về trang đầu", "Xem lại hướng dẫn"});
    SECTION("another procedure: the list, nothing of this visit kept") {
        visit.send(dialog->actions[0].intent);
        CHECK(visit.state().screen == Screen::Choose);
        CHECK(visit.state().visit.procedure_code.empty());
    }
    SECTION("the start page") {
        visit.send(dialog->actions[1].intent);
        CHECK(visit.state().screen == Screen::Attract);
    }
    SECTION("read it again") {
        visit.send(dialog->actions[2].intent);
        CHECK(visit.state().screen == Screen::Guidance);
        CHECK_FALSE(visit.model().dialog);
    }
}

TEST_CASE("an exit page offers the procedure to do instead in one tap", "[help][exit]") {
    HelpVisit visit;
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"9.000010"});
    visit.send(intent::AnswerEligibility{true});
    REQUIRE(visit.state().screen == Screen::EligibilityExit);
    auto exit = visit.body<EligibilityExitScreen>();
    REQUIRE(exit.offer);
    CHECK(exit.offer->label.text == "Làm thủ tục: Trích lục thử");
    CHECK(visit.model().footer.primary->style == ButtonStyle::Secondary);  // one primary only

    SECTION("the tap lands on that procedure's requirements") {
        visit.send(exit.offer->intent);
        CHECK(visit.state().screen == Screen::Requirements);
        CHECK(visit.state().visit.procedure_code == "9.000020");
        CHECK(visit.logged("procedure_switched"));
    }
    SECTION("only the procedure the page offers") {
        visit.send(intent::SwitchProcedure{"9.000030"});
        CHECK(visit.state().screen == Screen::EligibilityExit);
    }
}

TEST_CASE("the page counter never changes its total mid-visit", "[help][counter]") {
    SECTION("fixed pages: page x of y") {
        HelpVisit visit;
        visit.to_birth_page(0);
        CHECK(visit.body<QuestionScreen>().progress.text == "Khai sinh thử · Trang 1/4");
        visit.type_into("p.name", "Lê Thị Hoa");
        visit.send(intent::Next{});
        CHECK(visit.body<QuestionScreen>().progress.text == "Khai sinh thử · Trang 2/4");
    }
    SECTION("pages that depend on answers: the step only") {
        HelpVisit visit;
        visit.send(intent::Start{});
        visit.send(intent::ChooseProcedure{"9.000020"});
        visit.send(intent::Next{});
        CHECK(visit.body<QuestionScreen>().progress.text == "Trích lục thử · Bước 1");
        visit.send(intent::Choose{"r.more", "yes"});  // a page appears later
        CHECK(visit.body<QuestionScreen>().progress.text == "Trích lục thử · Bước 1");
        visit.send(intent::SetLanguage{Language::English});
        CHECK(visit.body<QuestionScreen>().progress.text == "Trích lục thử · Step 1");
    }
}

TEST_CASE("no network and a slow network are told apart in the resident's words",
          "[help][network]") {
    HelpVisit visit;
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"9.000020"});
    visit.send(intent::Next{});
    visit.type_into("r.name", "Lê Thị Hoa");
    visit.send(intent::Choose{"r.more", "no"});
    visit.send(intent::Next{});
    visit.send(intent::Next{});
    REQUIRE(visit.state().screen == Screen::Review);
    visit.send(intent::Submit{});
    visit.send(intent::Saved{true, ""});
    visit.send(intent::Tick{}, 5000);  // the portal did not answer in time
    REQUIRE(visit.state().screen == Screen::Receipt);
    auto receipt_with = [&](bool unreachable) {
        ScreenInputs inputs{motcua::test::strings(), nullptr, visit.today, visit.now, false, {}};
        inputs.portal_unreachable = unreachable;
        ScreenModel model = build_screen(visit.session, inputs);
        return std::get<ReceiptScreen>(model.body).notice->key;
    };
    CHECK(receipt_with(false) == "receipt.queued");
    CHECK(receipt_with(true) == "receipt.queued_offline");
    CHECK(motcua::test::strings().vi.text("receipt.queued").find("chậm") != std::string::npos);
    CHECK(motcua::test::strings().vi.text("receipt.queued_offline").find("chậm") ==
          std::string::npos);
}

// [SECTION] The procedure list -------------------------------------------------------------------

TEST_CASE("the procedure list puts the most used first, each with a pictogram and a line",
          "[help][choose]") {
    HelpVisit visit;
    visit.send(intent::Start{});
    auto choose = visit.body<ChooseScreen>();
    CHECK(labels(choose.procedures) ==
          std::vector<std::string>{"Trích lục thử", "Khai sinh thử", "Thường trú thử"});
    REQUIRE(choose.looks.size() == choose.procedures.size());
    CHECK(choose.looks[0].icon == "copy");
    CHECK(choose.looks[0].tagline.text == "Xin thêm bản sao giấy khai sinh");
    CHECK(choose.looks[1].icon == "baby");
    CHECK(choose.looks[2].icon.empty());  // no icon: a plain document
    CHECK(choose.looks[2].tagline.empty());
    visit.send(intent::SetLanguage{Language::English});
    CHECK(visit.body<ChooseScreen>().looks[1].tagline.text == "A birth certificate");
}

TEST_CASE("the procedure files' rank, icon, tagline and exit procedure are checked",
          "[help][catalog]") {
    auto with = [](const std::string& extra, const std::string& eligibility = "") {
        return build_catalog(
            {{"x.json", R"({"format": 1, "code": "9.000040", "name": "X", "category": "x",
               "authority": "UBND", "guidance_only": true, "guidance": "Đi.")" +
                            extra + eligibility + "}"}});
    };
    CHECK(with(R"(, "rank": 3, "icon": "house", "tagline": "Một dòng")").problems.empty());
    CHECK(with(R"(, "rank": 3)").procedures.at(0).rank == 3);
    CHECK(with("").procedures.at(0).rank == 100);
    auto unknown_icon = with(R"(, "icon": "rocket")");
    REQUIRE(unknown_icon.problems.size() == 1);
    CHECK(unknown_icon.problems[0].detail.find("unknown icon 'rocket'") != std::string::npos);
    CHECK(with(R"(, "rank": 0)").problems.size() == 1);
    auto bad_exit = with("", R"(, "eligibility": [{"id": "a", "question": "Q?", "exit_when": "yes",
        "exit_title": "T", "exit_body": "B", "exit_procedure": "khai sinh"}])");
    REQUIRE(bad_exit.problems.size() == 1);
    CHECK(bad_exit.problems[0].detail.find("exit_procedure") != std::string::npos);
}

// [SECTION] Typing -------------------------------------------------------------------------------

TEST_CASE("a physical keyboard types Telex by default in Vietnamese", "[help][typing]") {
    HelpVisit visit;
    visit.to_birth_page(0);
    visit.send(intent::Focus{"p.name"});
    SECTION("letters compose") {
        visit.send(intent::KeyText{"Nguyeenx Thij Hoaf"});
        CHECK(visit.state().answer("p.name") == "Nguyễn Thị Hoà");
    }
    SECTION("key by key, as SDL sends them") {
        for (char key : std::string("Vieejt")) visit.send(intent::KeyText{std::string(1, key)});
        CHECK(visit.state().answer("p.name") == "Việt");
    }
    SECTION("text an IME composed passes unchanged") {
        visit.send(intent::KeyText{"Việt"});
        visit.send(intent::KeyText{"s"});  // then a plain s after it is still composed
        CHECK(visit.state().answer("p.name") == "Viết");
    }
    SECTION("an IME's word with marks is never composed again") {
        visit.send(intent::KeyText{"Hoàf"});
        CHECK(visit.state().answer("p.name") == "Hoàf");
    }
    SECTION("the on-screen keyboard never composes") {
        visit.send(intent::TypeText{"a"});
        visit.send(intent::TypeText{"a"});
        CHECK(visit.state().answer("p.name") == "aa");
    }
    SECTION("English visits type plain letters") {
        visit.send(intent::SetLanguage{Language::English});
        visit.send(intent::KeyText{"Hoaf"});
        CHECK(visit.state().answer("p.name") == "Hoaf");
    }
}

TEST_CASE("Telex and VNI are off in number fields and on the lookup code", "[help][typing]") {
    SessionConfig config;
    config.typing = Typing::Vni;
    HelpVisit visit(config);
    visit.to_birth_page(1);
    visit.send(intent::Focus{"p.id"});
    visit.send(intent::KeyText{"001190123456"});  // VNI would turn "1" after a vowel... none here,
    CHECK(visit.state().answer("p.id") == "001190123456");  // but digits must stay digits
    visit.send(intent::Home{});
    visit.send(intent::ConfirmHome{});
    visit.send(intent::OpenLookup{});
    visit.send(intent::KeyText{"ABCDXS"});  // Telex would put tones on a dossier code
    CHECK(visit.state().lookup_code == "ABCDXS");
}

TEST_CASE("VNI on a physical keyboard when configured, and nothing when off", "[help][typing]") {
    SECTION("VNI") {
        SessionConfig config;
        config.typing = Typing::Vni;
        HelpVisit visit(config);
        visit.to_birth_page(0);
        visit.send(intent::Focus{"p.name"});
        visit.send(intent::KeyText{"Tra62n Thi5 Hoa2"});
        CHECK(visit.state().answer("p.name") == "Trần Thị Hoà");
    }
    SECTION("off") {
        SessionConfig config;
        config.typing = Typing::Off;
        HelpVisit visit(config);
        visit.to_birth_page(0);
        visit.send(intent::Focus{"p.name"});
        visit.send(intent::KeyText{"Tra62n Hoaf"});
        CHECK(visit.state().answer("p.name") == "Tra62n Hoaf");
    }
    SECTION("the search box composes too") {
        HelpVisit visit;
        visit.send(intent::Start{});
        visit.send(intent::Focus{"search"});
        visit.send(intent::KeyText{"tris chj"});
        CHECK(visit.state().search_text == "trí chj");
    }
}

// [SECTION] Scans --------------------------------------------------------------------------------

TEST_CASE("a scan that is not for this screen says so plainly and changes nothing",
          "[help][scan]") {
    HelpVisit visit;
    visit.send(intent::Start{});
    visit.send(intent::Focus{"search"});
    visit.send(intent::KeyText{"khai"});
    SECTION("not an ID card") {
        visit.send(intent::Scan{"8934567890123"});
        CHECK(visit.state().search_text == "khai");  // never typed into the field
        REQUIRE(visit.model().banner);
        CHECK(visit.model().banner->key == "scan.not_card");
    }
    SECTION("an ID card where none is asked for") {
        visit.send(intent::Scan{Card});
        CHECK(visit.state().search_text == "khai");
        CHECK(visit.model().banner->key == "scan.card_not_here");
        for (const auto& log : visit.effects_of<effect::Log>())
            CHECK(log.detail.find("001090123456") == std::string::npos);
    }
    SECTION("the message goes with the next tap") {
        visit.send(intent::Scan{"8934567890123"});
        visit.send(intent::KeyText{" "});
        CHECK_FALSE(visit.model().banner);
    }
}

TEST_CASE("an ID card scanned on the lookup screen is not sent as a dossier code", "[help][scan]") {
    HelpVisit visit;
    visit.send(intent::OpenLookup{});
    visit.send(intent::Scan{Card});
    CHECK(visit.effects_of<effect::LookupDossier>().empty());
    CHECK(visit.state().lookup_code.empty());
    CHECK(visit.model().banner->key == "scan.card_on_lookup");
}

TEST_CASE("a non-card scan on a question page leaves the answers as they were", "[help][scan]") {
    HelpVisit visit;
    visit.to_birth_page(1);
    visit.type_into("p.id", "0010");
    visit.send(intent::Scan{"https://example.vn/not-a-card"});
    CHECK(visit.state().answer("p.id") == "0010");
    CHECK(visit.state().answer("p.name") == "Lê Thị Hoa");
    CHECK(visit.body<QuestionScreen>().notice->key == "notice.scan_unreadable");
}

TEST_CASE("an ID number that contradicts the birth date or sex typed is flagged, never blocked",
          "[help][contradiction]") {
    HelpVisit visit;
    visit.to_birth_page(1);
    visit.type_into("p.id", "001090123456");  // male, born 1990
    visit.send(intent::Next{});
    visit.type_into("p.dob", "01/01/1985");
    visit.send(intent::Next{});
    // The first Tiếp tục shows the warning on the page...
    REQUIRE(visit.state().visit.page_index == 2);
    auto page = visit.body<QuestionScreen>();
    REQUIRE(page.fields.at(0).warnings.size() == 1);
    CHECK(page.fields[0].warnings[0].key == "warning.id_number_birth_year_mismatch");
    CHECK(page.fields[0].error.empty());
    // ...the second moves on.
    visit.send(intent::Next{});
    REQUIRE(visit.state().visit.page_index == 3);
    visit.send(intent::Choose{"p.sex", "nu"});
    visit.send(intent::Next{});
    CHECK(visit.state().visit.page_index == 3);
    CHECK(visit.body<QuestionScreen>().fields.at(0).warnings.at(0).key ==
          "warning.id_number_sex_mismatch");
    visit.send(intent::Next{});
    REQUIRE(visit.state().screen == Screen::Review);
    // On review every answer that takes part is flagged.
    std::map<std::string, std::vector<std::string>> flagged;
    for (const auto& shown : visit.body<ReviewScreen>().pages)
        for (const auto& row : shown.items.at(0).rows)
            for (const auto& warning : row.warnings) flagged[row.label.text].push_back(warning.key);
    CHECK(flagged["Số định danh"] ==
          std::vector<std::string>{"warning.id_number_sex_mismatch",
                                   "warning.id_number_birth_year_mismatch"});
    CHECK(flagged["Ngày sinh"] ==
          std::vector<std::string>{"warning.id_number_birth_year_mismatch"});
    CHECK(flagged["Giới tính"] == std::vector<std::string>{"warning.id_number_sex_mismatch"});
    CHECK(flagged.count("Họ tên") == 0);
    visit.send(intent::Submit{});
    CHECK(visit.state().screen == Screen::Submitting);  // flagged, not blocked
}

TEST_CASE("a card whose own fields disagree is flagged on the page it was scanned on",
          "[help][contradiction]") {
    HelpVisit visit;
    visit.to_birth_page(1);
    // G = 1 (a woman born 1900–1999), but the card says Nam.
    visit.send(intent::Scan{"001190123456||NGUYỄN VĂN A|01011990|Nam|Hà Nội|15042021"});
    CHECK(visit.state().answer("p.id") == "001190123456");
    CHECK(visit.state().answer("p.sex") == "nam");
    auto page = visit.body<QuestionScreen>();
    REQUIRE(page.fields.at(0).warnings.size() == 1);
    CHECK(page.fields[0].warnings[0].key == "warning.id_number_sex_mismatch");
    SECTION("a card that agrees with itself has nothing to flag") {
        HelpVisit clean;
        clean.to_birth_page(1);
        clean.send(intent::Scan{Card});
        CHECK(clean.body<QuestionScreen>().fields.at(0).warnings.empty());
    }
}
