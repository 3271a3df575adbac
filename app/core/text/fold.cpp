#include "core/text/fold.h"

#include <utf8proc.h>

#include "core/text/utf8.h"

namespace motcua::core {

namespace {

bool is_ascii_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool is_unicode_space(char32_t cp) {
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
           category == UTF8PROC_CATEGORY_ZP;
}

// Appends a key character, putting a single space before it if whitespace preceded it.
class KeyWriter {
public:
    explicit KeyWriter(std::string& out) : m_out(out) {}
    void space() { m_pending_space = !m_out.empty(); }
    void put_ascii(char c) {
        flush_space();
        m_out.push_back(c);
    }
    void put(char32_t cp) {
        flush_space();
        append_utf8(m_out, cp);
    }

private:
    void flush_space() {
        if (m_pending_space) m_out.push_back(' ');
        m_pending_space = false;
    }
    std::string& m_out;
    bool m_pending_space = false;
};

void fold_non_ascii(char32_t cp, KeyWriter& writer) {
    // đ/Đ have no canonical decomposition, so NFD alone would keep them.
    if (cp == 0x0111 || cp == 0x0110) {
        writer.put_ascii('d');
        return;
    }
    if (is_unicode_space(cp)) {
        writer.space();
        return;
    }
    // Per-character NFD is enough here: reordering marks cannot matter once they are dropped.
    utf8proc_int32_t parts[8];
    const utf8proc_ssize_t count = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), parts,
                                                           8, UTF8PROC_DECOMPOSE, nullptr);
    if (count <= 0 || count > 8) {
        writer.put(cp);
        return;
    }
    for (utf8proc_ssize_t k = 0; k < count; ++k) {
        if (utf8proc_category(parts[k]) == UTF8PROC_CATEGORY_MN) continue;
        const auto lower = static_cast<char32_t>(utf8proc_tolower(parts[k]));
        if (lower == 0x0111) {
            writer.put_ascii('d');
        } else if (lower < 0x80) {
            writer.put_ascii(static_cast<char>(lower));
        } else {
            writer.put(lower);
        }
    }
}

}  // namespace

void fold_key_into(std::string_view text, std::string& out) {
    out.clear();
    out.reserve(text.size());
    KeyWriter writer(out);
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {  // ASCII fast path: no decoding, no table lookups
            if (is_ascii_space(c)) {
                writer.space();
            } else {
                writer.put_ascii(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
            }
            ++i;
            continue;
        }
        fold_non_ascii(next_codepoint(text, i), writer);
    }
}

std::string fold_key(std::string_view text) {
    std::string out;
    fold_key_into(text, out);
    return out;
}

}  // namespace motcua::core
