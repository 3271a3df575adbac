#include "platform/qr.h"

#include <qrencode.h>

#include <memory>

namespace motcua::platform {

ui::QrMatrix make_qr(const std::string& payload) {
    ui::QrMatrix matrix;
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code) return matrix;
    // ISO/IEC 18004 asks for a light quiet zone 4 modules wide on every side: part of the
    // matrix, so no drawing code can forget or shrink it.
    const int width = code->width;
    matrix.size = width + 2 * QrQuietZoneModules;
    matrix.on.assign(static_cast<std::size_t>(matrix.size) * static_cast<std::size_t>(matrix.size),
                     0);
    for (int y = 0; y < width; ++y)
        for (int x = 0; x < width; ++x)
            matrix.on[static_cast<std::size_t>(y + QrQuietZoneModules) *
                          static_cast<std::size_t>(matrix.size) +
                      static_cast<std::size_t>(x + QrQuietZoneModules)] =
                code->data[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                           static_cast<std::size_t>(x)] &
                1;
    return matrix;
}

}  // namespace motcua::platform
