#include "core/json/object_reader.h"

#include <algorithm>

namespace motcua::core::strict_json {

void fail(std::string_view path, std::string_view what) {
    throw SchemaError(std::string(path) + ": " + std::string(what));
}

std::string type_name(const Value& value) {
    if (value.is_null()) return "null";
    if (value.is_string()) return "a string";
    if (value.is_boolean()) return "true/false";
    if (value.is_number_float()) return "a decimal number";
    if (value.is_number()) return "a number";
    if (value.is_array()) return "a list";
    return "an object";
}

ObjectReader::ObjectReader(const Value& node, std::string path,
                           std::initializer_list<std::string_view> allowed)
    : m_node(node), m_path(std::move(path)) {
    if (!node.is_object()) fail(m_path, "expected an object, found " + type_name(node));
    for (const auto& item : node.items()) {
        if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
        std::string expected;
        for (std::string_view name : allowed) {
            if (!expected.empty()) expected += ", ";
            expected += name;
        }
        fail(member_path(m_path, item.key()), "unknown key; expected one of: " + expected);
    }
}

std::string ObjectReader::string(std::string_view key, bool required, std::string fallback) const {
    if (!has(key)) {
        if (required) fail(path(key), "missing; expected a string");
        return fallback;
    }
    const Value& value = at(key);
    if (!value.is_string()) fail(path(key), "expected a string, found " + type_name(value));
    return value.get<std::string>();
}

bool ObjectReader::boolean(std::string_view key, bool fallback) const {
    if (!has(key)) return fallback;
    if (!at(key).is_boolean())
        fail(path(key), "expected true or false, found " + type_name(at(key)));
    return at(key).get<bool>();
}

std::optional<long long> ObjectReader::integer(std::string_view key, long long low,
                                               long long high) const {
    if (!has(key)) return std::nullopt;
    const Value& value = at(key);
    if (!value.is_number_integer())
        fail(path(key), "expected a whole number, found " + type_name(value));
    const std::string range =
        "expected a number from " + std::to_string(low) + " to " + std::to_string(high);
    // An unsigned value above LLONG_MAX cannot be read as long long: it is out of range anyway.
    if (value.is_number_unsigned() &&
        value.get<unsigned long long>() > static_cast<unsigned long long>(high))
        fail(path(key), range + ", found " + value.dump());
    const long long number = value.get<long long>();
    if (number < low || number > high) fail(path(key), range + ", found " + std::to_string(number));
    return number;
}

const Value& ObjectReader::array(std::string_view key, bool required) const {
    static const Value empty = Value::array();
    if (!has(key)) {
        if (required) fail(path(key), "missing; expected a list");
        return empty;
    }
    if (!at(key).is_array()) fail(path(key), "expected a list, found " + type_name(at(key)));
    return at(key);
}

}  // namespace motcua::core::strict_json
