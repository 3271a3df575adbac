// The portal simulator against docs/portal-api.md: the real binary on a free loopback port,
// driven with httplib::Client.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/portal_sim_fixture.h"
#include "support/portal_sim_process.h"

using motcua::test::PortalSimOptions;
using motcua::test::PortalSimProcess;
using motcua::test::TempDir;
using Json = nlohmann::json;

namespace {

const std::string Token = "kiosk-secret";
// Thursday 12/03/2026 10:00 in Vietnam; with 16/03 as a holiday, 3 working days end Wed 18/03.
const std::string& Now = motcua::test::FrozenNow;
const std::string Key = "\"4f1c2b7e-9a55-4c2e-8d1e-2f0b6a3c9d10\"";

// A simulator with its own temporary store, a frozen clock, a holiday and a required token.
struct Sim : motcua::test::PortalSimFixture {
    explicit Sim(std::vector<std::string> extra = {})
        : PortalSimFixture(
              "motcua-test-",
              [&extra](const TempDir& dir) {
                  std::vector<std::string> args = motcua::test::frozen_calendar_args(dir);
                  args.insert(args.end(), {"--token", Token});
                  args.insert(args.end(), extra.begin(), extra.end());
                  return args;
              },
              "store.jsonl") {}

    std::unique_ptr<httplib::Client> client(const std::string& token = Token) const {
        auto c = std::make_unique<httplib::Client>(url());
        if (!token.empty()) c->set_bearer_token_auth(token.c_str());
        c->set_connection_timeout(5);
        c->set_read_timeout(10);
        return c;
    }

    Json get_json(const std::string& path) const {
        auto result = client()->Get(path.c_str());
        REQUIRE(result);
        REQUIRE(result->status == 200);
        return Json::parse(result->body);
    }
};

Json dossier(const std::string& ma_tam = "AB2C3D4E") {
    return {{"MaTTHC", "1.001193"},
            {"TenTTHC", "Đăng ký khai sinh"},
            {"ChuHoSo", "Nguyễn Thị Hoà"},
            {"MaTam", ma_tam},
            {"MaKiosk", "KIOSK-01"},
            {"NgayNop", "20260312095930"},
            {"SoNgayXuLy", 3},
            {"SoDienThoai", "0912345678"},
            {"TrichYeuHoSo", "Đăng ký khai sinh cho Nguyễn Minh Khôi"},
            {"ThanhPhanHoSo", Json::array({{{"TenGiayTo", "Giấy chứng sinh"}, {"SoLuong", 1}}})},
            {"DuLieuToKhai", {{"NguoiDuocKhaiSinh", {{"HoTen", "Nguyễn Minh Khôi"}}}}}};
}

httplib::Result submit(httplib::Client& client, const std::string& body,
                       const std::string& key = Key) {
    httplib::Headers headers;
    if (!key.empty()) headers.emplace("Idempotency-Key", key);
    return client.Post("/api/v1/hoso", headers, body, "application/json");
}

std::string error_code(const httplib::Result& result) {
    return Json::parse(result->body).at("error").at("code").get<std::string>();
}

}  // namespace

TEST_CASE("the health check proves it is the portal, not a captive page", "[portal-sim]") {
    Sim sim;
    auto result = sim.client()->Get("/api/v1/health");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("X-Portal-Contract") == "1");
    const Json body = Json::parse(result->body);
    CHECK(body["portal"] == "motcua-portal");
    CHECK(body["contract"] == 1);
    CHECK(body["time"] == Now);
}

TEST_CASE("administrative units come with a strong ETag and 304 when unchanged", "[portal-sim]") {
    Sim sim;
    auto client = sim.client();
    auto first = client->Get("/api/v1/donvihanhchinh");
    REQUIRE(first);
    REQUIRE(first->status == 200);
    CHECK(Json::parse(first->body)["provinces"].size() == 34);
    const std::string etag = first->get_header_value("ETag");
    REQUIRE(etag.size() > 2);
    CHECK(etag.front() == '"');
    CHECK(etag.substr(0, 2) != "W/");

    auto same = client->Get("/api/v1/donvihanhchinh", {{"If-None-Match", etag}});
    REQUIRE(same);
    CHECK(same->status == 304);
    CHECK(same->body.empty());

    auto changed = client->Get("/api/v1/donvihanhchinh", {{"If-None-Match", "\"stale\""}});
    REQUIRE(changed);
    CHECK(changed->status == 200);
    CHECK(changed->body == first->body);
}

