#include <catch2/catch.hpp>

#include "core/filing/worker_intents.h"

using namespace motcua::core;

TEST_CASE("a filing outcome tells the session accepted or held, and a retry tells nobody",
          "[filing][worker]") {
    OutboxEntry entry = make_entry("key", "KD4MX7PA", "1.001193", "{}", 0);
    SECTION("accepted: the codes the entry now holds") {
        entry.ma_ho_so = "000.00.01.H99-261201-0007";
        entry.ngay_hen_tra = "20261208170000";
        const auto told = filing_intent(
            entry, SubmitOutcome{SubmitAccepted{"ignored-here", "KD4MX7PA", 1, "", ""}});
        REQUIRE(told.has_value());
        const auto* accepted = std::get_if<intent::Accepted>(&*told);
        REQUIRE(accepted != nullptr);
        CHECK(accepted->provisional_code == "KD4MX7PA");
        CHECK(accepted->ma_ho_so == "000.00.01.H99-261201-0007");
        CHECK(accepted->ngay_hen_tra == "20261208170000");
    }
    SECTION("held: the portal's reason") {
        const auto told =
            filing_intent(entry, SubmitOutcome{SubmitHeld{"portal_rejected", "HTTP 422"}});
        REQUIRE(told.has_value());
        const auto* held = std::get_if<intent::Held>(&*told);
        REQUIRE(held != nullptr);
        CHECK(held->provisional_code == "KD4MX7PA");
        CHECK(held->reason == "portal_rejected");
    }
    SECTION("retry: nothing") {
        CHECK_FALSE(
            filing_intent(entry, SubmitOutcome{SubmitRetry{"portal_timeout", "", 5}}).has_value());
    }
}

TEST_CASE("a lookup outcome is answered under the code the resident asked", "[filing][lookup]") {
    SECTION("found: the procedure, the status and the due date") {
        DossierStatus status;
        status.ma_ho_so = "000.00.01.H99-261201-0007";
        status.ten_tthc = "Đăng ký khai sinh";
        status.trang_thai = 4;
        status.ngay_hen_tra = "20261208170000";
        const intent::LookupResult result = lookup_intent("KD4MX7PA", LookupFound{status});
        CHECK(result.code == "KD4MX7PA");
        CHECK(result.state == LookupState::Found);
        CHECK(result.procedure == "Đăng ký khai sinh");
        CHECK(result.trang_thai == 4);
        CHECK(result.ngay_hen_tra == "20261208170000");
    }
    SECTION("not found") {
        const intent::LookupResult result = lookup_intent("KD4MX7PA", LookupNotFound{});
        CHECK(result.state == LookupState::NotFound);
        CHECK(result.procedure.empty());
    }
    SECTION("unavailable") {
        const intent::LookupResult result =
            lookup_intent("KD4MX7PA", LookupUnavailable{"portal_timeout", "slow"});
        CHECK(result.code == "KD4MX7PA");
        CHECK(result.state == LookupState::Unavailable);
    }
}
