// The receipt's QR carries its own ISO/IEC 18004 quiet zone: 4 light modules on every side.
#include "platform/qr.h"

#include <qrencode.h>

#include <catch2/catch.hpp>
#include <string>

TEST_CASE("a receipt QR has a light quiet zone four modules wide around the symbol", "[qr]") {
    const std::string payload =
        GENERATE(as<std::string>{}, "KD4MX7PA", "000.00.01.H29-260310-0420");
    const motcua::ui::QrMatrix matrix = motcua::platform::make_qr(payload);
    QRcode* code = QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M);
    REQUIRE(code != nullptr);
    const int width = code->width;
    REQUIRE(matrix.size == width + 8);
    REQUIRE(matrix.on.size() == static_cast<std::size_t>(matrix.size * matrix.size));
    int dark_in_border = 0, mismatches = 0;
    for (int y = 0; y < matrix.size; ++y)
        for (int x = 0; x < matrix.size; ++x) {
            const bool dark = matrix.on[static_cast<std::size_t>(y * matrix.size + x)] != 0;
            const bool border = x < 4 || y < 4 || x >= width + 4 || y >= width + 4;
            if (border)
                dark_in_border += dark ? 1 : 0;
            else
                mismatches += dark != ((code->data[(y - 4) * width + (x - 4)] & 1) != 0) ? 1 : 0;
        }
    QRcode_free(code);
    CHECK(dark_in_border == 0);
    CHECK(mismatches == 0);
    // The symbol itself starts right after the zone: a finder pattern's dark corner.
    CHECK(matrix.on[static_cast<std::size_t>(4 * matrix.size + 4)] == 1);
}
