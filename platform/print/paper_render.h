// Renders a core::PaperDocument (the receipt or the queue ticket) into a 1-bit image at the
// printer's width with the kiosk's Noto font, and checks it: no glyph missing, no mark cut off,
// every QR drawn whole. Used by the print worker, the tests and the bench.
#pragma once

#include <string>
#include <vector>

#include "core/receipt/paper.h"
#include "core/result.h"
#include "platform/print/escpos.h"

namespace motcua::platform::print {

// Text sizes in dots (8 dots/mm): Body 28 dots is 3.5 mm from ascender to descender, readable
// at arm's length on 58 mm and 80 mm paper alike (the same size on both: narrower paper wraps);
// labels 24 (3 mm), the dossier code 38 (made smaller only if it would not fit one line).
float paper_pixel_height(core::PaperStyle style);

// Where a QR went: its rows and columns in the image, and the matrix drawn there.
struct PlacedQr {
    std::string payload;
    int left = 0, top = 0, module_dots = 0, modules = 0;
};

struct RenderedPaper {
    MonoImage image;
    std::u32string missing_glyphs;  // code points the font has no glyph for
    long clipped_dots = 0;          // dots of glyphs that fell outside their line
    std::vector<PlacedQr> qrs;
    // Rows each text block took, in order (for overlap checks): [top, bottom).
    std::vector<std::pair<int, int>> text_rows;
};

// Error print_font_invalid (font), print_image_invalid (width), or vietqr_invalid /
// print_image_invalid when a QR payload cannot be encoded or does not fit the paper.
core::Result<RenderedPaper> render_paper(const core::PaperDocument& document, int width_dots,
                                         const std::string& font_path);

}  // namespace motcua::platform::print
