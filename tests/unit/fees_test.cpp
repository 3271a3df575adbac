// Fees come from a file a province edits: amounts are read exactly, dated rules switch on the
// right day, every mistake is refused with the JSON path, and estimates apply tiers and caps.
#include "core/catalog/fees.h"

#include <catch2/catch.hpp>
#include <climits>
#include <string>
#include <vector>

using namespace motcua::core;

namespace {

// [SECTION] Helpers -----------------------------------------------------------------------------

const std::string kNbsp = "\u00A0";
const std::string kDong = "\u20AB";

FeeSchedule parse_ok(const std::string& text) {
    auto schedule = FeeSchedule::parse(text, "fees.json");
    INFO((schedule.ok() ? std::string("ok") : schedule.error().detail));
    REQUIRE(schedule.ok());
    return std::move(schedule).value();
}

const char* const kGood = R"({
  "_about": "Ví dụ; tỉnh thay bằng mức thật.",
  "fees": {
    "khai_sinh": {"amount": 0, "note": {"vi": "Miễn phí nếu đăng ký trong 60 ngày", "en": "Free within 60 days"}},
    "trich_luc": [
      {"amount": 8000, "per": {"vi": "bản", "en": "copy"}},
      {"from": "2027-03-01", "amount": 8000, "per": "bản", "note": "Hết thời gian miễn lệ phí."},
      {"from": "2026-08-15", "amount": 0, "per": "bản", "note": {"vi": "Miễn lệ phí đến hết 28/02/2027."}}
    ],
    "chung_thuc_ban_sao": {"tiers": [{"from": 1, "amount": 2000}, {"from": 3, "amount": 1000}],
                           "per": {"vi": "trang", "en": "page"}, "max": 200000},
    "ket_hon_moi": {"from": "2030-01-01", "amount": 5000}
  }
})";

// A document with one rule for "trich_luc"; `rule` is the inside of the rule object.
std::string with_rule(const std::string& rule) {
    return R"({"fees": {"trich_luc": [{"amount": 8000}, {)" + rule + "}]}}";
}

}  // namespace

// [SECTION] Money -------------------------------------------------------------------------------

TEST_CASE("amounts are written with dot thousands and a no-break space before the đồng sign",
          "[fees]") {
    auto [amount, text] = GENERATE(table<long long, std::string>({
        {0, "0"},
        {7, "7"},
        {999, "999"},
        {1000, "1.000"},
        {8000, "8.000"},
        {15000, "15.000"},
        {200000, "200.000"},
        {1250000, "1.250.000"},
        {1000000000, "1.000.000.000"},
        {-5000, "-5.000"},
        {-999, "-999"},
        {LLONG_MAX, "9.223.372.036.854.775.807"},
        {LLONG_MIN, "-9.223.372.036.854.775.808"},
    }));
    CAPTURE(amount);
    CHECK(format_vnd(amount) == text + kNbsp + kDong);
}

TEST_CASE("the đồng sign never sits after an ordinary space", "[fees]") {
    CHECK(format_vnd(8000) == "8.000\xC2\xA0\xE2\x82\xAB");
    CHECK(format_vnd(8000).find(' ') == std::string::npos);
}

// [SECTION] Parsing -----------------------------------------------------------------------------

TEST_CASE("a good fee file is read exactly", "[fees]") {
    FeeSchedule schedule = parse_ok(kGood);
    CHECK(schedule.keys() ==
          std::vector<std::string>{"chung_thuc_ban_sao", "ket_hon_moi", "khai_sinh", "trich_luc"});

    const FeeRule* birth = schedule.find("khai_sinh", Date{2026, 5, 1});
    REQUIRE(birth != nullptr);
    CHECK(birth->amount == 0);
    CHECK(birth->per.empty());
    CHECK(birth->note.vi == "Miễn phí nếu đăng ký trong 60 ngày");
    CHECK(birth->note.en == "Free within 60 days");
    CHECK(birth->effective_from == Date{1, 1, 1});
    CHECK_FALSE(birth->max);

    const FeeRule* copy = schedule.find("trich_luc", Date{2026, 5, 1});
    REQUIRE(copy != nullptr);
    CHECK(copy->amount == 8000);
    CHECK(copy->per.vi == "bản");
    CHECK(copy->per.en == "copy");
    CHECK(copy->note.empty());

    const FeeRule* certified = schedule.find("chung_thuc_ban_sao", Date{2026, 5, 1});
    REQUIRE(certified != nullptr);
    REQUIRE(certified->tiers.size() == 2);
    CHECK(certified->tiers[0].from_unit == 1);
    CHECK(certified->tiers[0].amount == 2000);
    CHECK(certified->tiers[1].from_unit == 3);
    CHECK(certified->tiers[1].amount == 1000);
    CHECK(certified->amount == 2000);  // the price of the first page, for "từ 2.000 ₫/trang"
    REQUIRE(certified->max);
    CHECK(*certified->max == 200000);
    CHECK(certified->per.in(Language::English) == "page");
}

