// Every interactive widget records itself here each frame: {id, label, rect, enabled}. The test
// driver taps widgets by label through it, and the accessibility audit checks every target.
// Text drawn through ui helpers is recorded too, so "expect" and the glyph audit can read it.
#pragma once

#include <string>
#include <vector>

namespace motcua::ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float center_x() const { return x + w / 2; }
    float center_y() const { return y + h / 2; }
    bool overlaps(const Rect& other) const {
        return x < other.x + other.w && other.x < x + w && y < other.y + other.h && other.y < y + h;
    }
};

struct WidgetRecord {
    std::string id;     // stable id (the part after ###)
    std::string label;  // visible text
    Rect rect;          // on screen, clipped to what is visible (where a tap lands)
    Rect full;          // the whole target, even where scrolled out of view
    bool enabled = true;
    float contrast = 0;  // label text against its background (WCAG ratio)
};

struct TextRecord {
    std::string text;
    Rect rect;
};

class Registry {
public:
    void begin_frame() {
        m_widgets.clear();
        m_texts.clear();
        m_hidden.clear();  // [staff]
    }
    // [staff] A target with no visible widget (the hidden staff corner): found by id, never
    // audited (it is meant to be invisible).
    void add_hidden_target(std::string id, Rect rect) {
        m_hidden.push_back(WidgetRecord{std::move(id), {}, rect, rect, true, 0});
    }
    // A full-screen overlay now covers everything recorded so far: none of it can be tapped
    // or read any more.
    void cover_all() {
        for (auto& widget : m_widgets) widget.rect = Rect{};
        for (auto& widget : m_hidden) widget.rect = Rect{};  // [staff]
        m_texts.clear();
    }
    void add_widget(WidgetRecord record) { m_widgets.push_back(std::move(record)); }
    void add_text(std::string text, Rect rect) { m_texts.push_back({std::move(text), rect}); }
    const std::vector<WidgetRecord>& widgets() const { return m_widgets; }
    const std::vector<TextRecord>& texts() const { return m_texts; }

    // The visible widget whose label (or id) is exactly `label`; nullptr when none.
    const WidgetRecord* find(const std::string& label) const {
        for (const auto& widget : m_widgets)
            if (widget.label == label && widget.rect.w > 0 && widget.rect.h > 0) return &widget;
        for (const auto& widget : m_widgets)
            if (widget.id == label && widget.rect.w > 0 && widget.rect.h > 0) return &widget;
        for (const auto& widget : m_hidden)  // [staff]
            if (widget.id == label && widget.rect.w > 0 && widget.rect.h > 0) return &widget;
        return nullptr;
    }
    // A widget with this label drawn this frame but scrolled out of view; nullptr when none.
    const WidgetRecord* find_hidden(const std::string& label) const {
        for (const auto& widget : m_widgets)
            if ((widget.label == label || widget.id == label) && widget.rect.w <= 0 &&
                widget.full.w > 0)
                return &widget;
        return nullptr;
    }
    // True when `needle` appears in any text or widget label drawn this frame.
    bool shows(const std::string& needle) const {
        for (const auto& text : m_texts)
            if (text.text.find(needle) != std::string::npos) return true;
        for (const auto& widget : m_widgets)
            if (widget.label.find(needle) != std::string::npos) return true;
        return false;
    }

private:
    std::vector<WidgetRecord> m_widgets;
    std::vector<TextRecord> m_texts;
    std::vector<WidgetRecord> m_hidden;  // [staff]
};

}  // namespace motcua::ui
