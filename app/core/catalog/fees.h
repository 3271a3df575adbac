// Fees (lệ phí) as configuration: the Ministry of Finance and each provincial council set them and
// change them, sometimes with dated waivers, so no amount lives in code (procedures.md §3).
// A procedure names its fee by key ("trich_luc"); a province's IT officer edits the amounts in
// assets/config/fees.json. Format:
//
//   {"_about": "free text, ignored",
//    "fees": {"<key>": <rule> | [<rule>, ...]}}
//
//   rule = {"from": "2026-08-15",             optional, ISO date; default 0001-01-01
//           "amount": 8000,                   VND per unit (per dossier without "per"); 0 = free
//           "per": "bản" | {"vi": "bản", "en": "copy"},   optional unit name
//           "tiers": [{"from": 1, "amount": 2000}, {"from": 3, "amount": 1000}],
//                                             instead of "amount"; price by unit number; needs
//                                             "per"
//           "max": 200000,                    optional cap for one item (e.g. one copy)
//           "note": "..." | {"vi": ..., "en": ...}}    optional text for residents
//
// Anything unexpected is refused, never skipped: a misspelt key could silently drop a waiver.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/procedure.h"
#include "core/form/date.h"
#include "core/result.h"

namespace motcua::core {

// Largest amount accepted in the file (1 tỷ đồng): far above any fee, small enough that an
// estimate cannot overflow before it saturates.
inline constexpr long long kMaxFeeAmount = 1'000'000'000LL;

struct FeeTier {
    int from_unit = 1;     // this price applies from this unit number on (1-based)
    long long amount = 0;  // VND per unit
};

struct FeeRule {
    Date effective_from{1, 1, 1};  // in force from this local date (inclusive) until a later rule
    long long amount = 0;          // VND per unit, or per dossier when `per` is empty; 0 = free.
                                   // With tiers: the price of the first unit (tiers[0].amount).
    LocalText per;                 // unit name {"vi":"bản","en":"copy"}; empty = per dossier
    std::vector<FeeTier> tiers;    // optional; sorted by from_unit, the first from_unit is 1
    std::optional<long long> max;  // optional cap for one item (e.g. 200.000 ₫ per copy)
    LocalText note;                // optional text for residents
};

class FeeSchedule {
public:
    // Parses the configuration text; `source_name` (e.g. "fees.json") starts every error detail.
    // Error "fees_invalid" (log only) with "<source>: <JSON path>: <what was expected>".
    static Result<FeeSchedule> parse(std::string_view json_text, std::string_view source_name);

    // The rule in force on `today` for `key` (latest effective_from <= today); nullptr for an
    // unknown key or when every rule of the key starts later.
    const FeeRule* find(std::string_view key, Date today) const;

    // Every configured key, sorted.
    std::vector<std::string> keys() const;

private:
    std::map<std::string, std::vector<FeeRule>, std::less<>> m_rules;  // each sorted by date
};

// "8.000 ₫", "0 ₫", "1.250.000 ₫", "-5.000 ₫": dot thousands separators, then U+00A0 NO-BREAK
// SPACE so a line never breaks between the number and U+20AB ĐỒNG SIGN.
std::string format_vnd(long long amount);

// Fee for `items` items (e.g. copies) of `units` units each (e.g. pages), applying tiers and the
// per-item cap. A per-dossier rule (no `per`) charges `amount` per item whatever `units` is.
// units < 1 or items < 1 give 0. Saturates at the largest long long instead of overflowing.
long long estimate_fee(const FeeRule& rule, int units, int items = 1);

}  // namespace motcua::core
