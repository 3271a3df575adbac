#include <imgui.h>
#include <imgui_internal.h>

#include "ui/screens.h"

namespace motcua::ui {

void field_box(Frame& frame, const core::FieldBox& box) {
    const bool focused = box.focused;
    const bool has_error = box.has_error;
    const std::string& value = box.value;
    const float unit = frame.unit();
    const float width = std::min(ImGui::GetContentRegionAvail().x - unit * 0.6f, unit * 26.0f);
    const ImVec2 size(width, unit * 2.2f);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    std::string widget_id = "field:" + box.id;
    if (ImGui::InvisibleButton(widget_id.c_str(), size)) frame.emit(core::intent::Focus{box.id});
    register_item(frame, box.label.text, widget_id, true, frame.colours.text,
                  frame.colours.surface);
    if (focused) {
        // Keep the field being typed into above the keyboard, with its label and error above it.
        ImRect visible = ImGui::GetCurrentWindow()->InnerRect;
        if (ImGui::GetItemRectMin().y < visible.Min.y || ImGui::GetItemRectMax().y > visible.Max.y)
            ImGui::SetScrollHereY(0.75f);
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 border = has_error ? frame.colours.danger
                         : focused ? frame.colours.primary
                                   : frame.colours.border;
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), frame.colours.surface,
                        6);
    draw->AddRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), border, 6, 0,
                  focused || has_error ? 4.0f : 2.0f);
    if (focused)
        draw->AddRect(ImVec2(origin.x - 4, origin.y - 4),
                      ImVec2(origin.x + size.x + 4, origin.y + size.y + 4), frame.colours.focus, 8,
                      0, 3.0f);
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
    draw->PopClipRect();
    if (!value.empty())
        frame.context.registry.add_text(value, Rect{origin.x, origin.y, size.x, size.y});
}

}  // namespace motcua::ui
