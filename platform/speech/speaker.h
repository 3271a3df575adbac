// Connects the screen to the voice: the loop hands it every new screen model and tells it when
// the resident touched or typed; core::speech::plan_speech decides what to say, the port says it.
#pragma once

#include "core/ports.h"
#include "core/speech/page.h"

namespace motcua::platform {

class Speaker {
public:
    Speaker(core::Speech& speech, const core::Strings& strings)
        : m_speech(speech), m_strings(strings) {}
    // The resident touched, tapped or typed since the last model.
    void heard_input() { m_tapped = true; }
    // A frame's screen model (call every frame; nothing happens unless something is due).
    void show(const core::ScreenModel& model);

private:
    core::Speech& m_speech;
    const core::Strings& m_strings;
    core::speech::SpeechMemory m_memory;
    bool m_tapped = false;
};

}  // namespace motcua::platform
