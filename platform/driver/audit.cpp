#include "platform/driver/audit.h"

#include <algorithm>
#include <cstdio>

namespace motcua::platform {

namespace {

using ui::Rect;

std::string format(const char* pattern, double a, double b = 0, double c = 0, double d = 0) {
    char out[160];
    std::snprintf(out, sizeof out, pattern, a, b, c, d);
    return out;
}

std::string name_of(const ui::WidgetRecord& w) {
    return "\"" + w.label + "\" (" + w.id + ")";
}

std::string name_of(const ui::TextRecord& t) {
    if (t.text.size() <= 48) return "text \"" + t.text + "\"";
    // Cut at 45 bytes, never inside a UTF-8 sequence.
    std::size_t cut = 45;
    while (cut > 0 && (static_cast<unsigned char>(t.text[cut]) & 0xC0) == 0x80) --cut;
    return "text \"" + t.text.substr(0, cut) + "...\"";
}

// The distance between two rects that do not overlap (0 when they touch or overlap).
float gap_between(const Rect& a, const Rect& b) {
    const float dx = std::max(a.x - b.right(), b.x - a.right());
    const float dy = std::max(a.y - b.bottom(), b.y - a.bottom());
    return std::max(0.0f, std::max(dx, dy));
}

bool fully_visible(const ui::TextRecord& t) {
    return !t.rect.empty() && t.rect.contains(t.full, 1.0f);
}

}  // namespace

std::vector<std::string> audit(const ui::Registry& registry,
                               const std::vector<std::string>& missing_glyphs) {
    std::vector<std::string> problems;
    const ui::FrameInfo& info = registry.info();
    const float px_per_mm = info.ppi / 25.4f;
    const float min_target = MinTargetMm * px_per_mm;
    // Half a pixel of slack: positions are rounded to whole pixels when drawn.
    const float min_gap = MinGapMm * px_per_mm - 0.5f;
    const auto& widgets = registry.widgets();
    const auto& texts = registry.texts();
    const auto& images = registry.images();

    // [SECTION] Targets
    for (std::size_t i = 0; i < widgets.size(); ++i) {
        const auto& w = widgets[i];
        if (w.rect.empty()) continue;  // scrolled out of view or covered
        const std::string name = name_of(w);
        if (w.label.empty()) problems.push_back(name + ": no visible label");
        if (w.full.w < min_target - 0.5f || w.full.h < min_target - 0.5f)
            problems.push_back(name + format(": target %.0f×%.0f px (%.1f×%.1f mm) is smaller "
                                             "than 12.7 mm",
                                             w.full.w, w.full.h, w.full.w / px_per_mm,
                                             w.full.h / px_per_mm));
        if (w.contrast < info.text_bar)
            problems.push_back(name + format(": label contrast %.1f:1 is below %.0f:1", w.contrast,
                                             info.text_bar));
        if (w.boundary < MinBoundary)
            problems.push_back(name + format(": edge contrast %.1f:1 is below 3:1", w.boundary));
        if (w.label_w > w.full.w + 0.5f || w.label_h > w.full.h + 0.5f)
            problems.push_back(name + format(": label %.0f×%.0f px is cut by its %.0f×%.0f target",
                                             w.label_w, w.label_h, w.full.w, w.full.h));
        for (std::size_t j = i + 1; j < widgets.size(); ++j) {
            const auto& other = widgets[j];
            if (other.rect.empty()) continue;
            if (w.rect.overlaps(other.rect))
                problems.push_back(name + " overlaps " + name_of(other));
            else if (const float gap = gap_between(w.rect, other.rect); gap < min_gap)
                problems.push_back(name + format(" is %.1f mm from ", gap / px_per_mm) +
                                   name_of(other) + " (at least 2.54 mm)");
        }
    }

    // [SECTION] Texts: contrast, clipping, overlap with everything else
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const auto& t = texts[i];
        if (t.rect.empty()) continue;
        const std::string name = name_of(t);
        if (t.contrast < info.text_bar)
            problems.push_back(
                name + format(": contrast %.1f:1 is below %.0f:1", t.contrast, info.text_bar));
        const bool cut_sideways =
            t.full.x < t.clip.x - 1.0f || t.full.right() > t.clip.right() + 1.0f;
        const bool cut_vertically =
            t.full.y < t.clip.y - 1.0f || t.full.bottom() > t.clip.bottom() + 1.0f;
        if (cut_sideways || (cut_vertically && !t.scrolls))
            problems.push_back(name +
                               format(" is cut at its box (text %.0f..%.0f × %.0f..%.0f px",
                                      t.full.x, t.full.right(), t.full.y, t.full.bottom()) +
                               format(", box %.0f..%.0f × %.0f..%.0f)", t.clip.x, t.clip.right(),
                                      t.clip.y, t.clip.bottom()));
        for (const auto& w : widgets)
            if (!w.rect.empty() && w.id != t.owner && t.rect.overlaps(w.rect))
                problems.push_back(name + " overlaps " + name_of(w));
        for (std::size_t j = i + 1; j < texts.size(); ++j)
            if (!texts[j].rect.empty() && t.rect.overlaps(texts[j].rect))
                problems.push_back(name + " overlaps " + name_of(texts[j]));
        for (const auto& image : images)
            if (!image.rect.empty() && t.rect.overlaps(image.rect))
                problems.push_back(name + " overlaps the " + image.what);
    }
    for (std::size_t i = 0; i < images.size(); ++i) {
        for (const auto& w : widgets)
            if (!w.rect.empty() && !images[i].rect.empty() && images[i].rect.overlaps(w.rect))
                problems.push_back("the " + images[i].what + " overlaps " + name_of(w));
        for (std::size_t j = i + 1; j < images.size(); ++j)
            if (!images[i].rect.empty() && images[i].rect.overlaps(images[j].rect))
                problems.push_back("the " + images[i].what + " overlaps the " + images[j].what);
        const Rect& seen = images[i].rect;
        const Rect& whole = images[i].full.empty() ? seen : images[i].full;
        const bool sideways = whole.x < seen.x - 1.0f || whole.right() > seen.right() + 1.0f;
        const bool vertically = whole.y < seen.y - 1.0f || whole.bottom() > seen.bottom() + 1.0f;
        if (!seen.empty() && (sideways || (vertically && !images[i].scrolls)))
            problems.push_back("the " + images[i].what + " is cut at its box");
        if (!info.screen.empty() && !info.screen.contains(seen, 1.0f))
            problems.push_back("the " + images[i].what + " is cut at the screen's edge");
    }

