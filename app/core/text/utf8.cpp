#include "core/text/utf8.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>

namespace motcua::core {

namespace {

constexpr char32_t Replacement = 0xFFFD;

bool is_ascii(std::string_view text) {
    for (unsigned char c : text) {
        if (c >= 0x80) return false;
    }
    return true;
}

// Decodes one code point at text[i] and advances i. On an invalid sequence it consumes the
// maximal subpart (Unicode's recommended practice, as in WHATWG decoders) and returns U+FFFD,
// so a truncated multi-byte character costs one replacement, not several.
char32_t decode_one(std::string_view text, std::size_t& i, bool& valid) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    valid = true;
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    int need = 0;
    char32_t cp = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        need = 1;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2;
        cp = lead & 0x0F;
        if (lead == 0xE0) low = 0xA0;   // overlong
        if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3;
        cp = lead & 0x07;
        if (lead == 0xF0) low = 0x90;   // overlong
        if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
    } else {
        ++i;
        valid = false;
        return Replacement;
    }
    std::size_t k = i + 1;
    for (int n = 0; n < need; ++n, ++k) {
        if (k >= text.size() || byte(k) < low || byte(k) > high) {
            i = k;
            valid = false;
            return Replacement;
        }
        cp = (cp << 6) | (byte(k) & 0x3F);
        low = 0x80;
        high = 0xBF;
    }
    i = k;
    return cp;
}

template <typename Map>
std::string map_code_points(std::string_view text, Map map) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    bool valid = true;
    while (i < text.size()) {
        const char32_t cp = decode_one(text, i, valid);
        append_utf8(out, map(cp));
    }
    return out;
}

}  // namespace

char32_t next_codepoint(std::string_view text, std::size_t& index) {
    bool valid = true;
    return decode_one(text, index, valid);
}

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    bool valid = true;
    while (i < text.size()) {
        decode_one(text, i, valid);
        if (!valid) return false;
    }
    return true;
}

std::string sanitize_utf8(std::string_view text) {
    if (is_valid_utf8(text)) return std::string(text);
    return map_code_points(text, [](char32_t cp) { return cp; });
}

std::string to_nfc(std::string_view text) {
    if (is_ascii(text)) return std::string(text);
    const std::string clean = sanitize_utf8(text);
    utf8proc_uint8_t* out = nullptr;
    // No UTF8PROC_NULLTERM: the length is explicit, so embedded NUL bytes survive.
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
                     static_cast<utf8proc_ssize_t>(clean.size()), &out,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (length < 0 || out == nullptr) {
        // Only out-of-memory can get here after sanitizing; the clean text is the best we have.
        std::free(out);
        return clean;
    }
    std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(length));
    std::free(out);
    return result;
}

bool is_nfc(std::string_view text) {
    if (is_ascii(text)) return true;
    if (!is_valid_utf8(text)) return false;
    return to_nfc(text) == text;
}

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    bool valid = true;
    while (i < text.size()) out.push_back(decode_one(text, i, valid));
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    // utf8proc encodes; surrogates and values past U+10FFFF are not characters, so they become
    // U+FFFD first (utf8proc would write surrogates as they are).
    if (!utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(cp))) cp = Replacement;
    utf8proc_uint8_t bytes[4];
    const utf8proc_ssize_t length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
    out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : text) append_utf8(out, cp);
    return out;
}

std::size_t codepoint_count(std::string_view text) {
    std::size_t count = 0;
    std::size_t i = 0;
    bool valid = true;
    while (i < text.size()) {
        decode_one(text, i, valid);
        ++count;
    }
    return count;
}

std::string pop_last_codepoint(std::string& text) {
    if (text.empty()) return {};
    // Walk back over at most three continuation bytes to a lead byte, then check that the lead
    // byte decodes exactly to the end; otherwise the last byte is garbage and goes alone.
    std::size_t start = text.size() - 1;
    int steps = 0;
    while (start > 0 && steps < 3 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
        --start;
        ++steps;
    }
    std::size_t i = start;
    bool valid = true;
    decode_one(text, i, valid);
    if (!valid || i != text.size()) start = text.size() - 1;
    std::string removed = text.substr(start);
    text.erase(start);
    return removed;
}

std::string to_upper(std::string_view text) {
    return map_code_points(text, [](char32_t cp) {
        return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp)));
    });
}

std::string to_lower(std::string_view text) {
    return map_code_points(text, [](char32_t cp) {
        return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
    });
}

}  // namespace motcua::core
