// The shipped example fee file: it parses, and every fee key a shipped procedure names has a fee
// in force, so no procedure screen ever shows "fee unknown" out of the box.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "core/catalog/fees.h"

using namespace motcua::core;

namespace {

std::string read_text_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// "fee"."key" of every assets/procedures/*.json.
std::set<std::string> procedure_fee_keys() {
    namespace fs = std::filesystem;
    std::set<std::string> keys;
    int files = 0;
    for (const auto& entry : fs::directory_iterator(MOTCUA_SOURCE_ASSETS "/procedures")) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        INFO(entry.path().string());
        const auto doc = nlohmann::json::parse(read_text_file(entry.path()));
        REQUIRE(doc.contains("fee"));
        REQUIRE(doc.at("fee").contains("key"));
        keys.insert(doc.at("fee").at("key").get<std::string>());
    }
    CHECK(files >= 10);
    return keys;
}

}  // namespace

TEST_CASE("the shipped fee file parses and covers every procedure's fee key", "[fees]") {
    auto schedule =
        FeeSchedule::parse(read_text_file(MOTCUA_SOURCE_ASSETS "/config/fees.json"), "fees.json");
    INFO((schedule.ok() ? std::string("ok") : schedule.error().detail));
    REQUIRE(schedule.ok());

    const std::set<std::string> needed = procedure_fee_keys();
    CHECK(needed.size() >= 10);
    const std::vector<std::string> configured = schedule->keys();
    for (const std::string& key : needed) {
        INFO("fee key " << key);
        CHECK(std::find(configured.begin(), configured.end(), key) != configured.end());
        // In force on the kiosk's first possible day and long after.
        for (Date today : {Date{2025, 7, 1}, Date{2026, 8, 15}, Date{2035, 1, 1}}) {
            const FeeRule* rule = schedule->find(key, today);
            REQUIRE(rule != nullptr);
            CHECK(rule->amount >= 0);
        }
    }
}

TEST_CASE("the shipped example amounts match the fact sheet", "[fees]") {
    auto schedule =
        FeeSchedule::parse(read_text_file(MOTCUA_SOURCE_ASSETS "/config/fees.json"), "fees.json");
    REQUIRE(schedule.ok());
    const Date today{2026, 5, 1};
    for (const char* key : {"khai_sinh", "ket_hon", "khai_tu"}) {
        INFO(key);
        REQUIRE(schedule->find(key, today) != nullptr);
        CHECK(schedule->find(key, today)->amount ==
              0);  // on time; the procedure's fee.note says so
    }
    const FeeRule* extract = schedule->find("trich_luc", today);
    REQUIRE(extract != nullptr);
    CHECK(estimate_fee(*extract, 1, 2) == 16000);
    CHECK(extract->per.vi == "bản");
    const FeeRule* copy = schedule->find("chung_thuc_ban_sao", today);
    REQUIRE(copy != nullptr);
    CHECK(estimate_fee(*copy, 5) == 7000);
    CHECK(estimate_fee(*copy, 300) == 200000);
    CHECK(schedule->find("chung_thuc_chu_ky", today)->amount == 10000);
    CHECK(schedule->find("thuong_tru", today)->amount == 20000);
    CHECK(schedule->find("tam_tru", today)->amount == 15000);
}
