// Turns SDL events into Dear ImGui 1.86 input (mouse state written directly, touch-friendly)
// and into session intents (typed text, backspace, scanner bursts). Typed text never goes to
// an ImGui text widget: the session owns every answer. [help] Keys become intent::KeyText (the
// session composes Telex/VNI); a burst of keys faster than a hand is intent::Scan, with or
// without a final Enter, so a scanner never types into a field.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/session/session.h"

namespace motcua::platform {

class InputTranslator {
public:
    // A keyboard-wedge scanner types faster than any person: characters closer together than
    // this, ending in Enter, are one scan.
    static constexpr std::int64_t ScanGapMs = 35;
    static constexpr std::size_t ScanMinLength = 12;

    // Feeds one event. Returns true when ImGui must see a frame before the next event
    // (a button went down or up), so a tap is never lost inside one frame.
    bool handle(const SDL_Event& event, std::int64_t now_ms, std::vector<core::Intent>& intents);
    // Before each ImGui::NewFrame: lifts a released finger off the screen, flushes typed text
    // that is not part of a scan. Returns true when it did anything.
    bool before_frame(std::int64_t now_ms, std::vector<core::Intent>& intents);
    // When pending typed text must be flushed (monotonic ms), or -1.
    std::int64_t next_deadline_ms() const;
    // True while a released pointer still has to be lifted (one more frame is needed).
    bool settling() const { return m_frames_until_lift >= 0; }

private:
    void flush_text(std::vector<core::Intent>& intents);
    // [help]
    bool is_burst() const;
    void flush_scan(std::vector<core::Intent>& intents);
    std::size_t m_pending_events =
        0;                       // SDL_TEXTINPUT events in the pending run (an IME sends words)
    bool m_pending_fast = true;  // every event of the run came within ScanGapMs of the last
    // [/help]

    int m_frames_until_lift = -1;  // frames to draw before the released pointer is lifted
    std::string m_pending_text;
    std::int64_t m_pending_since = -1;
    std::int64_t m_last_text_ms = -1;
};

}  // namespace motcua::platform
