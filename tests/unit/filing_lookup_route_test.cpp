#include <catch2/catch.hpp>

#include "core/filing/lookup_route.h"

using namespace motcua::core;

TEST_CASE("a lookup is answered from the outbox first, then asked of the portal",
          "[filing][lookup]") {
    OutboxEntry entry = make_entry("key", "KD4MX7PA", "1.001193", "{}", 0);
    SECTION("not in this kiosk's outbox: the portal, with the code asked") {
        const LookupRoute route = route_lookup("000.00.01.H99-261201-0001", nullptr);
        CHECK(route.kind == LookupRoute::Kind::AskPortal);
        CHECK(route.portal_code == "000.00.01.H99-261201-0001");
    }
    SECTION("still waiting here: answered here") {
        for (OutboxState state : {OutboxState::Pending, OutboxState::Sending, OutboxState::Held}) {
            entry.state = state;
            CHECK(route_lookup("KD4MX7PA", &entry).kind == LookupRoute::Kind::AnswerWaiting);
        }
    }
    SECTION("accepted: the portal, by its MaHoSo") {
        entry.state = OutboxState::Accepted;
        entry.ma_ho_so = "000.00.01.H99-261201-0007";
        const LookupRoute route = route_lookup("KD4MX7PA", &entry);
        CHECK(route.kind == LookupRoute::Kind::AskPortal);
        CHECK(route.portal_code == "000.00.01.H99-261201-0007");
        CHECK(route.portal_progress.empty());
    }
    SECTION("accepted through a multi-step adapter: its saved progress goes with the question") {
        entry.state = OutboxState::Accepted;
        entry.ma_ho_so = "000.00.01.H99-261201-0008";
        entry.portal_progress = R"({"dossierId":41})";
        const LookupRoute route = route_lookup("KD4MX7PA", &entry);
        CHECK(route.kind == LookupRoute::Kind::AskPortal);
        CHECK(route.portal_progress == R"({"dossierId":41})");
    }
}