TEST_CASE("the procedure list holds every JSON file of --procedures", "[portal-sim]") {
    TempDir procedures;
    motcua::test::write_file(procedures.file("b.json"), R"({"code": "1.000894"})");
    motcua::test::write_file(procedures.file("a.json"), R"({"code": "1.001193"})");
    motcua::test::write_file(procedures.file("notes.txt"), "not a procedure");

    SECTION("with the flag, sorted by file name") {
        Sim sim({"--procedures", procedures.path()});
        const Json body = sim.get_json("/api/v1/thutuc");
        REQUIRE(body["procedures"].size() == 2);
        CHECK(body["procedures"][0]["code"] == "1.001193");
        CHECK(body["procedures"][1]["code"] == "1.000894");
        auto client = sim.client();
        auto first = client->Get("/api/v1/thutuc");
        REQUIRE(first);
        auto again =
            client->Get("/api/v1/thutuc", {{"If-None-Match", first->get_header_value("ETag")}});
        REQUIRE(again);
        CHECK(again->status == 304);
    }
    SECTION("without the flag, an empty list") {
        Sim sim;
        CHECK(sim.get_json("/api/v1/thutuc") == Json{{"procedures", Json::array()}});
    }
}

TEST_CASE("a new dossier is accepted with a code, a reception time and a due date",
          "[portal-sim]") {
    Sim sim;
    auto result = submit(*sim.client(), dossier().dump());
    REQUIRE(result);
    REQUIRE(result->status == 201);
    const Json body = Json::parse(result->body);
    CHECK(body["MaHoSo"] == "000.00.01.H99-260312-0001");
    CHECK(body["MaTam"] == "AB2C3D4E");
    CHECK(body["TrangThaiHoSo"] == 1);
    CHECK(body["NgayTiepNhan"] == Now);
    CHECK(body["NgayHenTra"] == "20260318170000");  // Fri 13, (Mon 16 holiday), Tue 17, Wed 18
    CHECK(result->get_header_value("Location") == "/api/v1/hoso/000.00.01.H99-260312-0001");

    const Json stored = sim.get_json("/sim/dossiers");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0]["HoSo"] == dossier());
    CHECK(stored[0]["IdempotencyKey"] == "4f1c2b7e-9a55-4c2e-8d1e-2f0b6a3c9d10");
}

TEST_CASE("replaying the same key and body returns the identical answer", "[portal-sim]") {
    Sim sim;
    auto client = sim.client();
    auto first = submit(*client, dossier().dump());
    REQUIRE(first);
    REQUIRE(first->status == 201);

    // Key order and whitespace do not make a different dossier.
    auto again = submit(*client, dossier().dump(2));
    REQUIRE(again);
    CHECK(again->status == 201);
    CHECK(again->body == first->body);
    CHECK(again->get_header_value("Idempotent-Replayed") == "true");

    SECTION("an unquoted key is the same key") {
        auto bare = submit(*client, dossier().dump(), "4f1c2b7e-9a55-4c2e-8d1e-2f0b6a3c9d10");
        REQUIRE(bare);
        CHECK(bare->body == first->body);
    }
    CHECK(sim.get_json("/sim/dossiers").size() == 1);
    CHECK(sim.get_json("/sim/stats")["accepted"] == 1);
}

