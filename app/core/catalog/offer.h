// What the kiosk offers residents: one catalogue and its search index, built together and
// never changed afterwards. A newer catalogue (from the portal) is a new CatalogOffer, swapped
// in between visits, so a visit never sees its procedure change under it.
#pragma once

#include <memory>
#include <string>

#include "core/catalog/loader.h"
#include "core/text/search.h"

namespace motcua::core {

struct CatalogOffer {
    Catalog catalog;
    SearchIndex search;  // ids are indices into catalog.procedures
    std::string origin;  // "bundled", "cache" or "portal": for the log and staff
};

// Indexes every procedure's names (Vietnamese and English) and everyday names.
std::shared_ptr<const CatalogOffer> make_offer(Catalog catalog, std::string origin);

}  // namespace motcua::core
