// The accessibility audit of one frame, from what the registry recorded (every widget, text and
// image drawn, and the frame's ppi and contrast bar). It checks:
//  - touch targets >= 12.7 mm and >= 2.54 mm apart (millimetres from the frame's ppi);
//  - every target labelled, its label inside it and >= the mode's text bar; its edge >= 3:1;
//  - every text >= the mode's bar (10:1 standard, 7:1 the others) against what is behind it;
//  - nothing drawn overlaps anything else (widgets, texts, images);
//  - no text cut at its box (a scrolling area may cut at its top and bottom edge only);
//  - on a page as first shown, its headings and its question fully visible, above any answer;
//  - the primary action on screen; the focused field, its label and its error in view;
//  - glyphs the font lacks.
// Pure: it reads the registry and the list of missing glyphs, so it is tested without a window.
#pragma once

#include <string>
#include <vector>

#include "ui/registry.h"

namespace motcua::platform {

inline constexpr float MinTargetMm = 12.7f;
inline constexpr float MinGapMm = 2.54f;
inline constexpr float MinBoundary = 3.0f;

// Each problem found in this frame as one line; empty when the frame passes.
std::vector<std::string> audit(const ui::Registry& registry,
                               const std::vector<std::string>& missing_glyphs);

}  // namespace motcua::platform
