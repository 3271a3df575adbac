// Resident-facing strings, looked up by key from assets/i18n/<lang>.json (flat key → text).
// The core never holds a Vietnamese sentence itself: screens and errors name keys.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace motcua::core {

enum class Language { Vietnamese, English };

class I18n {
public:
    // Parses one language file's JSON text. Refuses non-object JSON, non-string values, invalid
    // UTF-8 and text that is not NFC (precise detail names the key).
    static Result<I18n> parse(std::string_view json_text, std::string_view source_name);

    // The text for key, or the key itself when missing (and remembered in missing_keys()).
    const std::string& text(std::string_view key) const;
    // text(key) with every "{name}" replaced by its value.
    std::string format(std::string_view key,
                       const std::vector<std::pair<std::string, std::string>>& values) const;
    bool has(std::string_view key) const;
    const std::map<std::string, std::string, std::less<>>& entries() const { return m_entries; }
    const std::vector<std::string>& missing_keys() const { return m_missing; }

private:
    std::map<std::string, std::string, std::less<>> m_entries;
    mutable std::vector<std::string> m_missing;
    mutable std::map<std::string, std::string, std::less<>> m_missing_text;
};

// Both languages, so a resident can switch at any time.
struct Strings {
    I18n vi;
    I18n en;
    const I18n& in(Language language) const { return language == Language::English ? en : vi; }
};

}  // namespace motcua::core