TEST_CASE("the same key with a different dossier is refused with 422", "[portal-sim]") {
    Sim sim;
    auto client = sim.client();
    REQUIRE(submit(*client, dossier().dump())->status == 201);
    Json changed = dossier();
    changed["ChuHoSo"] = "Trần Văn Bảo";
    auto result = submit(*client, changed.dump());
    REQUIRE(result);
    CHECK(result->status == 422);
    CHECK(error_code(result) == "idempotency_key_reused");
    CHECK(sim.get_json("/sim/dossiers").size() == 1);
}

TEST_CASE("a dossier without an Idempotency-Key is refused with 400", "[portal-sim]") {
    Sim sim;
    auto client = sim.client();
    auto missing = submit(*client, dossier().dump(), "");
    REQUIRE(missing);
    CHECK(missing->status == 400);
    CHECK(error_code(missing) == "idempotency_key_missing");

    auto malformed = submit(*client, dossier().dump(), "\"unterminated");
    REQUIRE(malformed);
    CHECK(malformed->status == 400);
    CHECK(error_code(malformed) == "idempotency_key_invalid");
    CHECK(sim.get_json("/sim/dossiers").empty());
}

TEST_CASE("a wrong or missing bearer token is refused with 401", "[portal-sim]") {
    Sim sim;
    const std::string token = GENERATE(as<std::string>{}, "wrong-token", "");
    CAPTURE(token);
    auto client = sim.client(token);
    auto health = client->Get("/api/v1/health");
    REQUIRE(health);
    CHECK(health->status == 401);
    CHECK(error_code(health) == "unauthorized");
    CHECK(health->has_header("WWW-Authenticate"));
    CHECK_FALSE(health->has_header("X-Portal-Contract"));

    auto post = submit(*client, dossier().dump());
    REQUIRE(post);
    CHECK(post->status == 401);
    CHECK(sim.get_json("/sim/dossiers").empty());
}

TEST_CASE("a dossier is found by its full MaHoSo or its full MaTam, never by part of it",
          "[portal-sim]") {
    Sim sim;
    auto client = sim.client();
    REQUIRE(submit(*client, dossier().dump())->status == 201);

    for (const std::string code : {"000.00.01.H99-260312-0001", "AB2C3D4E"}) {
        CAPTURE(code);
        auto found = client->Get(("/api/v1/hoso/" + code).c_str());
        REQUIRE(found);
        CHECK(found->status == 200);
        const Json body = Json::parse(found->body);
        CHECK(body["MaHoSo"] == "000.00.01.H99-260312-0001");
        CHECK(body["MaTam"] == "AB2C3D4E");
        CHECK(body["MaTTHC"] == "1.001193");
        CHECK(body["TenTTHC"] == "Đăng ký khai sinh");
        CHECK(body["TrangThaiHoSo"] == 1);
        CHECK(body["NgayHenTra"] == "20260318170000");
        CHECK_FALSE(body.contains("ChuHoSo"));  // a code must not reveal who filed
    }
    const std::string partial = GENERATE(as<std::string>{}, "000.00.01.H99-260312", "AB2C3D4",
                                         "ab2c3d4e", "000.00.01.H99-260312-00011", "0001");
    CAPTURE(partial);
    auto missing = client->Get(("/api/v1/hoso/" + partial).c_str());
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(error_code(missing) == "dossier_not_found");
}

