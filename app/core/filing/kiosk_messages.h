// The kiosk's two small messages to the portal besides dossiers (docs/portal-api.md): the
// resident's satisfaction rating (POST /api/v1/danhgia) and the heartbeat (POST
// /api/v1/kiosk/heartbeat). Their bodies and what an answer means, decided here, not in the
// transport.
#pragma once

#include <cstdint>
#include <string>

#include "core/ports.h"

namespace motcua::core {

// {"MucDo": level, "MaKiosk": kiosk_id, "MaTam" | "MaHoSo": code}: a provisional code goes as
// MaTam, anything else as MaHoSo.
std::string rating_body(const std::string& code, int level, const std::string& kiosk_id);

// {"MaKiosk", "PhienBan", "ThoiGian" (yyyyMMddHHmmss, Vietnam time), "TrangThai": {"ChuaGui",
// "BiGiu", "QuaHan", "HangDoi" (the outbox depth: unsent + held), "KhungHinhCuoi" (when the screen
// was last drawn, portal time; null before the first frame)}}.
struct HeartbeatCounts {
    int unsent = 0, held = 0, stale = 0;
    std::int64_t last_frame_unix_ms = 0;  // [ops] 0: no frame drawn yet
};
std::string heartbeat_body(const std::string& kiosk_id, const std::string& version,
                           std::int64_t now_unix_ms, HeartbeatCounts counts);

// What the answer to a rating means for the rating kept in the outbox.
enum class RatingOutcome {
    Sent,     // 201: delete it
    Refused,  // 400 or 422: the portal will never take it; keep it for staff, stop sending
    Retry,    // anything else (no answer, 5xx, 401, a captive page...): send it again later
    // [tidy] Not sent, the portal not asked: it waits for something of this kiosk's (its dossier
    // still in the outbox). Send it again later; the ratings after it go now.
    Waiting,  // [/tidy]
};
RatingOutcome interpret_rating_reply(const HttpReply& reply);

}  // namespace motcua::core
