#include "core/filing/kiosk_messages.h"

#include <nlohmann/json.hpp>

#include "core/filing/codes.h"
#include "core/filing/portal_time.h"

namespace motcua::core {

std::string rating_body(const std::string& code, int level, const std::string& kiosk_id) {
    nlohmann::json body = {{"MucDo", level}, {"MaKiosk", kiosk_id}};
    body[is_provisional_code(code) ? "MaTam" : "MaHoSo"] = code;
    return body.dump();
}

std::string heartbeat_body(const std::string& kiosk_id, const std::string& version,
                           std::int64_t now_unix_ms, HeartbeatCounts counts) {
    nlohmann::json beat = {
        {"MaKiosk", kiosk_id},
        {"PhienBan", version},
        {"ThoiGian", format_portal_time(vietnam_time_from_unix_ms(now_unix_ms))},
        {"TrangThai",
         {{"ChuaGui", counts.unsent}, {"BiGiu", counts.held}, {"QuaHan", counts.stale}}}};
    // [ops] the outbox depth and the last drawn frame (a frozen screen is seen from the portal)
    beat["TrangThai"]["HangDoi"] = counts.unsent + counts.held;
    beat["TrangThai"]["KhungHinhCuoi"] =
        counts.last_frame_unix_ms > 0 ? nlohmann::json(format_portal_time(
                                            vietnam_time_from_unix_ms(counts.last_frame_unix_ms)))
                                      : nlohmann::json(nullptr);
    return beat.dump();
}

RatingOutcome interpret_rating_reply(const HttpReply& reply) {
    if (reply.status == 201) return RatingOutcome::Sent;
    if (reply.status == 400 || reply.status == 422) return RatingOutcome::Refused;
    return RatingOutcome::Retry;
}

}  // namespace motcua::core
