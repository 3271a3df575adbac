// The kiosk's screens as a thin view: each frame draws the screen model and appends intents.
// It never validates, never does I/O, never decides what comes next or what a word is.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/screen/screen.h"
#include "ui/registry.h"
#include "ui/theme.h"

namespace motcua::ui {

struct QrMatrix {
    int size = 0;                   // modules per side
    std::vector<unsigned char> on;  // size*size, 1 = dark
};

struct ViewContext {
    const core::ScreenModel& model;  // everything the screen shows, computed by core
    const Fonts& fonts;
    Registry& registry;
    std::function<QrMatrix(const std::string&)> make_qr;  // may be empty
};

// Draws one whole frame of the model into the current ImGui frame (between NewFrame and Render).
void draw(const ViewContext& context, std::vector<core::Intent>& intents);

}  // namespace motcua::ui
