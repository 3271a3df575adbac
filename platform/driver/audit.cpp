#include "platform/driver/audit.h"

#include <cstdio>

namespace motcua::platform {

std::vector<std::string> audit(const ui::Registry& registry,
                               const std::vector<std::string>& missing_glyphs) {
    std::vector<std::string> problems;
    const auto& widgets = registry.widgets();
    for (std::size_t i = 0; i < widgets.size(); ++i) {
        const auto& w = widgets[i];
        if (w.rect.w <= 0 || w.rect.h <= 0) continue;  // scrolled out of view
        const std::string name = "\"" + w.label + "\" (" + w.id + ")";
        if (w.label.empty()) problems.push_back(name + ": no visible label");
        if (w.full.w < MinTarget || w.full.h < MinTarget) {
            char size[64];
            std::snprintf(size, sizeof size, "%.0f×%.0f px", w.full.w, w.full.h);
            problems.push_back(name + ": target " + size + " is smaller than 48×48");
        }
        if (w.contrast < MinContrast) {
            char ratio[32];
            std::snprintf(ratio, sizeof ratio, "%.1f:1", w.contrast);
            problems.push_back(name + ": label contrast " + ratio + " is below 4.5:1");
        }
        for (std::size_t j = i + 1; j < widgets.size(); ++j) {
            const auto& other = widgets[j];
            if (other.rect.w > 0 && w.rect.overlaps(other.rect) && w.id.rfind("field:", 0) != 0)
                problems.push_back(name + " overlaps \"" + other.label + "\" (" + other.id + ")");
        }
    }
    for (const auto& glyph : missing_glyphs) problems.push_back("missing glyph " + glyph);
    return problems;
}

}  // namespace motcua::platform
