#include "ui/widgets.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace motcua::ui {

namespace {

struct ButtonColours {
    ImU32 background, text, border;
};

ButtonColours colours_for(const Frame& frame, Style style) {
    const Palette& p = frame.colours;
    switch (style) {
        case Style::Primary:
            return {p.primary, p.primary_text, p.primary};
        case Style::Danger:
            return {p.danger, p.primary_text, p.danger};
        case Style::Selected:
            return {p.primary, p.primary_text, p.focus};
        case Style::Key:
            return {p.key, p.key_text, p.border};
        case Style::Secondary:
            break;
    }
    return {p.secondary, p.secondary_text, p.border};
}

Rect visible_rect(ImVec2 min, ImVec2 max) {
    ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    ImRect item(min, max);
    item.ClipWithFull(clip);
    if (item.Min.x >= item.Max.x || item.Min.y >= item.Max.y) return Rect{};
    return Rect{item.Min.x, item.Min.y, item.GetWidth(), item.GetHeight()};
}

// `top` drawn with `alpha` over the opaque `below`, as one opaque colour.
ImU32 over(ImU32 top, ImU32 below, float alpha) {
    if (alpha >= 1.0f) return top;
    const ImVec4 a = ImGui::ColorConvertU32ToFloat4(top), b = ImGui::ColorConvertU32ToFloat4(below);
    const float k = a.w * alpha;
    return ImGui::ColorConvertFloat4ToU32(
        ImVec4(b.x + (a.x - b.x) * k, b.y + (a.y - b.y) * k, b.z + (a.z - b.z) * k, 1.0f));
}

// The visible text of an ImGui label ("Tiếp tục###next" → "Tiếp tục").
std::string visible_label(const std::string& label) {
    std::size_t hashes = label.find("##");
    return hashes == std::string::npos ? label : label.substr(0, hashes);
}

}  // namespace

void register_item(Frame& frame, const std::string& label, const std::string& id, bool enabled,
                   ImU32 text_colour, ImU32 background, ImU32 border, ImVec2 label_size) {
    WidgetRecord record;
    record.id = id;
    record.label = visible_label(label);
    record.rect = visible_rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    record.full = Rect{ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                       ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y};
    record.enabled = enabled;
    record.contrast = contrast_ratio(text_colour, background);
    record.boundary = std::max(contrast_ratio(border, frame.backdrop),
                               contrast_ratio(background, frame.backdrop));
    record.zone = frame.zone;
    record.label_w = label_size.x;
    record.label_h = label_size.y;
    frame.context.registry.add_widget(std::move(record));
}

ImFont* fitting_font(const Frame& frame, ImFont* font, const std::string& content, float w,
                     float h) {
    // Room for the label: a little padding on the sides, the border above and below.
    auto fits = [&](ImFont* f) {
        ImVec2 size = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, content.c_str());
        return (w <= 0 || size.x + f->FontSize * 0.5f <= w) && (h <= 0 || size.y + 4 <= h);
    };
    if (fits(font)) return font;
    for (int i = TextSizes - 1; i >= 0; --i) {
        ImFont* smaller = frame.context.fonts.body[i];
        if (smaller->FontSize < font->FontSize && fits(smaller)) return smaller;
    }
    return frame.context.fonts.body[0];
}

