// QR codes for the receipt (libqrencode): a module matrix the UI draws as squares.
#pragma once

#include <string>

#include "ui/view.h"

namespace motcua::platform {

// The light margin ISO/IEC 18004 requires around the symbol, in modules.
inline constexpr int QrQuietZoneModules = 4;

// Error correction M, with the 4-module quiet zone included in the matrix (size = symbol width
// + 8; the border is all light). An empty matrix when the payload cannot be encoded.
ui::QrMatrix make_qr(const std::string& payload);

}  // namespace motcua::platform