TEST_CASE("an invalid dossier is refused with the reason and the field", "[portal-sim]") {
    Sim sim;
    struct Case {
        std::string name;
        std::string body;
        std::string content_type;
        int status;
        std::string code;
    };
    auto without = [](const char* field) {
        Json body = dossier();
        body.erase(field);
        return body.dump();
    };
    auto with = [](const char* field, Json value) {
        Json body = dossier();
        body[field] = std::move(value);
        return body.dump();
    };
    const std::string json = "application/json";
    const auto c = GENERATE_COPY(values<Case>({
        {"missing owner", without("ChuHoSo"), json, 400, "missing_field"},
        {"missing form", without("DuLieuToKhai"), json, 400, "missing_field"},
        {"bad submit time", with("NgayNop", "12/03/2026"), json, 422, "invalid_field"},
        {"days as text", with("SoNgayXuLy", "3"), json, 422, "invalid_field"},
        {"negative days", with("SoNgayXuLy", -1), json, 422, "invalid_field"},
        {"short MaTam", with("MaTam", "AB2C3D4"), json, 422, "invalid_field"},
        {"form not an object", with("DuLieuToKhai", "x"), json, 422, "invalid_field"},
        {"decomposed Vietnamese", with("ChuHoSo", "Nguye\xcc\x82\xcc\x83n"), json, 422, "not_nfc"},
        {"not JSON", "{\"MaTTHC\": ", json, 400, "invalid_json"},
        {"not an object", "[1, 2]", json, 400, "invalid_json"},
        {"form-encoded", "MaTTHC=1.001193", "application/x-www-form-urlencoded", 415,
         "unsupported_media_type"},
    }));
    CAPTURE(c.name);
    httplib::Headers headers = {{"Idempotency-Key", Key}};
    auto result = sim.client()->Post("/api/v1/hoso", headers, c.body, c.content_type.c_str());
    REQUIRE(result);
    CHECK(result->status == c.status);
    CHECK(error_code(result) == c.code);
    CHECK(sim.get_json("/sim/dossiers").empty());
}

TEST_CASE("a restarted simulator keeps its dossiers, their keys and the counter", "[portal-sim]") {
    Sim sim;
    auto first = submit(*sim.client(), dossier().dump());
    REQUIRE(first);
    REQUIRE(first->status == 201);

    sim.process().restart();

    auto client = sim.client();
    auto found = client->Get("/api/v1/hoso/000.00.01.H99-260312-0001");
    REQUIRE(found);
    CHECK(found->status == 200);
    auto replay = submit(*client, dossier().dump());
    REQUIRE(replay);
    CHECK(replay->status == 201);
    CHECK(replay->body == first->body);
    auto next = submit(*client, dossier("ZX9Y8W7V").dump(), "\"second-key\"");
    REQUIRE(next);
    CHECK(Json::parse(next->body)["MaHoSo"] == "000.00.01.H99-260312-0002");
    CHECK(sim.get_json("/sim/dossiers").size() == 2);
}

TEST_CASE("a killed simulator still has every dossier it acknowledged", "[portal-sim]") {
    Sim sim;
    REQUIRE(submit(*sim.client(), dossier().dump())->status == 201);
    sim.process().kill();  // no clean shutdown: only the fsync'd store remains
    sim.process().restart();
    CHECK(sim.get_json("/sim/dossiers").size() == 1);
}

TEST_CASE("in captive-portal mode every route answers a Wi-Fi login page", "[portal-sim]") {
    Sim sim({"--captive-portal"});
    auto client = sim.client();
    for (const char* path : {"/api/v1/health", "/api/v1/hoso/AB2C3D4E", "/anything"}) {
        CAPTURE(path);
        auto result = client->Get(path);
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK(result->get_header_value("Content-Type").rfind("text/html", 0) == 0);
        CHECK_FALSE(result->has_header("X-Portal-Contract"));
        CHECK_THAT(result->body, Catch::Contains("Wi-Fi login"));
    }
    auto post = submit(*client, dossier().dump());
    REQUIRE(post);
    CHECK(post->status == 200);
    CHECK(sim.get_json("/sim/dossiers").empty());

    auto off = client->Post("/sim/faults", R"({"captive-portal": false})", "application/json");
    REQUIRE(off);
    REQUIRE(off->status == 200);
    auto health = client->Get("/api/v1/health");
    REQUIRE(health);
    CHECK(health->get_header_value("X-Portal-Contract") == "1");
}

TEST_CASE("rate limiting answers 429 with Retry-After and stores nothing", "[portal-sim]") {
    Sim sim({"--rate-limit", "1", "--retry-after", "7"});
    auto result = submit(*sim.client(), dossier().dump());
    REQUIRE(result);
    CHECK(result->status == 429);
    CHECK(result->get_header_value("Retry-After") == "7");
    CHECK(error_code(result) == "rate_limited");
    CHECK(sim.get_json("/sim/dossiers").empty());
}

