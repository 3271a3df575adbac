#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>

#include "ui/screens.h"

namespace motcua::ui {

void field_box(Frame& frame, const core::FieldBox& box, float reserve, bool placeholder) {
    const bool focused = box.focused;
    const bool has_error = box.has_error;
    const std::string& value = box.value;
    const float unit = frame.unit();
    const float width = std::min(ImGui::GetContentRegionAvail().x - reserve,
                                 std::max(unit * 26.0f, frame.target()));
    const ImVec2 size(width, frame.tall(1.8f));
    ImVec2 origin = ImGui::GetCursorScreenPos();
    std::string widget_id = "field:" + box.id;
    if (ImGui::InvisibleButton(widget_id.c_str(), size)) frame.emit(core::intent::Focus{box.id});
    register_item(frame, box.label.text, widget_id, true, frame.colours.text, frame.colours.surface,
                  has_error ? frame.colours.danger
                  : focused ? frame.colours.primary
                            : frame.colours.border);
    if (focused) {
        // [layout] Keep the field being typed into above the keyboard, with its label and error
        // above it: scroll so the whole group (from field_top) shows, its top first if it is
        // taller than the view.
        ImGuiWindow* window = ImGui::GetCurrentWindow();
        const ImRect visible = window->InnerRect;
        const float margin = frame.unit() * 0.3f;
        // The group's top: the first of its label, hint and error drawn this frame.
        float group_top = frame.field_top >= 0 ? frame.field_top : ImGui::GetItemRectMin().y;
        for (const auto& drawn : frame.context.registry.texts())
            if (drawn.field == widget_id) group_top = std::min(group_top, drawn.full.y);
        const float top = group_top - margin;
        const float bottom = ImGui::GetItemRectMax().y + margin;
        // How far down the page the field ends, for the next frame's plan (view.cpp): the
        // text steps down a size rather than push the page's heading out of view.
        if (ImGuiStorage* memory = page_memory()) {
            memory->SetFloat(MemoryExtent, bottom - window->Pos.y + window->Scroll.y);
            memory->SetFloat(MemoryFieldSpan, bottom - top);  // [pixels] what must show
            memory->SetInt(MemoryExtentSize, frame.size_index);
        }
        // Where the view should stand: at the page's top when everything down to the field fits;
        // else at the field's label (not half-way through a heading); else at the field. Set
        // again whenever the focus or the layout changes (a text size stepping down, an error
        // appearing above the field) or the group is out of view, and left
        // alone otherwise, so a finger may still scroll up to read the page.
        if (ImGuiStorage* memory = page_memory()) {
            const float top_c = top - window->Pos.y + window->Scroll.y;
            const float bottom_c = bottom - window->Pos.y + window->Scroll.y;
            const float view_h = visible.GetHeight();
            float ideal = 0;
            if (bottom_c > view_h)
                ideal = bottom_c - top_c <= view_h
                            ? top_c + margin - (visible.Min.y - window->Pos.y)
                            : bottom_c - view_h;
            ideal = std::max(0.0f, ideal);
            const ImGuiID key =
                ImHashStr(widget_id.c_str()) ^ static_cast<ImGuiID>(frame.size_index * 7919) ^
                static_cast<ImGuiID>(view_h * 31) ^ (static_cast<ImGuiID>(bottom_c) << 12) ^
                static_cast<ImGuiID>(top_c * 131);
            const bool out_of_view =
                top + margin < visible.Min.y - 1.0f || bottom - margin > visible.Max.y + 1.0f;
            if (static_cast<ImGuiID>(memory->GetInt(MemoryFocusKey, 0)) != key || out_of_view) {
                memory->SetInt(MemoryFocusKey, static_cast<int>(key));
                ImGui::SetScrollY(ideal);
                memory->SetBool(MemoryFocusScrolled, ideal > 0);
            }
        }
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 border = has_error ? frame.colours.danger
                         : focused ? frame.colours.primary
                                   : frame.colours.border;
    // [pixels] Boxes on whole pixels (rounded_box()), so both renderers draw the same edges; the
    // focus ring is a box of the backdrop's colour, 4 px around the field, drawn first.
    if (focused)
        rounded_box(draw, ImVec2(origin.x - 4, origin.y - 4),
                    ImVec2(origin.x + size.x + 4, origin.y + size.y + 4), frame.backdrop,
                    frame.colours.focus, 8, 3.0f);
    rounded_box(draw, origin, ImVec2(origin.x + size.x, origin.y + size.y), frame.colours.surface,
                border, 6, focused || has_error ? 4.0f : 2.0f);
    // [/pixels]
    ImFont* font = frame.body();
    const float text_y = origin.y + (size.y - font->FontSize) / 2;
    const float pad = unit * 0.5f;
    ImVec2 text_size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, value.c_str());
    // Long answers scroll left so the caret stays in view.
    float offset = std::max(0.0f, text_size.x - (size.x - 3 * pad));
    draw->PushClipRect(ImVec2(origin.x + 2, origin.y),
                       ImVec2(origin.x + size.x - 2, origin.y + size.y), true);
    draw->AddText(font, font->FontSize, ImVec2(origin.x + pad - offset, text_y), frame.colours.text,
                  value.c_str());
    if (focused) {
        float caret_x = origin.x + pad - offset + text_size.x + 2;
        draw->AddRectFilled(ImVec2(caret_x, text_y), ImVec2(caret_x + 3, text_y + font->FontSize),
                            frame.colours.primary);
    }
    const bool hint = placeholder && value.empty();
    ImFont* hint_font =
        hint ? fitting_font(frame, font, box.label.text, size.x - pad, size.y) : font;
    const float hint_y = origin.y + (size.y - hint_font->FontSize) / 2;
    if (hint)
        draw->AddText(hint_font, hint_font->FontSize, ImVec2(origin.x + pad, hint_y),
                      frame.colours.muted_text, box.label.text.c_str());
    draw->PopClipRect();
    if (hint || !value.empty()) {
        // The value, inside its box: the part in view (it scrolls left as it grows).
        TextRecord record;
        record.text = hint ? box.label.text : value;
        const float full_w =
            hint ? hint_font->CalcTextSizeA(hint_font->FontSize, FLT_MAX, 0, box.label.text.c_str())
                       .x
                 : text_size.x;
        // A value scrolls left to keep the caret in view; a hint is cut if it is too long.
        const float shown_w = hint ? full_w : std::min(full_w, size.x - 2 * pad);
        record.full = hint ? Rect{origin.x + pad, hint_y, shown_w, hint_font->FontSize}
                           : Rect{origin.x + pad, text_y, shown_w, font->FontSize};
        record.clip = Rect{origin.x, origin.y, size.x, size.y};
        const ImRect window_clip = ImGui::GetCurrentWindow()->ClipRect;
        ImRect seen(record.full.x, record.full.y, record.full.right(), record.full.bottom());
        seen.ClipWithFull(window_clip);
        record.rect = seen.Min.x < seen.Max.x && seen.Min.y < seen.Max.y
                          ? Rect{seen.Min.x, seen.Min.y, seen.GetWidth(), seen.GetHeight()}
                          : Rect{};
        record.contrast = contrast_ratio(hint ? frame.colours.muted_text : frame.colours.text,
                                         frame.colours.surface);
        record.role = TextRole::Value;
        record.owner = widget_id;
        record.scrolls = frame.scrolls;
        record.zone = frame.zone;
        frame.context.registry.add_text(std::move(record));
    }
    if (focused && !frame.context.registry.widgets().empty()) {
        // The registry marks the field being typed into, for the audit.
        frame.context.registry.mark_focused(widget_id);
    }
}

}  // namespace motcua::ui
