#include "platform/config/config.h"

#include <toml++/toml.h>

#include <cstdio>
#include <fstream>
#include <map>

namespace motcua::platform::config {

namespace {

std::string kind_name(Kind kind) {
    switch (kind) {
        case Kind::String:
            return "a string";
        case Kind::Integer:
            return "an integer";
        case Kind::Boolean:
            return "true or false";
    }
    return "?";
}

std::string found(const toml::node& node) {
    if (node.is_string()) return "the string " + toml_quote(*node.value<std::string>());
    if (node.is_integer()) return "the integer " + std::to_string(*node.value<long long>());
    if (node.is_floating_point()) return "a floating-point number";
    if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
    if (node.is_table()) return "a table";
    if (node.is_array()) return "an array";
    return "a date or time";
}

std::string where(const std::string& path, const toml::source_region& source) {
    return path + ":" + std::to_string(source.begin.line);
}

}  // namespace

const KeyDef* key_for_flag(const std::string& flag) {
    for (const auto& key : kiosk_keys())
        if (key.flag == flag) return &key;
    return nullptr;
}

std::string expected_form(const KeyDef& key, Kind kind) {
    if (kind == Kind::Integer) {
        std::string form = "a whole number";
        if (key.min != LLONG_MIN && key.max != LLONG_MAX)
            form += " from " + std::to_string(key.min) + " to " + std::to_string(key.max);
        else if (key.min != LLONG_MIN)
            form += " of at least " + std::to_string(key.min);
        return form + " (no quotes)";
    }
    if (kind == Kind::String && !key.choices.empty()) {
        std::string form = "one of";
        for (std::size_t i = 0; i < key.choices.size(); ++i)
            form += (i ? ", " : " ") + toml_quote(key.choices[i]);
        return form;
    }
    if (kind == Kind::String && !key.prefixes.empty()) {
        std::string form = "a string starting with";
        for (std::size_t i = 0; i < key.prefixes.size(); ++i)
            form += (i ? " or " : " ") + toml_quote(key.prefixes[i]);
        return form + " (or \"\" for none)";
    }
    return kind_name(kind);
}

core::Status check_text(const KeyDef& key, const std::string& value) {
    bool good = true;
    if (!key.choices.empty()) {
        good = false;
        for (const auto& choice : key.choices) good = good || value == choice;
    } else if (!key.prefixes.empty() && !value.empty()) {
        good = false;
        for (const auto& prefix : key.prefixes) good = good || value.rfind(prefix, 0) == 0;
    }
    if (good) return core::Ok{};
    return core::make_error("config_invalid", "expected " + expected_form(key, Kind::String) +
                                                  ", found " + toml_quote(value));
}

core::Status check_integer(const KeyDef& key, long long value) {
    if (value >= key.min && value <= key.max) return core::Ok{};
    return core::make_error("config_invalid", "expected " + expected_form(key, Kind::Integer) +
                                                  ", found " + std::to_string(value));
}

core::Result<std::vector<Value>> load(
    const std::string& path, const std::function<std::optional<Kind>(const KeyDef&)>& kind_of) {
    if (!std::ifstream(path))
        return core::make_error("config_unreadable", path + ": cannot read the file");
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& error) {
        const auto& source = error.source();
        if (source.begin.line == 0)  // not opened: toml++ names no position
            return core::make_error("config_unreadable",
                                    path + ": cannot read: " + std::string(error.description()));
        return core::make_error("config_invalid",
                                where(path, source) + ":" + std::to_string(source.begin.column) +
                                    ": not valid TOML: " + std::string(error.description()));
    }
    std::map<std::string, const KeyDef*> known;
    for (const auto& key : kiosk_keys()) known[key.key] = &key;

    std::vector<Value> values;
    for (auto&& [section, node] : root) {
        const std::string section_name(section.str());
        const toml::table* table = node.as_table();
        if (!table)
            return core::make_error(
                "config_invalid",
                where(path, section.source()) + ": key '" + section_name +
                    "': expected a [section] (every key lives in one, e.g. [portal] url = ...), "
                    "found " +
                    found(node));
        for (auto&& [name, value] : *table) {
            const std::string full = section_name + "." + std::string(name.str());
            const auto it = known.find(full);
            const std::optional<Kind> kind =
                it == known.end() ? std::nullopt : kind_of(*it->second);
            if (!kind)
                return core::make_error("config_invalid",
                                        where(path, name.source()) + ": unknown key '" + full +
                                            "' (docs/configuration.md lists every key)");
            const KeyDef& def = *it->second;
            const std::string prefix = where(path, value.source()) + ": key '" + full + "': ";
            Value read{&def, *kind, {}, 0, false, static_cast<int>(value.source().begin.line)};
            const bool right_type = (*kind == Kind::String && value.is_string()) ||
                                    (*kind == Kind::Integer && value.is_integer()) ||
                                    (*kind == Kind::Boolean && value.is_boolean());
            if (!right_type)
                return core::make_error(
                    "config_invalid",
                    prefix + "expected " + expected_form(def, *kind) + ", found " + found(value));
            core::Status checked = core::Ok{};
            if (*kind == Kind::String) {
                read.text = *value.value<std::string>();
                checked = check_text(def, read.text);
            } else if (*kind == Kind::Integer) {
                read.integer = *value.value<long long>();
                checked = check_integer(def, read.integer);
            } else {
                read.boolean = *value.value<bool>();
            }
            if (!checked)
                return core::make_error("config_invalid", prefix + checked.error().detail);
            values.push_back(std::move(read));
        }
    }
    return values;
}

std::string toml_quote(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

}  // namespace motcua::platform::config