void rounded_box(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border, float rounding,
                 float thickness) {
    const float x0 = std::round(min.x), y0 = std::round(min.y);
    const float x1 = std::round(max.x), y1 = std::round(max.y);
    const float t = std::round(thickness);
    const float r = std::clamp(std::round(rounding), t, std::floor(std::min(x1 - x0, y1 - y0) / 2));
    // The corners: a quarter disc in the border colour, then the fill's inside it, without
    // anti-aliasing (its grey fringe came out differently in each renderer, beyond the test's
    // 2-pixel reach). Each is closed a pixel beyond its quarter (towards the middle of the box),
    // under the rectangles drawn next.
    struct Corner {
        float cx, cy, from, in_x, in_y;
        bool start_vertical;  // the arc starts on a vertical side of the box
    };
    const Corner corners[4] = {{x0 + r, y0 + r, IM_PI, 1, 1, true},
                               {x1 - r, y0 + r, IM_PI * 1.5f, -1, 1, false},
                               {x1 - r, y1 - r, 0.0f, -1, -1, true},
                               {x0 + r, y1 - r, IM_PI * 0.5f, 1, -1, false}};
    const ImDrawListFlags flags = draw->Flags;
    draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    for (const Corner& c : corners) {
        for (const float radius : {r, r - t}) {
            if (radius <= 0) continue;
            const float to = c.from + IM_PI * 0.5f;
            const ImVec2 start(c.cx + std::cos(c.from) * radius, c.cy + std::sin(c.from) * radius);
            const ImVec2 end(c.cx + std::cos(to) * radius, c.cy + std::sin(to) * radius);
            draw->PathLineTo(c.start_vertical ? ImVec2(start.x, start.y + c.in_y)
                                              : ImVec2(start.x + c.in_x, start.y));
            draw->PathArcTo(ImVec2(c.cx, c.cy), radius, c.from, to);
            draw->PathLineTo(c.start_vertical ? ImVec2(end.x + c.in_x, end.y)
                                              : ImVec2(end.x, end.y + c.in_y));
            draw->PathLineTo(ImVec2(c.cx + c.in_x, c.cy + c.in_y));
            draw->PathFillConvex(radius == r ? border : fill);
        }
    }
    draw->Flags = flags;
    // The straight parts: the fill as three rectangles, the border as four strips.
    draw->AddRectFilled(ImVec2(x0 + r, y0 + t), ImVec2(x1 - r, y1 - t), fill);
    draw->AddRectFilled(ImVec2(x0 + t, y0 + r), ImVec2(x0 + r, y1 - r), fill);
    draw->AddRectFilled(ImVec2(x1 - r, y0 + r), ImVec2(x1 - t, y1 - r), fill);
    draw->AddRectFilled(ImVec2(x0 + r, y0), ImVec2(x1 - r, y0 + t), border);
    draw->AddRectFilled(ImVec2(x0 + r, y1 - t), ImVec2(x1 - r, y1), border);
    draw->AddRectFilled(ImVec2(x0, y0 + r), ImVec2(x0 + t, y1 - r), border);
    draw->AddRectFilled(ImVec2(x1 - t, y0 + r), ImVec2(x1, y1 - r), border);
}

