// The one JSON reader for what the kiosk reads from files and the portal: procedures, fees,
// administrative units, holidays and the portal catalogue. One policy for all of them:
//   - nesting is limited (32 levels by default) while the text is read, before anything
//     recursive sees it: a 200 KB "[[[[..." is refused, not a stack overflow;
//   - a number out of double's range (1e400) is refused, not an exception;
//   - a key repeated in one object is refused (nlohmann would silently keep the last one);
//   - every string and key is valid UTF-8 in NFC (or normalised to NFC where a document's
//     contract says so, the administrative units);
//   - every message starts with the JSON path ("$.pages[2].fields[0].label: ...").
// Unknown keys are refused by ObjectReader (object_reader.h), which walks the parsed value.
// Nothing here throws; nlohmann's exceptions never leave this file.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace motcua::core::strict_json {

using Value = nlohmann::json;

// Deep enough for every format we read (a procedure needs 7 levels), shallow enough that no
// recursive walk over the value can exhaust the stack.
inline constexpr std::size_t DefaultMaxDepth = 32;

enum class Strings {
    RequireNfc,      // a string or key not in NFC is a problem (hand-written files)
    NormaliseToNfc,  // normalised in place (documents whose contract allows NFD, e.g. wards)
};

struct Limits {
    std::size_t max_depth = DefaultMaxDepth;
    Strings strings = Strings::RequireNfc;
};

struct Problem {
    std::string path;  // "$", "$.fees.trich_luc[1].amount", ...
    std::string what;  // plain English for the log
    std::string text() const { return path + ": " + what; }
};

struct Parsed {
    // Set when nothing could be read: not JSON, nested too deep, a number out of range.
    std::optional<Problem> fatal;
    // The document was read, but these places break the policy (repeated keys, text not in
    // NFC). Callers that can refuse part of a document (the portal catalogue, entry by entry)
    // look at the paths; everyone else refuses the whole document.
    std::vector<Problem> problems;
    Value value;  // the document; null when fatal is set
};

// Reads `text` under the policy above, never throws.
Parsed parse(std::string_view text, const Limits& limits = {});

// The whole policy in one call: the value, or error "json_invalid" whose detail is the first
// problem ("<path>: <what>").
Result<Value> read(std::string_view text, const Limits& limits = {});

// Path building, the same everywhere: member_path("$.a", "b") = "$.a.b",
// index_path("$.a", 3) = "$.a[3]". Keys are shown escaped and shortened so a hostile key
// cannot forge a log line.
std::string member_path(std::string_view path, std::string_view key);
std::string index_path(std::string_view path, std::size_t index);

}  // namespace motcua::core::strict_json
