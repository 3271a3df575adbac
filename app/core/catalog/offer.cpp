#include "core/catalog/offer.h"

namespace motcua::core {

std::shared_ptr<const CatalogOffer> make_offer(Catalog catalog, std::string origin) {
    auto offer = std::make_shared<CatalogOffer>();
    offer->catalog = std::move(catalog);
    offer->origin = std::move(origin);
    const auto& procedures = offer->catalog.procedures;
    for (int i = 0; i < static_cast<int>(procedures.size()); ++i) {
        const auto& procedure = procedures[static_cast<std::size_t>(i)];
        offer->search.add(i, procedure.name.vi, MatchKind::Name);
        if (!procedure.name.en.empty()) offer->search.add(i, procedure.name.en, MatchKind::Name);
        for (const auto& name : procedure.everyday_names)
            offer->search.add(i, name.vi, MatchKind::EverydayName);
    }
    return offer;
}

}  // namespace motcua::core
