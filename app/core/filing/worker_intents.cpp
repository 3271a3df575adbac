#include "core/filing/worker_intents.h"

namespace motcua::core {

std::optional<Intent> filing_intent(const OutboxEntry& entry, const SubmitOutcome& outcome) {
    if (std::holds_alternative<SubmitAccepted>(outcome))
        return intent::Accepted{entry.provisional_code, entry.ma_ho_so, entry.ngay_hen_tra};
    if (const auto* held = std::get_if<SubmitHeld>(&outcome))
        return intent::Held{entry.provisional_code, held->reason_code};
    return std::nullopt;
}

intent::LookupResult lookup_intent(const std::string& asked, const LookupOutcome& outcome) {
    if (const auto* found = std::get_if<LookupFound>(&outcome))
        return {asked, LookupState::Found, found->status.ten_tthc, found->status.trang_thai,
                found->status.ngay_hen_tra};
    if (std::holds_alternative<LookupNotFound>(outcome))
        return {asked, LookupState::NotFound, {}, 0, {}};
    return {asked, LookupState::Unavailable, {}, 0, {}};
}

}  // namespace motcua::core
