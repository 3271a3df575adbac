// The kiosk's loop: idle-aware (blocks in SDL_WaitEventTimeout until input, a due timer or a
// worker result), renders only when something changed, and carries out the session's effects.
// The headless driver (script.h) steps the same loop frame by frame.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/session/session.h"
#include "core/text/search.h"
#include "platform/filing_worker.h"
#include "platform/notify/staff_notifier.h"  // [help]
#include "platform/print/paper_desk.h"       // [paper]
#include "platform/reference_sync.h"
#include "platform/sdl/display.h"
#include "platform/sdl/input.h"
#include "platform/speech/speaker.h"     // [speech]
#include "platform/staff/pin_checker.h"  // [staff]
#include "platform/staff/staff_store.h"  // [staff]
#include "platform/store/outbox_store.h"
#include "ui/registry.h"
#include "ui/theme.h"
#include "ui/view.h"

namespace motcua::platform {

// Real time for the kiosk. For the headless driver a manual clock: it moves only when the
// script says so ("wait 300000", a tap, real time spent in wait-for), so timers are exact
// however slow the machine renders.
class AppClock final : public core::Clock {
public:
    explicit AppClock(bool manual = false);
    std::int64_t monotonic_ms() override;
    std::int64_t wall_unix_ms() override;
    void advance(std::int64_t ms) { m_offset_ms += ms; }

private:
    bool m_manual;
    std::int64_t m_start_monotonic_ms;
    std::int64_t m_start_wall_ms;
    std::int64_t m_offset_ms = 0;
};

struct AppParts {
    const core::Strings& strings;
    const core::FeeSchedule* fees;  // may be null
    core::Session& session;
    OutboxStore& store;           // the UI thread's connection: SaveDossier commits here
    FilingWorker* worker;         // null when no portal is configured
    ReferenceWorker* references;  // null when no portal is configured
    std::function<ui::QrMatrix(const std::string&)> make_qr;
    bool outbox_set_aside = false;  // a damaged outbox was moved aside at start-up: staff are told
    StaffStore* staff = nullptr;    // [staff] PIN, lockout and counts; null: no staff mode
    StaffNotifier* notifier = nullptr;  // [help] "Gọi cán bộ": null when none is configured
    Speaker* speaker = nullptr;         // [speech] null when voice is off
    print::PaperDesk* paper = nullptr;  // [paper] receipts, tickets; null in some tests
    const core::PaperConfig* paper_config = nullptr;  // [paper] office, bank, counter groups
};

class App {
public:
    App(AppParts parts, std::unique_ptr<Display> display, ui::Fonts fonts, AppClock& clock);

    // The interactive loop, until the window closes. Returns the process exit code.
    int run();

    // --- for the headless driver and tests ---
    // Feeds one input event; draws a frame right away when the event needs one (a tap).
    void feed(const SDL_Event& event);
    // One whole frame: pending input, worker results, timers, draw, present.
    // Returns true when the frame produced intents (the screen may change again).
    bool frame();
    // Frames until nothing changes any more (bounded).
    void settle();
    // When the next timer is due (monotonic ms), or -1.
    std::int64_t next_deadline_ms();
    const ui::Registry& registry() const { return m_registry; }
    AppClock& clock() { return m_clock; }
    Display& display() { return *m_display; }
    const ui::Fonts& fonts() const { return m_fonts; }
    core::Session& session() { return m_parts.session; }
    // Code points drawn this frame that the font cannot show (they would render as '?').
    std::vector<std::string> missing_glyphs() const;
    // [layout] For the audit matrix: frames laid out (registry filled) but not rasterised until
    // set_rasterise(true); and a hook that may change each frame's screen model before it is
    // drawn (to fill the chrome other parts of the kiosk will fill: a test-only layout check).
    void set_rasterise(bool on);
    void send(const core::Intent& intent) { apply(intent); }
    void set_model_hook(std::function<void(core::ScreenModel&)> hook) {
        m_model_hook = std::move(hook);
    }
    // [/layout]

private:
    void apply(const core::Intent& intent);
    void carry_out(const std::vector<core::Effect>& effects);
    // [staff] Staff mode's effects, and what its pages show.
    bool carry_out_staff(const core::Effect& effect);
    core::StaffView staff_view(const WorkerStatus& status);
    void take_pin_results(std::vector<core::Intent>& intents);
    core::ScreenInputs screen_inputs(
        std::int64_t now);  // what build_screen needs besides the session
    void carry_out_paper(const core::Effect& effect);  // [paper] print, issue a ticket

    AppParts m_parts;
    std::unique_ptr<Display> m_display;
    ui::Fonts m_fonts;
    AppClock& m_clock;
    InputTranslator m_input;
    ui::Registry m_registry;
    std::vector<core::Intent> m_pending;
    std::int64_t m_last_frame_ms = -1;
    std::pair<std::string, std::string>
        m_lookup_alias;               // MaHoSo asked for → code the resident typed
    bool m_first_frame_told = false;  // [worker] the first heartbeat waits for the first frame
    bool m_quit = false;
    // [staff] The PIN is checked off the UI thread (Argon2id takes most of a second).
    std::unique_ptr<PinChecker> m_pin_checker;
    int m_pin_outstanding = 0;          // checks asked for, answers not taken yet
    int m_pin_stale = 0;                // of those, answers for a PIN pad that was left since
    std::uint64_t m_pin_frames_at = 0;  // frames presented when the last check began
    std::optional<core::LastScan> m_last_scan;  // since the kiosk started
    // [/staff]
    bool m_rasterise = true;                               // [layout]
    std::function<void(core::ScreenModel&)> m_model_hook;  // [layout]
};

// The event type worker threads push to wake the loop.
Uint32 wake_event_type();

}  // namespace motcua::platform