TEST_CASE("a dossier dropped after commit is stored once and the retry gets the stored answer",
          "[portal-sim]") {
    Sim sim({"--drop-after-commit", "1"});
    auto client = sim.client();
    auto dropped = submit(*client, dossier().dump());
    CHECK_FALSE(dropped);  // no HTTP answer at all: a transport error
    CHECK(sim.get_json("/sim/dossiers").size() == 1);

    // A replay is not a new commit, so the same fault does not hit it.
    auto retry = submit(*client, dossier().dump());
    REQUIRE(retry);
    CHECK(retry->status == 201);
    CHECK(Json::parse(retry->body)["MaHoSo"] == "000.00.01.H99-260312-0001");
    const Json dossiers = sim.get_json("/sim/dossiers");
    CHECK(dossiers.size() == 1);
    const Json stats = sim.get_json("/sim/stats");
    CHECK(stats["dropped_after_commit"] == 1);
    CHECK(stats["replays"] == 1);
    CHECK(stats["accepted"] == 1);
}

TEST_CASE("a connection dropped before reading stores nothing", "[portal-sim]") {
    Sim sim({"--drop-before-read", "1"});
    auto client = sim.client();
    auto dropped = submit(*client, dossier().dump());
    CHECK_FALSE(dropped);
    CHECK(sim.get_json("/sim/dossiers").empty());

    auto cleared = client->Delete("/sim/faults");
    REQUIRE(cleared);
    auto retry = submit(*client, dossier().dump());
    REQUIRE(retry);
    CHECK(retry->status == 201);
    CHECK(sim.get_json("/sim/stats")["dropped_before_read"] == 1);
}

TEST_CASE("a malformed 201 is followed by the well-formed stored answer on retry", "[portal-sim]") {
    Sim sim({"--malformed-json", "1"});
    auto client = sim.client();
    auto broken = submit(*client, dossier().dump());
    REQUIRE(broken);
    CHECK(broken->status == 201);
    CHECK_FALSE(Json::accept(broken->body));

    REQUIRE(client->Post("/sim/faults", R"({"malformed-json": 0})", "application/json"));
    auto retry = submit(*client, dossier().dump());
    REQUIRE(retry);
    CHECK(Json::parse(retry->body)["MaHoSo"] == "000.00.01.H99-260312-0001");
    CHECK(sim.get_json("/sim/dossiers").size() == 1);
}

TEST_CASE("a slow body still arrives whole", "[portal-sim]") {
    Sim sim({"--slow-body-ms", "30"});
    const auto started = std::chrono::steady_clock::now();
    auto result = submit(*sim.client(), dossier().dump());
    const auto elapsed = std::chrono::steady_clock::now() - started;
    REQUIRE(result);
    CHECK(result->status == 201);
    CHECK(Json::parse(result->body)["MaHoSo"] == "000.00.01.H99-260312-0001");
    // The ~150-byte body goes in 64-byte pieces, each after a 30 ms pause.
    CHECK(elapsed >= std::chrono::milliseconds(90));
}

TEST_CASE("injected failures answer 503, store nothing and repeat with the same seed",
          "[portal-sim]") {
    auto statuses = [](const std::string& seed) {
        Sim sim({"--fail-rate", "0.5", "--seed", seed});
        auto client = sim.client();
        std::vector<int> seen;
        for (int i = 0; i < 16; ++i) {
            auto result = submit(*client, dossier().dump(), "\"key-" + std::to_string(i) + "\"");
            REQUIRE(result);
            seen.push_back(result->status);
        }
        const auto accepted = std::count(seen.begin(), seen.end(), 201);
        CHECK(sim.get_json("/sim/dossiers").size() == static_cast<std::size_t>(accepted));
        return seen;
    };
    const std::vector<int> first = statuses("42");
    CHECK(std::count(first.begin(), first.end(), 503) > 0);
    CHECK(std::count(first.begin(), first.end(), 201) > 0);
    CHECK(std::count(first.begin(), first.end(), 503) +
              std::count(first.begin(), first.end(), 201) ==
          16);
    CHECK(statuses("42") == first);
}

