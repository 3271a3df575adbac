// QR codes for the receipt (libqrencode): a module matrix the UI draws as squares.
#pragma once

#include <string>

#include "ui/view.h"

namespace motcua::platform {

// Error correction M. An empty matrix when the payload cannot be encoded.
ui::QrMatrix make_qr(const std::string& payload);

}  // namespace motcua::platform
