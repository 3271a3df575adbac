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
    auto page = speech::page_speech(visit.model(), motcua::test::strings());
    REQUIRE(page.utterances.size() >= 3);
    CHECK(page.utterances[0].text == "Tên của bạn là gì?");
    CHECK(page.utterances[0].key.empty());  // catalogue text: synthesised
    CHECK(page.utterances[1].text == "Viết đủ họ và tên.");
    CHECK(has(page.utterances, "Họ tên"));
    CHECK(page.errors.empty());

    SECTION("an empty answer: the error is said, with its i18n key for a recorded clip") {
        visit.send(intent::Next{});
        auto with_error = speech::page_speech(visit.model(), motcua::test::strings());
        REQUIRE(with_error.errors.size() == 2);  // the summary, then the field's own error
        CHECK(with_error.errors[1].key.rfind("error.", 0) == 0);
        CHECK(with_error.page == page.page);  // still the same page
    }
    SECTION("the next page says its choices") {
        visit.type_into("requester.name", "Nguyễn Văn An");
        visit.send(intent::Next{});
        auto next = speech::page_speech(visit.model(), motcua::test::strings());
        CHECK(next.page != page.page);
        CHECK(next.utterances[0].text == "Bạn là gì của cháu?");
        CHECK(has(next.utterances, "Cha"));
        CHECK(has(next.utterances, "Mẹ"));
    }
}

TEST_CASE("the attract screen says its keyed prompts, the footer and header are not read",
          "[speech][page]") {
    BirthVisit visit;
    auto page = speech::page_speech(visit.model(), motcua::test::strings());
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
    auto page = speech::page_speech(visit.model(), motcua::test::strings());
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
    auto plan = speech::plan_speech(memory, visit.model(), false, motcua::test::strings());
    CHECK(plan.say.empty());
    CHECK_FALSE(visit.model().header.listen);
    auto attract = visit.body<AttractScreen>();
    REQUIRE(attract.voice);
    CHECK(attract.voice->label.text == "Nghe hướng dẫn");

    visit.send(attract.voice->intent);
    CHECK(visit.state().voice);
    plan = speech::plan_speech(memory, visit.model(), true, motcua::test::strings());
    CHECK(plan.stop);
    REQUIRE_FALSE(plan.say.empty());
    CHECK(plan.say[0].key == "attract.title");
    // The same page on the next frame: nothing new.
    plan = speech::plan_speech(memory, visit.model(), false, motcua::test::strings());
    CHECK_FALSE(plan.stop);
    CHECK(plan.say.empty());

    visit.send(intent::Start{});
    plan = speech::plan_speech(memory, visit.model(), true, motcua::test::strings());
    REQUIRE_FALSE(plan.say.empty());
    CHECK(plan.say[0].key == "choose.title");
    auto listen = visit.model().header.listen;
    REQUIRE(listen);
    CHECK(listen->label.text == "Nghe lại");

    // A tap that does not change the page stops the voice and says nothing new.
    visit.send(intent::Focus{"search"});
    visit.send(intent::TypeText{"k"});
    plan = speech::plan_speech(memory, visit.model(), true, motcua::test::strings());
    CHECK(plan.stop);
    // (opening the keyboard is another page: the typing page)
    plan = speech::plan_speech(memory, visit.model(), true, motcua::test::strings());
    CHECK(plan.stop);
    CHECK(plan.say.empty());

    // "Nghe lại" reads the page again.
    visit.send(listen->intent);
    plan = speech::plan_speech(memory, visit.model(), true, motcua::test::strings());
    CHECK(plan.stop);
    CHECK_FALSE(plan.say.empty());
    CHECK(plan.say[0].key == "choose.title");

    // The wipe: voice off for the next person.
    visit.send(intent::Home{});
    CHECK_FALSE(visit.state().voice);
    plan = speech::plan_speech(memory, visit.model(), true, motcua::test::strings());
    CHECK(plan.stop);
    CHECK(plan.say.empty());
    plan = speech::plan_speech(memory, visit.model(), false, motcua::test::strings());
    CHECK(plan.say.empty());
}

TEST_CASE("an error that appears on the page is said on its own", "[speech][page]") {
    BirthVisit visit;
    visit.send(intent::VoiceOn{});
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"1.001193"});
    visit.send(intent::Next{});
    speech::SpeechMemory memory;
    auto plan = speech::plan_speech(memory, visit.model(), true, motcua::test::strings());
    CHECK(plan.say.at(0).text == "Tên của bạn là gì?");
    visit.send(intent::Next{});  // nothing typed
    plan = speech::plan_speech(memory, visit.model(), true, motcua::test::strings());
    CHECK(plan.stop);
    REQUIRE_FALSE(plan.say.empty());
    REQUIRE(plan.say.size() == 2);  // the errors only, not the whole page again
    CHECK(plan.say[1].key.rfind("error.", 0) == 0);
}

