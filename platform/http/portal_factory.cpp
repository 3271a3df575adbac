#include "platform/http/portal_factory.h"

#include "platform/http/motcua_portal.h"

namespace motcua::platform {

core::Result<std::unique_ptr<core::Portal>> make_portal(const PortalSettings& settings) {
    if (settings.kind == "motcua") {
        auto portal = MotcuaPortal::create(settings.client);
        if (!portal) return portal.error();
        return std::unique_ptr<core::Portal>(std::move(portal).value());
    }
    // [opencps] the lead plugs platform::OpenCpsPortal in here
    if (settings.kind == "opencps")
        return core::make_error("portal_kind_unavailable",
                                "portal kind 'opencps' is not built into this version yet");
    // [/opencps]
    return core::make_error("portal_kind_unknown", "portal kind '" + settings.kind +
                                                       "' is not one this kiosk speaks");
}

PortalFactory portal_factory(PortalSettings settings) {
    return [settings = std::move(settings)] { return make_portal(settings); };
}

}  // namespace motcua::platform
