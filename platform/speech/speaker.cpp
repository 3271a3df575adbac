#include "platform/speech/speaker.h"

namespace motcua::platform {

void Speaker::show(const core::ScreenModel& model) {
    core::speech::SpeechPlan plan = core::speech::plan_speech(m_memory, model, m_tapped, m_strings);
    m_tapped = false;
    if (plan.stop) m_speech.stop();
    for (const auto& utterance : plan.say) m_speech.say(utterance);
}

}  // namespace motcua::platform
