#include <imgui.h>

#include <algorithm>

#include "ui/screens.h"

namespace motcua::ui {

// The first thing a resident sees: what the machine is for, one huge button, and the
// settings they may need before anything else (text size, contrast, language).
Footer screen_attract(Frame& frame) {
    const float unit = frame.unit();
    const float width = ImGui::GetContentRegionAvail().x;
    text(frame, frame.t("attract.title"), frame.title(), frame.colours.text);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    paragraph(frame, frame.t("attract.subtitle"));
    ImGui::Dummy(ImVec2(0, unit * 0.6f));
    ImGui::PushFont(frame.title());
    if (button(frame, frame.t("attract.start"), "start", ImVec2(width - unit * 1.4f, unit * 4.0f), Style::Primary))
        frame.emit(core::intent::Start{});
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, unit * 0.5f));
    const auto& settings = frame.context.session.state().settings;
    bool high = settings.contrast == core::Contrast::High;
    const float half = std::min(unit * 12.0f, (width - unit * 1.4f - ImGui::GetStyle().ItemSpacing.x) / 2);
    if (button(frame, frame.t(high ? "attract.contrast_standard" : "attract.contrast_high"), "contrast",
               ImVec2(half, unit * 2.4f)))
        frame.emit(core::intent::SetContrast{high ? core::Contrast::Standard : core::Contrast::High});
    ImGui::SameLine();
    if (button(frame, frame.t("attract.lookup"), "open_lookup", ImVec2(half, unit * 2.4f)))
        frame.emit(core::intent::OpenLookup{});
    ImGui::Dummy(ImVec2(0, unit * 0.5f));
    muted(frame, frame.t("attract.help"));
    if (frame.context.staff_notice) notice_box(frame, frame.t("attract.staff_notice"), true);
    return {};
}

}  // namespace motcua::ui
