// Walks a value read by strict_reader.h against a format: refuses keys the format does not
// know (a misspelt "lable" or a dropped waiver), says what was expected, and names the JSON
// path in every message. Refusals are thrown as SchemaError and must be caught by the parser
// that owns the format (each turns them into its own Error code); nothing else throws here.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/strict_reader.h"

namespace motcua::core::strict_json {

// "<path>: <what>"; thrown by fail() and ObjectReader, caught at a parser's boundary.
struct SchemaError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(std::string_view path, std::string_view what);

// "null", "a string", "true/false", "a decimal number", "a number", "a list", "an object".
std::string type_name(const Value& value);

class ObjectReader {
public:
    // Fails unless `node` is an object whose keys are all in `allowed`.
    ObjectReader(const Value& node, std::string path,
                 std::initializer_list<std::string_view> allowed);

    bool has(std::string_view key) const { return m_node.contains(key); }
    std::string path(std::string_view key) const { return member_path(m_path, key); }
    const std::string& path() const { return m_path; }
    const Value& at(std::string_view key) const { return m_node.find(key).value(); }

    // A string (NFC was checked when the text was read); `fallback` when absent and optional.
    std::string string(std::string_view key, bool required = true, std::string fallback = {}) const;
    bool boolean(std::string_view key, bool fallback) const;
    // A whole number in [low, high]; nullopt when absent.
    std::optional<long long> integer(std::string_view key, long long low, long long high) const;
    // A list; an empty one when absent and optional.
    const Value& array(std::string_view key, bool required = true) const;

private:
    const Value& m_node;
    std::string m_path;
};

}  // namespace motcua::core::strict_json
