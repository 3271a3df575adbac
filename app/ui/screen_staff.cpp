// [staff] Staff mode: the hidden corner target on every screen, and the staff pages drawn over
// everything (the PIN pad, the outbox, the kiosk's status, today's counts, the log).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ui/screens.h"

namespace motcua::ui {

namespace {

// Buttons side by side, wrapping to the next line when the row is full.
void button_row(Frame& frame, const std::vector<core::Action>& actions, float height) {
    const float unit = frame.unit();
    const float right = ImGui::GetContentRegionMax().x - unit;
    bool first = true;
    for (const auto& item : actions) {
        const float width =
            std::max(unit * 5.0f, ImGui::CalcTextSize(item.label.text.c_str()).x + unit * 1.6f);
        if (!first) {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + width > right) ImGui::NewLine();
        }
        action(frame, item, ImVec2(width, height));
        first = false;
    }
}

void pin_pad(Frame& frame, const core::StaffScreen& screen) {
    const float unit = frame.unit();
    text(frame, screen.pin_dots.empty() ? std::string(" ") : screen.pin_dots, frame.heading(),
         frame.colours.text);
    const ImVec2 key(unit * 5.5f, unit * 2.0f);
    for (const auto& row : screen.pad) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) ImGui::SameLine();
            action(frame, row[i], key);
        }
    }
}

void reason_box(Frame& frame, const core::FieldBox& box) {
    const float unit = frame.unit();
    muted(frame, box.label.text);
    const std::string shown = box.value + (box.focused ? "|" : "");
    const core::Intent focus =
        core::intent::StaffFocus{box.id == "staff_reason" ? "reason" : "reprint"};
    if (button(frame, shown.empty() ? std::string("…") : shown, box.id.c_str(),
               ImVec2(std::min(ImGui::GetContentRegionAvail().x - unit, unit * 24.0f), unit * 2.4f),
               box.focused ? Style::Selected : Style::Secondary))
        frame.emit(focus);
}

}  // namespace

// The hidden corner: a square of at least a fingertip (12.7 mm at the panel's ppi) in the
// header, as far up and left as it goes without touching anything drawn there. On the attract
// screen that is the top-left corner itself; with "home" in that corner it sits just right of
// it, a gap away. Invisible: the registry keeps it for the test driver, outside the audited
// widgets. Residents cannot open it by chance: five taps within 3 s, then a PIN.
namespace {

Rect staff_corner_rect(const Registry& registry, float side, float gap, float header_height,
                       float width) {
    std::vector<Rect> taken;
    for (const auto& widget : registry.widgets())
        if (!widget.rect.empty()) taken.push_back(widget.rect);
    for (const auto& text : registry.texts())
        if (!text.rect.empty()) taken.push_back(text.rect);
    for (const auto& image : registry.images())
        if (!image.rect.empty()) taken.push_back(image.rect);
    // A gap from everything: a finger aimed at the corner must not press a neighbour.
    auto clear = [&](const Rect& rect) {
        const Rect padded{rect.x - gap, rect.y - gap, rect.w + 2 * gap, rect.h + 2 * gap};
        for (const Rect& other : taken)
            if (padded.overlaps(other)) return false;
        return true;
    };
    // Where a free square can start: the screen's edges, or a gap past something drawn.
    std::vector<float> xs{0}, ys{0};
    for (const Rect& other : taken) {
        xs.push_back(std::ceil(other.right() + gap));
        ys.push_back(std::ceil(other.bottom() + gap));
    }
    std::sort(xs.begin(), xs.end());
    std::sort(ys.begin(), ys.end());
    const float bottom = header_height - 2;  // above the header's rule
    for (float y : ys) {
        if (y + side > bottom) break;
        for (float x : xs) {
            if (x + side > width) break;
            const Rect rect{x, y, side, side};
            if (clear(rect)) return rect;
        }
    }
    return Rect{};  // no room: no corner this frame (the audit of the header would fail first)
}

}  // namespace

void staff_corner(Frame& frame, float header_height) {
    const ImVec2 origin = ImGui::GetWindowPos();
    const float side = std::ceil(frame.context.fonts.px(TargetMm));
    Rect rect = staff_corner_rect(frame.context.registry, side, frame.gap(), header_height,
                                  ImGui::GetWindowWidth());
    if (rect.empty()) return;
    rect.x += origin.x;
    rect.y += origin.y;
    frame.context.registry.add_hidden_target("staff_corner", rect);
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && io.MousePos.x >= rect.x &&
        io.MousePos.x < rect.x + rect.w && io.MousePos.y >= rect.y &&
        io.MousePos.y < rect.y + rect.h)
        frame.emit(core::intent::StaffCornerTap{});
}

void staff_overlay(Frame& resident_frame, const core::StaffScreen& screen) {
    // Staff read at the normal size, whatever the resident chose.
    Frame frame = resident_frame;
    frame.size_index = 0;
    frame.chrome_index = 0;
    frame.backdrop = frame.colours.background;
    frame.field.clear();
    frame.context.registry.cover_all();
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, frame.colours.background);
    ImGui::PushFont(frame.body());
    ImGui::Begin(
        "staff", nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const float unit = frame.unit();
    ImGui::SetCursorPos(ImVec2(unit * 0.8f, unit * 0.5f));
    // One scroll position per page: a new page starts at its top.
    const std::string content_id = "staff_content_" + std::to_string(static_cast<int>(screen.page));
    begin_content(frame, content_id.c_str(),
                  ImVec2(io.DisplaySize.x - unit * 1.6f, io.DisplaySize.y - unit * 1.0f),
                  0x5A000000u + static_cast<unsigned>(screen.page));
    ImGui::SetCursorPos(ImVec2(unit * 0.4f, unit * 0.4f));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - unit);
    text(frame, screen.title.text, frame.heading(), frame.colours.text);
    button_row(frame, screen.top, unit * 2.4f);
    if (!screen.tabs.empty()) {
        ImGui::Dummy(ImVec2(0, unit * 0.2f));
        button_row(frame, screen.tabs, unit * 2.4f);
    }
    ImGui::Dummy(ImVec2(0, unit * 0.4f));
    heading(frame, screen.heading.text);
    if (screen.message) notice_box(frame, screen.message->text, false);
    if (screen.error) notice_box(frame, screen.error->text, true);
    if (!screen.pad.empty()) pin_pad(frame, screen);
    for (const auto& line : screen.lines) paragraph(frame, line.text);
    for (const auto& row : screen.rows) {
        ImGui::Separator();
        paragraph(frame, row.text.text);
        if (!row.detail.empty()) muted(frame, row.detail.text);
        button_row(frame, row.actions, unit * 2.2f);
    }
    if (screen.box) {
        ImGui::Dummy(ImVec2(0, unit * 0.4f));
        reason_box(frame, *screen.box);
    }
    if (!screen.actions.empty()) {
        ImGui::Dummy(ImVec2(0, unit * 0.2f));
        button_row(frame, screen.actions, unit * 2.4f);
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, unit));
    end_content(frame);
    ImGui::End();
    ImGui::PopFont();
    ImGui::PopStyleColor();
}

}  // namespace motcua::ui
