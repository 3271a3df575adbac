// Reads procedure definitions. A bad definition is refused with a precise message
// (file, JSON path, what is wrong, what was expected); the good ones are still served.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/procedure.h"
#include "core/result.h"

namespace motcua::core {

// Parses one procedure file's text. `source_name` is used in error details.
Result<Procedure> parse_procedure(std::string_view json_text, std::string_view source_name);

struct SourceFile {
    std::string name;
    std::string text;
};

struct Catalog {
    std::vector<Procedure> procedures;  // sorted by name
    std::vector<Error> problems;        // one per refused file

    const Procedure* find(std::string_view code) const;
};

// Parses every file; refused ones land in `problems`, duplicate codes too.
Catalog build_catalog(const std::vector<SourceFile>& files);

// The catalogue as the portal serves it (GET /api/v1/thutuc): {"procedures": [ {...}, ... ]}.
// Each procedure is checked like a file named "<source_name>[i] (<code>)"; refused ones land in
// `problems`. Error "catalog_invalid" when the envelope itself is wrong (not JSON, no array).
Result<Catalog> parse_portal_catalog(std::string_view json_text, std::string_view source_name);

}  // namespace motcua::core