    // [SECTION] The page: headings and the question on entry, the primary action, the focus
    if (info.entry && !info.covered) {
        float answers_top = 1e9f;
        for (const auto& w : widgets)
            if (w.zone == ui::Zone::Content && !w.full.empty())
                answers_top = std::min(answers_top, w.full.y);
        bool first_question = true;
        for (const auto& t : texts) {
            const bool question = t.role == ui::TextRole::Question && first_question;
            if (t.role != ui::TextRole::Heading && !question) continue;
            if (t.role == ui::TextRole::Question) first_question = false;
            const char* what = t.role == ui::TextRole::Heading ? "heading" : "question";
            if (!fully_visible(t))
                problems.push_back(name_of(t) + ": the page's " + what +
                                   " is not fully visible when the page is entered");
            else if (t.full.y > answers_top + 1.0f)
                problems.push_back(name_of(t) + ": the page's " + what + " comes after an answer");
        }
    }
    if (info.primary) {
        bool shown = false;
        for (const auto& w : widgets)
            if (w.id == "primary" && !w.rect.empty() && w.rect.contains(w.full, 1.0f)) shown = true;
        if (!shown) problems.push_back("the primary action is not fully on screen");
    }
    for (const auto& w : widgets) {
        if (!w.focused || info.covered) continue;
        if (w.rect.empty() || !w.rect.contains(w.full, 1.0f))
            problems.push_back(name_of(w) + ": the field being typed into is not fully in view");
        for (const auto& t : texts)
            if (t.field == w.id && !fully_visible(t))
                problems.push_back(name_of(t) +
                                   ": the label or error of the field being typed "
                                   "into is not fully in view");
    }
    for (const auto& glyph : missing_glyphs) problems.push_back("missing glyph " + glyph);
    return problems;
}

}  // namespace motcua::platform
