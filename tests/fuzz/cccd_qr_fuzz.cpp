// libFuzzer target: any scanned payload either parses into a card that meets the contract or is
// refused as "cccd_qr_unreadable"; never a crash, hang or sanitizer report. Run: tools/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/identity/cccd_qr.h"
#include "core/text/utf8.h"
#include "fuzz_check.h"

using namespace motcua::core;
using motcua::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view payload(reinterpret_cast<const char*>(data), size);
    auto card = parse_cccd_qr(payload);
    if (!card) {
        check(card.error().code == "cccd_qr_unreadable");
        return 0;
    }
    check(size <= kMaxCccdQrBytes + 64);
    check(card->id_number.size() == 12);
    for (char c : card->id_number) check(c >= '0' && c <= '9');
    check(is_nfc(card->full_name) && is_nfc(card->address));
    check(is_real_date(card->date_of_birth));
    if (card->issue_date) check(is_real_date(*card->issue_date));
    return 0;
}
