#include <imgui.h>

#include "ui/screens.h"

namespace motcua::ui {

// "How is my dossier doing?": the whole code from the receipt (typed or scanned), then its
// status in plain words. Never a partial code.
Footer screen_lookup(Frame& frame) {
    const auto& state = frame.context.session.state();
    heading(frame, frame.t("lookup.title"));
    paragraph(frame, frame.t("lookup.intro"));
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.3f));
    text(frame, frame.t("lookup.code_label"), frame.heading(), frame.colours.text);
    auto error = state.errors.find("lookup");
    if (error != state.errors.end())
        text(frame, frame.t(("error." + error->second).c_str()), frame.body(), frame.colours.danger);
    field_box(frame, frame.t("lookup.code_label"), "lookup", state.lookup_code, state.focused_field == "lookup",
              error != state.errors.end());
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.4f));

    const auto& lookup = state.lookup;
    switch (lookup.state) {
        case core::LookupState::None: break;
        case core::LookupState::Asking: paragraph(frame, frame.t("lookup.asking")); break;
        case core::LookupState::Found: {
            std::string status_key = "status." + std::to_string(lookup.trang_thai);
            notice_box(frame, frame.f("lookup.found", {{"code", lookup.code}, {"procedure", lookup.procedure},
                                                       {"status", frame.t(status_key.c_str())}}),
                       false);
            if (!lookup.ngay_hen_tra.empty())
                paragraph(frame, frame.t("receipt.due_label") + std::string(" ") + display_time(lookup.ngay_hen_tra, true));
            break;
        }
        case core::LookupState::Waiting: notice_box(frame, frame.t("lookup.waiting"), false); break;
        case core::LookupState::NotFound: notice_box(frame, frame.t("lookup.not_found"), true); break;
        case core::LookupState::Unavailable: notice_box(frame, frame.t("lookup.unavailable"), true); break;
    }
    return Footer{.back = true, .primary_key = "lookup.submit"};
}

}  // namespace motcua::ui