// [voice] Long choice lists, what was chosen, and which words the engine may keep.
namespace {

const char* Lists = R"json({
  "format": 1, "code": "9.000001", "name": "Thủ tục thử", "category": "birth",
  "authority": "Uỷ ban nhân dân xã", "documents": [{"name": "Giấy chứng sinh", "kind": "original"}],
  "processing": {"working_days": 3},
  "portal": {"owner_field": "requester.name"},
  "pages": [
    {"id": "p_ethnicity", "title": "Dân tộc của cháu bé",
     "fields": [{"id": "child.ethnicity", "type": "ethnicity", "label": "Dân tộc", "portal": "A.DanToc"}]},
    {"id": "p_nationality", "title": "Quốc tịch của bạn",
     "fields": [{"id": "nationality", "type": "nationality", "label": "Quốc tịch", "portal": "A.QuocTich"}]},
    {"id": "p_colour", "title": "Bạn thích màu gì?", "fields": [
      {"id": "colour", "type": "choice", "label": "Màu", "portal": "A.Mau", "options": [
        {"value": "1", "label": "Đỏ"}, {"value": "2", "label": "Cam"}, {"value": "3", "label": "Vàng"},
        {"value": "4", "label": "Lục"}, {"value": "5", "label": "Lam"}, {"value": "6", "label": "Chàm"},
        {"value": "7", "label": "Tím"}]}]},
    {"id": "p_name", "title": "Tên của bạn là gì?",
     "fields": [{"id": "requester.name", "type": "person_name", "label": "Họ tên", "portal": "A.HoTen"}]}
  ]})json";

struct ListsVisit : ScreenVisit {
    ListsVisit() : ScreenVisit(std::vector<SourceFile>{{"lists.json", Lists}}) {
        send(intent::VoiceOn{});
        send(intent::Start{});
        send(intent::ChooseProcedure{"9.000001"});
        send(intent::Next{});
        REQUIRE(state().screen == Screen::Question);
    }
    speech::PageSpeech said() const {
        return speech::page_speech(model(), motcua::test::strings());
    }
};

const speech::Utterance* find_text(const std::vector<speech::Utterance>& said,
                                   const std::string& text) {
    for (const auto& utterance : said)
        if (utterance.text == text) return &utterance;
    return nullptr;
}

}  // namespace

TEST_CASE(
    "the ethnicity page says how many groups there are, how to choose and the first few, not "
    "all 54",
    "[speech][page][voice]") {
    ListsVisit visit;
    auto page = visit.said();
    const auto all = texts(page.utterances);
    CHECK(all.at(0) == "Dân tộc của cháu bé");
    // The size and how to choose, keyed so a province can record it once.
    auto how = std::find_if(page.utterances.begin(), page.utterances.end(),
                            [](const auto& u) { return u.key == "speech.list.ethnicity"; });
    REQUIRE(how != page.utterances.end());
    CHECK(how->text ==
          "Có 54 dân tộc. Hãy chạm vào tên dân tộc của mình. Danh sách dài: vuốt lên để xem "
          "thêm.");
    CHECK(how->spoken.find("năm mươi tư") != std::string::npos);
    // Then the first few in the order shown, Kinh first; not the rest.
    auto starts = std::find(all.begin(), all.end(), "Đầu danh sách là:");
    REQUIRE(starts != all.end());
    CHECK(std::vector<std::string>(starts + 1, all.end()) ==
          std::vector<std::string>{"Kinh", "Tày", "Thái", "Hoa", "Khơ-me",
                                   "Thủ tục thử · Trang 1/4"});
    CHECK_FALSE(has(page.utterances, "Mường"));
    CHECK_FALSE(has(page.utterances, "Rơ-măm"));
    CHECK(page.utterances.size() <= 10);

    SECTION("in English, the same rule in English words") {
        visit.send(intent::SetLanguage{Language::English});
        auto english = visit.said();
        auto found = std::find_if(english.utterances.begin(), english.utterances.end(),
                                  [](const auto& u) { return u.key == "speech.list.ethnicity"; });
        REQUIRE(found != english.utterances.end());
        CHECK(found->text.rfind("There are 54 ethnic groups.", 0) == 0);
        CHECK_FALSE(has(english.utterances, "Rơ-măm"));
    }
    SECTION("after a tap on a choice, Nghe lại says what was chosen, never kept by the engine") {
        visit.send(intent::Choose{"child.ethnicity", "Mường"});
        auto again = visit.said();
        const auto words = texts(again.utterances);
        auto chosen = std::find(words.begin(), words.end(), "Bạn đã chọn:");
        REQUIRE(chosen != words.end());
        REQUIRE(chosen + 1 != words.end());
        CHECK(*(chosen + 1) == "Mường");
        const auto& value = again.utterances[static_cast<std::size_t>(chosen + 1 - words.begin())];
        CHECK_FALSE(value.fixed);
        CHECK(find_text(again.utterances, "Bạn đã chọn:")->key == "speech.chosen");
        CHECK(again.page == page.page);  // a choice does not make it another page
    }
}

