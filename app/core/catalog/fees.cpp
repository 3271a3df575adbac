#include "core/catalog/fees.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "core/json/object_reader.h"
#include "core/json/strict_reader.h"
#include "core/text/utf8.h"

namespace motcua::core {

using nlohmann::json;

namespace {

using strict_json::fail;
using strict_json::type_name;

// The strict reader's one rule for objects: only the keys of the format.
void refuse_unknown_keys(const json& node, const std::string& path,
                         std::initializer_list<std::string_view> allowed) {
    const strict_json::ObjectReader checked(node, path, allowed);
    (void)checked;
}

long long read_amount(const json& value, const std::string& path) {
    if (!value.is_number_integer() ||
        (!value.is_number_unsigned() && value.get<std::int64_t>() < 0))
        fail(path, "expected a whole number of đồng >= 0, found " +
                       (value.is_number() ? value.dump() : type_name(value)));
    std::uint64_t amount = value.get<std::uint64_t>();
    if (amount > static_cast<std::uint64_t>(kMaxFeeAmount))
        fail(path,
             "expected at most " + std::to_string(kMaxFeeAmount) + " đồng, found " + value.dump());
    return static_cast<long long>(amount);
}

std::string read_nfc_string(const json& value, const std::string& path) {
    if (!value.is_string()) fail(path, "expected a string, found " + type_name(value));
    std::string text = value.get<std::string>();
    if (!is_nfc(text)) fail(path, "text must be valid UTF-8 in NFC (composed Vietnamese)");
    return text;
}

LocalText read_text(const json& value, const std::string& path) {
    LocalText text;
    if (value.is_string()) {
        text.vi = read_nfc_string(value, path);
    } else if (!value.is_object()) {
        fail(path, "expected a string or {\"vi\": ..., \"en\": ...}, found " + type_name(value));
    } else {
        refuse_unknown_keys(value, path, {"vi", "en"});
        if (!value.contains("vi")) fail(path + ".vi", "missing; expected the Vietnamese text");
        text.vi = read_nfc_string(value.at("vi"), path + ".vi");
        if (value.contains("en")) text.en = read_nfc_string(value.at("en"), path + ".en");
    }
    if (text.vi.empty()) fail(path, "expected text, found an empty string");
    return text;
}

// Only yyyy-mm-dd: an officer's "15/08/2026" could mean another day in another convention.
Date read_iso_date(const json& value, const std::string& path) {
    const std::string expected = "expected a date written yyyy-mm-dd, e.g. \"2026-08-15\"";
    if (!value.is_string()) fail(path, expected + ", found " + type_name(value));
    const std::string text = value.get<std::string>();
    bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
    for (std::size_t i = 0; shaped && i < text.size(); ++i)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) shaped = false;
    if (!shaped) fail(path, expected + ", found \"" + text + "\"");
    const auto date = parse_iso_date(text);  // the one strict yyyy-mm-dd reader (core/calendar)
    if (!date || !is_real_date(*date)) fail(path, "\"" + text + "\" is not a real date");
    return *date;
}

std::vector<FeeTier> read_tiers(const json& value, const std::string& path) {
    if (!value.is_array() || value.empty())
        fail(path, "expected a non-empty list of {\"from\": unit number, \"amount\": đồng}");
    std::vector<FeeTier> tiers;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string at = path + "[" + std::to_string(i) + "]";
        refuse_unknown_keys(value[i], at, {"from", "amount"});
        if (!value[i].contains("from"))
            fail(at + ".from", "missing; expected the first unit number (1, 2, ...)");
        if (!value[i].contains("amount"))
            fail(at + ".amount", "missing; expected a whole number of đồng >= 0");
        const json& from = value[i].at("from");
        const long long previous = tiers.empty() ? 0 : tiers.back().from_unit;
        if (!from.is_number_integer() ||
            (!from.is_number_unsigned() && from.get<std::int64_t>() < 0) ||
            from.get<std::uint64_t>() > 1'000'000)
            fail(at + ".from", "expected a unit number from 1 to 1000000, found " +
                                   (from.is_number() ? from.dump() : type_name(from)));
        const int from_unit = static_cast<int>(from.get<std::uint64_t>());
        if (i == 0 && from_unit != 1)
            fail(at + ".from",
                 "the first tier must start at unit 1, found " + std::to_string(from_unit));
        if (i > 0 && from_unit <= previous)
            fail(at + ".from", "tiers must be in increasing order of \"from\"; " +
                                   std::to_string(from_unit) + " does not come after " +
                                   std::to_string(previous));
        tiers.push_back(FeeTier{from_unit, read_amount(value[i].at("amount"), at + ".amount")});
    }
    return tiers;
}

