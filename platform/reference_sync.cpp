#include "platform/reference_sync.h"

#include <utility>

#include "platform/system/clock.h"
#include "platform/system/log.h"

namespace motcua::platform {

namespace {

constexpr const char* Catalogue = "thutuc";
constexpr const char* Units = "donvihanhchinh";

}  // namespace

ReferenceSync::ReferenceSync(OutboxStore& store, core::Portal& portal,
                             std::function<std::int64_t()> wall_ms)
    : m_store(store), m_portal(portal), m_wall_ms(std::move(wall_ms)) {}

// Parses one document; on success puts it into `update` and returns true.
bool ReferenceSync::take(const std::string& name, const std::string& body,
                         const std::string& origin, ReferenceUpdate& update) {
    const std::string source = origin + ":" + name;
    if (name == Catalogue) {
        auto catalog = core::parse_portal_catalog(body, source);
        if (!catalog) {
            log_error("reference_refused", catalog.error().detail);
            return false;
        }
        for (const auto& problem : catalog->problems)
            log_error("procedure_refused", problem.detail);
        if (catalog->procedures.empty() && catalog->problems.empty()) {
            log_info("catalogue_empty",
                     source + ": the portal publishes no procedures; keeping the catalogue in use");
            return false;
        }
        if (catalog->procedures.empty()) {
            log_error("reference_refused",
                      source + ": no usable procedure; keeping the catalogue in use");
            return false;
        }
        log_info("catalogue_loaded", source + ": " + std::to_string(catalog->procedures.size()) +
                                         " procedures, " +
                                         std::to_string(catalog->problems.size()) + " refused");
        update.catalog = core::make_offer(std::move(catalog).value(), origin);
        return true;
    }
    auto units = core::AdminUnits::parse(body, source);
    if (!units) {
        log_error("reference_refused", units.error().detail);
        return false;
    }
    log_info("admin_units_loaded", source + ": " + std::to_string(units->provinces().size()) +
                                       " provinces, " + std::to_string(units->ward_count()) +
                                       " wards");
    update.units = std::make_shared<const core::AdminUnits>(std::move(units).value());
    return true;
}

std::string& ReferenceSync::etag_of(const std::string& name) {
    return name == Catalogue ? m_catalog_etag : m_units_etag;
}

ReferenceUpdate ReferenceSync::load_cached() {
    ReferenceUpdate update;
    for (const char* name : {Catalogue, Units}) {
        auto cached = m_store.load_reference(name);
        if (!cached) {
            log_error("reference_cache_unreadable", cached.error().detail);
            continue;
        }
        if (!*cached) continue;
        if (take(name, (*cached)->body, "cache", update)) etag_of(name) = (*cached)->etag;
    }
    return update;
}

ReferenceUpdate ReferenceSync::refresh(bool& reachable) {
    ReferenceUpdate update;
    reachable = true;
    for (const char* name : {Catalogue, Units}) {
        std::string& etag = etag_of(name);
        std::optional<core::HttpReply> answer = m_portal.reference(name, etag);
        if (!answer) continue;  // not published by this API: keep what is in use
        core::HttpReply& reply = *answer;
        if (reply.status == 304) continue;  // what we have is current
        if (reply.status != 200) {
            reachable = false;
            log_warning("reference_not_fetched",
                        std::string(name) + ": " +
                            (reply.status == 0 ? reply.transport_error
                                               : "HTTP " + std::to_string(reply.status)));
            continue;
        }
        if (!take(name, reply.body, "portal", update)) continue;
        etag = reply.etag;
        // Cached after it was checked: a bad document never reaches the cache.
        if (auto saved = m_store.save_reference({name, reply.etag, reply.body, m_wall_ms()});
            !saved)
            log_error("reference_cache_failed", saved.error().detail);
    }
    return update;
}

ReferenceWorker::ReferenceWorker(std::string db_path, PortalFactory portal,
                                 std::function<void()> wake_ui)
    : m_db_path(std::move(db_path)), m_portal(std::move(portal)), m_wake_ui(std::move(wake_ui)) {}

ReferenceWorker::~ReferenceWorker() {
    stop();
}

void ReferenceWorker::start() {
    m_loop.start([this](std::stop_token stop) { run(stop); });
}

void ReferenceWorker::stop() {
    m_loop.stop();
}

ReferenceUpdate ReferenceWorker::take_update() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_update, ReferenceUpdate{});
}

void ReferenceWorker::publish(ReferenceUpdate update) {
    if (update.empty()) return;
    {
        std::lock_guard lock(m_mutex);
        if (update.catalog) m_update.catalog = std::move(update.catalog);
        if (update.units) m_update.units = std::move(update.units);
    }
    if (m_wake_ui) m_wake_ui();
}

void ReferenceWorker::run(std::stop_token stop) {
    auto store = OutboxStore::open(m_db_path);
    if (!store) {
        log_error("reference_worker_failed", store.error().detail);
        return;
    }
    auto portal = m_portal();
    if (!portal) {
        log_error("reference_worker_failed", portal.error().code + ": " + portal.error().detail);
        return;
    }
    ReferenceSync sync(**store, **portal, system_wall_ms);
    publish(sync.load_cached());
    bool reachable = true;
    do {
        publish(sync.refresh(reachable));
        // The catalogue and the ward list change rarely: a 304 every hour costs a few hundred
        // bytes. [staff] refresh_now() wakes it sooner.
    } while (m_loop.wait_until(stop, system_monotonic_ms() + (reachable ? 60 : 2) * 60'000));
}

// [staff]
void ReferenceWorker::refresh_now() {
    m_loop.wake();
}
// [/staff]

}  // namespace motcua::platform