TEST_CASE("a dated waiver applies from its first day until the reinstatement", "[fees]") {
    FeeSchedule schedule = parse_ok(kGood);
    auto [today, amount, note] = GENERATE(table<Date, long long, std::string>({
        {Date{2020, 1, 1}, 8000, ""},
        {Date{2026, 8, 14}, 8000, ""},
        {Date{2026, 8, 15}, 0, "Miễn lệ phí đến hết 28/02/2027."},
        {Date{2027, 2, 28}, 0, "Miễn lệ phí đến hết 28/02/2027."},
        {Date{2027, 3, 1}, 8000, "Hết thời gian miễn lệ phí."},
        {Date{2040, 12, 31}, 8000, "Hết thời gian miễn lệ phí."},
    }));
    CAPTURE(format_iso_date(today));
    const FeeRule* rule = schedule.find("trich_luc", today);
    REQUIRE(rule != nullptr);
    CHECK(rule->amount == amount);
    CHECK(rule->note.vi == note);
}

TEST_CASE("a key with only future rules or no rules at all has no fee today", "[fees]") {
    FeeSchedule schedule = parse_ok(kGood);
    CHECK(schedule.find("ket_hon_moi", Date{2029, 12, 31}) == nullptr);
    REQUIRE(schedule.find("ket_hon_moi", Date{2030, 1, 1}) != nullptr);
    CHECK(schedule.find("ket_hon_moi", Date{2030, 1, 1})->amount == 5000);
    CHECK(schedule.find("khong_co", Date{2026, 5, 1}) == nullptr);
    CHECK(schedule.find("", Date{2026, 5, 1}) == nullptr);
}

TEST_CASE("an empty fee list and an \"_about\" note are accepted", "[fees]") {
    CHECK(parse_ok(R"({"fees": {}})").keys().empty());
    CHECK(parse_ok(R"({"_about": "ghi chú", "fees": {"a_1": {"amount": 1}}})").keys() ==
          std::vector<std::string>{"a_1"});
}

