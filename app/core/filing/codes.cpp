#include "core/filing/codes.h"

#include <array>

namespace motcua::core {

namespace {

// Positions (0-based) that carry a digit: the 3rd and 6th characters.
bool is_digit_position(std::size_t index) {
    return index == 2 || index == 5;
}

char pick(std::string_view alphabet, Random& random) {
    return alphabet[static_cast<std::size_t>(random.below(alphabet.size()))];
}

}  // namespace

std::string make_provisional_code(Random& random) {
    std::string code;
    code.reserve(ProvisionalCodeLength);
    for (std::size_t i = 0; i < ProvisionalCodeLength; ++i) {
        code.push_back(
            pick(is_digit_position(i) ? ProvisionalCodeDigits : ProvisionalCodeLetters, random));
    }
    return code;
}

std::string normalise_code_input(std::string_view input) {
    // Multi-byte separators a phone keyboard or a copy from a document may bring in.
    static constexpr std::array<std::string_view, 4> Separators = {
        "\xC2\xA0",      // U+00A0 no-break space
        "\xE2\x80\x90",  // U+2010 hyphen
        "\xE2\x80\x93",  // U+2013 en dash
        "\xE2\x80\x94",  // U+2014 em dash
    };
    std::string out;
    out.reserve(input.size());
    std::size_t i = 0;
    while (i < input.size()) {
        const char c = input[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-') {
            ++i;
            continue;
        }
        bool skipped = false;
        for (std::string_view separator : Separators) {
            if (input.substr(i, separator.size()) == separator) {
                i += separator.size();
                skipped = true;
                break;
            }
        }
        if (skipped) continue;
        out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
        ++i;
    }
    return out;
}

bool is_provisional_code(std::string_view input) {
    const std::string code = normalise_code_input(input);
    if (code.size() != ProvisionalCodeLength) return false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const std::string_view alphabet =
            is_digit_position(i) ? ProvisionalCodeDigits : ProvisionalCodeLetters;
        if (alphabet.find(code[i]) == std::string_view::npos) return false;
    }
    return true;
}

std::string make_idempotency_key(Random& random) {
    std::array<std::uint8_t, 16> bytes{};
    for (auto& byte : bytes) byte = static_cast<std::uint8_t>(random.below(256));
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
    static constexpr char Hex[] = "0123456789abcdef";
    std::string key;
    key.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) key.push_back('-');
        key.push_back(Hex[bytes[i] >> 4]);
        key.push_back(Hex[bytes[i] & 0x0F]);
    }
    return key;
}

}  // namespace motcua::core
