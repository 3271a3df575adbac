#include "platform/filing_worker.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "core/filing/kiosk_messages.h"
#include "core/filing/portal_time.h"
#include "core/filing/wall_clock.h"
#include "core/filing/worker_intents.h"
#include "platform/system/clock.h"
#include "platform/system/log.h"
#include "platform/system/metrics.h"
#include "platform/system/random.h"

#ifndef MOTCUA_VERSION
#error "MOTCUA_VERSION comes from CMake (project VERSION)"
#endif

namespace motcua::platform {

namespace {

// After the outbox could not be read or written (disk full, read-only), wait this long before
// the next pass instead of retrying at once: the due entries are still due, and retrying in a
// tight loop would burn a core and flood the log until the disk is fixed.
constexpr std::int64_t StoreRetryMs = 1000;
// A rating the portal did not take is sent again after this long (with the next pass).
constexpr std::int64_t RatingRetryMs = 30'000;
// [ops] The heartbeat: every 5 minutes; the first once a frame was drawn (so KhungHinhCuoi is
// not null until the next one), or this long after start when none is (a broken display).
constexpr std::int64_t HeartbeatEveryMs = 5 * 60'000;
constexpr std::int64_t FirstHeartbeatWaitMs = 60'000;
// A thread with nothing due sleeps at most this long (a wake() ends it sooner).
constexpr std::int64_t IdleWakeMs = 60'000;

}  // namespace

FilingWorker::FilingWorker(std::string db_path, PortalFactory portal, core::RetryPolicy policy,
                           std::int64_t stale_after_ms, std::function<void()> wake_ui,
                           std::string kiosk_id)
    : m_db_path(std::move(db_path)),
      m_portal(std::move(portal)),
      m_policy(policy),
      m_stale_after_ms(stale_after_ms),
      m_wake_ui(std::move(wake_ui)),
      m_kiosk_id(std::move(kiosk_id)) {}

FilingWorker::~FilingWorker() {
    stop();
}

void FilingWorker::use_wall_clock(std::function<std::int64_t()> wall_ms) {
    m_wall = std::move(wall_ms);
}

void FilingWorker::start() {
    m_first_heartbeat_by_ms = system_monotonic_ms() + FirstHeartbeatWaitMs;
    m_filing.start([this](std::stop_token stop) { run(stop); });
    m_lookup.start([this](std::stop_token stop) { run_lookups(stop); });
}

void FilingWorker::stop() {
    m_lookup.stop();
    m_filing.stop();
}

void FilingWorker::run_lookups(std::stop_token stop) {
    // Its own Portal (and connection): a lookup never waits behind a submit that takes up to
    // 20 s. Without one every lookup is answered "unavailable".
    auto portal = m_portal();
    if (!portal) log_error("lookup_worker_failed", portal.error().detail);
    do {
        std::vector<Lookup> lookups;
        {
            std::lock_guard lock(m_mutex);
            lookups.swap(m_lookups);
        }
        for (const auto& asked : lookups) {
            if (stop.stop_requested()) return;
            const core::LookupOutcome outcome =
                portal ? (*portal)->lookup(asked.code, asked.progress)
                       : core::LookupOutcome{
                             core::LookupUnavailable{"portal_unreachable", "no portal adapter"}};
            post(core::lookup_intent(asked.code, outcome));
        }
    } while (m_lookup.wait_until(stop, system_monotonic_ms() + IdleWakeMs));
}

void FilingWorker::wake() {
    m_filing.wake();
}

void FilingWorker::send_rating(std::string code, int level, std::string kiosk_id) {
    {
        std::lock_guard lock(m_mutex);
        m_ratings.push_back(core::rating_body(code, level, kiosk_id));
    }
    m_filing.wake();
}

void FilingWorker::lookup(std::string code, std::string progress) {
    {
        std::lock_guard lock(m_mutex);
        m_lookups.push_back({std::move(code), std::move(progress)});
    }
    m_lookup.wake();
}

std::vector<core::Intent> FilingWorker::take_results() {
    std::lock_guard lock(m_mutex);
    std::vector<core::Intent> results;
    results.swap(m_results);
    return results;
}

WorkerStatus FilingWorker::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void FilingWorker::post(core::Intent intent) {
    {
        std::lock_guard lock(m_mutex);
        m_results.push_back(std::move(intent));
    }
    if (m_wake_ui) m_wake_ui();
}

void FilingWorker::staff_retry(std::int64_t id) {
    {
        std::lock_guard lock(m_mutex);
        m_staff.push_back({id, false, {}});
    }
    m_filing.wake();
}

void FilingWorker::staff_cancel(std::int64_t id, std::string reason) {
    {
        std::lock_guard lock(m_mutex);
        m_staff.push_back({id, true, std::move(reason)});
    }
    m_filing.wake();
}

std::int64_t FilingWorker::due_monotonic_ms(const core::OutboxEntry& entry, std::int64_t now_wall,
                                            std::int64_t now_mono) {
    if (auto it = m_due.find(entry.id); it != m_due.end()) return it->second;
    // Not scheduled by this run (start-up): the stored wall-clock time, as a delay from now and
    // bounded by the longest wait the policy allows, so a wall clock set back (a dead RTC in
    // 1970) cannot park the entry for decades, nor one set forward skip the backoff.
    // A wait longer than any the policy or a Retry-After can ask for means the wall clock moved
    // (or was wrong when the time was stored): due now.
    std::int64_t remaining = std::max<std::int64_t>(entry.next_attempt_unix_ms - now_wall, 0);
    if (remaining > std::max(m_policy.cap_ms, core::MaxRetryAfterMs)) remaining = 0;
    const std::int64_t due = now_mono + remaining;
    m_due[entry.id] = due;
    return due;
}

bool FilingWorker::apply_staff_actions(OutboxStore& store) {
    std::vector<StaffAction> actions;
    {
        std::lock_guard lock(m_mutex);
        actions.swap(m_staff);
    }
    for (const auto& action : actions) {
        auto found = store.by_id(action.id);
        if (!found || !*found) {
            log_error("staff_action_failed", "no dossier with id " + std::to_string(action.id));
            continue;
        }
        core::OutboxEntry entry = action.cancel ? core::on_staff_cancel(**found, action.reason)
                                                : core::on_staff_retry(**found, m_wall());
        if (entry.state == (*found)->state && !action.cancel &&
            entry.attempts == (*found)->attempts)
            continue;
        if (auto saved = store.update(entry); !saved) {
            log_error("outbox_update_failed", saved.error().detail);
            return false;
        }
        m_due.erase(entry.id);
        if (action.cancel && entry.state == core::OutboxState::Cancelled)
            log_warning("dossier_cancelled_by_staff",
                        entry.provisional_code + ": " + action.reason);
        else if (!action.cancel)
            log_info("dossier_retry_by_staff", entry.provisional_code);
    }
    return true;
}

bool FilingWorker::retry_fixable_holds(OutboxStore& store) {
    auto entries = store.unfinished();
    if (!entries) {
        log_error("outbox_read_failed", entries.error().detail);
        return false;
    }
    for (const core::OutboxEntry& held : *entries) {
        core::OutboxEntry entry = core::on_fixable_hold_retry(held, m_wall());
        if (entry.state == held.state) continue;
        if (auto saved = store.update(entry); !saved) {
            log_error("outbox_update_failed", saved.error().detail);
            return false;
        }
        m_due.erase(entry.id);
        log_info("dossier_hold_retry", entry.provisional_code + " " + entry.last_error_code);
    }
    return true;
}

bool FilingWorker::send_due(OutboxStore& store, core::Portal& portal, const std::stop_token& stop) {
    SystemRandom random;
    auto entries = store.unfinished();
    if (!entries) {
        log_error("outbox_read_failed", entries.error().detail);
        return false;
    }
    WorkerStatus status;
    status.portal_reachable = m_status.portal_reachable;
    status.clock_implausible = !core::is_plausible_wall_clock(m_wall());
    // Auth first (nothing gets through), then a refusal (staff must act), then the rest.
    auto rank = [](core::HoldKind kind) {
        switch (kind) {
            case core::HoldKind::Auth:
                return 5;
            case core::HoldKind::Refused:
                return 4;
            case core::HoldKind::Tls:
                return 3;
            case core::HoldKind::Config:
                return 2;
            case core::HoldKind::Network:
                return 1;
            case core::HoldKind::None:
                return 0;
        }
        return 0;
    };
    for (core::OutboxEntry entry : *entries) {
        // Only this thread sends, one entry at a time, and it is not sending now: an entry still
        // "sending" was left so by a crash or power cut, or by an outcome we could not save.
        // It goes out again with the same key (the portal answers with the stored result).
        if (entry.state == core::OutboxState::Sending) {
            entry = core::on_crash_recovery(std::move(entry), m_wall());
            m_due[entry.id] = system_monotonic_ms();
            if (auto saved = store.update(entry); !saved) {
                log_error("outbox_update_failed", saved.error().detail);
                return false;
            }
        }
        if (entry.state == core::OutboxState::Pending &&
            system_monotonic_ms() >= due_monotonic_ms(entry, m_wall(), system_monotonic_ms())) {
            if (stop.stop_requested()) return true;
            entry = core::on_send_started(std::move(entry));
            if (auto saved = store.update(entry); !saved) {
                log_error("outbox_update_failed", saved.error().detail);
                return false;
            }
            // A multi-step adapter saves each step before its next request: the entry (still
            // Sending) with the new progress. Not saved: the adapter stops and returns a Retry,
            // and the entry keeps the progress that is on disk.
            const core::SaveProgress save_progress = [&store, &entry](const std::string& progress) {
                std::string previous = std::exchange(entry.portal_progress, progress);
                if (auto saved = store.update(entry); !saved) {
                    log_error("outbox_progress_not_saved", saved.error().detail);
                    entry.portal_progress = std::move(previous);
                    return false;
                }
                return true;
            };
            const core::FilingAttempt attempt = portal.file(entry, save_progress);
            const core::SubmitOutcome& outcome = attempt.outcome;
            const std::int64_t wall_before = m_wall();
            entry = core::on_outcome(std::move(entry), outcome, wall_before, m_policy, random);
            const bool purged =
                entry.state == core::OutboxState::Accepted && !entry.personal_data_purged;
            if (entry.state == core::OutboxState::Accepted)
                entry = core::on_purge(std::move(entry));
            if (auto saved = store.update(entry); !saved) {
                // The portal may have it; we could not record that. The entry stays "sending" and
                // the next pass resends it with the same key: the portal answers with the stored
                // result, still exactly once.
                log_error("outbox_update_failed", saved.error().detail);
                return false;
            }
            // The delay the core chose, measured on the monotonic clock from now.
            if (entry.state == core::OutboxState::Pending)
                m_due[entry.id] =
                    system_monotonic_ms() +
                    std::max<std::int64_t>(0, entry.next_attempt_unix_ms - wall_before);
            else
                m_due.erase(entry.id);
            if (purged) {
                // The payload's old pages are still in the WAL until a checkpoint: truncate it now,
                // so no name or ID number waits on disk for a clean exit (or survives a kill).
                if (auto checkpointed = store.checkpoint(); !checkpointed)
                    log_warning("outbox_checkpoint_failed", checkpointed.error().detail);
            }
            status.portal_reachable = attempt.answered;
            if (auto told = core::filing_intent(entry, outcome)) post(std::move(*told));
            if (const auto* accepted = std::get_if<core::SubmitAccepted>(&outcome)) {
                log_info("dossier_accepted", entry.provisional_code + " " + accepted->ma_ho_so);
            } else if (const auto* retry = std::get_if<core::SubmitRetry>(&outcome)) {
                metrics::count(
                    "motcua_portal_errors_total",  // [ops]
                    {{"kind", std::string(core::to_string(core::hold_kind(retry->reason_code)))}});
                log_warning("dossier_retry", entry.provisional_code + " " + retry->reason_code +
                                                 ": " + retry->detail);
            } else if (const auto* held = std::get_if<core::SubmitHeld>(&outcome)) {
                metrics::count(
                    "motcua_portal_errors_total",  // [ops]
                    {{"kind", std::string(core::to_string(core::hold_kind(held->reason_code)))}});
                log_error("dossier_held",
                          entry.provisional_code + " " + held->reason_code + ": " + held->detail);
            }
        }
        const core::HoldKind kind = core::hold_kind(entry.last_error_code);
        if (entry.state == core::OutboxState::Held) {
            ++status.held;
            if (core::is_fixable(kind)) ++status.held_fixable;
        }
        if (entry.state == core::OutboxState::Pending || entry.state == core::OutboxState::Sending)
            ++status.unsent;
        if (entry.state != core::OutboxState::Accepted && rank(kind) > rank(status.problem))
            status.problem = kind;
        if (core::is_stale(entry, m_wall(), m_stale_after_ms)) ++status.stale;
    }
    std::lock_guard lock(m_mutex);
    m_status = status;
    return true;
}

bool FilingWorker::send_ratings(OutboxStore& store, core::Portal& portal, bool store_ok) {
    std::vector<std::string> ratings;
    {
        std::lock_guard lock(m_mutex);
        ratings.swap(m_ratings);
    }
    // Ratings go into the outbox first, and leave it only once the portal took them.
    for (const auto& body : ratings)
        if (auto saved = store.insert_rating(body, m_wall()); !saved) {
            log_error("rating_not_saved", saved.error().code + ": " + saved.error().detail);
            std::lock_guard lock(m_mutex);
            m_ratings.push_back(body);  // kept in memory; saved on the next pass
            store_ok = false;
        }
    const std::int64_t now = system_monotonic_ms();
    if (!store_ok || (ratings.empty() && now < m_next_rating_ms)) return store_ok;
    auto waiting = store.unsent_ratings();
    if (!waiting) {
        m_next_rating_ms = now + RatingRetryMs;
        return true;
    }
    // Each rating keeps its own retry time: one waiting for its dossier holds back no other.
    // A Retry is the portal not taking any now: the rest wait for the next round too.
    std::map<std::int64_t, std::int64_t> due;  // rating id → when it goes again (monotonic)
    bool portal_refusing = false;
    for (const auto& rating : *waiting) {
        if (const auto kept = m_rating_due.find(rating.id);
            kept != m_rating_due.end() && kept->second > now) {
            due[rating.id] = kept->second;
            continue;
        }
        if (portal_refusing) {
            due[rating.id] = now + RatingRetryMs;
            continue;
        }
        const core::RatingOutcome outcome = portal.rate(rating.body);
        const std::string why = outcome == core::RatingOutcome::Refused ? "refused by the portal"
                                : outcome == core::RatingOutcome::Waiting
                                    ? "waits for its dossier"
                                    : "not taken by the portal";
        core::Status saved =
            outcome == core::RatingOutcome::Sent
                ? store.rating_done(rating.id)
                : store.rating_failed(rating.id, outcome == core::RatingOutcome::Refused, why);
        if (outcome == core::RatingOutcome::Refused)
            log_error("rating_refused", why);
        else if (outcome != core::RatingOutcome::Sent)
            log_warning("rating_not_sent", why + " (kept, sent again later)");
        if (!saved) log_error("rating_update_failed", saved.error().detail);
        if (outcome == core::RatingOutcome::Retry || outcome == core::RatingOutcome::Waiting)
            due[rating.id] = now + RatingRetryMs;
        if (outcome == core::RatingOutcome::Retry) portal_refusing = true;
    }
    m_rating_due = std::move(due);
    m_next_rating_ms = now + RatingRetryMs;
    for (const auto& [id, when] : m_rating_due) m_next_rating_ms = std::min(m_next_rating_ms, when);
    return true;
}

void FilingWorker::send_heartbeat(core::Portal& portal) {
    // Every 5 minutes: the province sees which kiosks are alive and what they hold. The first
    // one waits for the first frame (a minute at most).
    const std::int64_t now = system_monotonic_ms();
    if (m_next_heartbeat_ms == 0) {
        if (metrics::last_frame_unix_ms() <= 0 && now < m_first_heartbeat_by_ms) return;
    } else if (now < m_next_heartbeat_ms) {
        return;
    }
    m_next_heartbeat_ms = now + HeartbeatEveryMs;
    const WorkerStatus now_status = status();
    portal.heartbeat(core::heartbeat_body(m_kiosk_id, MOTCUA_VERSION, m_wall(),
                                          {now_status.unsent, now_status.held, now_status.stale,
                                           metrics::last_frame_unix_ms()}));  // [ops] frame
}

void FilingWorker::run(std::stop_token stop) {
    auto store = OutboxStore::open(m_db_path);
    if (!store) {
        log_error("worker_failed", store.error().detail);
        return;
    }
    auto portal = m_portal();
    if (!portal) {
        log_error("worker_failed", portal.error().code + ": " + portal.error().detail);
        return;
    }
    std::int64_t next = 0;  // when the next pass is due (monotonic)
    do {
        bool store_ok = apply_staff_actions(**store);
        // Held for a cause someone fixes outside the dossier (a token, a certificate, the URL):
        // at start-up (the usual moment right after the fix) and then every 10 minutes.
        if (store_ok && system_monotonic_ms() >= m_next_hold_retry_ms) {
            if (retry_fixable_holds(**store))
                m_next_hold_retry_ms = system_monotonic_ms() + core::FixableHoldRetryMs;
            else
                store_ok = false;
        }
        store_ok = store_ok && send_due(**store, **portal, stop);
        if (stop.stop_requested()) return;
        store_ok = send_ratings(**store, **portal, store_ok);
        send_heartbeat(**portal);
        // Sleep until the next entry is due, a new one arrives, or a minute passes (monotonic).
        next = system_monotonic_ms() + (store_ok ? IdleWakeMs : StoreRetryMs);
        if (store_ok)
            if (auto entries = (*store)->unfinished())
                for (const auto& entry : *entries)
                    if (entry.state == core::OutboxState::Pending)
                        next = std::min(next,
                                        due_monotonic_ms(entry, m_wall(), system_monotonic_ms()));
        next = std::min(next, m_next_hold_retry_ms);
        // The first heartbeat: at the wake() after the first frame, or FirstHeartbeatWaitMs.
        next = std::min(next,
                        m_next_heartbeat_ms == 0 ? m_first_heartbeat_by_ms : m_next_heartbeat_ms);
    } while (m_filing.wait_until(stop, next));
}

}  // namespace motcua::platform
