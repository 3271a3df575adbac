// UTF-8 helpers for the kiosk: validation, NFC normalization, code point access, case mapping.
// Every function accepts arbitrary bytes: invalid sequences become U+FFFD, nothing throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace motcua::core {

// True if `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Copy of `text` with each maximal invalid subsequence replaced by U+FFFD.
std::string sanitize_utf8(std::string_view text);

// NFC form of `text` (invalid bytes become U+FFFD first). Call at every input boundary.
std::string to_nfc(std::string_view text);

// True if `text` is valid UTF-8 and already in NFC.
bool is_nfc(std::string_view text);

// Decodes the code point at text[index] and advances index past it; an invalid subsequence
// yields U+FFFD. For loops that must not allocate. Precondition: index < text.size().
char32_t next_codepoint(std::string_view text, std::size_t& index);

// Code points of `text`; invalid bytes decode to U+FFFD.
std::u32string decode_utf8(std::string_view text);

// UTF-8 bytes of `text`; surrogates and values past U+10FFFF are written as U+FFFD.
std::string encode_utf8(std::u32string_view text);

// Appends one code point to `out` (U+FFFD if it is not a Unicode scalar value).
void append_utf8(std::string& out, char32_t code_point);

// Number of code points in `text` (each invalid subsequence counts as one).
std::size_t codepoint_count(std::string_view text);

// Backspace: removes the last code point of `text` and returns its bytes ("" when empty).
// A trailing invalid byte is removed on its own.
std::string pop_last_codepoint(std::string& text);

// Unicode simple case mapping per code point (Đ <-> đ, Ệ <-> ệ); Vietnamese NFC stays NFC.
std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);

}  // namespace motcua::core
