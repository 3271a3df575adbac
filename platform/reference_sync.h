// Keeps the kiosk's reference documents current: the procedure catalogue (GET /api/v1/thutuc)
// and the administrative units (GET /api/v1/donvihanhchinh). Each is revalidated with its ETag,
// checked by the core parsers, and only a good copy is cached (in the kiosk's SQLite file) and
// handed on. A refused or unreachable document never replaces the one in use.
// ReferenceSync is used by one thread at a time (ReferenceWorker below, or a test). A portal
// whose API publishes no such document (Portal::reference gives nullopt) leaves the copy in use.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>

#include "core/catalog/offer.h"
#include "core/filing/portal.h"
#include "core/form/admin_units.h"
#include "platform/http/portal_factory.h"
#include "platform/store/outbox_store.h"
#include "platform/worker_loop.h"

namespace motcua::platform {

// What changed; a null member did not.
struct ReferenceUpdate {
    std::shared_ptr<const core::CatalogOffer> catalog;
    std::shared_ptr<const core::AdminUnits> units;
    bool empty() const { return !catalog && !units; }
};

class ReferenceSync {
public:
    ReferenceSync(OutboxStore& store, core::Portal& portal, std::function<std::int64_t()> wall_ms);

    // The last good copies in the cache (what a kiosk starting without a network uses).
    ReferenceUpdate load_cached();
    // Asks the portal for newer documents. `reachable` is false when any document could not
    // be fetched (no answer, or an HTTP error): the caller asks again sooner. A document the
    // portal's API does not publish is no failure.
    ReferenceUpdate refresh(bool& reachable);

private:
    std::string& etag_of(const std::string& name);
    bool take(const std::string& name, const std::string& body, const std::string& origin,
              ReferenceUpdate& update);

    OutboxStore& m_store;
    core::Portal& m_portal;
    std::function<std::int64_t()> m_wall_ms;
    std::string m_catalog_etag;
    std::string m_units_etag;
};

// Runs a ReferenceSync on its own thread, with its own SQLite connection and Portal, so a
// large download or parse never delays a filing: the cache at start, then the portal at once,
// every hour after that, and 2 minutes after a failure.
class ReferenceWorker {
public:
    // `portal` is called once, on the worker's thread.
    ReferenceWorker(std::string db_path, PortalFactory portal, std::function<void()> wake_ui);
    ~ReferenceWorker();
    void start();
    void stop();
    // What arrived since the last call (the session takes it between visits).
    ReferenceUpdate take_update();
    // [staff] Ask the portal again now (staff mode's "Tải lại danh mục thủ tục").
    void refresh_now();

private:
    void run(std::stop_token stop);
    void publish(ReferenceUpdate update);

    std::string m_db_path;
    PortalFactory m_portal;
    std::function<void()> m_wake_ui;
    std::mutex m_mutex;
    ReferenceUpdate m_update;
    WorkerLoop m_loop;  // last: stopped before the members above go
};

}  // namespace motcua::platform
