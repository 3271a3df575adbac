// libFuzzer target: a fee file of any shape is parsed or refused as "fees_invalid"; estimates
// over what was parsed never overflow (UBSan would report it) and never go negative.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/catalog/fees.h"
#include "fuzz_check.h"

using namespace motcua::core;
using motcua::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto schedule = FeeSchedule::parse(text, "fees.json");
    if (!schedule) {
        check(schedule.error().code == "fees_invalid");
        return 0;
    }
    for (const auto& key : schedule->keys()) {
        for (Date today : {Date{1, 1, 1}, Date{2026, 8, 15}, Date{9999, 12, 31}}) {
            const FeeRule* rule = schedule->find(key, today);
            if (!rule) continue;
            for (int units : {0, 1, 7, 1'000'000, 2'147'483'647})
                for (int items : {1, 3, 2'147'483'647})
                    check(estimate_fee(*rule, units, items) >= 0);
            (void)format_vnd(rule->amount);
        }
    }
    return 0;
}
