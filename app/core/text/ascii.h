// The small text toolkit: trimming, ASCII case and splitting, one copy for all of core (there
// were seven trims). ASCII only, byte-wise and safe on any UTF-8: no byte of a multi-byte
// sequence is ASCII. For Unicode case, NFC and folding use utf8.h and fold.h (utf8proc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace motcua::core::text {

// What each trim takes off. Name the set at the call site: the formats differ on purpose.
inline constexpr std::string_view HeaderBlanks = " \t";   // HTTP optional whitespace (RFC 9110)
inline constexpr std::string_view LineSpace = " \t\r\n";  // typed input, one line
inline constexpr std::string_view AsciiSpace = " \t\r\n\f\v";  // C isspace in the "C" locale
inline constexpr std::string_view ScannerNoise = std::string_view(" \t\r\n\0", 5);  // QR scanners

// True when `c` is one of `chars`.
constexpr bool is_one_of(char c, std::string_view chars) {
    return chars.find(c) != std::string_view::npos;
}
constexpr bool is_ascii_space(char c) {
    return is_one_of(c, AsciiSpace);
}
constexpr bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

// `text` without leading and trailing characters from `chars`.
std::string_view trim(std::string_view text, std::string_view chars = AsciiSpace);

// A-Z to a-z, every other byte unchanged.
constexpr char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string ascii_lower(std::string_view text);

// True for a non-empty run of ASCII digits.
bool all_digits(std::string_view text);

// The parts between separators, empty ones included ("a||b" → "a", "", "b"); the views point
// into `text`.
std::vector<std::string_view> split(std::string_view text, char separator);

// At most `max_chars` bytes of `text`, each outside printable ASCII (0x20-0x7E) replaced by '?',
// and "..." when cut: a log detail quoting untrusted bytes never carries terminal escapes or
// half a character.
std::string printable_ascii(std::string_view text, std::size_t max_chars);

}  // namespace motcua::core::text
