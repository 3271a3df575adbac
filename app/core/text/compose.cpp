#include "core/text/compose.h"

#include <utf8proc.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/text/utf8.h"

namespace motcua::core {

namespace {

// [SECTION] Letters: a code point split into base letter, vowel mark, tone and case.

enum class Diacritic : std::uint8_t { None, Circumflex, Breve, Horn, Stroke };

struct Letter {
    char32_t original = 0;  // kept as is when base == 0
    char base = 0;          // lowercase a-z for a letter we understand, 0 for anything else
    Diacritic mark = Diacritic::None;
    Tone tone = Tone::None;
    bool upper = false;
};

constexpr std::size_t NoPosition = static_cast<std::size_t>(-1);

bool is_ascii_alpha(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char ascii_lower(char32_t c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}
bool is_vowel_base(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}
bool is_vowel(const Letter& letter) {
    return is_vowel_base(letter.base) && letter.mark != Diacritic::Stroke;
}

char32_t combining(Tone tone) {
    switch (tone) {
        case Tone::Sac:
            return 0x0301;
        case Tone::Huyen:
            return 0x0300;
        case Tone::Hoi:
            return 0x0309;
        case Tone::Nga:
            return 0x0303;
        case Tone::Nang:
            return 0x0323;
        case Tone::None:
            break;
    }
    return 0;
}

char32_t combining(Diacritic mark) {
    switch (mark) {
        case Diacritic::Circumflex:
            return 0x0302;
        case Diacritic::Breve:
            return 0x0306;
        case Diacritic::Horn:
            return 0x031B;
        case Diacritic::None:
        case Diacritic::Stroke:
            break;
    }
    return 0;
}

bool mark_fits(char base, Diacritic mark) {
    switch (mark) {
        case Diacritic::None:
            return true;
        case Diacritic::Circumflex:
            return base == 'a' || base == 'e' || base == 'o';
        case Diacritic::Breve:
            return base == 'a';
        case Diacritic::Horn:
            return base == 'o' || base == 'u';
        case Diacritic::Stroke:
            return base == 'd';
    }
    return false;
}

Letter decompose_letter(char32_t cp) {
    Letter letter;
    letter.original = cp;
    if (cp < 0x80) {
        if (is_ascii_alpha(cp)) {
            letter.base = ascii_lower(cp);
            letter.upper = cp <= 'Z';
        }
        return letter;
    }
    if (cp == 0x0110 || cp == 0x0111) {  // đ has no canonical decomposition
        letter.base = 'd';
        letter.mark = Diacritic::Stroke;
        letter.upper = cp == 0x0110;
        return letter;
    }
    utf8proc_int32_t parts[8];
    const utf8proc_ssize_t count = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), parts,
                                                           8, UTF8PROC_DECOMPOSE, nullptr);
    if (count < 2 || count > 3 || !is_ascii_alpha(static_cast<char32_t>(parts[0]))) return letter;
    Letter parsed = letter;
    parsed.base = ascii_lower(static_cast<char32_t>(parts[0]));
    parsed.upper = parts[0] <= 'Z';
    for (utf8proc_ssize_t k = 1; k < count; ++k) {
        const auto c = static_cast<char32_t>(parts[k]);
        Tone tone = Tone::None;
        Diacritic mark = Diacritic::None;
        for (Tone t : {Tone::Sac, Tone::Huyen, Tone::Hoi, Tone::Nga, Tone::Nang}) {
            if (combining(t) == c) tone = t;
        }
        for (Diacritic m : {Diacritic::Circumflex, Diacritic::Breve, Diacritic::Horn}) {
            if (combining(m) == c) mark = m;
        }
        if (tone != Tone::None && parsed.tone == Tone::None) {
            parsed.tone = tone;
        } else if (mark != Diacritic::None && parsed.mark == Diacritic::None) {
            parsed.mark = mark;
        } else {
            return letter;  // not a Vietnamese letter (ñ, ö, ǘ...): leave it alone
        }
    }
    if (!mark_fits(parsed.base, parsed.mark)) return letter;
    if (parsed.tone != Tone::None && !is_vowel_base(parsed.base)) return letter;
    return parsed;
}

std::vector<Letter> to_letters(std::string_view nfc) {
    std::vector<Letter> letters;
    letters.reserve(nfc.size());
    std::size_t i = 0;
    while (i < nfc.size()) letters.push_back(decompose_letter(next_codepoint(nfc, i)));
    return letters;
}

std::string to_text(const std::vector<Letter>& letters) {
    // Written decomposed; to_nfc puts the marks in canonical order and composes them.
    std::string nfd;
    for (const Letter& letter : letters) {
        if (letter.base == 0) {
            append_utf8(nfd, letter.original);
        } else if (letter.mark == Diacritic::Stroke) {
            append_utf8(nfd, letter.upper ? 0x0110 : 0x0111);
        } else {
            nfd.push_back(letter.upper ? static_cast<char>(letter.base - ('a' - 'A'))
                                       : letter.base);
            if (letter.mark != Diacritic::None) append_utf8(nfd, combining(letter.mark));
            if (letter.tone != Tone::None) append_utf8(nfd, combining(letter.tone));
        }
    }
    return to_nfc(nfd);
}

// [SECTION] Syllable structure: initial consonants, vowel cluster, final consonants.

struct Syllable {
    std::size_t begin = 0;
    std::size_t vowels_begin = 0;
    std::size_t vowels_end = 0;
    std::size_t end = 0;
    bool empty() const { return begin == end; }
    bool has_vowel() const { return vowels_begin < vowels_end; }
    bool has_final() const { return vowels_end < end; }
};

// The run of letters that ends the text ("gi" and "qu" before a vowel are initials).
Syllable last_syllable(const std::vector<Letter>& letters) {
    Syllable s;
    s.end = letters.size();
    s.begin = s.end;
    while (s.begin > 0 && letters[s.begin - 1].base != 0) --s.begin;
    std::size_t v = s.begin;
    while (v < s.end && !is_vowel(letters[v])) ++v;
    const bool vowel_follows = v + 1 < s.end && is_vowel(letters[v + 1]);
    if (v < s.end && vowel_follows && v > s.begin) {
        const char before = letters[v - 1].base;
        const bool qu = letters[v].base == 'u' && before == 'q';
        const bool gi = letters[v].base == 'i' && before == 'g' && v - 1 == s.begin;
        if (qu || gi) ++v;
    }
    s.vowels_begin = v;
    s.vowels_end = v;
    while (s.vowels_end < s.end && is_vowel(letters[s.vowels_end])) ++s.vowels_end;
    return s;
}

// Where the tone goes, new style (vietnamese-text.md §3).
std::size_t tone_position(const std::vector<Letter>& letters, const Syllable& s) {
    if (!s.has_vowel()) return NoPosition;
    const std::size_t count = s.vowels_end - s.vowels_begin;
    if (count == 1) return s.vowels_begin;
    // A vowel with a mark (ă â ê ô ơ ư) carries the tone; in ươ it is the ơ.
    for (std::size_t i = s.vowels_end; i-- > s.vowels_begin;) {
        if (letters[i].mark != Diacritic::None) return i;
    }
    if (count >= 3) return s.vowels_begin + 1;     // oai, uyu, oeo, khuya
    if (s.has_final()) return s.vowels_begin + 1;  // toán, hoàng, huỳnh
    const char first = letters[s.vowels_begin].base;
    const char second = letters[s.vowels_begin + 1].base;
    const bool main_second =
        (first == 'o' && (second == 'a' || second == 'e')) || (first == 'u' && second == 'y');
    return main_second ? s.vowels_begin + 1 : s.vowels_begin;  // hoà, thuỷ | mía, chùa, mọi
}

Tone syllable_tone(const std::vector<Letter>& letters, const Syllable& s) {
    for (std::size_t i = s.begin; i < s.end; ++i) {
        if (letters[i].tone != Tone::None) return letters[i].tone;
    }
    return Tone::None;
}

void clear_tone(std::vector<Letter>& letters, const Syllable& s) {
    for (std::size_t i = s.begin; i < s.end; ++i) letters[i].tone = Tone::None;
}

// Puts `tone` where it belongs; false if the syllable has no vowel.
bool place_tone(std::vector<Letter>& letters, const Syllable& s, Tone tone) {
    const std::size_t position = tone_position(letters, s);
    if (position == NoPosition) return false;
    clear_tone(letters, s);
    letters[position].tone = tone;
    return true;
}

std::size_t last_vowel_with_base(const std::vector<Letter>& letters, const Syllable& s, char base) {
    for (std::size_t i = s.vowels_end; i-- > s.vowels_begin;) {
        if (letters[i].base == base) return i;
    }
    return NoPosition;
}

// Index of 'u' in a "uo" pair of the cluster (any marks), or NoPosition.
std::size_t uo_pair(const std::vector<Letter>& letters, const Syllable& s) {
    for (std::size_t i = s.vowels_begin; i + 1 < s.vowels_end; ++i) {
        if (letters[i].base == 'u' && letters[i + 1].base == 'o') return i;
    }
    return NoPosition;
}

void set_circumflex(std::vector<Letter>& letters, const Syllable& s, std::size_t i) {
    letters[i].mark = Diacritic::Circumflex;
    // ươ + circumflex is uô: the u loses its horn too.
    if (letters[i].base == 'o' && i > s.vowels_begin && letters[i - 1].base == 'u' &&
        letters[i - 1].mark == Diacritic::Horn) {
        letters[i - 1].mark = Diacritic::None;
    }
}

enum class Applied { No, Added, Removed };

Applied toggle(Letter& letter, Diacritic mark) {
    if (letter.mark == mark) {
        letter.mark = Diacritic::None;
        return Applied::Removed;
    }
    letter.mark = mark;
    return Applied::Added;
}

// Horn (Telex w / the ơ-ư key): uo -> ươ; else the first o or u; "a"/"oa" take a breve in
// Telex (xoắn) when `breve_for_a` is set.
Applied apply_horn(std::vector<Letter>& letters, const Syllable& s, bool breve_for_a) {
    if (!s.has_vowel()) return Applied::No;
    if (const std::size_t u = uo_pair(letters, s); u != NoPosition) {
        Letter& o = letters[u + 1];
        if (letters[u].mark == Diacritic::Horn && o.mark == Diacritic::Horn) {
            letters[u].mark = Diacritic::None;
            o.mark = Diacritic::None;
            return Applied::Removed;
        }
        letters[u].mark = Diacritic::Horn;
        o.mark = Diacritic::Horn;
        return Applied::Added;
    }
    std::string cluster;
    for (std::size_t i = s.vowels_begin; i < s.vowels_end; ++i) cluster.push_back(letters[i].base);
    if (breve_for_a && (cluster == "a" || cluster == "oa")) {
        return toggle(letters[last_vowel_with_base(letters, s, 'a')], Diacritic::Breve);
    }
    for (std::size_t i = s.vowels_begin; i < s.vowels_end; ++i) {
        if (letters[i].base == 'o' || letters[i].base == 'u')
            return toggle(letters[i], Diacritic::Horn);
    }
    if (breve_for_a) {
        if (const std::size_t a = last_vowel_with_base(letters, s, 'a'); a != NoPosition) {
            return toggle(letters[a], Diacritic::Breve);
        }
    }
    return Applied::No;
}

// Final consonants a Vietnamese syllable can have; a tone key after anything else is a letter.
bool final_is_valid(const std::vector<Letter>& letters, const Syllable& s) {
    std::string final;
    for (std::size_t i = s.vowels_end; i < s.end; ++i) {
        if (letters[i].mark != Diacritic::None) return false;
        final.push_back(letters[i].base);
    }
    for (const char* allowed : {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}) {
        if (final == allowed) return true;
    }
    return false;
}

// After a Telex key: "ưo" followed by more letters becomes "ươ" (UniKey: nguwowif, dduwowcj
// and duwocj agree), and the tone moves to where the changed syllable wants it.
std::string finish(std::vector<Letter> letters) {
    const Syllable s = last_syllable(letters);
    for (std::size_t i = s.vowels_begin; i + 1 < s.vowels_end; ++i) {
        Letter& o = letters[i + 1];
        if (letters[i].base == 'u' && letters[i].mark == Diacritic::Horn && o.base == 'o' &&
            o.mark == Diacritic::None && i + 2 < s.end) {
            o.mark = Diacritic::Horn;
        }
    }
    const Tone tone = syllable_tone(letters, s);
    if (tone != Tone::None) place_tone(letters, s, tone);
    return to_text(letters);
}

std::string with_literal(const std::vector<Letter>& letters, char32_t key) {
    std::vector<Letter> typed = letters;
    typed.push_back(decompose_letter(key));
    return finish(std::move(typed));
}

std::optional<Tone> telex_tone(char key) {
    switch (key) {
        case 's':
            return Tone::Sac;
        case 'f':
            return Tone::Huyen;
        case 'r':
            return Tone::Hoi;
        case 'x':
            return Tone::Nga;
        case 'j':
            return Tone::Nang;
        default:
            return std::nullopt;
    }
}

}  // namespace