TEST_CASE("every mistake in a fee file is refused with the JSON path and what was expected",
          "[fees]") {
    auto [text, path, expectation] = GENERATE(table<std::string, std::string, std::string>({
        // Amounts: whole đồng, never negative, never a string or a decimal.
        {with_rule(R"("amount": -1)"), "fees.trich_luc[1].amount",
         "expected a whole number of đồng >= 0"},
        {with_rule(R"("amount": 8000.5)"), "fees.trich_luc[1].amount",
         "expected a whole number of đồng >= 0"},
        {with_rule(R"("amount": 8000.0)"), "fees.trich_luc[1].amount",
         "expected a whole number of đồng >= 0"},
        {with_rule(R"("amount": 8e3)"), "fees.trich_luc[1].amount",
         "expected a whole number of đồng >= 0"},
        {with_rule(R"("amount": "8000")"), "fees.trich_luc[1].amount",
         "expected a whole number of đồng >= 0"},
        {with_rule(R"("amount": null)"), "fees.trich_luc[1].amount",
         "expected a whole number of đồng >= 0"},
        {with_rule(R"("amount": 99999999999999999999)"), "fees.trich_luc[1].amount", "expected"},
        {with_rule(R"("amount": 1000000001)"), "fees.trich_luc[1].amount", "at most 1000000000"},
        {with_rule(R"("from": "2027-01-01")"), "fees.trich_luc[1].amount", "missing"},
        {with_rule(R"("amount": 1, "tiers": [{"from": 1, "amount": 1}], "per": "trang")"),
         "fees.trich_luc[1]", "either \"amount\" or \"tiers\""},
        {with_rule(R"("amount": 1, "max": -3, "per": "bản")"), "fees.trich_luc[1].max",
         "whole number of đồng >= 0"},
        {with_rule(R"("amount": 1, "max": 10)"), "fees.trich_luc[1].max", "needs \"per\""},
        // Unknown keys: a typo must not silently drop a waiver.
        {with_rule(R"("amount": 0, "form": "2026-08-15")"), "fees.trich_luc[1].form",
         "unknown key"},
        {R"({"fees": {"trich_luc": {"amount": 0, "notes": "x"}}})", "fees.trich_luc.notes",
         "unknown key"},
        {R"({"fee": {}})", "fee", "unknown key"},
        {R"({"fees": {"a": {"amount": 1, "note": {"vi": "x", "fr": "y"}}}})", "fees.a.note.fr",
         "unknown key"},
        // Dates: ISO only, real, one rule per day.
        {with_rule(R"("from": "15/08/2026", "amount": 0)"), "fees.trich_luc[1].from", "yyyy-mm-dd"},
        {with_rule(R"("from": "2026-8-15", "amount": 0)"), "fees.trich_luc[1].from", "yyyy-mm-dd"},
        {with_rule(R"("from": 20260815, "amount": 0)"), "fees.trich_luc[1].from", "yyyy-mm-dd"},
        {with_rule(R"("from": "2026-02-29", "amount": 0)"), "fees.trich_luc[1].from",
         "not a real date"},
        {with_rule(R"("from": "2026-13-01", "amount": 0)"), "fees.trich_luc[1].from",
         "not a real date"},
        {with_rule(R"("from": "0000-01-01", "amount": 0)"), "fees.trich_luc[1].from",
         "not a real date"},
        {with_rule(R"("from": "0001-01-01", "amount": 0)"), "fees.trich_luc[1].from",
         "same day (0001-01-01) as $.fees.trich_luc[0]"},
        {R"({"fees": {"k": [{"from": "2026-08-15", "amount": 0}, {"from": "2026-08-15", "amount": 1}]}})",
         "fees.k[1].from", "same day (2026-08-15)"},
        // Key names and shapes.
        {R"({"fees": {"Trich_Luc": {"amount": 1}}})", "fees.Trich_Luc", "a-z, 0-9 and '_'"},
        {R"({"fees": {"trich-luc": {"amount": 1}}})", "fees.trich-luc", "a-z, 0-9 and '_'"},
        {R"({"fees": {"": {"amount": 1}}})", "fees.\"\"", "a-z, 0-9 and '_'"},
        {R"({"fees": {"k": []}})", "fees.k", "at least one rule"},
        {R"({"fees": {"k": 8000}})", "fees.k", "expected a rule"},
        {R"({"fees": {"k": [8000]}})", "fees.k[0]", "expected an object"},
        {R"({"fees": []})", "fees", "expected an object"},
        {R"({"_about": 1, "fees": {}})", "_about", "expected a string"},
        {R"({})", "fees", "missing"},
        {R"([])", "(top level)", "expected an object"},
        // The same key twice: nlohmann would keep only the last one.
        {R"({"fees": {"k": {"amount": 1}, "k": {"amount": 0}}})", "fees.k", "appears twice"},
        {with_rule(R"("amount": 1, "amount": 0)"), "fees.trich_luc[1].amount", "appears twice"},
        // Tiers: start at unit 1, increase, need a unit name.
        {with_rule(R"("tiers": [{"from": 2, "amount": 1}], "per": "trang")"),
         "fees.trich_luc[1].tiers[0].from", "start at unit 1"},
        {with_rule(
             R"("tiers": [{"from": 1, "amount": 2}, {"from": 1, "amount": 1}], "per": "trang")"),
         "fees.trich_luc[1].tiers[1].from", "increasing order"},
        {with_rule(
             R"("tiers": [{"from": 1, "amount": 2}, {"from": 5, "amount": 1}, {"from": 3, "amount": 1}], "per": "trang")"),
         "fees.trich_luc[1].tiers[2].from", "increasing order"},
        {with_rule(R"("tiers": [{"from": 1, "amount": -2}], "per": "trang")"),
         "fees.trich_luc[1].tiers[0].amount", "whole number of đồng >= 0"},
        {with_rule(R"("tiers": [{"from": 1.5, "amount": 2}], "per": "trang")"),
         "fees.trich_luc[1].tiers[0].from", "unit number"},
        {with_rule(R"("tiers": [{"amount": 2}], "per": "trang")"),
         "fees.trich_luc[1].tiers[0].from", "missing"},
        {with_rule(R"("tiers": [{"from": 1, "amount": 2, "max": 3}], "per": "trang")"),
         "fees.trich_luc[1].tiers[0].max", "unknown key"},
        {with_rule(R"("tiers": [], "per": "trang")"), "fees.trich_luc[1].tiers", "non-empty list"},
        {with_rule(R"("tiers": [{"from": 1, "amount": 2}])"), "fees.trich_luc[1].tiers",
         "needs \"per\""},
        // Text: NFC, not empty, Vietnamese first.
        {with_rule("\"amount\": 1, \"per\": \"ba\xCC\x89n\""), "fees.trich_luc[1].per", "NFC"},
        {with_rule("\"amount\": 1, \"note\": {\"vi\": \"x\", \"en\": \"e\xCC\x81\"}"),
         "fees.trich_luc[1].note.en", "NFC"},
        {with_rule(R"("amount": 1, "note": "")"), "fees.trich_luc[1].note", "empty"},
        {with_rule(R"("amount": 1, "note": {"en": "free"})"), "fees.trich_luc[1].note.vi",
         "missing"},
        {with_rule(R"("amount": 1, "per": 3)"), "fees.trich_luc[1].per", "expected a string"},
    }));
    CAPTURE(text);
    auto result = FeeSchedule::parse(text, "fees.json");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "fees_invalid");
    const std::string& detail = result.error().detail;
    CAPTURE(detail);
    // Paths as the strict reader writes them: "$" is the whole document.
    const std::string json_path = path == "(top level)" ? std::string("$") : "$." + path;
    CHECK(detail.rfind("fees.json: " + json_path + ": ", 0) == 0);
    CHECK(detail.find(expectation) != std::string::npos);
}

