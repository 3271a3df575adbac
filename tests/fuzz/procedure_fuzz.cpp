// libFuzzer target: a procedure file (or a portal catalogue) of any shape is loaded or refused
// with a precise message; never a crash, stack overflow, abort or sanitizer report.
// The first byte chooses the entry point: even = one procedure file, odd = the portal catalogue.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/catalog/loader.h"
#include "core/text/utf8.h"
#include "fuzz_check.h"

using namespace motcua::core;
using motcua::fuzz::check;

namespace {
void check_procedure(const Procedure& procedure) {
    check(!procedure.code.empty());
    check(is_nfc(procedure.name.vi) && !procedure.name.vi.empty());
    check(procedure.guidance_only || !procedure.pages.empty());
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    if (data[0] % 2 == 0) {
        auto procedure = parse_procedure(text, "fuzz.json");
        if (procedure) {
            check_procedure(*procedure);
        } else {
            check(procedure.error().code == "procedure_invalid");
            check(procedure.error().detail.rfind("fuzz.json: $", 0) == 0);
        }
        return 0;
    }
    auto catalog = parse_portal_catalog(text, "portal");
    if (!catalog) {
        check(catalog.error().code == "catalog_invalid");
        return 0;
    }
    for (const auto& procedure : catalog->procedures) check_procedure(procedure);
    for (const auto& problem : catalog->problems) check(problem.code == "procedure_invalid");
    return 0;
}
