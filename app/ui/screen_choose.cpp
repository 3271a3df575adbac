#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/screens.h"

namespace motcua::ui {

// [help] Pictograms drawn from shapes (no icon font to ship): one per kind of procedure, named
// by core::kProcedureIcons, in the colour of the text, inside a square of side `side`.
namespace {
void draw_icon(ImDrawList* draw, ImVec2 at, float side, const std::string& icon, ImU32 colour) {
    const float s = side;
    // [pixels] Lines in whole pixels and corners on whole pixels, so straight edges are crisp at
    // every size (the circles and slanted lines stay anti-aliased).
    const float line = std::max(2.0f, std::round(s * 0.07f));
    auto p = [&](float x, float y) {
        return ImVec2(std::round(at.x + x * s), std::round(at.y + y * s));
    };
    if (icon == "baby") {  // a head and a swaddled body
        draw->AddCircleFilled(p(0.5f, 0.3f), s * 0.16f, colour);
        draw->AddRectFilled(p(0.3f, 0.5f), p(0.7f, 0.85f), colour, s * 0.15f);
    } else if (icon == "rings") {  // two rings
        draw->AddCircle(p(0.38f, 0.55f), s * 0.22f, colour, 0, line);
        draw->AddCircle(p(0.62f, 0.55f), s * 0.22f, colour, 0, line);
    } else if (icon == "cross") {  // a plain cross
        draw->AddRectFilled(p(0.44f, 0.12f), p(0.56f, 0.88f), colour);
        draw->AddRectFilled(p(0.24f, 0.32f), p(0.76f, 0.44f), colour);
    } else if (icon == "stamp") {  // a stamp over a line
        draw->AddCircleFilled(p(0.5f, 0.22f), s * 0.12f, colour);
        draw->AddRectFilled(p(0.45f, 0.3f), p(0.55f, 0.55f), colour);
        draw->AddRectFilled(p(0.22f, 0.55f), p(0.78f, 0.7f), colour, s * 0.04f);
        draw->AddRectFilled(p(0.15f, 0.8f), p(0.85f, 0.86f), colour);
    } else if (icon == "pen") {  // a pen signing a line
        draw->AddLine(p(0.75f, 0.15f), p(0.35f, 0.65f), colour, line * 2.0f);
        draw->AddTriangleFilled(p(0.3f, 0.6f), p(0.4f, 0.7f), p(0.25f, 0.75f), colour);
        draw->AddBezierCubic(p(0.12f, 0.85f), p(0.3f, 0.75f), p(0.5f, 0.95f), p(0.88f, 0.82f),
                             colour, line);
    } else if (icon == "copy") {  // two sheets
        draw->AddRect(p(0.18f, 0.12f), p(0.62f, 0.72f), colour, 0, 0, line);
        draw->AddRectFilled(p(0.38f, 0.3f), p(0.82f, 0.9f), colour);
    } else if (icon == "house") {  // a roof and walls
        draw->AddTriangleFilled(p(0.5f, 0.12f), p(0.1f, 0.5f), p(0.9f, 0.5f), colour);
        draw->AddRectFilled(p(0.22f, 0.5f), p(0.78f, 0.88f), colour);
    } else if (icon == "pencil") {  // a pencil correcting a line
        draw->AddRect(p(0.15f, 0.15f), p(0.65f, 0.85f), colour, 0, 0, line);
        draw->AddLine(p(0.88f, 0.22f), p(0.5f, 0.7f), colour, line * 2.5f);
    } else if (icon == "heart") {
        draw->AddCircleFilled(p(0.35f, 0.38f), s * 0.17f, colour);
        draw->AddCircleFilled(p(0.65f, 0.38f), s * 0.17f, colour);
        draw->AddTriangleFilled(p(0.19f, 0.45f), p(0.81f, 0.45f), p(0.5f, 0.85f), colour);
    } else if (icon == "person") {
        draw->AddCircleFilled(p(0.5f, 0.3f), s * 0.16f, colour);
        draw->AddRectFilled(p(0.25f, 0.55f), p(0.75f, 0.88f), colour, s * 0.2f);
    } else {  // a plain document with lines
        draw->AddRect(p(0.22f, 0.1f), p(0.78f, 0.9f), colour, 0, 0, line);
        for (float y : {0.3f, 0.5f, 0.7f}) draw->AddLine(p(0.32f, y), p(0.68f, y), colour, line);
    }
}
}  // namespace
// [/help]

// Browse every procedure, or search by typing (without accents is fine).
void screen_choose(Frame& frame, const core::ChooseScreen& screen) {
    const float unit = frame.unit();
    const float width = ImGui::GetContentRegionAvail().x;
    if (!screen.typing) {  // while typing, every line goes to the results
        heading(frame, screen.title.text);
        text(frame, screen.search_label.text, frame.body(), frame.colours.text);
    }
    // The box says what it is for even when its label is off screen (while typing).
    const float clear_w = screen.clear ? std::max(frame.target(), unit * 4.5f) : 0;
    field_box(frame, screen.search, screen.clear ? clear_w + ImGui::GetStyle().ItemSpacing.x : 0,
              /*placeholder=*/screen.typing);
    if (screen.clear) {
        ImGui::SameLine();
        action(frame, *screen.clear, ImVec2(clear_w, ImGui::GetItemRectSize().y));
    }
    ImGui::Dummy(ImVec2(0, unit * 0.2f));
    if (screen.no_results) notice_box(frame, screen.no_results->text, false);
    ImGui::PushFont(frame.body());
    for (std::size_t i = 0; i < screen.procedures.size(); ++i) {
        const auto& procedure = screen.procedures[i];
        // [help] A pictogram left of the button, and the everyday line under its name.
        const bool looks = i < screen.looks.size();
        // [pixels] As tall as the button's least height (2.2 lines of the text size, never under
        // 12.7 mm), so it grows with the text; at most an eighth of the row, so the name keeps
        // its room; centred beside the button, and recorded so the audit sees it overlap nothing.
        const float icon_side =
            std::round(std::max(frame.target(), std::min(frame.tall(2.2f), width * 0.125f)));
        if (!looks) {
            wide_action(frame, procedure, width);
            continue;
        }
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(icon_side, icon_side));
        ImGui::SameLine();
        const float indent = icon_side + ImGui::GetStyle().ItemSpacing.x;
        wide_action(frame, procedure, width - indent);
        const float top =
            std::round((ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y - icon_side) / 2);
        const ImVec2 icon_at(at.x, std::max(at.y, top));
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw_icon(draw, icon_at, icon_side, screen.looks[i].icon, frame.colours.primary);
        const ImVec2 clip_min = draw->GetClipRectMin(), clip_max = draw->GetClipRectMax();
        const Rect full{icon_at.x, icon_at.y, icon_side, icon_side};
        const float seen_top = std::max(full.y, clip_min.y);
        const float seen_bottom = std::min(full.bottom(), clip_max.y);
        frame.context.registry.add_image(
            {"pictogram",
             seen_bottom > seen_top ? Rect{full.x, seen_top, full.w, seen_bottom - seen_top}
                                    : Rect{},
             full, frame.scrolls});
        // [/pixels]
        if (!screen.looks[i].tagline.empty()) {
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
            muted(frame, screen.looks[i].tagline.text);
        }
        // [/help]
    }
    ImGui::PopFont();
}

}  // namespace motcua::ui
