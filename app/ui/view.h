// The kiosk's screens as a thin view: each frame reads the session and appends intents.
// It never validates, never does I/O, never decides what comes next.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/catalog/fees.h"
#include "core/session/session.h"
#include "core/text/search.h"
#include "ui/registry.h"
#include "ui/theme.h"

namespace motcua::ui {

struct QrMatrix {
    int size = 0;                  // modules per side
    std::vector<unsigned char> on;  // size*size, 1 = dark
};

struct ViewContext {
    const core::Session& session;  // also the catalogue on offer and the administrative units
    const core::Strings& strings;
    const core::FeeSchedule* fees;  // null when the fee file is missing or refused
    core::Date today;               // Vietnam's date, for the fees in force
    const Fonts& fonts;
    Registry& registry;
    std::int64_t now_ms = 0;
    std::function<QrMatrix(const std::string&)> make_qr;  // may be empty
    bool staff_notice = false;  // filings refused by the portal or unsent too long: tell staff
};

// Draws one whole frame into the current ImGui frame (between NewFrame and Render).
void draw(const ViewContext& context, std::vector<core::Intent>& intents);

}  // namespace motcua::ui