TEST_CASE("a second request with a key still in flight gets 409", "[portal-sim]") {
    Sim sim({"--latency-ms", "1500"});
    std::atomic<int> first_status{0};
    std::thread first([&] {
        auto result = submit(*sim.client(), dossier().dump());
        first_status = result ? result->status : -1;
    });
    // Wait until the simulator holds the key.
    bool in_flight = false;
    for (int i = 0; i < 200 && !in_flight; ++i) {
        in_flight = sim.get_json("/sim/stats")["in_flight"] == 1;
        if (!in_flight) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(in_flight);
    auto second = submit(*sim.client(), dossier().dump());
    first.join();
    REQUIRE(second);
    CHECK(second->status == 409);
    CHECK(error_code(second) == "idempotency_key_in_flight");
    CHECK(first_status == 201);
    CHECK(sim.get_json("/sim/dossiers").size() == 1);
}

TEST_CASE("ratings and heartbeats are accepted and visible to the simulator", "[portal-sim]") {
    Sim sim;
    auto client = sim.client();
    REQUIRE(submit(*client, dossier().dump())->status == 201);

    auto rating = client->Post("/api/v1/danhgia",
                               R"({"MaTam": "AB2C3D4E", "MucDo": 3, "MaKiosk": "KIOSK-01"})",
                               "application/json");
    REQUIRE(rating);
    CHECK(rating->status == 201);
    CHECK(Json::parse(rating->body)["MaHoSo"] == "000.00.01.H99-260312-0001");

    auto out_of_scale = client->Post("/api/v1/danhgia",
                                     R"({"MaTam": "AB2C3D4E", "MucDo": 4, "MaKiosk": "KIOSK-01"})",
                                     "application/json");
    REQUIRE(out_of_scale);
    CHECK(out_of_scale->status == 422);

    auto heartbeat =
        client->Post("/api/v1/kiosk/heartbeat",
                     R"({"MaKiosk": "KIOSK-01", "PhienBan": "0.1.0", "ThoiGian": "20260312100500",
            "TrangThai": {"may_in": "ok", "hang_doi": 0}})",
                     "application/json");
    REQUIRE(heartbeat);
    CHECK(heartbeat->status == 204);

    const Json ratings = sim.get_json("/sim/ratings");
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0]["MucDo"] == 3);
    const Json heartbeats = sim.get_json("/sim/heartbeats");
    REQUIRE(heartbeats.size() == 1);
    CHECK(heartbeats[0]["TrangThai"]["hang_doi"] == 0);
}

TEST_CASE("a status set through the simulator shows in the lookup", "[portal-sim]") {
    Sim sim;
    auto client = sim.client();
    REQUIRE(submit(*client, dossier().dump())->status == 201);
    auto set = client->Post("/sim/dossiers/AB2C3D4E/status", R"({"TrangThaiHoSo": 4})",
                            "application/json");
    REQUIRE(set);
    CHECK(set->status == 200);
    sim.process().restart();
    CHECK(sim.get_json("/api/v1/hoso/AB2C3D4E")["TrangThaiHoSo"] == 4);
}

TEST_CASE("the simulator stops cleanly on SIGTERM", "[portal-sim]") {
    Sim sim;
    CHECK(sim.process().stop() == 0);
    CHECK_FALSE(sim.process().running());
}

TEST_CASE("a simulator that cannot start fails with its own message", "[portal-sim]") {
    TempDir dir;
    PortalSimOptions options;
    options.binary = MOTCUA_PORTAL_SIM;
    options.store_path = dir.file("store.jsonl");
    options.data_dir = dir.path();  // no vn-admin-units.json here
    try {
        PortalSimProcess process(options);
        FAIL("the simulator started without its data");
    } catch (const std::runtime_error& error) {
        CHECK_THAT(error.what(), Catch::Contains("vn-admin-units.json"));
    }
}
