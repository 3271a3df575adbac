// Sends the outbox to the portal on its own thread: due entries go out with their idempotency
// key; each outcome (and each step an adapter saves) is saved before the next request; accepted
// ones lose their personal data. The portal is a core::Portal made by the factory on each of
// the worker's two threads (filing, lookups), so a lookup never waits behind a submit.
// Results reach the UI thread through take_results(); `wake_ui` (SDL_PushEvent) wakes the loop.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

#include "core/filing/portal.h"
#include "core/filing/retry_policy.h"
#include "core/session/session.h"
#include "platform/http/portal_factory.h"
#include "platform/store/outbox_store.h"
#include "platform/system/clock.h"
#include "platform/worker_loop.h"

namespace motcua::platform {

struct WorkerStatus {
    int unsent = 0;  // pending + sending
    int held = 0;    // refused by the portal: staff must look
    int stale = 0;   // unsent for longer than the configured limit
    bool portal_reachable = true;
    // The most serious problem among the unsent and held entries (Auth > Refused > Tls >
    // Config > Network > None): what the staff notice names ("staff.problem." + to_string).
    core::HoldKind problem = core::HoldKind::None;
    int held_fixable = 0;  // held for auth or configuration: resent at start-up and every 10 min
    // The wall clock reads before 2025 or after 2099 (core::is_plausible_wall_clock): a dead RTC.
    // Due dates and filing times must not come from it; staff are told ("staff.problem.clock").
    bool clock_implausible = false;
};

class FilingWorker {
public:
    // `portal` is called once on the filing thread and once on the lookup thread.
    FilingWorker(std::string db_path, PortalFactory portal, core::RetryPolicy policy,
                 std::int64_t stale_after_ms, std::function<void()> wake_ui,
                 std::string kiosk_id = "KIOSK-01");
    ~FilingWorker();
    // Tests: the wall clock the worker stamps entries with (default: the system's). Retry timers
    // run on the monotonic clock whatever this says. Call before start().
    void use_wall_clock(std::function<std::int64_t()> wall_ms);
    void start();
    void stop();
    // Something new is in the outbox (or staff asked to retry), or the first frame was drawn
    // (the first heartbeat waits for it: metrics::last_frame_unix_ms): look now.
    void wake();
    // Queue a satisfaction rating: saved in the outbox, sent, and kept and sent again until the
    // portal took it (never dropped).
    void send_rating(std::string code, int level, std::string kiosk_id);
    // Ask the portal for a dossier's status, on a thread of its own (never behind a submit); the
    // answer comes back as intent::LookupResult. `progress`: LookupRoute::portal_progress.
    void lookup(std::string code, std::string progress = {});
    // Staff mode: send a Held (or Pending) entry again now, with a fresh backoff.
    void staff_retry(std::int64_t id);
    // Staff mode: never send this Held or Pending entry; the record stays, with the reason,
    // and the cancellation is logged.
    void staff_cancel(std::int64_t id, std::string reason);
    std::vector<core::Intent> take_results();
    WorkerStatus status() const;

private:
    void run(std::stop_token stop);
    // One pass over the outbox; false when the store could not be read or written.
    bool send_due(OutboxStore& store, core::Portal& portal, const std::stop_token& stop);
    // Ratings into the outbox, then (while `store_ok`) to the portal, each when its own retry
    // time has come; a Retry stops the round, a Waiting does not. False when the store failed.
    bool send_ratings(OutboxStore& store, core::Portal& portal, bool store_ok);
    void send_heartbeat(core::Portal& portal);
    // Held entries whose cause is fixable become Pending (start-up, then every 10 minutes).
    bool retry_fixable_holds(OutboxStore& store);
    bool apply_staff_actions(OutboxStore& store);
    // The lookup thread: answers status lookups with its own Portal.
    void run_lookups(std::stop_token stop);
    // When an entry is due, on the monotonic clock.
    std::int64_t due_monotonic_ms(const core::OutboxEntry& entry, std::int64_t now_wall,
                                  std::int64_t now_mono);
    void post(core::Intent intent);

    std::string m_db_path;
    PortalFactory m_portal;
    core::RetryPolicy m_policy;
    std::int64_t m_stale_after_ms;
    std::function<void()> m_wake_ui;
    std::string m_kiosk_id;
    std::function<std::int64_t()> m_wall = system_wall_ms;
    // [ops] The first heartbeat waits for the first drawn frame (KhungHinhCuoi), at most this
    // long after start; then one every HeartbeatEveryMs. Monotonic.
    std::int64_t m_first_heartbeat_by_ms = 0;
    std::int64_t m_next_heartbeat_ms = 0;   // 0: the first one is not sent yet
    std::int64_t m_next_hold_retry_ms = 0;  // monotonic; 0: at start-up
    std::int64_t m_next_rating_ms = 0;      // monotonic: the next look at the unsent ratings
    std::map<std::int64_t, std::int64_t> m_rating_due;  // rating id → its retry time, monotonic
    std::map<std::int64_t, std::int64_t>
        m_due;  // entry id → due time, monotonic (worker thread only)
    struct StaffAction {
        std::int64_t id;
        bool cancel;
        std::string reason;
    };
    std::vector<StaffAction> m_staff;  // guarded by m_mutex

    struct Lookup {
        std::string code;
        std::string progress;
    };

    mutable std::mutex m_mutex;  // guards what the threads share (below, and m_staff)
    std::vector<core::Intent> m_results;
    std::vector<std::string> m_ratings;  // JSON bodies
    std::vector<Lookup> m_lookups;       // for the lookup thread
    WorkerStatus m_status;
    // Last: the threads stop (and join) before anything above is destroyed.
    WorkerLoop m_filing;  // the outbox, ratings and heartbeat
    WorkerLoop m_lookup;  // lookups, never behind a submit
};

}  // namespace motcua::platform
