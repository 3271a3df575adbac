// libFuzzer target: an administrative-units document of any shape is parsed into consistent
// units or refused as "admin_units_invalid"; searching what was parsed never crashes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/form/admin_units.h"
#include "core/text/utf8.h"
#include "fuzz_check.h"

using namespace motcua::core;
using motcua::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto units = AdminUnits::parse(text, "fuzz");
    if (!units) {
        check(units.error().code == "admin_units_invalid");
        return 0;
    }
    check(!units->provinces().empty());
    for (const auto& province : units->provinces()) {
        check(units->find_province(province.code) == &province);
        check(is_nfc(province.name));
        for (const auto& ward : province.wards)
            check(units->province_of_ward(ward.code) == &province);
        // Search with the document's own text as the query: odd names make odd queries.
        (void)units->search_wards(province.code, province.name, 5);
    }
    (void)units->search_provinces(units->provinces().front().full_name, 5);
    return 0;
}