bool button(Frame& frame, const std::string& label, const char* id, ImVec2 size, Style style,
            bool enabled) {
    ButtonColours c = colours_for(frame, style);
    if (!enabled) c = {frame.colours.secondary, frame.colours.muted_text, frame.colours.border};
    // A label too long for its button is drawn smaller rather than cut.
    ImFont* font = fitting_font(frame, ImGui::GetFont(), label, size.x, size.y);
    ImGui::PushFont(font);
    const std::string full = "###" + std::string(id);
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::InvisibleButton(full.c_str(), size);
    const ImRect bb(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    // The box on whole pixels (rounded_box()), faded while disabled as ImGui fades a frame
    // (style.Alpha), but opaque: mixed with what is behind it.
    const float alpha = ImGui::GetStyle().Alpha;
    rounded_box(
        ImGui::GetWindowDrawList(), bb.Min, bb.Max,
        over(ImGui::IsItemActive() ? frame.colours.focus : c.background, frame.backdrop, alpha),
        over(c.border, frame.backdrop, alpha), ImGui::GetStyle().FrameRounding,
        style == Style::Selected ? 4.0f : 2.0f);
    // The label is centred in the whole button (as ImGui::Button would, inside its frame
    // padding): the padding (set from the content's text size) would push a smaller chrome
    // label down to the bottom edge (or right to the edge) of a chrome-sized button, so it
    // shrinks to fit.
    const ImVec2 label_size = ImGui::CalcTextSize(label.c_str());
    const ImVec2 pad(
        std::max(0.0f, std::min(ImGui::GetStyle().FramePadding.x, (size.x - label_size.x) / 2)),
        std::max(0.0f, std::min(ImGui::GetStyle().FramePadding.y, (size.y - font->FontSize) / 2)));
    ImGui::PushStyleColor(ImGuiCol_Text, c.text);
    ImGui::RenderTextClipped(ImVec2(bb.Min.x + pad.x, bb.Min.y + pad.y),
                             ImVec2(bb.Max.x - pad.x, bb.Max.y - pad.y), label.c_str(), nullptr,
                             &label_size, ImGui::GetStyle().ButtonTextAlign, &bb);
    ImGui::PopStyleColor();
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopFont();
    register_item(frame, label, id, enabled, c.text, c.background, c.border, label_size);
    return pressed && enabled;
}

void action(Frame& frame, const core::Action& action, ImVec2 size) {
    if (button(frame, action.label.text, action.id.c_str(), size, action.style, action.enabled))
        frame.emit(action.intent);
}

void wide_action(Frame& frame, const core::Action& action, float width) {
    ImFont* font = ImGui::GetFont();
    const float pad = std::round(font->FontSize * 0.5f);
    const float wrap = width - 2 * pad;
    const ImVec2 label =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, action.label.text.c_str());
    const ImVec2 size(width, std::max(frame.tall(2.2f), label.y + 2 * pad));
    ButtonColours c = colours_for(frame, action.style);
    if (!action.enabled)
        c = {frame.colours.secondary, frame.colours.muted_text, frame.colours.border};
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const std::string id = "###" + action.id;
    if (!action.enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::InvisibleButton(id.c_str(), size);
    const bool held = ImGui::IsItemActive();
    if (!action.enabled) ImGui::EndDisabled();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end(origin.x + size.x, origin.y + size.y);
    const float rounding = ImGui::GetStyle().FrameRounding;
    rounded_box(draw, origin, end, held ? frame.colours.focus : c.background, c.border, rounding,
                action.style == Style::Selected ? 4.0f : 2.0f);
    draw->AddText(font, font->FontSize, ImVec2(origin.x + pad, origin.y + (size.y - label.y) / 2),
                  c.text, action.label.text.c_str(), nullptr, wrap);
    register_item(frame, action.label.text, action.id, action.enabled, c.text, c.background,
                  c.border, ImVec2(std::min(label.x, wrap), label.y));
    if (pressed && action.enabled) frame.emit(action.intent);
}

void grid(Frame& frame, const std::vector<const core::Action*>& actions, float min_cell_w) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int per_row = std::clamp(static_cast<int>((width + spacing) / (min_cell_w + spacing)), 1,
                                   std::max(1, static_cast<int>(actions.size())));
    const float cell =
        (width - spacing * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
    const float left = ImGui::GetCursorPosX();
    for (std::size_t i = 0; i < actions.size(); i += static_cast<std::size_t>(per_row)) {
        const float row_top = ImGui::GetCursorPosY();
        float row_bottom = row_top;
        for (int k = 0; k < per_row && i + static_cast<std::size_t>(k) < actions.size(); ++k) {
            ImGui::SetCursorPos(ImVec2(left + static_cast<float>(k) * (cell + spacing), row_top));
            wide_action(frame, *actions[i + static_cast<std::size_t>(k)], cell);
            row_bottom = std::max(row_bottom, ImGui::GetCursorPosY());
        }
        ImGui::SetCursorPos(ImVec2(left, row_bottom));
    }
}

void record_text(Frame& frame, const std::string& content, ImU32 colour, TextRole role,
                 const std::string& owner, ImU32 behind) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    TextRecord record;
    record.text = content;
    record.full = Rect{ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                       ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y};
    record.rect = visible_rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImRect clip = window->ClipRect;
    record.clip = Rect{clip.Min.x, clip.Min.y, clip.GetWidth(), clip.GetHeight()};
    record.contrast = contrast_ratio(colour, behind);
    record.role = role;
    record.owner = owner;
    record.field = frame.field;
    record.scrolls = frame.scrolls;
    record.zone = frame.zone;
    if (frame.zone == Zone::Content &&
        (role == TextRole::Heading || (role == TextRole::Question && !frame.question_seen))) {
        frame.question_seen = frame.question_seen || role == TextRole::Question;
        frame.entry_extent =
            std::max(frame.entry_extent, record.full.bottom() - window->Pos.y + window->Scroll.y);
    }
    frame.context.registry.add_text(std::move(record));
}