TEST_CASE("the nationality list and a procedure's own long list follow the same rule",
          "[speech][page][voice]") {
    ListsVisit visit;
    visit.send(intent::Choose{"child.ethnicity", "Kinh"});
    visit.send(intent::Next{});
    auto nationality = visit.said();
    CHECK(nationality.utterances.at(0).text == "Quốc tịch của bạn");
    auto how = std::find_if(nationality.utterances.begin(), nationality.utterances.end(),
                            [](const auto& u) { return u.key == "speech.list.nationality"; });
    REQUIRE(how != nationality.utterances.end());
    CHECK(how->text.rfind("Có 36 quốc tịch.", 0) == 0);
    CHECK(has(nationality.utterances, "Việt Nam"));
    CHECK_FALSE(has(nationality.utterances, "Đông Timor"));

    visit.send(intent::Choose{"nationality", "Việt Nam"});
    visit.send(intent::Next{});
    auto colours = visit.said();
    CHECK(colours.utterances.at(0).text == "Bạn thích màu gì?");
    // Seven choices: a long list, whose size varies by procedure, so it is not a clip's key.
    const speech::Utterance* size = find_text(
        colours.utterances,
        "Có 7 lựa chọn. Hãy chạm vào lựa chọn của mình. Danh sách dài: vuốt lên để xem thêm.");
    REQUIRE(size != nullptr);
    CHECK(size->key.empty());
    CHECK(has(colours.utterances, "Lam"));
    CHECK_FALSE(has(colours.utterances, "Chàm"));
    CHECK_FALSE(has(colours.utterances, "Tím"));
}

TEST_CASE(
    "headings, questions and choices may be kept as audio, but answers, codes and what was chosen "
    "never are",
    "[speech][page][voice]") {
    BirthVisit visit;
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"1.001193"});
    visit.send(intent::Next{});
    auto question = speech::page_speech(visit.model(), motcua::test::strings());
    for (const auto& utterance : question.utterances) {
        CAPTURE(utterance.text);
        CHECK(utterance.fixed);
    }
    visit.send(intent::Next{});  // nothing typed: the page shows its error
    auto with_error = speech::page_speech(visit.model(), motcua::test::strings());
    REQUIRE_FALSE(with_error.errors.empty());
    for (const auto& utterance : with_error.errors) {
        CAPTURE(utterance.text);
        CHECK_FALSE(utterance.fixed);
    }
    visit.type_into("requester.name", "Nguyễn Văn An");
    visit.send(intent::Next{});
    visit.send(intent::Choose{"relation", "me"});
    visit.send(intent::Next{});
    REQUIRE(visit.state().screen == Screen::Review);
    auto review = speech::page_speech(visit.model(), motcua::test::strings());
    const speech::Utterance* name = find_text(review.utterances, "Nguyễn Văn An");
    REQUIRE(name != nullptr);
    CHECK_FALSE(name->fixed);
    const speech::Utterance* label = find_text(review.utterances, "Họ tên");
    REQUIRE(label != nullptr);
    CHECK(label->fixed);

    visit.send(intent::Submit{});
    visit.send(intent::Saved{true, ""});
    visit.send(intent::Tick{}, 5000);
    REQUIRE(visit.state().screen == Screen::Receipt);
    auto receipt = speech::page_speech(visit.model(), motcua::test::strings());
    const speech::Utterance* code =
        find_text(receipt.utterances, visit.state().submission.provisional_code);
    REQUIRE(code != nullptr);
    CHECK_FALSE(code->fixed);
    // Nothing the resident typed is ever marked as fixed, on any page.
    for (const auto& page : {question, review, receipt})
        for (const auto& utterance : page.utterances)
            if (utterance.text.find("Nguyễn Văn An") != std::string::npos) {
                CAPTURE(utterance.text);
                CHECK_FALSE(utterance.fixed);
            }
}
// [/voice]
