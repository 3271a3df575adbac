// Pure logic behind Vietnamese input: the kiosk's on-screen keyboard (tone and mark keys
// applied to the word being typed) and a Telex composer for staff with a physical keyboard.
// Tones follow the new style ("kiểu mới", vietnamese-text.md §3): hoà, thuỷ, quý, tiến, mía.
// Every function returns NFC and works on the last syllable: the run of letters that ends the
// string. If the string ends in a space or punctuation there is no syllable to change.
#pragma once

#include <string>
#include <string_view>

namespace motcua::core {

enum class Tone { None, Sac, Huyen, Hoi, Nga, Nang };
enum class Mark { Circumflex, Breve, Horn, DStroke };

// Puts `tone` on the right vowel of the last syllable, replacing any tone it had
// (Tone::None removes it). Case is kept. A syllable without a vowel is returned unchanged.
std::string apply_tone(std::string_view word, Tone tone);

// The tone of the last syllable (Tone::None if it has none).
Tone tone_of(std::string_view word);

// Adds `mark` to the last syllable: a->â / a->ă, e->ê, o->ô / o->ơ, u->ư ("uo" + Horn ->
// "ươ"), initial d->đ. Applying the same mark again removes it. The tone is kept and moved to
// the vowel that carries it after the change. No letter to mark: returned unchanged.
std::string apply_mark(std::string_view word, Mark mark);

// UniKey-style Telex: aa ee oo -> â ê ô; aw ow uw -> ă ơ ư; uow -> ươ; w alone -> ư; dd -> đ;
// s f r x j -> sắc huyền hỏi ngã nặng, typed anywhere after the vowel; z removes the tone;
// pressing a tone or mark key again undoes it and types the key ("ass" -> "as").
// Not for ID, phone or date fields: switch it off there.
class TelexComposer {
public:
    // The word after typing `key` at the end of `current_word` (the text being edited).
    std::string feed(std::string_view current_word, char32_t key);

    // Forget the previous key (call when the caret moves or the field changes).
    void reset();

private:
    std::string m_last_output;       // what feed() returned last
    bool m_last_was_bare_w = false;  // that output ended in the ư a lone 'w' produced
};

// [help] VNI: digits after the letters. 1 2 3 4 5 -> sắc huyền hỏi ngã nặng, 0 removes the tone;
// 6 -> â ê ô, 7 -> ơ ư ("uo7" -> "ươ"), 8 -> ă, 9 -> đ. A digit that changes nothing is typed as
// a digit; pressing a tone or mark digit again undoes it and types the digit ("a11" -> "a1").
// Not for ID, phone or date fields: switch it off there.
class VniComposer {
public:
    // The text after typing `key` at the end of `current_word` (the text being edited).
    std::string feed(std::string_view current_word, char32_t key);
    void reset() {}
};
// [/help]

}  // namespace motcua::core