FeeRule read_rule(const json& node, const std::string& path) {
    refuse_unknown_keys(node, path, {"from", "amount", "per", "tiers", "max", "note"});
    FeeRule rule;
    if (node.contains("from")) rule.effective_from = read_iso_date(node.at("from"), path + ".from");
    const bool has_amount = node.contains("amount");
    const bool has_tiers = node.contains("tiers");
    if (has_amount && has_tiers)
        fail(path,
             "give either \"amount\" or \"tiers\", not both (which one would apply is unclear)");
    if (!has_amount && !has_tiers)
        fail(path + ".amount",
             "missing; expected a whole number of đồng >= 0 (0 = free), or \"tiers\"");
    if (node.contains("per")) rule.per = read_text(node.at("per"), path + ".per");
    if (has_amount) {
        rule.amount = read_amount(node.at("amount"), path + ".amount");
    } else {
        if (rule.per.empty())
            fail(path + ".tiers",
                 "tiers price units by number, so the rule needs \"per\" (e.g. \"trang\")");
        rule.tiers = read_tiers(node.at("tiers"), path + ".tiers");
        rule.amount = rule.tiers.front().amount;
    }
    if (node.contains("max")) {
        if (rule.per.empty())
            fail(path + ".max",
                 "a cap limits one item of several units, so the rule needs \"per\"");
        rule.max = read_amount(node.at("max"), path + ".max");
    }
    if (node.contains("note")) rule.note = read_text(node.at("note"), path + ".note");
    return rule;
}

bool is_key_name(const std::string& key) {
    return !key.empty() &&
           key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

std::vector<FeeRule> read_rules(const json& node, const std::string& path) {
    std::vector<FeeRule> rules;
    std::vector<std::string> paths;
    if (node.is_array()) {
        if (node.empty()) fail(path, "expected at least one rule");
        for (std::size_t i = 0; i < node.size(); ++i) {
            paths.push_back(path + "[" + std::to_string(i) + "]");
            rules.push_back(read_rule(node[i], paths.back()));
        }
    } else if (node.is_object()) {
        paths.push_back(path);
        rules.push_back(read_rule(node, path));
    } else {
        fail(path, "expected a rule {\"amount\": ...} or a list of dated rules, found " +
                       type_name(node));
    }
    for (std::size_t i = 0; i < rules.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (rules[i].effective_from == rules[j].effective_from)
                fail(paths[i] + ".from", "starts on the same day (" +
                                             format_iso_date(rules[i].effective_from) + ") as " +
                                             paths[j] + "; give each rule its own \"from\" date");
    std::stable_sort(rules.begin(), rules.end(), [](const FeeRule& a, const FeeRule& b) {
        return a.effective_from < b.effective_from;
    });
    return rules;
}

long long saturating_add(long long a, long long b) {
    long long sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) return a < 0 ? LLONG_MIN : LLONG_MAX;
    return sum;
}

long long saturating_mul(long long a, long long b) {
    long long product = 0;
    if (__builtin_mul_overflow(a, b, &product)) return (a < 0) != (b < 0) ? LLONG_MIN : LLONG_MAX;
    return product;
}

}  // namespace

