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
//   expect-size <size>     the content is drawn at that text size now (small|normal|large|
//                          xlarge), e.g. kept while typing where the keyboard leaves room
//   audit                  the accessibility audit of this screen (audit.h: targets and gaps in
//                          mm, contrast, overlap, clipped text, heading/question, focus)
//   settings <size> <contrast>   set the text size (small|normal|large|xlarge) and contrast
//                          (standard|high-light|high-dark|low-glare) directly
//   raster on|off          off: frames are laid out (the registry, the audit) but not drawn;
//                          a shot still draws its frame
//   fill-chrome on|off     on: every frame's model gets the chrome other parts fill (Nghe lại,
//                          Gọi cán bộ, a banner, the attract screen's voice and ticket buttons)
//                          with placeholder words, to check the layout holds with them
//   matrix <name> [all|some|none]  the audit at every text size × contrast on this screen
//                          (all problems reported together), then the settings are put back;
//                          shots <name>-<size>-<contrast>.png: all 16, some (the largest size in
//                          both high contrast modes, and normal/standard) or none (default: some)
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
