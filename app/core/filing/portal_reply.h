// What a portal answer means. The transport hands over an HttpReply; these functions decide,
// strictly by the contract in docs/portal-api.md, whether a dossier was accepted, should be sent
// again, or must wait for staff. Nothing here trusts a reply: sizes are bounded, JSON errors are
// caught, and a 2xx that is not the contract's success (a captive portal, a proxy) is never
// taken for one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/ports.h"

namespace motcua::core {

// Replies larger than this are not parsed (a captive page or a broken proxy, never the portal).
inline constexpr std::size_t MaxReplyBodyBytes = 1024 * 1024;
// MaHoSo is opaque, but it is printed and encoded in a QR: bound it.
inline constexpr std::size_t MaxDossierCodeBytes = 64;

// The portal created the dossier (HTTP 201 with a receipt). Dates are "yyyyMMddHHmmss" in
// Asia/Ho_Chi_Minh, or empty when the portal sent none or a malformed one; trang_thai is the
// TrangThaiHoSo code 1–10, or 0 when missing or out of range.
struct SubmitAccepted {
    std::string ma_ho_so;
    std::string ma_tam;
    int trang_thai = 0;
    std::string ngay_tiep_nhan;
    std::string ngay_hen_tra;
};

// Not accepted this time, nothing wrong with the dossier: send it again later with the same key.
struct SubmitRetry {
    std::string reason_code;  // i18n suffix: "error." + reason_code
    std::string detail;       // for the log and staff; never request data
    std::optional<int> retry_after_seconds;
};

// The portal refused in a way resending cannot fix (bad token, bad request, validation): keep
// the dossier and show the reason to staff.
struct SubmitHeld {
    std::string reason_code;
    std::string detail;
};

using SubmitOutcome = std::variant<SubmitAccepted, SubmitRetry, SubmitHeld>;

// [SECTION] Reading a reply: shared by every adapter's interpreter (this contract's, OpenCPS's)

struct MediaType {
    std::string type;     // lowercase, e.g. "application/json"
    std::string charset;  // lowercase, empty when absent
};
// The media type and charset of a Content-Type header (parameters other than charset ignored).
MediaType parse_media_type(std::string_view header);
bool is_json(const MediaType& media);          // application/json
bool is_html(const MediaType& media);          // text/html, application/xhtml+xml: a captive page
bool charset_is_utf8(const MediaType& media);  // absent, utf-8 or utf8
// "HTTP 200 with content type 'text/html' (512 bytes)": what came back, for a log detail.
std::string body_description(const HttpReply& reply);

// [SECTION] This contract's replies

// Classifies the reply to POST /api/v1/hoso. Success is only 201 + application/json (charset
// absent or utf-8) + a JSON object with no duplicate key (at any level) and a MaHoSo of 1–64
// bytes of visible ASCII (0x21–0x7E) with at least one letter or digit. status 0, 408, 409, 429,
// 5xx, 3xx and non-contract 2xx → Retry; other 4xx → Held.
SubmitOutcome interpret_submit_reply(const HttpReply& reply);

// One dossier's progress as the portal reports it (GET /api/v1/hoso/{code}).
struct DossierStatus {
    std::string ma_ho_so;
    std::string ma_tam;
    std::string ma_tthc;
    std::string ten_tthc;  // NFC
    int trang_thai = 0;    // 1–10 (always in range when Found)
    std::string ngay_tiep_nhan;
    std::string ngay_hen_tra;
};

struct LookupFound {
    DossierStatus status;
};
struct LookupNotFound {};
// The question could not be answered now (network, captive portal, server error...).
struct LookupUnavailable {
    std::string reason_code;
    std::string detail;
};

using LookupOutcome = std::variant<LookupFound, LookupNotFound, LookupUnavailable>;

// Classifies the reply to GET /api/v1/hoso/{code}. Found needs 200 + application/json + MaHoSo
// and TrangThaiHoSo 1–10. NotFound is a 404 that is not an HTML page (a captive portal's 404
// must not tell a resident their dossier does not exist).
LookupOutcome interpret_lookup_reply(const HttpReply& reply);

}  // namespace motcua::core
