// Sends the outbox to the portal on its own thread: due entries go out with their idempotency
// key; each outcome is saved before the next request; accepted ones lose their personal data.
// Results reach the UI thread through take_results(); `wake_ui` (SDL_PushEvent) wakes the loop.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/filing/retry_policy.h"
#include "core/session/session.h"
#include "platform/http/curl_portal_client.h"
#include "platform/store/outbox_store.h"

namespace motcua::platform {

struct WorkerStatus {
    int unsent = 0;      // pending + sending
    int held = 0;        // refused by the portal: staff must look
    int stale = 0;       // unsent for longer than the configured limit
    bool portal_reachable = true;
};

class FilingWorker {
public:
    FilingWorker(std::string db_path, PortalClientOptions portal, core::RetryPolicy policy,
                 std::int64_t stale_after_ms, std::function<void()> wake_ui, std::string kiosk_id = "KIOSK-01");
    ~FilingWorker();
    void start();
    void stop();
    // Something new is in the outbox (or staff asked to retry): look now.
    void wake();
    // Queue a satisfaction rating (best effort; logged when it cannot be sent).
    void send_rating(std::string code, int level, std::string kiosk_id);
    // Ask the portal for a dossier's status; the answer comes back as intent::LookupResult.
    void lookup(std::string code);
    std::vector<core::Intent> take_results();
    WorkerStatus status() const;

private:
    void run();
    // One pass over the outbox; false when the store could not be read or written.
    bool send_due(OutboxStore& store, CurlPortalClient& client);
    void post(core::Intent intent);

    std::string m_db_path;
    PortalClientOptions m_portal;
    core::RetryPolicy m_policy;
    std::int64_t m_stale_after_ms;
    std::function<void()> m_wake_ui;
    std::string m_kiosk_id;
    std::int64_t m_next_heartbeat_ms = 0;

    mutable std::mutex m_mutex;
    std::condition_variable m_wakeup;
    bool m_stopping = false;
    bool m_poke = false;
    std::vector<core::Intent> m_results;
    std::vector<std::string> m_ratings;  // JSON bodies
    std::vector<std::string> m_lookups;  // codes
    WorkerStatus m_status;
    std::thread m_thread;
};

}  // namespace motcua::platform
