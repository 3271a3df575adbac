// What a page says aloud, read from the screen model (never hand-written per screen): heading,
// question, hint, choices, errors, and on the receipt the code digit by digit. And when to say
// it: on a new page, when asked again ("Nghe lại"), and never after a new tap.
#pragma once

#include <string>
#include <vector>

#include "core/ports.h"
#include "core/screen/screen.h"

namespace motcua::core::speech {

// One thing to say (core/ports.h): `key` is the i18n key the text came from (a province's
// recorded clip assets/audio/vi/<key>.wav replaces synthesis), or "" for catalogue texts,
// answers and codes; `spoken` is the text normalised for the synthesiser.
using Utterance = SpokenText;

struct PageSpeech {
    // Names the page: it changes when the resident reaches another page, item, dialog or
    // overlay, not when they type or choose on it.
    std::string page;
    // The errors on the page (one line each): said on their own when they appear.
    std::vector<Utterance> errors;
    // Everything the page says, top to bottom (errors included where they are shown).
    std::vector<Utterance> utterances;
};

// The page as speech, in the model's language (`strings`: the words speech adds, such as how
// to choose from a long list).
PageSpeech page_speech(const ScreenModel& model, const Strings& strings);

// What the speaker remembers between frames.
struct SpeechMemory {
    std::string page;
    std::vector<Utterance> errors;
    int listen_requests = 0;
    bool voice = false;
};

struct SpeechPlan {
    bool stop = false;           // cut off what is being said now
    std::vector<Utterance> say;  // then say these, in order
};

// Called with every new screen model. `tapped`: the resident touched or typed since the last
// call. Voice off: nothing (and speech in progress stops). A new page, or a new "Nghe lại":
// stop and read the page. New errors on the same page: stop and read them. Any other tap: stop.
SpeechPlan plan_speech(SpeechMemory& memory, const ScreenModel& model, bool tapped,
                       const Strings& strings);

}  // namespace motcua::core::speech
