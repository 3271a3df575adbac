#include "core/i18n/i18n.h"

#include <nlohmann/json.hpp>

#include "core/text/utf8.h"

namespace motcua::core {

Result<I18n> I18n::parse(std::string_view json_text, std::string_view source_name) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::exception& e) {
        return make_error("i18n_invalid", std::string(source_name) + ": " + e.what());
    }
    if (!doc.is_object())
        return make_error("i18n_invalid", std::string(source_name) + ": expected a JSON object");
    I18n result;
    for (auto& [key, value] : doc.items()) {
        if (!value.is_string())
            return make_error("i18n_invalid",
                              std::string(source_name) + ": key '" + key + "' is not a string");
        std::string text = value.get<std::string>();
        if (!is_nfc(text))
            return make_error("i18n_invalid", std::string(source_name) + ": key '" + key +
                                                  "' is not valid NFC UTF-8");
        result.m_entries.emplace(key, std::move(text));
    }
    return result;
}

const std::string& I18n::text(std::string_view key) const {
    if (auto it = m_entries.find(key); it != m_entries.end()) return it->second;
    auto [it, inserted] = m_missing_text.emplace(std::string(key), std::string(key));
    if (inserted) m_missing.emplace_back(key);
    return it->second;
}

bool I18n::has(std::string_view key) const {
    return m_entries.find(key) != m_entries.end();
}

std::string I18n::format(std::string_view key,
                         const std::vector<std::pair<std::string, std::string>>& values) const {
    std::string out = text(key);
    for (const auto& [name, value] : values) {
        const std::string token = "{" + name + "}";
        for (std::size_t pos = out.find(token); pos != std::string::npos;
             pos = out.find(token, pos + value.size()))
            out.replace(pos, token.size(), value);
    }
    return out;
}

}  // namespace motcua::core
