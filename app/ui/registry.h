// Every interactive widget records itself here each frame: {id, label, rect, enabled}. The test
// driver taps widgets by label through it, and the accessibility audit checks every target.
// Everything else drawn (text, the QR image) is recorded too, so "expect", the glyph audit and
// the overlap, clipping and contrast rules of the audit see the whole frame.
#pragma once

#include <string>
#include <vector>

namespace motcua::ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    float center_x() const { return x + w / 2; }
    float center_y() const { return y + h / 2; }
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool empty() const { return w <= 0 || h <= 0; }
    bool overlaps(const Rect& other) const {
        return x < other.x + other.w && other.x < x + w && y < other.y + other.h && other.y < y + h;
    }
    // True when `other` lies inside this rect (with `slack` px of tolerance on every side).
    bool contains(const Rect& other, float slack = 0.5f) const {
        return other.x >= x - slack && other.y >= y - slack && other.right() <= right() + slack &&
               other.bottom() <= bottom() + slack;
    }
};

// Where on the screen a thing is drawn: answers live in the content, the rest is chrome.
enum class Zone { Content, Header, Footer, Keyboard, Banner, Overlay };

struct WidgetRecord {
    std::string id;     // stable id (the part after ###)
    std::string label;  // visible text
    Rect rect;          // on screen, clipped to what is visible (where a tap lands)
    Rect full;          // the whole target, even where scrolled out of view
    bool enabled = true;
    float contrast = 0;   // label text against its background (WCAG ratio)
    float boundary = 21;  // the control's edge (border or fill) against what surrounds it
    float label_w = 0;    // the label's size in px; it must fit inside the target
    float label_h = 0;
    Zone zone = Zone::Content;
    bool focused = false;  // the field being typed into
};

// What a text is on its page: the audit checks that headings and the question are visible
// when a page is entered, and that a focused field's label and error stay in view.
enum class TextRole { Body, Heading, Question, Label, Error, Value };

struct TextRecord {
    std::string text;
    Rect rect;            // visible part
    Rect full{};          // the whole text, even where cut or scrolled away
    Rect clip{};          // the box it must fit in (its window, or its owner's box)
    float contrast = 21;  // against what is behind it
    TextRole role = TextRole::Body;
    std::string owner;     // the widget it is drawn inside (a field's value), or ""
    std::string field;     // the field it labels or explains ("field:<id>"), or ""
    bool scrolls = false;  // in a scrolling area: cut at its top or bottom edge is fine
    Zone zone = Zone::Content;
};

// A picture drawn this frame (the receipt's QR code).
struct ImageRecord {
    std::string what;
    Rect rect;             // visible part
    Rect full{};           // the whole picture (empty: same as rect)
    bool scrolls = false;  // in a scrolling area: cut at its top or bottom edge is fine
};

// What the audit needs to know about the whole frame.
struct FrameInfo {
    float ppi = 96;         // millimetres from pixels
    float text_bar = 4.5f;  // the least contrast any text may have in this mode
    Rect screen{};          // the display
    bool entry = false;     // the page as first shown: not typing, not scrolled by anyone
    bool primary = false;   // the model has a primary action on screen (the footer's)
    bool covered = false;   // the idle overlay or a dialog covers the page
    // [pixels] The resident's text size and the one the content is drawn at (0..3; smaller while
    // typing when the field would not fit above the keyboard), for the driver's "expect-size".
    int text_size = -1;
    int content_size = -1;
    // [/pixels]
};

class Registry {
public:
    void begin_frame() {
        m_widgets.clear();
        m_texts.clear();
        m_images.clear();
        m_info = FrameInfo{};
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
        m_images.clear();
        m_info.covered = true;
        m_info.primary = false;
    }
    void add_widget(WidgetRecord record) { m_widgets.push_back(std::move(record)); }
    void add_text(std::string text, Rect rect) {
        TextRecord record;
        record.text = std::move(text);
        record.rect = rect;
        record.full = rect;
        record.clip = rect;
        m_texts.push_back(std::move(record));
    }
    void add_text(TextRecord record) { m_texts.push_back(std::move(record)); }
    void mark_focused(const std::string& id) {
        for (auto& widget : m_widgets)
            if (widget.id == id) widget.focused = true;
    }
    void add_image(ImageRecord record) { m_images.push_back(std::move(record)); }
    FrameInfo& info() { return m_info; }
    const FrameInfo& info() const { return m_info; }
    const std::vector<WidgetRecord>& widgets() const { return m_widgets; }
    const std::vector<TextRecord>& texts() const { return m_texts; }
    const std::vector<ImageRecord>& images() const { return m_images; }

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
    std::vector<ImageRecord> m_images;
    FrameInfo m_info;
    std::vector<WidgetRecord> m_hidden;  // [staff]
};

}  // namespace motcua::ui
