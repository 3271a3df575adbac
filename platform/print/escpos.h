// ESC/POS bytes for a thermal receipt printer: a 1-bit image as `GS v 0` raster bands, then a
// feed and a cut; and the `DLE EOT n` real-time status replies. No I/O here (printer.h sends).
// Facts: shared/domain/printing.md (raster, bands, status bits).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace motcua::platform::print {

// Paper widths in dots at 8 dots/mm.
inline constexpr int Paper58mmDots = 384;
inline constexpr int Paper80mmDots = 576;

// A 1-bit image: rows of width/8 bytes, most significant bit leftmost, bit 1 = black (the
// layout `GS v 0` takes as is). Width is a multiple of 8.
struct MonoImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> bits;

    MonoImage() = default;
    MonoImage(int width_dots, int height_dots)
        : width(width_dots),
          height(height_dots),
          bits(static_cast<std::size_t>(width_dots / 8) * static_cast<std::size_t>(height_dots),
               0) {}
    int row_bytes() const { return width / 8; }
    bool black(int x, int y) const {
        return (bits[static_cast<std::size_t>(y * row_bytes() + x / 8)] >> (7 - x % 8)) & 1;
    }
    void set(int x, int y, bool is_black) {
        auto& byte = bits[static_cast<std::size_t>(y * row_bytes() + x / 8)];
        const auto mask = static_cast<std::uint8_t>(0x80 >> (x % 8));
        byte = is_black ? static_cast<std::uint8_t>(byte | mask)
                        : static_cast<std::uint8_t>(byte & ~mask);
    }
};

enum class Cut { None, Partial, Full };

struct EscPosOptions {
    int band_rows = 128;  // rows per `GS v 0` command; some printers drop over-large bands
    int feed_lines = 4;   // `ESC d n` before the cut, so the last line clears the cutter
    Cut cut = Cut::Partial;
};

// Command bytes, for the encoder and for readers of the stream (printer-sim).
inline constexpr std::uint8_t Esc = 0x1B, Gs = 0x1D, Dle = 0x10, Eot = 0x04, Lf = 0x0A;

// `ESC @`, the image in bands of `GS v 0` (m = 0), `ESC d feed_lines`, then `GS V 66 0`
// (partial) or `GS V 65 0` (full). Error "print_image_invalid" when the width is not a multiple
// of 8 in 8..576, the height is not positive, the bits do not match the size, or band_rows
// is not in 1..2047.
core::Result<std::string> encode_escpos(const MonoImage& image, const EscPosOptions& options = {});

// `DLE EOT n`: which status to ask for.
enum class StatusQuery : std::uint8_t { Printer = 1, OfflineCause = 2, PaperSensor = 4 };

// The three bytes asking for one status.
std::string status_request(StatusQuery query);

// True when `byte` has the shape of a status reply: bits 0 and 7 clear, bits 1 and 4 set.
bool is_status_byte(std::uint8_t byte);

// What the replies say, merged over the queries asked.
struct PrinterStatus {
    bool offline = false;     // n=1 bit 3
    bool cover_open = false;  // n=2 bit 2 (Epson; unverified for clones)
    bool paper_out = false;   // n=4 bits 5,6 (b & 0x72 == 0x72)
    bool near_end = false;    // n=4 bits 2,3 (b & 0x1E == 0x1E), paper still there
    bool ready() const { return !offline && !cover_open && !paper_out; }
};

// Folds one reply to `query` into `status`. False (status untouched) when the byte is not a
// status byte.
bool apply_status_byte(StatusQuery query, std::uint8_t byte, PrinterStatus& status);

}  // namespace motcua::platform::print