// [SECTION] Public API

std::string apply_tone(std::string_view word, Tone tone) {
    const std::string nfc = to_nfc(word);
    std::vector<Letter> letters = to_letters(nfc);
    const Syllable s = last_syllable(letters);
    if (!place_tone(letters, s, tone)) return nfc;
    return to_text(letters);
}

Tone tone_of(std::string_view word) {
    const std::vector<Letter> letters = to_letters(to_nfc(word));
    return syllable_tone(letters, last_syllable(letters));
}

std::string apply_mark(std::string_view word, Mark mark) {
    const std::string nfc = to_nfc(word);
    std::vector<Letter> letters = to_letters(nfc);
    const Syllable s = last_syllable(letters);
    if (s.empty()) return nfc;
    const Tone tone = syllable_tone(letters, s);
    Applied applied = Applied::No;
    switch (mark) {
        case Mark::DStroke:
            if (letters[s.begin].base == 'd') applied = toggle(letters[s.begin], Diacritic::Stroke);
            break;
        case Mark::Circumflex: {
            std::size_t target = NoPosition;
            for (std::size_t i = s.vowels_end; i-- > s.vowels_begin && target == NoPosition;) {
                const char base = letters[i].base;
                if (base == 'a' || base == 'e' || base == 'o') target = i;
            }
            if (target == NoPosition) break;
            if (letters[target].mark == Diacritic::Circumflex) {
                letters[target].mark = Diacritic::None;
                applied = Applied::Removed;
            } else {
                set_circumflex(letters, s, target);
                applied = Applied::Added;
            }
            break;
        }
        case Mark::Breve:
            if (const std::size_t a = last_vowel_with_base(letters, s, 'a'); a != NoPosition) {
                applied = toggle(letters[a], Diacritic::Breve);
            }
            break;
        case Mark::Horn:
            applied = apply_horn(letters, s, false);
            break;
    }
    if (applied == Applied::No) return nfc;
    if (tone != Tone::None) place_tone(letters, s, tone);
    return to_text(letters);
}

