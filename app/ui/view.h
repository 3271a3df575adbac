// The kiosk's screens as a thin view: each frame reads the session and appends intents.
// It never validates, never does I/O, never decides what comes next.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

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
    const core::Session& session;
    const core::Catalog& catalog;
    const core::Strings& strings;
    const core::SearchIndex& procedure_search;  // ids are indices into catalog.procedures
    const Fonts& fonts;
    Registry& registry;
    std::int64_t now_ms = 0;
    std::function<QrMatrix(const std::string&)> make_qr;  // may be empty
    bool staff_notice = false;  // filings refused by the portal or unsent too long: tell staff
};

// Draws one whole frame into the current ImGui frame (between NewFrame and Render).
void draw(const ViewContext& context, std::vector<core::Intent>& intents);

}  // namespace motcua::ui