void text(Frame& frame, const std::string& content, ImFont* font, ImU32 colour, float wrap_x,
          TextRole role) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(wrap_x);
    ImGui::TextUnformatted(content.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    record_text(frame, content, colour, role, {}, frame.backdrop);
}

void question(Frame& frame, const std::string& content) {
    text(frame, content, frame.heading(), frame.colours.text, 0.0f, TextRole::Question);
}

void heading(Frame& frame, const std::string& content) {
    text(frame, content, frame.heading(), frame.colours.text, 0.0f, TextRole::Heading);
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.1f));
}

void paragraph(Frame& frame, const std::string& content) {
    text(frame, content, frame.body(), frame.colours.text);
}

void muted(Frame& frame, const std::string& content) {
    text(frame, content, frame.body(), frame.colours.muted_text);
}

void notice_box(Frame& frame, const std::string& content, bool error) {
    const float pad = frame.unit() * 0.6f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImVec2 start = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad + 6, start.y + pad));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad - 6);
    ImGui::PushFont(frame.body());
    ImGui::PushStyleColor(ImGuiCol_Text, error ? frame.colours.danger : frame.colours.text);
    ImGui::TextUnformatted(content.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImVec2 text_max = ImGui::GetItemRectMax();
    record_text(frame, content, error ? frame.colours.danger : frame.colours.text,
                error ? TextRole::Error : TextRole::Body, {},
                error ? frame.colours.danger_surface : frame.colours.secondary);
    draw->ChannelsSetCurrent(0);
    ImVec2 end(start.x + width, text_max.y + pad);
    draw->AddRectFilled(start, end, error ? frame.colours.danger_surface : frame.colours.secondary,
                        8);
    draw->AddRectFilled(start, ImVec2(start.x + 8, end.y),
                        error ? frame.colours.danger : frame.colours.primary);
    draw->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(start.x, end.y));
    ImGui::Dummy(ImVec2(width, frame.unit() * 0.5f));
}

namespace {
constexpr float ScrollHintWidth = 24.0f;  // the hint (10 px) with its margins
}  // namespace

ImGuiStorage* page_memory() {
    ImGuiWindow* kiosk = ImGui::FindWindowByName("kiosk");
    return kiosk ? &kiosk->StateStorage : nullptr;
}