Result<FeeSchedule> FeeSchedule::parse(std::string_view json_text, std::string_view source_name) {
    const std::string source(source_name);
    // Syntax, depth, number range, repeated keys and NFC: the one policy (strict_reader.h).
    auto read = strict_json::read(json_text);
    if (!read) return make_error("fees_invalid", source + ": " + read.error().detail);
    const json& doc = *read;
    try {
        if (!doc.is_object())
            fail("$", "expected an object {\"fees\": ...}, found " + type_name(doc));
        refuse_unknown_keys(doc, "$", {"_about", "fees"});
        // "_about" is for the people who edit the file; its content is not read.
        if (doc.contains("_about") && !doc.at("_about").is_string())
            fail("$._about", "expected a string, found " + type_name(doc.at("_about")));
        if (!doc.contains("fees"))
            fail("$.fees", "missing; expected {\"<key>\": rule or list of rules}");
        const json& fees = doc.at("fees");
        if (!fees.is_object())
            fail("$.fees", "expected an object {\"<key>\": ...}, found " + type_name(fees));
        FeeSchedule schedule;
        for (const auto& item : fees.items()) {
            const std::string path = strict_json::member_path("$.fees", item.key());
            if (!is_key_name(item.key())) fail(path, "fee keys use a-z, 0-9 and '_' only");
            schedule.m_rules.emplace(item.key(), read_rules(item.value(), path));
        }
        return schedule;
    } catch (const strict_json::SchemaError& error) {
        return make_error("fees_invalid", source + ": " + error.what());
    } catch (const std::exception& error) {  // nlohmann's own, should a check above be missed
        return make_error("fees_invalid", source + ": " + error.what());
    }
}

const FeeRule* FeeSchedule::find(std::string_view key, Date today) const {
    auto it = m_rules.find(key);
    if (it == m_rules.end()) return nullptr;
    const FeeRule* in_force = nullptr;
    for (const FeeRule& rule : it->second) {
        if (today < rule.effective_from) break;  // sorted by date
        in_force = &rule;
    }
    return in_force;
}

std::vector<std::string> FeeSchedule::keys() const {
    std::vector<std::string> names;
    names.reserve(m_rules.size());
    for (const auto& entry : m_rules) names.push_back(entry.first);
    return names;
}

std::string format_vnd(long long amount) {
    // Magnitude in unsigned arithmetic so that LLONG_MIN does not overflow.
    unsigned long long magnitude = amount < 0 ? 0ULL - static_cast<unsigned long long>(amount)
                                              : static_cast<unsigned long long>(amount);
    const std::string digits = std::to_string(magnitude);
    std::string text = amount < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) text += '.';
        text += digits[i];
    }
    return text + "\u00A0\u20AB";
}

long long estimate_fee(const FeeRule& rule, int units, int items) {
    if (units < 1 || items < 1) return 0;
    long long per_item = 0;
    if (rule.per.empty()) {
        per_item = rule.amount;
    } else if (rule.tiers.empty()) {
        per_item = saturating_mul(rule.amount, units);
    } else {
        // Units before the first tier (only in hand-built rules; the parser requires 1) cost
        // `amount`.
        const long long before = std::min<long long>(units, rule.tiers.front().from_unit - 1);
        if (before > 0) per_item = saturating_mul(rule.amount, before);
        for (std::size_t i = 0; i < rule.tiers.size(); ++i) {
            const long long first = rule.tiers[i].from_unit;
            if (first > units) break;
            const long long last = i + 1 < rule.tiers.size()
                                       ? std::min<long long>(units, rule.tiers[i + 1].from_unit - 1)
                                       : units;
            per_item =
                saturating_add(per_item, saturating_mul(rule.tiers[i].amount, last - first + 1));
        }
    }
    if (rule.max && per_item > *rule.max) per_item = *rule.max;
    return saturating_mul(per_item, items);
}

}  // namespace motcua::core
