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
            if (m_pending_text.empty()) m_pending_since = now_ms;
            m_pending_text += event.text.text;
            m_last_text_ms = now_ms;
            return false;
        }
        case SDL_KEYDOWN: {
            SDL_Keycode key = event.key.keysym.sym;
            if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
                const bool burst = m_pending_text.size() >= ScanMinLength &&
                                   now_ms - m_last_text_ms <= ScanGapMs * 3;
                if (burst) {
                    intents.push_back(core::intent::Scan{m_pending_text});
                    m_pending_text.clear();
                    m_pending_since = -1;
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
    if (!m_pending_text.empty()) intents.push_back(core::intent::TypeText{m_pending_text});
    m_pending_text.clear();
    m_pending_since = -1;
}

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
        flush_text(intents);
        changed = true;
    }
    return changed;
}

std::int64_t InputTranslator::next_deadline_ms() const {
    return m_pending_text.empty() ? -1 : m_last_text_ms + ScanGapMs + 1;
}

}  // namespace motcua::platform
