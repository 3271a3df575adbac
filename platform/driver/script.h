// The headless test driver: plays a script against the real app, one command per line.
//   tap "<label>"          tap a widget by its visible label (fails if absent or disabled)
//   type "<text>"          type as a physical keyboard would (key by key, human speed)
//   keys "<text>"          tap on-screen keyboard keys one by one (marks and tones included)
//   scan "<text>"          a keyboard-wedge scanner burst ending in Enter
//   wait <ms>              let that much app time pass (the clock runs faster than real time)
//   wait-for "<text>" <ms> until that text shows (real time; for network results)
//   wait-for-portal-data <ms>  until the catalogue and wards from the portal (or its cache)
//                          are in use (real time; on the attract screen, where they are taken)
//   shot <name>            write DIR/<name>.png
//   expect "<text>"        that text is drawn on screen now
//   expect-not "<text>"    that text is not drawn on screen now
//   audit                  touch targets, overlaps, labels, contrast and glyphs on this screen
// Lines starting with # and blank lines are ignored.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "platform/sdl/app.h"

namespace motcua::platform {

struct ScriptCommand {
    int line = 0;
    std::string verb;
    std::string text;
    long long number = 0;
    std::string source;
};

core::Result<std::vector<ScriptCommand>> parse_script(const std::string& text);

// Plays the script. On failure returns an Error whose detail names the line, the reason and the
// labels on screen.
core::Status play_script(App& app, const std::vector<ScriptCommand>& commands,
                         const std::string& shots_dir);

}  // namespace motcua::platform
