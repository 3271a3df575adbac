// The kiosk's configuration file (TOML, toml++): one key per command-line option, the flags
// override the file. Every key is listed once in kiosk_keys() (platform/config/keys.cpp) with the
// flag it stands for; docs/configuration.md documents them all with their defaults. A bad file
// is refused whole, naming the file, the line, the key and the expected form: never a silent
// default.
#pragma once

#include <climits>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace motcua::platform::config {

enum class Kind { String, Integer, Boolean };

struct KeyDef {
    std::string key;   // "portal.url": section and name
    std::string flag;  // "--portal": the option it sets (main.cpp's flag tables)
    std::string help;  // one line, for --help
    long long min = LLONG_MIN, max = LLONG_MAX;  // integers
    std::vector<std::string> choices;            // strings: exactly one of these, when listed
    std::vector<std::string> prefixes;           // strings: empty or starting with one of these
};

// Every key of kiosk.toml, in the order --print-config and the docs show them.
const std::vector<KeyDef>& kiosk_keys();
// The key standing for a flag, or null (a flag with no key is set on the command line only).
const KeyDef* key_for_flag(const std::string& flag);

// How a value of the key must be written, e.g. "an integer 50..600" or "one of \"vi\", \"en\"".
std::string expected_form(const KeyDef& key, Kind kind);
// Checks a value of a key (the command line's and the file's alike); an error names the form.
core::Status check_text(const KeyDef& key, const std::string& value);
core::Status check_integer(const KeyDef& key, long long value);

struct Value {
    const KeyDef* key = nullptr;
    Kind kind = Kind::String;
    std::string text;
    long long integer = 0;
    bool boolean = false;
    int line = 0;
};

// Reads and checks a whole file. `kind_of` says which kind each key's flag takes (nullopt: the
// flag is not known to this binary, so the key is refused as unknown). The error's detail is
// "FILE:LINE: key 'section.name': expected FORM, found WHAT" (or the TOML syntax error).
core::Result<std::vector<Value>> load(
    const std::string& path, const std::function<std::optional<Kind>(const KeyDef&)>& kind_of);

// A TOML basic string, quoted and escaped.
std::string toml_quote(const std::string& text);

}  // namespace motcua::platform::config
