#include "platform/print/receipt_image.h"

#include <stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>

#include "core/text/utf8.h"

namespace motcua::platform::print {

struct ReceiptCanvas::Font {
    std::vector<unsigned char> data;
    stbtt_fontinfo info{};
};

namespace {

struct Line {
    std::u32string text;
    float width = 0;
};

float advance(const stbtt_fontinfo& font, float scale, char32_t code_point, char32_t next) {
    int advance_width = 0, left_bearing = 0;
    stbtt_GetCodepointHMetrics(&font, static_cast<int>(code_point), &advance_width, &left_bearing);
    float result = static_cast<float>(advance_width) * scale;
    if (next != 0)
        result += static_cast<float>(stbtt_GetCodepointKernAdvance(
                      &font, static_cast<int>(code_point), static_cast<int>(next))) *
                  scale;
    return result;
}

float measure(const stbtt_fontinfo& font, float scale, const std::u32string& text) {
    float width = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        width += advance(font, scale, text[i], i + 1 < text.size() ? text[i + 1] : 0);
    return width;
}

// Greedy wrapping at spaces; a word wider than `limit` is broken between letters.
std::vector<Line> wrap(const stbtt_fontinfo& font, float scale, const std::u32string& paragraph,
                       float limit) {
    std::vector<Line> lines;
    std::vector<std::u32string> words;
    std::u32string word;
    for (char32_t c : paragraph) {
        if (c == U' ') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(std::move(word));

    std::u32string current;
    auto flush = [&] {
        lines.push_back(Line{current, measure(font, scale, current)});
        current.clear();
    };
    for (auto& next : words) {
        const std::u32string candidate = current.empty() ? next : current + U' ' + next;
        if (measure(font, scale, candidate) <= limit) {
            current = candidate;
            continue;
        }
        if (!current.empty()) flush();
        // The word alone: break it if it still does not fit.
        std::u32string piece;
        for (char32_t c : next) {
            if (!piece.empty() && measure(font, scale, piece + c) > limit) {
                current = piece;
                flush();
                piece.clear();
            }
            piece += c;
        }
        current = piece;
    }
    if (!current.empty() || lines.empty()) flush();
    return lines;
}

}  // namespace

core::Result<ReceiptCanvas> ReceiptCanvas::create(int width_dots, const std::string& font_path,
                                                  int margin_dots) {
    if (width_dots < 8 || width_dots > Paper80mmDots || width_dots % 8 != 0)
        return core::make_error(
            "print_image_invalid",
            "width must be a multiple of 8 in 8..576, not " + std::to_string(width_dots));
    if (margin_dots < 0 || 2 * margin_dots >= width_dots)
        return core::make_error("print_image_invalid", "margin leaves no room");
    std::ifstream input(font_path, std::ios::binary);
    if (!input) return core::make_error("print_font_invalid", "cannot read " + font_path);
    auto font = std::make_shared<Font>();
    font->data.assign(std::istreambuf_iterator<char>(input), std::istreambuf_iterator<char>());
    const int offset = stbtt_GetFontOffsetForIndex(font->data.data(), 0);
    if (font->data.empty() || offset < 0 || !stbtt_InitFont(&font->info, font->data.data(), offset))
        return core::make_error("print_font_invalid", "not a TrueType font: " + font_path);
    ReceiptCanvas canvas;
    canvas.m_width = width_dots;
    canvas.m_margin = margin_dots;
    canvas.m_font = std::move(font);
    return canvas;
}

void ReceiptCanvas::grow(int rows) {
    m_height += rows;
    m_grey.resize(static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height), 0);
}

void ReceiptCanvas::add_space(int dots) {
    if (dots > 0) grow(dots);
}

float ReceiptCanvas::text_width(std::string_view text, float pixel_height) const {
    const float scale = stbtt_ScaleForPixelHeight(&m_font->info, pixel_height);
    return measure(m_font->info, scale, core::decode_utf8(text));
}

void ReceiptCanvas::add_rule(int dots) {
    if (dots <= 0) return;
    const int top = m_height;
    grow(dots);
    for (int y = top; y < m_height; ++y)
        for (int x = m_margin; x < m_width - m_margin; ++x)
            if ((x / 8) % 2 == 0) m_grey[static_cast<std::size_t>(y * m_width + x)] = 255;
}

int ReceiptCanvas::line_height(float pixel_height) const {
    const float scale = stbtt_ScaleForPixelHeight(&m_font->info, pixel_height);
    int ascent = 0, descent = 0, line_gap = 0;
    stbtt_GetFontVMetrics(&m_font->info, &ascent, &descent, &line_gap);
    return static_cast<int>(std::ceil(static_cast<float>(ascent - descent + line_gap) * scale));
}

int ReceiptCanvas::add_text(std::string_view text, float pixel_height, Align align) {
    int lines_added = 0;
    const stbtt_fontinfo& font = m_font->info;
    const float scale = stbtt_ScaleForPixelHeight(&font, pixel_height);
    int ascent = 0, descent = 0, line_gap = 0;
    stbtt_GetFontVMetrics(&font, &ascent, &descent, &line_gap);
    const int baseline = static_cast<int>(std::ceil(static_cast<float>(ascent) * scale));
    const int line_height = this->line_height(pixel_height);
    const float limit = static_cast<float>(m_width - 2 * m_margin);

    const std::u32string all = core::decode_utf8(text);
    std::size_t start = 0;
    while (start <= all.size()) {
        std::size_t end = all.find(U'\n', start);
        if (end == std::u32string::npos) end = all.size();
        for (const Line& line : wrap(font, scale, all.substr(start, end - start), limit)) {
            const int top = m_height;
            grow(line_height);
            ++lines_added;
            float x = static_cast<float>(m_margin);
            if (align == Align::Centre) x += std::max(0.0f, (limit - line.width) / 2);
            for (std::size_t i = 0; i < line.text.size(); ++i) {
                const char32_t c = line.text[i];
                const int glyph = stbtt_FindGlyphIndex(&font, static_cast<int>(c));
                if (glyph == 0 && c != U' ' && m_missing.find(c) == std::u32string::npos)
                    m_missing += c;
                const float shift = x - std::floor(x);
                int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
                stbtt_GetGlyphBitmapBoxSubpixel(&font, glyph, scale, scale, shift, 0, &x0, &y0, &x1,
                                                &y1);
                const int glyph_width = x1 - x0, glyph_height = y1 - y0;
                if (glyph_width > 0 && glyph_height > 0) {
                    std::vector<unsigned char> bitmap(
                        static_cast<std::size_t>(glyph_width * glyph_height));
                    stbtt_MakeGlyphBitmapSubpixel(&font, bitmap.data(), glyph_width, glyph_height,
                                                  glyph_width, scale, scale, shift, 0, glyph);
                    const int left = static_cast<int>(std::floor(x)) + x0;
                    const int row0 = top + baseline + y0;
                    for (int gy = 0; gy < glyph_height; ++gy) {
                        const int y = row0 + gy;
                        for (int gx = 0; gx < glyph_width; ++gx) {
                            const int px = left + gx;
                            if (y < top || y >= m_height || px < 0 || px >= m_width) {
                                // Marks stay inside the line; count what would print black.
                                if (bitmap[static_cast<std::size_t>(gy * glyph_width + gx)] >= 128)
                                    ++m_clipped;
                                continue;
                            }
                            auto& cell = m_grey[static_cast<std::size_t>(y * m_width + px)];
                            cell = std::max(
                                cell, bitmap[static_cast<std::size_t>(gy * glyph_width + gx)]);
                        }
                    }
                }
                x += advance(font, scale, c, i + 1 < line.text.size() ? line.text[i + 1] : 0);
            }
        }
        start = end + 1;
    }
    return lines_added;
}

bool ReceiptCanvas::add_qr(const ui::QrMatrix& qr, int module_dots) {
    if (qr.size <= 0 || module_dots <= 0 ||
        qr.on.size() != static_cast<std::size_t>(qr.size) * static_cast<std::size_t>(qr.size))
        return false;
    const int side = qr.size * module_dots;  // make_qr's matrix holds the 4-module quiet zone
    if (side > m_width) return false;
    const int top = m_height;
    grow(side);
    const int left = (m_width - side) / 2;
    for (int my = 0; my < qr.size; ++my)
        for (int mx = 0; mx < qr.size; ++mx) {
            if (!qr.on[static_cast<std::size_t>(my * qr.size + mx)]) continue;
            for (int dy = 0; dy < module_dots; ++dy)
                for (int dx = 0; dx < module_dots; ++dx) {
                    const int y = top + my * module_dots + dy;
                    const int x = left + mx * module_dots + dx;
                    m_grey[static_cast<std::size_t>(y * m_width + x)] = 255;
                }
        }
    return true;
}

MonoImage ReceiptCanvas::image() const {
    MonoImage image(m_width, m_height);
    for (int y = 0; y < m_height; ++y)
        for (int x = 0; x < m_width; ++x)
            if (m_grey[static_cast<std::size_t>(y * m_width + x)] >= 128) image.set(x, y, true);
    return image;
}

}  // namespace motcua::platform::print