TEST_CASE("text that is not JSON is refused with the parser's position", "[fees]") {
    auto text = GENERATE(std::string(""), std::string("{\"fees\": {"), std::string("{'fees': {}}"),
                         std::string("{\"fees\": {}} trailing"),
                         std::string("{\"fees\": {\"k\": {\"amount\": 1,}}}"));
    CAPTURE(text);
    auto result = FeeSchedule::parse(text, "tinh/fees.json");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "fees_invalid");
    CHECK(result.error().detail.rfind("tinh/fees.json: $", 0) == 0);
    CHECK(result.error().detail.find(": not valid JSON at byte ") != std::string::npos);
}

TEST_CASE("rules of one key may be written in any order", "[fees]") {
    FeeSchedule schedule = parse_ok(R"({"fees": {"k": [
        {"from": "2027-01-01", "amount": 3}, {"from": "2025-01-01", "amount": 1}, {"from": "2026-01-01", "amount": 2}]}})");
    CHECK(schedule.find("k", Date{2024, 12, 31}) == nullptr);
    CHECK(schedule.find("k", Date{2025, 6, 1})->amount == 1);
    CHECK(schedule.find("k", Date{2026, 6, 1})->amount == 2);
    CHECK(schedule.find("k", Date{2027, 6, 1})->amount == 3);
    CHECK(schedule.find("k", Date{2027, 6, 1})->effective_from == Date{2027, 1, 1});
}

// [SECTION] Estimates ---------------------------------------------------------------------------

TEST_CASE("a certified copy costs by page with a cheaper rate from page 3 and a cap per copy",
          "[fees]") {
    const FeeRule rule = *parse_ok(kGood).find("chung_thuc_ban_sao", Date{2026, 5, 1});
    auto [pages, copies, total] = GENERATE(table<int, int, long long>({
        {1, 1, 2000},
        {2, 1, 4000},
        {3, 1, 5000},
        {5, 1, 7000},
        {198, 1, 200000},  // 4000 + 196 * 1000
        {199, 1, 200000},  // 201000 capped
        {300, 1, 200000},
        {5, 2, 14000},
        {300, 2, 400000},
        {1, 3, 6000},
        {0, 1, 0},
        {5, 0, 0},
        {-1, 2, 0},
        {3, -4, 0},
    }));
    CAPTURE(pages, copies);
    CHECK(estimate_fee(rule, pages, copies) == total);
}

TEST_CASE("a flat rate counts units, a per-dossier fee counts only items", "[fees]") {
    FeeRule per_copy;
    per_copy.amount = 8000;
    per_copy.per = LocalText{"bản", "copy"};
    CHECK(estimate_fee(per_copy, 1) == 8000);
    CHECK(estimate_fee(per_copy, 3) == 24000);
    CHECK(estimate_fee(per_copy, 3, 2) == 48000);

    FeeRule per_dossier;
    per_dossier.amount = 20000;
    CHECK(estimate_fee(per_dossier, 1) == 20000);
    CHECK(estimate_fee(per_dossier, 7) == 20000);
    CHECK(estimate_fee(per_dossier, 7, 2) == 40000);
    CHECK(estimate_fee(per_dossier, 0) == 0);

    FeeRule free;
    free.per = LocalText{"bản", ""};
    CHECK(estimate_fee(free, 50, 50) == 0);
}

TEST_CASE("a huge estimate saturates instead of overflowing", "[fees]") {
    FeeRule rule;
    rule.amount = kMaxFeeAmount;
    rule.per = LocalText{"trang", ""};
    CHECK(estimate_fee(rule, INT_MAX) == kMaxFeeAmount * INT_MAX);
    CHECK(estimate_fee(rule, INT_MAX, INT_MAX) == LLONG_MAX);
    rule.tiers = {FeeTier{1, kMaxFeeAmount}, FeeTier{2, kMaxFeeAmount}};
    CHECK(estimate_fee(rule, INT_MAX, INT_MAX) == LLONG_MAX);
}

TEST_CASE("a hand-built tier list that starts late charges the base amount before it", "[fees]") {
    FeeRule rule;
    rule.amount = 500;
    rule.per = LocalText{"trang", ""};
    rule.tiers = {FeeTier{3, 100}};
    CHECK(estimate_fee(rule, 2) == 1000);
    CHECK(estimate_fee(rule, 4) == 1200);
}
