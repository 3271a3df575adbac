// Makes the core::Portal adapter the configuration names (portal.kind / --portal-kind). Each
// worker thread calls its factory once, so every thread has its own adapter and connection.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/filing/portal.h"
#include "core/result.h"
#include "platform/http/curl_portal_client.h"
#include "platform/http/opencps_portal.h"  // [opencps]

namespace motcua::platform {

struct PortalSettings {
    std::string kind = "motcua";  // "motcua" (docs/portal-api.md) or "opencps"
    PortalClientOptions client;   // the transport: URL, token, TLS files, timeouts
    // [opencps] kind "opencps": the site, the credentials file, the mapping, the assets (its
    // transport is `client`, without the token)
    OpenCpsSettings opencps = {};
    // [/opencps]
};

// One adapter. Errors: what the adapter's create refuses (portal_url_invalid, token_invalid
// ...), "portal_kind_unavailable" for a kind this build cannot make yet, "portal_kind_unknown".
core::Result<std::unique_ptr<core::Portal>> make_portal(const PortalSettings& settings);

// What the workers take: called once on each of their threads.
using PortalFactory = std::function<core::Result<std::unique_ptr<core::Portal>>()>;
// A factory that makes adapters from a copy of `settings`.
PortalFactory portal_factory(PortalSettings settings);

}  // namespace motcua::platform
