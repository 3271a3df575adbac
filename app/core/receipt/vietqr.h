// VietQR (NAPAS, EMVCo merchant-presented) payload for a bank transfer: the text a QR on the
// receipt carries so a banking app pre-fills bank, account, amount and note. Pure; no I/O.
// Facts: shared/domain/vietqr.md (TLV layout §1, CRC §2, ASCII text §3, sample §4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace motcua::core {

// Service code in field 38.02: transfer to an account number or to a card number.
enum class VietQrService { ToAccount, ToCard };

struct BankTransfer {
    std::string bank_bin;     // acquirer BIN, exactly 6 digits (e.g. "970415")
    std::string account;      // account or card number, 1..19 digits
    std::int64_t amount_vnd;  // integer đồng, > 0; 0 = no amount (a static, reusable QR)
    std::string note;         // transfer note (the dossier code), UTF-8; folded to ASCII
    VietQrService service = VietQrService::ToAccount;
};

// Longest transfer note kept (field 62.08), in ASCII characters (vietqr.md §3).
inline constexpr std::size_t VietQrNoteMaxLength = 25;
// Largest amount accepted: 13 digits, far above any fee, keeps field 54 well under 99 bytes.
inline constexpr std::int64_t VietQrAmountMax = 9'999'999'999'999;

// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR).
std::uint16_t crc16_ccitt_false(std::string_view bytes);

// The note as VietQR can carry it: Vietnamese letters lose their marks (NFD, drop Mn, đ→d,
// Đ→D), case is kept, anything outside printable ASCII is dropped, whitespace runs become one
// space, ends are trimmed. "Hồ sơ Đào" -> "Ho so Dao".
std::string vietqr_ascii_note(std::string_view note);

// The full payload, ending in "6304" + 4 uppercase hex CRC digits. Errors (code "vietqr_invalid"):
// a BIN that is not 6 digits, an account that is not 1..19 digits, a negative or too large
// amount, or a note longer than VietQrNoteMaxLength after folding (truncating a dossier code
// would send the money under somebody else's code, so it is refused instead).
Result<std::string> build_vietqr(const BankTransfer& transfer);

// What parse_vietqr reads back: enough to check a payload built by build_vietqr.
struct VietQrFields {
    std::string bank_bin;
    std::string account;
    std::optional<std::int64_t> amount_vnd;
    std::string note;
    VietQrService service = VietQrService::ToAccount;
    bool dynamic = false;  // point of initiation "12"
};

// Parses a payload and checks its CRC and the fields build_vietqr writes. Error code
// "vietqr_invalid" with the reason in the detail.
Result<VietQrFields> parse_vietqr(std::string_view payload);

}  // namespace motcua::core
