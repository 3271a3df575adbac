#include "core/receipt/vietqr.h"

#include <utf8proc.h>

#include <cstdio>
#include <cstdlib>
#include <map>

namespace motcua::core {

namespace {

bool all_digits(std::string_view text) {
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

// One TLV field: ID (2 digits) + length (2 decimal digits) + value. Values here are ASCII and
// never longer than 99 bytes (checked by the callers' limits).
std::string field(std::string_view id, std::string_view value) {
    char length[3];
    std::snprintf(length, sizeof length, "%02zu", value.size());
    std::string out(id);
    out += length;
    out += value;
    return out;
}

Error invalid(std::string detail) {
    return make_error("vietqr_invalid", std::move(detail));
}

// Splits a TLV sequence into id -> value. Fails on a truncated field or a non-digit length.
Result<std::map<std::string, std::string>> split_fields(std::string_view text) {
    std::map<std::string, std::string> fields;
    std::size_t at = 0;
    while (at < text.size()) {
        if (text.size() - at < 4) return invalid("truncated field header at " + std::to_string(at));
        const std::string_view id = text.substr(at, 2);
        const std::string_view length_text = text.substr(at + 2, 2);
        if (!all_digits(id) || !all_digits(length_text))
            return invalid("bad field header at " + std::to_string(at));
        const std::size_t length = static_cast<std::size_t>(std::stoi(std::string(length_text)));
        if (text.size() - at - 4 < length)
            return invalid("field " + std::string(id) + " runs past the end");
        fields[std::string(id)] = std::string(text.substr(at + 4, length));
        at += 4 + length;
    }
    return fields;
}

}  // namespace

std::uint16_t crc16_ccitt_false(std::string_view bytes) {
    std::uint16_t crc = 0xFFFF;
    for (unsigned char byte : bytes) {
        crc ^= static_cast<std::uint16_t>(byte << 8);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021)
                                 : static_cast<std::uint16_t>(crc << 1);
    }
    return crc;
}

std::string vietqr_ascii_note(std::string_view note) {
    utf8proc_uint8_t* decomposed = nullptr;
    const auto length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(note.data()),
                     static_cast<utf8proc_ssize_t>(note.size()), &decomposed,
                     static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK));
    std::string folded;
    if (length >= 0 && decomposed != nullptr)
        folded.assign(reinterpret_cast<const char*>(decomposed), static_cast<std::size_t>(length));
    std::free(decomposed);  // invalid UTF-8 folds to nothing: nothing of it is kept

    std::string out;
    bool pending_space = false;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(folded[i]);
        char kept = 0;
        if (c == 0xC4 && i + 1 < folded.size()) {  // đ U+0111 = C4 91, Đ U+0110 = C4 90
            const unsigned char next = static_cast<unsigned char>(folded[i + 1]);
            if (next == 0x91) kept = 'd';
            if (next == 0x90) kept = 'D';
            if (kept) ++i;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            pending_space = !out.empty();
            continue;
        } else if (c > 0x20 && c < 0x7F) {
            kept = static_cast<char>(c);
        }
        if (!kept) continue;
        if (pending_space) out += ' ';
        pending_space = false;
        out += kept;
    }
    return out;
}

Result<std::string> build_vietqr(const BankTransfer& transfer) {
    if (transfer.bank_bin.size() != 6 || !all_digits(transfer.bank_bin))
        return invalid("bank BIN must be 6 digits");
    if (transfer.account.empty() || transfer.account.size() > 19 || !all_digits(transfer.account))
        return invalid("account number must be 1..19 digits");
    if (transfer.amount_vnd < 0 || transfer.amount_vnd > VietQrAmountMax)
        return invalid("amount out of range: " + std::to_string(transfer.amount_vnd));
    const std::string note = vietqr_ascii_note(transfer.note);
    if (note.size() > VietQrNoteMaxLength)
        return invalid("note longer than " + std::to_string(VietQrNoteMaxLength) +
                       " ASCII characters: " + std::to_string(note.size()));

    const std::string beneficiary = field("00", transfer.bank_bin) + field("01", transfer.account);
    const std::string merchant =
        field("00", "A000000727") + field("01", beneficiary) +
        field("02", transfer.service == VietQrService::ToAccount ? "QRIBFTTA" : "QRIBFTTC");

    std::string payload = field("00", "01");
    payload += field("01", transfer.amount_vnd > 0 ? "12" : "11");
    payload += field("38", merchant);
    payload += field("53", "704");
    if (transfer.amount_vnd > 0) payload += field("54", std::to_string(transfer.amount_vnd));
    payload += field("58", "VN");
    if (!note.empty()) payload += field("62", field("08", note));
    payload += "6304";
    char crc[5];
    std::snprintf(crc, sizeof crc, "%04X", static_cast<unsigned>(crc16_ccitt_false(payload)));
    payload += crc;
    return payload;
}

Result<VietQrFields> parse_vietqr(std::string_view payload) {
    if (payload.size() < 8 || payload.substr(payload.size() - 8, 4) != "6304")
        return invalid("payload does not end with a CRC field");
    const std::string_view body = payload.substr(0, payload.size() - 4);
    char expected[5];
    std::snprintf(expected, sizeof expected, "%04X",
                  static_cast<unsigned>(crc16_ccitt_false(body)));
    if (payload.substr(payload.size() - 4) != expected)
        return invalid("CRC mismatch: expected " + std::string(expected));

    auto top = split_fields(payload.substr(0, payload.size() - 8));
    if (!top) return top.error();
    auto& fields = top.value();
    if (fields["00"] != "01") return invalid("payload format indicator is not 01");
    if (fields["53"] != "704") return invalid("currency is not VND (704)");
    if (fields["58"] != "VN") return invalid("country is not VN");

    VietQrFields out;
    out.dynamic = fields["01"] == "12";
    auto merchant = split_fields(fields["38"]);
    if (!merchant) return merchant.error();
    if (merchant.value()["00"] != "A000000727") return invalid("merchant GUID is not NAPAS");
    const std::string service = merchant.value()["02"];
    if (service == "QRIBFTTA")
        out.service = VietQrService::ToAccount;
    else if (service == "QRIBFTTC")
        out.service = VietQrService::ToCard;
    else
        return invalid("unknown service code");
    auto beneficiary = split_fields(merchant.value()["01"]);
    if (!beneficiary) return beneficiary.error();
    out.bank_bin = beneficiary.value()["00"];
    out.account = beneficiary.value()["01"];
    if (fields.count("54")) {
        const std::string& amount = fields["54"];
        if (amount.empty() || amount.size() > 13 || !all_digits(amount))
            return invalid("amount is not an integer");
        out.amount_vnd = std::stoll(amount);
    }
    if (fields.count("62")) {
        auto additional = split_fields(fields["62"]);
        if (!additional) return additional.error();
        out.note = additional.value()["08"];
    }
    return out;
}

}  // namespace motcua::core
