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

}  // namespace motcua::core