void TelexComposer::reset() {
    m_last_output.clear();
    m_last_was_bare_w = false;
}

std::string TelexComposer::feed(std::string_view current_word, char32_t key) {
    const std::string word = to_nfc(current_word);
    const bool after_bare_w = m_last_was_bare_w && word == m_last_output;
    m_last_was_bare_w = false;
    std::vector<Letter> letters = to_letters(word);
    const Syllable s = last_syllable(letters);
    const char lower = key < 0x80 ? ascii_lower(key) : 0;

    std::string out;
    if (const auto tone = telex_tone(lower); tone && s.has_vowel() && final_is_valid(letters, s)) {
        if (syllable_tone(letters, s) == *tone) {  // pressed twice: undo and type the key
            clear_tone(letters, s);
            out = with_literal(letters, key);
        } else {
            place_tone(letters, s, *tone);
            out = to_text(letters);
        }
    } else if (lower == 'z' && syllable_tone(letters, s) != Tone::None) {
        clear_tone(letters, s);
        out = to_text(letters);
    } else if ((lower == 'a' || lower == 'e' || lower == 'o') &&
               last_vowel_with_base(letters, s, lower) != NoPosition) {
        const std::size_t target = last_vowel_with_base(letters, s, lower);
        if (letters[target].mark == Diacritic::Circumflex) {
            letters[target].mark = Diacritic::None;
            out = with_literal(letters, key);
        } else {
            set_circumflex(letters, s, target);
            out = finish(std::move(letters));
        }
    } else if (lower == 'w') {
        if (after_bare_w && !letters.empty() && letters.back().base == 'u' &&
            letters.back().mark == Diacritic::Horn) {
            letters.pop_back();  // "ww" types a plain w
            out = with_literal(letters, key);
        } else if (!s.has_vowel()) {
            Letter u = decompose_letter(key == 'W' ? U'U' : U'u');
            u.mark = Diacritic::Horn;
            letters.push_back(u);
            out = finish(std::move(letters));
            m_last_was_bare_w = true;
        } else {
            switch (apply_horn(letters, s, true)) {
                case Applied::Added:
                    out = finish(std::move(letters));
                    break;
                case Applied::Removed:
                    out = with_literal(letters, key);
                    break;
                case Applied::No:
                    out = with_literal(letters, key);
                    break;
            }
        }
    } else if (lower == 'd' && !s.empty() && letters[s.begin].base == 'd') {
        if (toggle(letters[s.begin], Diacritic::Stroke) == Applied::Removed) {
            out = with_literal(letters, key);
        } else {
            out = finish(std::move(letters));
        }
    } else {
        out = with_literal(letters, key);
    }
    m_last_output = out;
    return out;
}

