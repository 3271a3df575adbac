#include "platform/qr.h"

#include <qrencode.h>

namespace motcua::platform {

ui::QrMatrix make_qr(const std::string& payload) {
    ui::QrMatrix matrix;
    QRcode* code = QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M);
    if (!code) return matrix;
    matrix.size = code->width;
    matrix.on.resize(static_cast<std::size_t>(code->width) * code->width);
    for (std::size_t i = 0; i < matrix.on.size(); ++i) matrix.on[i] = code->data[i] & 1;
    QRcode_free(code);
    return matrix;
}

}  // namespace motcua::platform
