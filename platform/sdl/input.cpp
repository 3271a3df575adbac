#include "platform/sdl/input.h"

#include <imgui.h>

#include <cfloat>

namespace motcua::platform {

bool InputTranslator::handle(const SDL_Event& event, std::int64_t now_ms,
                             std::vector<core::Intent>& intents) {
    ImGuiIO& io = ImGui::GetIO();
    switch (event.type) {
        case SDL_MOUSEMOTION:
            io.MousePos =
                ImVec2(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
            m_frames_until_lift = -1;
            return false;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: {
            if (event.button.button != SDL_BUTTON_LEFT) return false;
            io.MousePos =
                ImVec2(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
            const bool down = event.type == SDL_MOUSEBUTTONDOWN;
            io.MouseDown[0] = down;
            // After the release frame, move the pointer away so nothing stays "hovered"
            // under a finger that has left the glass.
            m_frames_until_lift = down ? -1 : 1;
            return true;
        }
        case SDL_MOUSEWHEEL:
            io.MouseWheel += static_cast<float>(event.wheel.y);
            return false;
        case SDL_TEXTINPUT: {
            // [help] A run is a scan only while every event follows the last within ScanGapMs.
            if (m_pending_text.empty()) {
                m_pending_since = now_ms;
                m_pending_events = 0;
                m_pending_fast = true;
            } else if (now_ms - m_last_text_ms > ScanGapMs) {
                m_pending_fast = false;
            }
            ++m_pending_events;
            // [/help]
            m_pending_text += event.text.text;
            m_last_text_ms = now_ms;
            return false;
        }
        case SDL_KEYDOWN: {
            SDL_Keycode key = event.key.keysym.sym;
            if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
                const bool burst = is_burst() && now_ms - m_last_text_ms <= ScanGapMs * 3;
                if (burst) {
                    flush_scan(intents);
                } else {
                    flush_text(intents);
                }
                return false;
            }
            if (key == SDLK_BACKSPACE) {
                flush_text(intents);
                intents.push_back(core::intent::Backspace{});
            }
            return false;
        }
        default:
            return false;
    }
}

void InputTranslator::flush_text(std::vector<core::Intent>& intents) {
    // [help] A physical keyboard's keys: the session composes Telex/VNI where it fits.
    if (!m_pending_text.empty()) intents.push_back(core::intent::KeyText{m_pending_text});
    m_pending_text.clear();
    m_pending_since = -1;
}

// [help] Many key events faster than any hand: a scanner (keyboard wedge), even without Enter.
bool InputTranslator::is_burst() const {
    return m_pending_fast && m_pending_events >= ScanMinLength;
}

void InputTranslator::flush_scan(std::vector<core::Intent>& intents) {
    intents.push_back(core::intent::Scan{m_pending_text});
    m_pending_text.clear();
    m_pending_since = -1;
}
// [/help]

bool InputTranslator::before_frame(std::int64_t now_ms, std::vector<core::Intent>& intents) {
    bool changed = false;
    ImGuiIO& io = ImGui::GetIO();
    if (m_frames_until_lift > 0) {
        --m_frames_until_lift;  // this is the release frame: the tap lands here
    } else if (m_frames_until_lift == 0) {
        // The release frame has been drawn: lift the finger off the glass.
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        m_frames_until_lift = -1;
        changed = true;
    }
    // Text that stopped arriving a moment ago was typed by a person, not scanned.
    if (!m_pending_text.empty() && now_ms - m_last_text_ms > ScanGapMs) {
        // [help] a burst that ended without Enter is still a scan, never typed into a field
        if (is_burst())
            flush_scan(intents);
        else
            flush_text(intents);
        changed = true;
    }
    return changed;
}

std::int64_t InputTranslator::next_deadline_ms() const {
    return m_pending_text.empty() ? -1 : m_last_text_ms + ScanGapMs + 1;
}

}  // namespace motcua::platform