// [help] VNI -----------------------------------------------------------------------------------

std::string VniComposer::feed(std::string_view current_word, char32_t key) {
    const std::string word = to_nfc(current_word);
    std::vector<Letter> letters = to_letters(word);
    const Syllable s = last_syllable(letters);
    auto tone_for = [](char32_t digit) -> std::optional<Tone> {
        switch (digit) {
            case U'1':
                return Tone::Sac;
            case U'2':
                return Tone::Huyen;
            case U'3':
                return Tone::Hoi;
            case U'4':
                return Tone::Nga;
            case U'5':
                return Tone::Nang;
            default:
                return std::nullopt;
        }
    };
    // A mark toggled on keeps its syllable's tone in place; toggled off, the digit is typed.
    auto marked = [&](Applied applied) {
        return applied == Applied::Added ? finish(letters) : with_literal(letters, key);
    };
    if (const auto tone = tone_for(key); tone && s.has_vowel() && final_is_valid(letters, s)) {
        if (syllable_tone(letters, s) == *tone) {  // pressed twice: undo and type the digit
            clear_tone(letters, s);
            return with_literal(letters, key);
        }
        place_tone(letters, s, *tone);
        return to_text(letters);
    }
    if (key == U'0' && syllable_tone(letters, s) != Tone::None) {
        clear_tone(letters, s);
        return to_text(letters);
    }
    if (key == U'6') {
        std::size_t target = NoPosition;
        for (std::size_t i = s.vowels_end; i-- > s.vowels_begin && target == NoPosition;) {
            const char base = letters[i].base;
            if (base == 'a' || base == 'e' || base == 'o') target = i;
        }
        if (target == NoPosition) return with_literal(letters, key);
        if (letters[target].mark == Diacritic::Circumflex) {
            letters[target].mark = Diacritic::None;
            return with_literal(letters, key);
        }
        set_circumflex(letters, s, target);
        return finish(letters);
    }
    if (key == U'7') return marked(apply_horn(letters, s, false));
    if (key == U'8') {
        const std::size_t a = last_vowel_with_base(letters, s, 'a');
        if (a == NoPosition) return with_literal(letters, key);
        return marked(toggle(letters[a], Diacritic::Breve));
    }
    if (key == U'9' && !s.empty() && letters[s.begin].base == 'd')
        return marked(toggle(letters[s.begin], Diacritic::Stroke));
    return with_literal(letters, key);
}
// [/help]

}  // namespace motcua::core
