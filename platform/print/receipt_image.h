// Lays out a receipt as a 1-bit image for ESC/POS raster printing: text lines drawn with the
// kiosk's own TrueType font (stb_truetype), word-wrapped at the paper width and thresholded at
// 50% grey, and QR codes drawn module by module. Thermal printers have no Vietnamese code page
// that works, so the host draws everything (shared/domain/printing.md).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "platform/print/escpos.h"
#include "ui/view.h"

namespace motcua::platform::print {

enum class Align { Left, Centre };

class ReceiptCanvas {
public:
    // Loads the font file (e.g. /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf). Error
    // "print_font_invalid" when it cannot be read or parsed; "print_image_invalid" for a width
    // that is not a multiple of 8 in 8..576.
    static core::Result<ReceiptCanvas> create(int width_dots, const std::string& font_path,
                                              int margin_dots = 8);

    // Appends `text` (UTF-8 NFC) at `pixel_height`, wrapped at spaces (a word wider than the
    // paper is broken between letters). Explicit '\n' starts a new line. Returns the number of
    // lines added, each line_height(pixel_height) rows tall.
    int add_text(std::string_view text, float pixel_height, Align align = Align::Left);
    // Appends a QR code centred, `module_dots` per module, with a 4-module quiet zone. Returns
    // false (nothing added) when the matrix is empty or does not fit the width.
    bool add_qr(const ui::QrMatrix& qr, int module_dots = 4);
    // Dots `text` (one line, no wrapping) is wide at `pixel_height`.
    float text_width(std::string_view text, float pixel_height) const;
    // Dots available for a line between the margins.
    int line_width() const { return m_width - 2 * m_margin; }
    // Rows one line of text takes at `pixel_height` (ascent - descent + line gap, rounded up).
    int line_height(float pixel_height) const;
    // Appends blank rows.
    void add_space(int dots);
    // Appends a dashed horizontal rule `dots` rows thick between the margins.
    void add_rule(int dots = 2);

    int width() const { return m_width; }
    int height() const { return m_height; }
    // Code points drawn so far that the font has no glyph for (each once, in order met).
    const std::u32string& missing_glyphs() const { return m_missing; }
    // Dots a glyph would have printed black outside its line box (cut off): 0 when every mark
    // above a capital and every descender fits.
    long clipped_dots() const { return m_clipped; }
    // The image so far.
    MonoImage image() const;

    struct Font;  // stb_truetype state, opaque here

private:
    ReceiptCanvas() = default;
    void grow(int rows);

    int m_width = 0;
    int m_margin = 0;
    int m_height = 0;
    std::vector<std::uint8_t> m_grey;  // 0 = white .. 255 = black, m_width per row
    std::shared_ptr<Font> m_font;
    std::u32string m_missing;
    long m_clipped = 0;
};

}  // namespace motcua::platform::print
