// The requirements screen's fee wording: tiers, the cap, free, and which rule is in force today.
#include "screen_harness.h"

using namespace motcua::core;
using motcua::test::ScreenVisit;

namespace {

const char* Fees = R"({
  "fees": {
    "khai_sinh": {"amount": 0, "note": {"vi": "Miễn phí nếu đăng ký trong 60 ngày", "en": "Free within 60 days"}},
    "trich_luc": [
      {"amount": 8000, "per": {"vi": "bản", "en": "copy"}},
      {"from": "2027-03-01", "amount": 8000, "per": "bản", "note": "Hết thời gian miễn lệ phí."},
      {"from": "2026-08-15", "amount": 0, "per": "bản", "note": {"vi": "Miễn lệ phí đến hết 28/02/2027."}}
    ],
    "chung_thuc": {"tiers": [{"from": 1, "amount": 2000}, {"from": 3, "amount": 1000}],
                   "per": {"vi": "trang", "en": "page"}, "max": 200000},
    "ket_hon": {"amount": 20000}
  }
})";

std::string procedure(const std::string& fee_key, const std::string& fee_note = "") {
    return R"({"format": 1, "code": "9.000001", "name": "Thủ tục thử", "category": "t", "authority": "Uỷ ban nhân dân xã",
           "processing": {"working_days": 3, "note": "3 ngày làm việc"},
           "documents": [{"name": "Giấy chứng sinh", "kind": "original"}, {"name": "Bản sao", "kind": "copy", "count": 2, "note": "Có chứng thực"}],
           "fee": {"key": ")" +
           fee_key + R"(")" + (fee_note.empty() ? "" : R"(, "note": ")" + fee_note + R"(")") +
           R"(}, "portal": {"owner_field": "a"}, "pages": [{"id": "p", "title": "T", "fields": [{"id": "a", "type": "text", "label": "A"}]}]})";
}

FeeSchedule schedule() {
    auto parsed = FeeSchedule::parse(Fees, "fees.json");
    REQUIRE(parsed.ok());
    return std::move(parsed).value();
}

RequirementsScreen requirements_of(const std::string& fee_key, Date today, const FeeSchedule* fees,
                                   Language language = Language::Vietnamese,
                                   const std::string& fee_note = "") {
    ScreenVisit visit(std::vector<SourceFile>{{"p.json", procedure(fee_key, fee_note)}});
    visit.fees = fees;
    visit.today = today;
    if (language == Language::English) visit.send(intent::SetLanguage{Language::English});
    visit.send(intent::Start{});
    visit.send(intent::ChooseProcedure{"9.000001"});
    REQUIRE(visit.state().screen == Screen::Requirements);
    return visit.body<RequirementsScreen>();
}

}  // namespace

TEST_CASE("a flat fee per copy, and the rule in force on each date", "[screen][fees]") {
    const FeeSchedule fees = schedule();
    SECTION("before the waiver") {
        auto screen = requirements_of("trich_luc", Date{2026, 5, 1}, &fees);
        REQUIRE(screen.fee);
        CHECK(screen.fee->heading.key == "requirements.fee");
        CHECK(screen.fee->amount.text == format_vnd(8000) + " mỗi bản");
        CHECK(screen.fee->rule_note.empty());
    }
    SECTION("during the waiver: free, with the waiver's note") {
        auto screen = requirements_of("trich_luc", Date{2026, 11, 27}, &fees);
        REQUIRE(screen.fee);
        CHECK(screen.fee->amount.text == "Miễn phí");
        CHECK(screen.fee->amount.key == "fee.free");
        CHECK(screen.fee->rule_note.text == "Miễn lệ phí đến hết 28/02/2027.");
    }
    SECTION("from the reinstatement") {
        auto screen = requirements_of("trich_luc", Date{2027, 3, 1}, &fees);
        CHECK(screen.fee->amount.text == format_vnd(8000) + " mỗi bản");
        CHECK(screen.fee->rule_note.text == "Hết thời gian miễn lệ phí.");
    }
}

TEST_CASE("tiers and a cap are worded in order, in the resident's language", "[screen][fees]") {
    const FeeSchedule fees = schedule();
    auto screen = requirements_of("chung_thuc", Date{2026, 11, 27}, &fees);
    CHECK(screen.fee->amount.text ==
          format_vnd(2000) + " mỗi trang; từ trang thứ 3: " + format_vnd(1000) +
              " mỗi trang; tối đa " + format_vnd(200000) + " cho mỗi bản");
    auto english = requirements_of("chung_thuc", Date{2026, 11, 27}, &fees, Language::English);
    CHECK(english.fee->amount.text.find("page") != std::string::npos);
    CHECK(english.fee->heading.text != screen.fee->heading.text);
}

TEST_CASE("a per-dossier fee has no unit, no rule and no note shows no fee section",
          "[screen][fees]") {
    const FeeSchedule fees = schedule();
    CHECK(requirements_of("ket_hon", Date{2026, 11, 27}, &fees).fee->amount.text ==
          format_vnd(20000));
    CHECK_FALSE(requirements_of("unknown", Date{2026, 11, 27}, &fees).fee);
    CHECK_FALSE(requirements_of("trich_luc", Date{2026, 11, 27}, nullptr).fee);  // no fee file
    // Without a fee file the procedure's own note still shows.
    auto noted = requirements_of("trich_luc", Date{2026, 11, 27}, nullptr, Language::Vietnamese,
                                 "Nộp tại quầy");
    REQUIRE(noted.fee);
    CHECK(noted.fee->amount.empty());
    CHECK(noted.fee->procedure_note.text == "Nộp tại quầy");
}

TEST_CASE("the requirements list each paper with its kind and count, the time and the authority",
          "[screen][fees]") {
    auto screen = requirements_of("ket_hon", Date{2026, 11, 27}, nullptr);
    CHECK(screen.name.text == "Thủ tục thử");
    REQUIRE(screen.documents);
    REQUIRE(screen.documents->lines.size() == 2);
    CHECK(screen.documents->lines[0].line.text.rfind("•  Giấy chứng sinh (", 0) == 0);
    CHECK(screen.documents->lines[1].line.text.find("2") != std::string::npos);
    CHECK(screen.documents->lines[1].note.text == "Có chứng thực");
    REQUIRE(screen.time);
    CHECK(screen.time->body.text == "3 ngày làm việc");
    REQUIRE(screen.authority);
    CHECK(screen.authority->body.text == "Uỷ ban nhân dân xã");
}
