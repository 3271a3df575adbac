// The accessibility audit of one frame, from what the widget registry recorded: touch-target
// size, overlapping targets, missing labels, label contrast and glyphs the font lacks. Pure: it
// reads the registry and the list of missing glyphs, so it is tested without a window.
#pragma once

#include <string>
#include <vector>

#include "ui/registry.h"

namespace motcua::platform {

// Minimum touch target: 44 CSS px in WCAG 2.5.5 terms, on a kiosk panel of about 100 PPI.
inline constexpr float MinTarget = 48.0f;
inline constexpr float MinContrast = 4.5f;

// Each problem found in this frame as one line; empty when the frame passes.
std::vector<std::string> audit(const ui::Registry& registry,
                               const std::vector<std::string>& missing_glyphs);

}  // namespace motcua::platform
