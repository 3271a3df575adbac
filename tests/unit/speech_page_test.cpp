// What each page says and when (core/speech/page.h), from the real screen model.
#include <algorithm>

#include "core/speech/normalize.h"
#include "core/speech/page.h"
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
    {"id": "p_name", "title": "Tên của bạn là gì?", "help": "Viết đủ họ và tên.",
     "fields": [{"id": "requester.name", "type": "person_name", "label": "Họ tên", "portal": "A.HoTen"}]},
    {"id": "p_more", "title": "Bạn là gì của cháu?", "fields": [
      {"id": "relation", "type": "choice", "label": "Quan hệ", "portal": "A.QuanHe",
       "options": [{"value": "cha", "label": "Cha"}, {"value": "me", "label": "Mẹ"}]}]}
  ]})json";

struct BirthVisit : ScreenVisit {
    BirthVisit() : ScreenVisit(std::vector<SourceFile>{{"birth.json", Birth}}) {}
};

std::vector<std::string> texts(const std::vector<speech::Utterance>& said) {
    std::vector<std::string> out;
    for (const auto& utterance : said) out.push_back(utterance.text);
    return out;
}

bool has(const std::vector<speech::Utterance>& said, const std::string& text) {
    auto all = texts(said);
    return std::find(all.begin(), all.end(), text) != all.end();
}

}  // namespace

TEST_CASE("a question page says its heading, hint, question and choices, with their keys",
          "[speech][page]") {
    BirthVisit visit;
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"1.001193"});
    visit.send(intent::Next{});
    REQUIRE(visit.state().screen == Screen::Question);
    auto page = speech::page_speech(visit.model());
    REQUIRE(page.utterances.size() >= 3);
    CHECK(page.utterances[0].text == "Tên của bạn là gì?");
    CHECK(page.utterances[0].key.empty());  // catalogue text: synthesised
    CHECK(page.utterances[1].text == "Viết đủ họ và tên.");
    CHECK(has(page.utterances, "Họ tên"));
    CHECK(page.errors.empty());

    SECTION("an empty answer: the error is said, with its i18n key for a recorded clip") {
        visit.send(intent::Next{});
        auto with_error = speech::page_speech(visit.model());
        REQUIRE(with_error.errors.size() == 2);  // the summary, then the field's own error
        CHECK(with_error.errors[1].key.rfind("error.", 0) == 0);
        CHECK(with_error.page == page.page);  // still the same page
    }
    SECTION("the next page says its choices") {
        visit.type_into("requester.name", "Nguyễn Văn An");
        visit.send(intent::Next{});
        auto next = speech::page_speech(visit.model());
        CHECK(next.page != page.page);
        CHECK(next.utterances[0].text == "Bạn là gì của cháu?");
        CHECK(has(next.utterances, "Cha"));
        CHECK(has(next.utterances, "Mẹ"));
    }
}

TEST_CASE("the attract screen says its keyed prompts, the footer and header are not read",
          "[speech][page]") {
    BirthVisit visit;
    auto page = speech::page_speech(visit.model());
    REQUIRE_FALSE(page.utterances.empty());
    CHECK(page.utterances[0].key == "attract.title");
    CHECK(has(page.utterances, "Chạm vào đây để bắt đầu"));
    CHECK_FALSE(has(page.utterances, "Nghe hướng dẫn"));
}

TEST_CASE("the receipt reads its code character by character", "[speech][page]") {
    BirthVisit visit;
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"1.001193"});
    visit.send(intent::Next{});
    visit.type_into("requester.name", "Nguyễn Văn An");
    visit.send(intent::Next{});
    visit.send(intent::Choose{"relation", "me"});
    visit.send(intent::Next{});
    visit.send(intent::Submit{});
    visit.send(intent::Saved{true, ""});
    visit.send(intent::Tick{}, 5000);
    REQUIRE(visit.state().screen == Screen::Receipt);
    const std::string code = visit.state().submission.provisional_code;
    auto page = speech::page_speech(visit.model());
    auto found = std::find_if(page.utterances.begin(), page.utterances.end(),
                              [&](const auto& u) { return u.text == code; });
    REQUIRE(found != page.utterances.end());
    CHECK(found->spoken == speech::code_words(code));
    CHECK(found->spoken.find(',') == std::string::npos);  // 8 characters, one group of letters
    CHECK(std::count(found->spoken.begin(), found->spoken.end(), ' ') >= 7);
}

TEST_CASE(
    "voice is per visit: on with Nghe hướng dẫn, a page is read when it appears, a tap "
    "stops it, Nghe lại reads it again, the wipe turns it off",
    "[speech][page][session]") {
    BirthVisit visit;
    speech::SpeechMemory memory;
    // Voice off: nothing is said.
    auto plan = speech::plan_speech(memory, visit.model(), false);
    CHECK(plan.say.empty());
    CHECK_FALSE(visit.model().header.listen);
    auto attract = visit.body<AttractScreen>();
    REQUIRE(attract.voice);
    CHECK(attract.voice->label.text == "Nghe hướng dẫn");

    visit.send(attract.voice->intent);
    CHECK(visit.state().voice);
    plan = speech::plan_speech(memory, visit.model(), true);
    CHECK(plan.stop);
    REQUIRE_FALSE(plan.say.empty());
    CHECK(plan.say[0].key == "attract.title");
    // The same page on the next frame: nothing new.
    plan = speech::plan_speech(memory, visit.model(), false);
    CHECK_FALSE(plan.stop);
    CHECK(plan.say.empty());

    visit.send(intent::Start{});
    plan = speech::plan_speech(memory, visit.model(), true);
    REQUIRE_FALSE(plan.say.empty());
    CHECK(plan.say[0].key == "choose.title");
    auto listen = visit.model().header.listen;
    REQUIRE(listen);
    CHECK(listen->label.text == "Nghe lại");

    // A tap that does not change the page stops the voice and says nothing new.
    visit.send(intent::Focus{"search"});
    visit.send(intent::TypeText{"k"});
    plan = speech::plan_speech(memory, visit.model(), true);
    CHECK(plan.stop);
    // (opening the keyboard is another page: the typing page)
    plan = speech::plan_speech(memory, visit.model(), true);
    CHECK(plan.stop);
    CHECK(plan.say.empty());

    // "Nghe lại" reads the page again.
    visit.send(listen->intent);
    plan = speech::plan_speech(memory, visit.model(), true);
    CHECK(plan.stop);
    CHECK_FALSE(plan.say.empty());
    CHECK(plan.say[0].key == "choose.title");

    // The wipe: voice off for the next person.
    visit.send(intent::Home{});
    CHECK_FALSE(visit.state().voice);
    plan = speech::plan_speech(memory, visit.model(), true);
    CHECK(plan.stop);
    CHECK(plan.say.empty());
    plan = speech::plan_speech(memory, visit.model(), false);
    CHECK(plan.say.empty());
}

TEST_CASE("an error that appears on the page is said on its own", "[speech][page]") {
    BirthVisit visit;
    visit.send(intent::VoiceOn{});
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"1.001193"});
    visit.send(intent::Next{});
    speech::SpeechMemory memory;
    auto plan = speech::plan_speech(memory, visit.model(), true);
    CHECK(plan.say.at(0).text == "Tên của bạn là gì?");
    visit.send(intent::Next{});  // nothing typed
    plan = speech::plan_speech(memory, visit.model(), true);
    CHECK(plan.stop);
    REQUIRE_FALSE(plan.say.empty());
    REQUIRE(plan.say.size() == 2);  // the errors only, not the whole page again
    CHECK(plan.say[1].key.rfind("error.", 0) == 0);
}