void begin_content(Frame& frame, const char* id, ImVec2 size, unsigned page) {
    // A new page starts at its top (its heading and question first), whatever the last page's
    // scroll was; and it counts as "entered" until someone scrolls it (a finger, or the view
    // keeping a focused field in view). Kept in ImGui's per-window storage, not in statics.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const bool new_page = storage->GetInt(MemoryPage, 0) != static_cast<int>(page);
    if (new_page) {
        storage->SetInt(MemoryPage, static_cast<int>(page));
        storage->SetBool(MemoryMoved, false);
        storage->SetInt(MemoryTypingCap, 0);
        storage->SetFloat(MemoryExtent, 0);
        storage->SetFloat(MemoryFieldSpan, 0);
        storage->SetFloat(MemoryEntryExtent, 0);
        storage->SetInt(MemoryEntryCap, 0);
        storage->SetInt(MemoryFocusKey, 0);
        storage->SetBool(MemoryFocusScrolled, false);
        const ImGuiID child_id = ImGui::GetID(id);
        char name[256];
        ImFormatString(name, IM_ARRAYSIZE(name), "%s/%s_%08X", ImGui::GetCurrentWindow()->Name, id,
                       child_id);
        if (ImGuiWindow* child = ImGui::FindWindowByName(name)) {
            child->Scroll.y = 0;
            child->ScrollTarget.y = FLT_MAX;
        }
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg,
                          IM_COL32(0, 0, 0, 0));  // the clear colour shows through
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollbar);
    frame.scrolls = true;
    // Keep text and buttons clear of the scroll hint end_content() draws along the right edge.
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    window->ContentRegionRect.Max.x -= ScrollHintWidth;
    window->WorkRect.Max.x -= ScrollHintWidth;
    // Touch scrolling: a finger dragged over the content scrolls it, and the button it started
    // on is not pressed (Dear ImGui 1.86 has no drag-to-scroll of its own).
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                               ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, frame.unit() * 0.4f)) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        ImGui::ClearActiveID();
        mark_content_moved();
    }
}

void mark_content_moved() {
    // The flag lives in the kiosk window's storage, next to the page it belongs to.
    if (ImGuiStorage* storage = page_memory()) storage->SetBool(MemoryMoved, true);
}

bool content_moved() {
    ImGuiStorage* storage = page_memory();
    return storage &&
           (storage->GetBool(MemoryMoved, false) || storage->GetBool(MemoryFocusScrolled, false));
}

