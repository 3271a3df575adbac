#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/filing/kiosk_messages.h"

using namespace motcua::core;

TEST_CASE("a rating names the dossier by MaTam or MaHoSo", "[filing][rating]") {
    const auto provisional = nlohmann::json::parse(rating_body("KD4MX7PA", 3, "KIOSK-01"));
    CHECK(provisional ==
          nlohmann::json{{"MucDo", 3}, {"MaKiosk", "KIOSK-01"}, {"MaTam", "KD4MX7PA"}});
    // Eight characters but not a provisional code (a short MaHoSo): MaHoSo, not MaTam.
    const auto full = nlohmann::json::parse(rating_body("1897C359", 1, "KIOSK-01"));
    CHECK(full.contains("MaHoSo"));
    CHECK_FALSE(full.contains("MaTam"));
}

TEST_CASE("a heartbeat carries the version it is given and the outbox counts", "[filing][rating]") {
    const auto beat =
        nlohmann::json::parse(heartbeat_body("K-7", "9.8.7", 1'796'112'000'000, {4, 2, 1}));
    CHECK(beat["MaKiosk"] == "K-7");
    CHECK(beat["PhienBan"] == "9.8.7");
    CHECK(beat["ThoiGian"] == "20261201150000");  // 08:00Z is 15:00 in Vietnam
    CHECK(beat["TrangThai"] == nlohmann::json{{"ChuaGui", 4},
                                              {"BiGiu", 2},
                                              {"QuaHan", 1},
                                              {"HangDoi", 6},
                                              {"KhungHinhCuoi", nullptr}});
}

TEST_CASE("a heartbeat says when the screen was last drawn", "[filing][rating][ops]") {
    const auto beat = nlohmann::json::parse(
        heartbeat_body("K-7", "9.8.7", 1'796'112'000'000, {0, 0, 0, 1'796'111'940'000}));
    CHECK(beat["TrangThai"]["KhungHinhCuoi"] == "20261201145900");  // a minute before ThoiGian
    CHECK(beat["TrangThai"]["HangDoi"] == 0);
}

TEST_CASE("a rating is deleted only once the portal took it", "[filing][rating]") {
    auto reply = [](int status) {
        HttpReply r;
        r.status = status;
        return r;
    };
    CHECK(interpret_rating_reply(reply(201)) == RatingOutcome::Sent);
    CHECK(interpret_rating_reply(reply(422)) == RatingOutcome::Refused);
    CHECK(interpret_rating_reply(reply(400)) == RatingOutcome::Refused);
    for (int status : {0, 200, 401, 404, 429, 500, 503})
        CHECK(interpret_rating_reply(reply(status)) == RatingOutcome::Retry);
}
