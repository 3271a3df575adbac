#include "platform/print/escpos.h"

#include <algorithm>

namespace motcua::platform::print {

namespace {

void put16(std::string& out, int value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>((value >> 8) & 0xFF);
}

}  // namespace

core::Result<std::string> encode_escpos(const MonoImage& image, const EscPosOptions& options) {
    if (image.width < 8 || image.width > Paper80mmDots || image.width % 8 != 0)
        return core::make_error(
            "print_image_invalid",
            "width must be a multiple of 8 in 8..576, not " + std::to_string(image.width));
    if (image.height <= 0)
        return core::make_error("print_image_invalid", "height must be positive");
    if (image.bits.size() !=
        static_cast<std::size_t>(image.row_bytes()) * static_cast<std::size_t>(image.height))
        return core::make_error("print_image_invalid", "bits do not match width x height");
    if (options.band_rows < 1 || options.band_rows > 2047)
        return core::make_error("print_image_invalid", "band_rows must be in 1..2047");
    if (options.feed_lines < 0 || options.feed_lines > 255)
        return core::make_error("print_image_invalid", "feed_lines must be in 0..255");

    std::string out;
    out.reserve(image.bits.size() + 16 +
                8 * static_cast<std::size_t>(image.height / options.band_rows + 1));
    out += static_cast<char>(Esc);
    out += '@';
    const int row_bytes = image.row_bytes();
    for (int top = 0; top < image.height; top += options.band_rows) {
        const int rows = std::min(options.band_rows, image.height - top);
        out += static_cast<char>(Gs);
        out += 'v';
        out += '0';
        out += '\0';  // m = 0: normal density
        put16(out, row_bytes);
        put16(out, rows);
        const auto* first =
            image.bits.data() + static_cast<std::size_t>(top) * static_cast<std::size_t>(row_bytes);
        out.append(reinterpret_cast<const char*>(first),
                   static_cast<std::size_t>(rows) * static_cast<std::size_t>(row_bytes));
    }
    if (options.feed_lines > 0) {
        out += static_cast<char>(Esc);
        out += 'd';
        out += static_cast<char>(options.feed_lines);
    }
    if (options.cut != Cut::None) {
        out += static_cast<char>(Gs);
        out += 'V';
        out += options.cut == Cut::Partial ? 'B' : 'A';  // 66 / 65: feed to the cutter, then cut
        out += '\0';
    }
    return out;
}

std::string status_request(StatusQuery query) {
    return std::string{static_cast<char>(Dle), static_cast<char>(Eot), static_cast<char>(query)};
}

bool is_status_byte(std::uint8_t byte) {
    return (byte & 0x93) == 0x12;
}

bool apply_status_byte(StatusQuery query, std::uint8_t byte, PrinterStatus& status) {
    if (!is_status_byte(byte)) return false;
    switch (query) {
        case StatusQuery::Printer:
            status.offline = (byte & 0x08) != 0;
            break;
        case StatusQuery::OfflineCause:
            status.cover_open = (byte & 0x04) != 0;
            break;
        case StatusQuery::PaperSensor:
            status.paper_out = (byte & 0x72) == 0x72;
            status.near_end = !status.paper_out && (byte & 0x1E) == 0x1E;
            break;
    }
    return true;
}

}  // namespace motcua::platform::print