void end_content(Frame& frame) {
    // A visible scroll hint instead of a thin scrollbar: elderly users miss hidden content.
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    float max_scroll = ImGui::GetScrollMaxY();
    if (max_scroll > 1.0f) {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        ImRect r = window->Rect();
        float track_h = r.GetHeight() - 16;
        float thumb_h =
            std::max(frame.unit(), track_h * r.GetHeight() / (r.GetHeight() + max_scroll));
        float thumb_y = r.Min.y + 8 + (track_h - thumb_h) * (ImGui::GetScrollY() / max_scroll);
        // On whole pixels (rounded_box), like the buttons.
        rounded_box(draw, ImVec2(r.Max.x - 14, r.Min.y + 8), ImVec2(r.Max.x - 4, r.Max.y - 8),
                    frame.colours.secondary, frame.colours.secondary, 5, 1);
        rounded_box(draw, ImVec2(r.Max.x - 14, thumb_y), ImVec2(r.Max.x - 4, thumb_y + thumb_h),
                    frame.colours.muted_text, frame.colours.muted_text, 5, 1);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    frame.scrolls = false;
}

float chrome_margin(const Frame& frame) {
    return std::round(std::max(frame.gap(), frame.chrome_body()->FontSize * 0.5f));
}

void keyboard(Frame& frame, const core::Keyboard& keys, float height) {
    using core::KeyboardKind;
    // The least gap between targets (2.54 mm): at the largest text size the keys grow, not the
    // gaps between them.
    const float gap_px = frame.gap();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap_px, gap_px));
    const ImGuiStyle& style = ImGui::GetStyle();
    const float margin = chrome_margin(frame);
    const float width = ImGui::GetContentRegionAvail().x - margin;  // right margin
    const float gap = style.ItemSpacing.x;
    // The keys' labels grow with the chrome's text size (a label too long for its key is
    // drawn a size smaller by button()).
    ImGui::PushFont(frame.chrome_body());
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 2));
    // Keys [first, last) of a row, all the same size, after an indent.
    auto key_row = [&](const std::vector<core::Action>& row, std::size_t first, std::size_t last,
                       float key_w, float key_h, float indent) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
        for (std::size_t i = first; i < last; ++i) {
            if (i > first) ImGui::SameLine();
            action(frame, row[i], ImVec2(key_w, key_h));
        }
    };
    const auto& rows = keys.rows;
    if (keys.kind == KeyboardKind::Numbers) {
        // Three rows of three digits, each ending with a wider function key; then 0.
        const float key_h = std::floor((height - 3 * style.ItemSpacing.y) / 4);
        const float key_w = std::floor(std::min((width - 3 * gap) / 4, key_h * 2.4f));
        const float indent = std::floor((width - 4 * key_w - 3 * gap) / 2);
        for (std::size_t r = 0; r < 3 && r < rows.size(); ++r) {
            key_row(rows[r], 0, 3, key_w, key_h, indent);
            ImGui::SameLine();
            action(frame, rows[r][3], ImVec2(key_w, key_h));
        }
        if (rows.size() > 3)
            key_row(rows[3], 0, rows[3].size(), key_w * 3 + 2 * gap, key_h, indent);
        ImGui::PopFont();
        ImGui::PopStyleVar(2);
        return;
    }
    // Whole pixels: text on fractional positions renders differently from renderer to renderer.
    const float key_h = std::floor((height - 4 * style.ItemSpacing.y) / 5);
    const float key_w = std::floor((width - 10 * gap) / 11);
    // Letter rows, staggered, each ending with backspace, shift or space.
    const float special_w[3] = {1.0f, 1.5f, 2.5f};
    for (std::size_t r = 0; r < 3 && r < rows.size(); ++r) {
        key_row(rows[r], 0, rows[r].size() - 1, key_w, key_h,
                std::floor(static_cast<float>(r) * key_w * 0.5f));
        ImGui::SameLine();
        action(frame, rows[r].back(), ImVec2(std::floor(key_w * special_w[r]), key_h));
    }
    // Vowel marks (the wide ones hold two or three letters), tones, then "Xong" to the edge.
    if (rows.size() > 3) {
        const auto& marks = rows[3];
        const float mark_w = key_w;
        for (std::size_t i = 0; i + 1 < marks.size(); ++i) {
            if (i) ImGui::SameLine();
            const float w = std::floor(i < 4 ? mark_w * (i == 0 || i == 2 ? 1.4f : 1.0f) : mark_w);
            action(frame, marks[i], ImVec2(w, key_h));
        }
        ImGui::SameLine();
        action(frame, marks.back(), ImVec2(ImGui::GetContentRegionAvail().x - margin, key_h));
    }
    // Digits and the punctuation of addresses and dossier codes.
    if (rows.size() > 4)
        key_row(rows[4], 0, rows[4].size(), std::floor((width - 12 * gap) / 13), key_h, 0);
    ImGui::PopFont();
    ImGui::PopStyleVar(2);
}

void qr_code(Frame& frame, const std::string& payload, float side) {
    if (!frame.context.make_qr) return;
    QrMatrix matrix = frame.context.make_qr(payload);
    if (matrix.size == 0) return;
    // The matrix already holds the 4-module quiet zone (ISO/IEC 18004), painted white here.
    const float module = std::floor(side / static_cast<float>(matrix.size));
    const float total = module * static_cast<float>(matrix.size);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + total, origin.y + total), IM_COL32_WHITE);
    for (int y = 0; y < matrix.size; ++y)
        for (int x = 0; x < matrix.size; ++x)
            if (matrix.on[static_cast<std::size_t>(y * matrix.size + x)]) {
                ImVec2 a(origin.x + x * module, origin.y + y * module);
                draw->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32_BLACK);
            }
    ImGui::Dummy(ImVec2(total, total));
    frame.context.registry.add_image(
        {"QR code", visible_rect(origin, ImVec2(origin.x + total, origin.y + total)),
         Rect{origin.x, origin.y, total, total}, frame.scrolls});
}

}  // namespace motcua::ui
