#include "platform/print/paper_render.h"

#include <algorithm>

#include "platform/print/receipt_image.h"
#include "platform/qr.h"

namespace motcua::platform::print {

float paper_pixel_height(core::PaperStyle style) {
    switch (style) {
        case core::PaperStyle::Small:
            return 24;
        case core::PaperStyle::Body:
            return 28;
        case core::PaperStyle::Heading:
            return 32;
        case core::PaperStyle::Code:
            return 38;
        case core::PaperStyle::Number:
            return 112;
    }
    return 28;
}

core::Result<RenderedPaper> render_paper(const core::PaperDocument& document, int width_dots,
                                         const std::string& font_path) {
    auto canvas = ReceiptCanvas::create(width_dots, font_path, 12);
    if (!canvas) return canvas.error();
    RenderedPaper out;
    canvas->add_space(8);
    for (const auto& block : document.blocks) {
        switch (block.kind) {
            case core::PaperBlock::Kind::Text: {
                if (block.text.empty()) break;
                const int top = canvas->height();
                float size = paper_pixel_height(block.style);
                // A code or a queue number is never broken over two lines: smaller instead.
                if (block.style == core::PaperStyle::Code ||
                    block.style == core::PaperStyle::Number)
                    while (size > 16 && canvas->text_width(block.text, size) >
                                            static_cast<float>(canvas->line_width()))
                        size -= 1;
                canvas->add_text(
                    block.text, size,
                    block.align == core::PaperAlign::Centre ? Align::Centre : Align::Left);
                out.text_rows.emplace_back(top, canvas->height());
                break;
            }
            case core::PaperBlock::Kind::Qr: {
                const ui::QrMatrix qr = make_qr(block.text);
                if (qr.size <= 0)
                    return core::make_error("print_image_invalid",
                                            "a QR payload of " + std::to_string(block.text.size()) +
                                                " bytes cannot be encoded");
                // As large as fits, 4..8 dots a module (printing.md: at least 4).
                const int module = std::clamp((width_dots - 24) / qr.size, 4, 6);
                if (qr.size * module > width_dots)
                    return core::make_error("print_image_invalid",
                                            "QR of " + std::to_string(qr.size) +
                                                " modules does not fit " +
                                                std::to_string(width_dots) + " dots");
                const int top = canvas->height();
                canvas->add_qr(qr, module);
                out.qrs.push_back(PlacedQr{block.text, (width_dots - qr.size * module) / 2, top,
                                           module, qr.size});
                break;
            }
            case core::PaperBlock::Kind::Space:
                canvas->add_space(block.dots);
                break;
            case core::PaperBlock::Kind::Rule:
                canvas->add_space(10);
                canvas->add_rule(2);
                canvas->add_space(10);
                break;
        }
    }
    canvas->add_space(16);
    out.image = canvas->image();
    out.missing_glyphs = canvas->missing_glyphs();
    out.clipped_dots = canvas->clipped_dots();
    return out;
}

}  // namespace motcua::platform::print
