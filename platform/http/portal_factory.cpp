#include "platform/http/portal_factory.h"

#include "platform/http/motcua_portal.h"

namespace motcua::platform {

core::Result<std::unique_ptr<core::Portal>> make_portal(const PortalSettings& settings) {
    if (settings.kind == "motcua") {
        auto portal = MotcuaPortal::create(settings.client);
        if (!portal) return portal.error();
        return std::unique_ptr<core::Portal>(std::move(portal).value());
    }
    // [opencps]
    if (settings.kind == "opencps") {
        OpenCpsSettings opencps = settings.opencps;
        opencps.transport = settings.client;  // URL, TLS, proxy, timeouts (the token is dropped)
        return make_opencps_portal(opencps);
    }
    // [/opencps]
    return core::make_error("portal_kind_unknown",
                            "portal kind '" + settings.kind + "' is not one this kiosk speaks");
}

PortalFactory portal_factory(PortalSettings settings) {
    return [settings = std::move(settings)] { return make_portal(settings); };
}

}  // namespace motcua::platform
