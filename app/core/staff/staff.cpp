#include "core/staff/staff.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/identity/cccd_qr.h"

namespace motcua::core {

// [SECTION] The hidden gesture

bool CornerGesture::tap(std::int64_t now_ms) {
    std::erase_if(m_taps, [&](std::int64_t at) {
        return at > now_ms || now_ms - at >= StaffGestureWindowMs;
    });
    m_taps.push_back(now_ms);
    if (static_cast<int>(m_taps.size()) < StaffGestureTaps) return false;
    m_taps.clear();
    return true;
}

// [SECTION] The PIN lockout

PinLockout normalise_lockout(PinLockout lockout, std::int64_t now_unix_ms) {
    if (lockout.locked_until_unix_ms == 0) return lockout;
    if (lockout.locked_until_unix_ms <= now_unix_ms) {
        lockout.locked_until_unix_ms = 0;  // served: five more tries
        lockout.failures = 0;
    } else if (lockout.locked_until_unix_ms - now_unix_ms > StaffLockoutMs) {
        lockout.locked_until_unix_ms = now_unix_ms + StaffLockoutMs;
    }
    return lockout;
}

bool is_locked(const PinLockout& lockout, std::int64_t now_unix_ms) {
    return normalise_lockout(lockout, now_unix_ms).locked_until_unix_ms != 0;
}

std::int64_t lockout_ms_left(const PinLockout& lockout, std::int64_t now_unix_ms) {
    const PinLockout now = normalise_lockout(lockout, now_unix_ms);
    return now.locked_until_unix_ms == 0 ? 0 : now.locked_until_unix_ms - now_unix_ms;
}

PinLockout after_wrong_pin(PinLockout lockout, std::int64_t now_unix_ms) {
    lockout = normalise_lockout(lockout, now_unix_ms);
    if (lockout.locked_until_unix_ms != 0) return lockout;  // locked: not even tried
    lockout.failures = std::max(0, lockout.failures) + 1;
    if (lockout.failures >= StaffPinMaxFailures) {
        lockout.failures = 0;
        lockout.locked_until_unix_ms = now_unix_ms + StaffLockoutMs;
    }
    return lockout;
}

PinLockout after_right_pin(PinLockout) {
    return PinLockout{};
}

int failures_left(const PinLockout& lockout) {
    return std::max(0, StaffPinMaxFailures - lockout.failures);
}

std::string encode_lockout(const PinLockout& lockout) {
    return nlohmann::json{{"failures", lockout.failures},
                          {"locked_until_unix_ms", lockout.locked_until_unix_ms}}
        .dump();
}

Result<PinLockout> decode_lockout(const std::string& json) {
    try {
        const auto parsed = nlohmann::json::parse(json);
        PinLockout lockout;
        lockout.failures = parsed.at("failures").get<int>();
        lockout.locked_until_unix_ms = parsed.at("locked_until_unix_ms").get<std::int64_t>();
        if (lockout.failures < 0 || lockout.locked_until_unix_ms < 0)
            return make_error("staff_lock_invalid", "negative values");
        return lockout;
    } catch (const std::exception& error) {
        return make_error("staff_lock_invalid", error.what());
    }
}

// [SECTION] The scanner

LastScan scan_seen(const std::string& payload, std::int64_t now_unix_ms) {
    return LastScan{now_unix_ms, parse_cccd_qr(payload).ok()};
}

// [SECTION] Today's counts

DailyCounts counts_for_day(DailyCounts counts, const std::string& today) {
    if (counts.date == today) return counts;
    DailyCounts fresh;
    fresh.date = today;
    return fresh;
}

DailyCounts count_filing(DailyCounts counts, const std::string& today,
                         const std::string& procedure_code, bool assisted) {
    counts = counts_for_day(std::move(counts), today);
    ++counts.filings[procedure_code];
    ++(assisted ? counts.assisted : counts.self_service);
    return counts;
}

DailyCounts count_visit(DailyCounts counts, const std::string& today, const VisitCount& visit) {
    counts = counts_for_day(std::move(counts), today);
    if (!visit.abandoned_at.empty()) ++counts.abandoned[visit.abandoned_at];
    counts.visit_ms.push_back(std::max<std::int64_t>(0, visit.duration_ms));
    return counts;
}

VisitMetric visit_metric(const VisitCount& visit) {
    if (visit.filed) return VisitMetric{"motcua_visits_finished_total", ""};
    if (!visit.abandoned_at.empty())
        return VisitMetric{"motcua_visits_abandoned_total", visit.abandoned_at};
    return VisitMetric{"motcua_visits_ended_total", visit.ended_at};
}

std::int64_t median_visit_ms(const DailyCounts& counts) {
    if (counts.visit_ms.empty()) return -1;
    std::vector<std::int64_t> sorted = counts.visit_ms;
    const std::size_t middle = (sorted.size() - 1) / 2;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(middle),
                     sorted.end());
    return sorted[middle];
}

int total_filings(const DailyCounts& counts) {
    int total = 0;
    for (const auto& [code, count] : counts.filings) total += count;
    return total;
}

std::string encode_counts(const DailyCounts& counts) {
    return nlohmann::json{{"date", counts.date},
                          {"filings", counts.filings},
                          {"abandoned", counts.abandoned},
                          {"visit_ms", counts.visit_ms},
                          {"self_service", counts.self_service},
                          {"assisted", counts.assisted}}
        .dump();
}

Result<DailyCounts> decode_counts(const std::string& json) {
    try {
        const auto parsed = nlohmann::json::parse(json);
        DailyCounts counts;
        counts.date = parsed.at("date").get<std::string>();
        counts.filings = parsed.at("filings").get<std::map<std::string, int>>();
        counts.abandoned = parsed.at("abandoned").get<std::map<std::string, int>>();
        counts.visit_ms = parsed.at("visit_ms").get<std::vector<std::int64_t>>();
        counts.self_service = parsed.at("self_service").get<int>();
        counts.assisted = parsed.at("assisted").get<int>();
        return counts;
    } catch (const std::exception& error) {
        return make_error("staff_counts_invalid", error.what());
    }
}

}  // namespace motcua::core
