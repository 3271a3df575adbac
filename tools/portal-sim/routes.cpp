// The routes of docs/portal-api.md, plus the simulator-only /sim control endpoints.
//
// Index:
//   [SECTION] helpers          timing, captive page, the front door of /api/v1
//   [SECTION] validation       the dossier, the rating and the heartbeat bodies
//   [SECTION] POST /hoso       idempotency and fault injection
//   [SECTION] other /api/v1    health, admin units, procedures, lookup, rating, heartbeat
//   [SECTION] /sim             dossiers, ratings, heartbeats, faults, stats
//   [SECTION] install_routes   error handler and request log
#include <strings.h>

#include <cstdio>
#include <thread>

#include "portal_sim.h"

namespace motcua::sim {

namespace {

using httplib::Request;
using httplib::Response;
using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// [SECTION] helpers

// Per-request bookkeeping for the log line; each request runs on one worker thread from the
// pre-routing handler to the logger.
thread_local std::chrono::steady_clock::time_point t_started;

bool is_sim_path(const std::string& path) {
    return path.rfind("/sim/", 0) == 0;
}

enum class Latency { Now, Later };

// The front door of every /api/v1 route: the captive portal, then the bearer token, then the
// injected latency. True when the request may go on; otherwise the answer is already set.
bool front_door(SimState& state, const Request& request, Response& response, Latency latency) {
    const FaultConfig faults = state.faults.config();
    count(state, [](Stats& stats) { ++stats.requests; });
    if (faults.captive_portal) {
        count(state, [](Stats& stats) { ++stats.captive; });
        send_captive(response);
        return false;
    }
    if (!bearer_token_ok(request, state.options.token)) {
        count(state, [](Stats& stats) { ++stats.unauthorized; });
        response.set_header("WWW-Authenticate", "Bearer realm=\"motcua-portal\"");
        send_error(response, 401, "unauthorized", "missing or wrong bearer token");
        return false;
    }
    if (latency == Latency::Now) sleep_ms(faults.latency_ms);
    return true;
}

bool is_json_request(const Request& request) {
    const std::string type = request.get_header_value("Content-Type");
    return strncasecmp(type.c_str(), "application/json", 16) == 0;
}

// Parses a JSON object body; on failure the 400/415 answer is set and nullopt returned.
std::optional<Json> parse_object_body(const Request& request, const std::string& body,
                                      Response& response) {
    if (!is_json_request(request)) {
        send_error(response, 415, "unsupported_media_type",
                   "Content-Type must be application/json");
        return std::nullopt;
    }
    Json value;
    try {
        value = Json::parse(body);
    } catch (const Json::exception& error) {
        send_error(response, 400, "invalid_json", std::string("body is not JSON: ") + error.what());
        return std::nullopt;
    }
    if (!value.is_object()) {
        send_error(response, 400, "invalid_json", "body must be a JSON object");
        return std::nullopt;
    }
    return value;
}

// [SECTION] validation

struct Rejection {
    int status;
    std::string code;
    std::string message;
    std::string field;
};

std::optional<Rejection> missing(const Json& body, std::initializer_list<const char*> fields) {
    for (const char* field : fields)
        if (!body.contains(field))
            return Rejection{400, "missing_field", std::string(field) + " is required", field};
    return std::nullopt;
}

Rejection invalid(const std::string& field, const std::string& why) {
    return Rejection{422, "invalid_field", field + " " + why, field};
}

bool is_nonempty_string(const Json& value) {
    return value.is_string() && !value.get_ref<const std::string&>().empty();
}

bool is_provisional_code(const Json& value) {
    if (!value.is_string()) return false;
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() != 8) return false;
    for (char c : text)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

std::optional<Rejection> check_nfc(const Json& body) {
    if (auto path = first_non_nfc_path(body))
        return Rejection{422, "not_nfc", "text at " + *path + " is not Unicode NFC", *path};
    return std::nullopt;
}

std::optional<Rejection> validate_dossier(const Json& body) {
    if (auto rejection = missing(body, {"MaTTHC", "TenTTHC", "ChuHoSo", "MaTam", "MaKiosk",
                                        "NgayNop", "SoNgayXuLy", "DuLieuToKhai"}))
        return rejection;
    for (const char* field : {"MaTTHC", "TenTTHC", "ChuHoSo", "MaKiosk"})
        if (!is_nonempty_string(body[field])) return invalid(field, "must be a non-empty string");
    if (!is_provisional_code(body["MaTam"]))
        return invalid("MaTam", "must be 8 characters A-Z or 0-9");
    if (!body["NgayNop"].is_string() ||
        !core::parse_portal_time(body["NgayNop"].get_ref<const std::string&>()))
        return invalid("NgayNop", "must be a portal time yyyyMMddHHmmss");
    const Json& days = body["SoNgayXuLy"];
    if (!days.is_number_integer() || days.get<long long>() < 0 || days.get<long long>() > 365)
        return invalid("SoNgayXuLy", "must be an integer number of working days 0..365");
    if (!body["DuLieuToKhai"].is_object()) return invalid("DuLieuToKhai", "must be an object");
    for (const char* field : {"SoDienThoai", "Email", "TrichYeuHoSo"})
        if (body.contains(field) && !body[field].is_string())
            return invalid(field, "must be a string");
    if (body.contains("ThanhPhanHoSo") && !body["ThanhPhanHoSo"].is_array())
        return invalid("ThanhPhanHoSo", "must be an array");
    if (body.contains("HoTroCanBo") && !body["HoTroCanBo"].is_boolean())  // [staff]
        return invalid("HoTroCanBo", "must be true or false");
    return check_nfc(body);
}

std::optional<Rejection> validate_rating(const Json& body) {
    const bool has_code = body.contains("MaHoSo") || body.contains("MaTam");
    if (!has_code) return Rejection{400, "missing_field", "MaHoSo or MaTam is required", "MaHoSo"};
    if (auto rejection = missing(body, {"MucDo", "MaKiosk"})) return rejection;
    for (const char* field : {"MaHoSo", "MaTam"})
        if (body.contains(field) && !is_nonempty_string(body[field]))
            return invalid(field, "must be a non-empty string");
    const Json& level = body["MucDo"];
    if (!level.is_number_integer() || level.get<long long>() < 1 || level.get<long long>() > 3)
        return invalid("MucDo", "must be 1, 2 or 3");
    if (!is_nonempty_string(body["MaKiosk"]))
        return invalid("MaKiosk", "must be a non-empty string");
    return check_nfc(body);
}

std::optional<Rejection> validate_heartbeat(const Json& body) {
    if (auto rejection = missing(body, {"MaKiosk", "PhienBan", "ThoiGian", "TrangThai"}))
        return rejection;
    for (const char* field : {"MaKiosk", "PhienBan"})
        if (!is_nonempty_string(body[field])) return invalid(field, "must be a non-empty string");
    if (!body["ThoiGian"].is_string() ||
        !core::parse_portal_time(body["ThoiGian"].get_ref<const std::string&>()))
        return invalid("ThoiGian", "must be a portal time yyyyMMddHHmmss");
    if (!body["TrangThai"].is_object()) return invalid("TrangThai", "must be an object");
    return check_nfc(body);
}

void send_rejection(Response& response, const Rejection& rejection) {
    send_error(response, rejection.status, rejection.code, rejection.message, rejection.field);
}

// [SECTION] POST /hoso

// Removes the key from the in-flight set however the request ends.
class InFlightGuard {
public:
    InFlightGuard(SimState& state, std::string key) : m_state(state), m_key(std::move(key)) {}
    ~InFlightGuard() {
        std::lock_guard lock(m_state.mutex);
        m_state.in_flight.erase(m_key);
    }
    InFlightGuard(const InFlightGuard&) = delete;
    InFlightGuard& operator=(const InFlightGuard&) = delete;

private:
    SimState& m_state;
    std::string m_key;
};

// Sends a stored (or just stored) 201, through the response faults.
void send_dossier_result(SimState& state, Response& response, const StoredDossier& dossier,
                         bool replay) {
    response.set_header("Location", "/api/v1/hoso/" + dossier.ma_ho_so);
    if (replay) response.set_header("Idempotent-Replayed", "true");
    response.status = dossier.status;
    send_body_with_faults(state, response, dossier.response_body);
}

void post_dossier(SimState& state, const Request& request, Response& response,
                  const httplib::ContentReader& reader) {
    const FaultConfig faults = state.faults.config();
    if (state.faults.roll(faults.drop_before_read)) {
        count(state, [](Stats& stats) { ++stats.dropped_before_read; });
        drop(request, response);
        return;
    }
    // Read the whole body before any early answer, so a kept-alive connection stays in step.
    std::string body;
    reader([&](const char* data, std::size_t length) {
        body.append(data, length);
        return true;
    });
    if (!front_door(state, request, response, Latency::Later)) return;
    count(state, [](Stats& stats) { ++stats.submissions; });

    if (state.faults.roll(faults.rate_limit)) {
        count(state, [](Stats& stats) { ++stats.rate_limited; });
        response.set_header("Retry-After", std::to_string(faults.retry_after_s));
        send_error(response, 429, "rate_limited", "too many requests");
        return;
    }
    if (state.faults.roll(faults.fail_rate)) {
        count(state, [](Stats& stats) { ++stats.injected_failures; });
        send_error(response, 503, "unavailable", "injected failure, nothing was stored");
        return;
    }
    auto reject = [&](int status, const std::string& code, const std::string& message) {
        count(state, [](Stats& stats) { ++stats.rejected; });
        send_error(response, status, code, message);
    };
    // [staff] An officer's refusal: the kiosk holds the dossier for staff (any other 4xx).
    if (state.faults.roll(faults.refuse_rate)) {
        reject(422, "refused_by_officer", "injected refusal: the officer refused this dossier");
        return;
    }
    if (!request.has_header("Idempotency-Key")) {
        reject(400, "idempotency_key_missing", "the Idempotency-Key header is required");
        return;
    }
    const auto key = parse_idempotency_key(request.get_header_value("Idempotency-Key"));
    if (!key) {
        reject(400, "idempotency_key_invalid",
               "Idempotency-Key must be an sf-string of 1..255 printable ASCII characters");
        return;
    }
    const auto dossier = parse_object_body(request, body, response);
    if (!dossier) {
        count(state, [](Stats& stats) { ++stats.rejected; });
        return;
    }
    // The fingerprint ignores key order and whitespace: only a different dossier is "different".
    const std::string hash = "fnv1a64:" + fnv1a64_hex(dossier->dump());

    {
        std::unique_lock lock(state.mutex);
        if (const StoredDossier* stored = state.store->find_by_key(*key)) {
            if (stored->body_hash != hash) {
                ++state.stats.key_mismatches;
                lock.unlock();
                send_error(response, 422, "idempotency_key_reused",
                           "this Idempotency-Key was used for a different dossier");
                return;
            }
            ++state.stats.replays;
            const StoredDossier copy = *stored;
            lock.unlock();
            send_dossier_result(state, response, copy, /*replay=*/true);
            return;
        }
        if (state.in_flight.count(*key) != 0) {
            ++state.stats.conflicts;
            lock.unlock();
            send_error(response, 409, "idempotency_key_in_flight",
                       "a request with this Idempotency-Key is still being processed");
            return;
        }
        state.in_flight.insert(*key);
    }
    InFlightGuard guard(state, *key);
    sleep_ms(faults.latency_ms);

    if (auto rejection = validate_dossier(*dossier)) {
        count(state, [](Stats& stats) { ++stats.rejected; });
        send_rejection(response, *rejection);
        return;
    }

    StoredDossier stored;
    {
        std::lock_guard lock(state.mutex);
        const core::LocalDateTime received = state.now();
        const core::LocalDateTime due =
            core::due_at(received, (*dossier)["SoNgayXuLy"].get<int>(), state.holidays);
        stored.sequence = state.store->next_sequence();
        stored.idempotency_key = *key;
        stored.body_hash = hash;
        stored.ma_ho_so = make_ma_ho_so(state.options.agency, received, stored.sequence);
        stored.ma_tam = (*dossier)["MaTam"].get<std::string>();
        stored.request = *dossier;
        stored.status = 201;
        stored.response_body = OrderedJson{{"MaHoSo", stored.ma_ho_so},
                                           {"MaTam", stored.ma_tam},
                                           {"TrangThaiHoSo", 1},
                                           {"NgayTiepNhan", core::format_portal_time(received)},
                                           {"NgayHenTra", core::format_portal_time(due)}}
                                   .dump();
        if (auto status = state.store->append(stored); !status) {
            std::fprintf(stderr, "store: %s\n", status.error().detail.c_str());
            send_error(response, 500, "store_failed", "the dossier could not be stored");
            return;
        }
        ++state.stats.accepted;
    }
    if (state.faults.roll(faults.drop_after_commit)) {
        count(state, [](Stats& stats) { ++stats.dropped_after_commit; });
        drop(request, response);
        return;
    }
    send_dossier_result(state, response, stored, /*replay=*/false);
}

// [SECTION] other /api/v1

void get_health(SimState& state, const Request& request, Response& response) {
    if (!front_door(state, request, response, Latency::Now)) return;
    response.set_header("X-Portal-Contract", "1");
    send_json(response, 200,
              OrderedJson{{"portal", "motcua-portal"},
                          {"contract", 1},
                          {"time", core::format_portal_time(state.now())}}
                  .dump());
}

void get_static(SimState& state, const StaticResource& resource, const Request& request,
                Response& response) {
    if (!front_door(state, request, response, Latency::Now)) return;
    response.set_header("ETag", resource.etag);
    response.set_header("Cache-Control", "no-cache");
    if (if_none_match_hits(request.get_header_value("If-None-Match"), resource.etag)) {
        response.status = 304;
        return;
    }
    send_json(response, 200, resource.body);
}

OrderedJson status_body(const StoredDossier& dossier) {
    const Json result = Json::parse(dossier.response_body);
    return OrderedJson{{"MaHoSo", dossier.ma_ho_so},
                       {"MaTam", dossier.ma_tam},
                       {"MaTTHC", dossier.request.value("MaTTHC", "")},
                       {"TenTTHC", dossier.request.value("TenTTHC", "")},
                       {"TrangThaiHoSo", dossier.trang_thai},
                       {"NgayTiepNhan", result.value("NgayTiepNhan", "")},
                       {"NgayHenTra", result.value("NgayHenTra", "")}};
}

void get_dossier(SimState& state, const Request& request, Response& response) {
    if (!front_door(state, request, response, Latency::Now)) return;
    const std::string code = request.matches[1];
    std::unique_lock lock(state.mutex);
    const StoredDossier* dossier = state.store->find_by_code(code);
    if (dossier == nullptr) {
        lock.unlock();
        send_error(response, 404, "dossier_not_found", "no dossier has exactly this code");
        return;
    }
    const std::string body = status_body(*dossier).dump();
    lock.unlock();
    send_json(response, 200, body);
}

void post_rating(SimState& state, const Request& request, Response& response) {
    if (!front_door(state, request, response, Latency::Now)) return;
    const auto body = parse_object_body(request, request.body, response);
    if (!body) return;
    if (auto rejection = validate_rating(*body)) {
        send_rejection(response, *rejection);
        return;
    }
    std::unique_lock lock(state.mutex);
    // A rating may arrive for a dossier still waiting in the kiosk's outbox: keep it anyway,
    // linked when the code is already known.
    const StoredDossier* dossier = nullptr;
    if (body->contains("MaHoSo"))
        dossier = state.store->find_by_code((*body)["MaHoSo"].get<std::string>());
    if (dossier == nullptr && body->contains("MaTam"))
        dossier = state.store->find_by_code((*body)["MaTam"].get<std::string>());
    OrderedJson result = {{"MaHoSo", dossier ? Json(dossier->ma_ho_so) : Json(nullptr)},
                          {"MaTam", dossier ? Json(dossier->ma_tam) : body->value("MaTam", Json())},
                          {"MucDo", (*body)["MucDo"]}};
    Json rating = *body;
    rating["NhanLuc"] = core::format_portal_time(state.now());
    rating["HoSoDaBiet"] = dossier != nullptr;
    if (auto status = state.store->append_rating(rating); !status) {
        lock.unlock();
        std::fprintf(stderr, "store: %s\n", status.error().detail.c_str());
        send_error(response, 500, "store_failed", "the rating could not be stored");
        return;
    }
    ++state.stats.ratings;
    lock.unlock();
    send_json(response, 201, result.dump());
}

void post_heartbeat(SimState& state, const Request& request, Response& response) {
    if (!front_door(state, request, response, Latency::Now)) return;
    const auto body = parse_object_body(request, request.body, response);
    if (!body) return;
    if (auto rejection = validate_heartbeat(*body)) {
        send_rejection(response, *rejection);
        return;
    }
    Json heartbeat = *body;
    {
        std::lock_guard lock(state.mutex);
        heartbeat["NhanLuc"] = core::format_portal_time(state.now());
        state.heartbeats[(*body)["MaKiosk"].get<std::string>()] = heartbeat;
        ++state.stats.heartbeats;
    }
    response.status = 204;
}

// [SECTION] /sim

void sim_dossiers(SimState& state, Response& response) {
    Json list = Json::array();
    std::lock_guard lock(state.mutex);
    if (state.options.api == Api::OpenCps) {  // [opencps]
        send_json(response, 200, opencps_sim_dossiers(state).dump());
        return;
    }
    for (const auto& dossier : state.store->dossiers()) {
        const Json result = Json::parse(dossier.response_body);
        list.push_back({{"IdempotencyKey", dossier.idempotency_key},
                        {"MaHoSo", dossier.ma_ho_so},
                        {"MaTam", dossier.ma_tam},
                        {"TrangThaiHoSo", dossier.trang_thai},
                        {"NgayTiepNhan", result.value("NgayTiepNhan", "")},
                        {"NgayHenTra", result.value("NgayHenTra", "")},
                        {"HoSo", dossier.request}});
    }
    send_json(response, 200, list.dump());
}

void sim_set_status(SimState& state, const Request& request, Response& response) {
    Json body;
    try {
        body = Json::parse(request.body);
    } catch (const Json::exception&) {
        send_error(response, 400, "invalid_json", "body is not JSON");
        return;
    }
    if (!body.is_object() || !body.contains("TrangThaiHoSo") ||
        !body["TrangThaiHoSo"].is_number_integer() || body["TrangThaiHoSo"].get<int>() < 1 ||
        body["TrangThaiHoSo"].get<int>() > 10) {
        send_error(response, 422, "invalid_field", "TrangThaiHoSo must be 1..10", "TrangThaiHoSo");
        return;
    }
    std::unique_lock lock(state.mutex);
    const StoredDossier* dossier = state.store->find_by_code(request.matches[1]);
    if (dossier == nullptr) {
        lock.unlock();
        send_error(response, 404, "dossier_not_found", "no dossier has exactly this code");
        return;
    }
    const std::string ma_ho_so = dossier->ma_ho_so;
    if (auto status = state.store->set_status(ma_ho_so, body["TrangThaiHoSo"].get<int>());
        !status) {
        lock.unlock();
        send_error(response, 500, "store_failed", status.error().detail);
        return;
    }
    const std::string result = status_body(*state.store->find_by_code(ma_ho_so)).dump();
    lock.unlock();
    send_json(response, 200, result);
}

void sim_stats(SimState& state, Response& response) {
    std::lock_guard lock(state.mutex);
    const Stats& s = state.stats;
    OrderedJson body = {{"requests", s.requests},
                        {"submissions", s.submissions},
                        {"accepted", s.accepted},
                        {"replays", s.replays},
                        {"conflicts", s.conflicts},
                        {"key_mismatches", s.key_mismatches},
                        {"rejected", s.rejected},
                        {"unauthorized", s.unauthorized},
                        {"ratings", s.ratings},
                        {"heartbeats", s.heartbeats},
                        {"injected_failures", s.injected_failures},
                        {"dropped_before_read", s.dropped_before_read},
                        {"dropped_after_commit", s.dropped_after_commit},
                        {"malformed", s.malformed},
                        {"rate_limited", s.rate_limited},
                        {"captive", s.captive},
                        {"in_flight", state.in_flight.size()},
                        {"dossiers", state.store->dossiers().size()}};
    if (state.options.api == Api::OpenCps) add_opencps_stats(state, body);  // [opencps]
    send_json(response, 200, body.dump());
}

void sim_faults(SimState& state, const Request& request, Response& response) {
    if (request.method == "POST") {
        Json changes;
        try {
            changes = Json::parse(request.body);
        } catch (const Json::exception&) {
            send_error(response, 400, "invalid_json", "body is not JSON");
            return;
        }
        if (auto status = state.faults.update(changes, state.options.api); !status) {
            send_error(response, 400, status.error().code, status.error().detail);
            return;
        }
    } else if (request.method == "DELETE") {
        state.faults.reset();
    }
    send_json(response, 200, fault_config_to_json(state.faults.config(), state.options.api).dump());
}

}  // namespace

// [SECTION] install_routes

core::LocalDateTime SimState::now() const {
    if (options.fixed_time) return *options.fixed_time;
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return core::vietnam_time_from_unix_ms(
        std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count());
}

void install_routes(httplib::Server& server, SimState& state) {
    SimState* s = &state;
    server.set_pre_routing_handler([](const Request&, Response&) {
        t_started = std::chrono::steady_clock::now();
        reset_dropped();
        return httplib::Server::HandlerResponse::Unhandled;
    });

    if (state.options.api == Api::OpenCps) {
        install_opencps_routes(server, state);  // [opencps] instead of /api/v1
    } else {
        server.Get("/api/v1/health", [s](const Request& q, Response& r) { get_health(*s, q, r); });
        server.Get("/api/v1/donvihanhchinh",
                   [s](const Request& q, Response& r) { get_static(*s, s->admin_units, q, r); });
        server.Get("/api/v1/thutuc",
                   [s](const Request& q, Response& r) { get_static(*s, s->procedures, q, r); });
        server.Post("/api/v1/hoso",
                    [s](const Request& q, Response& r, const httplib::ContentReader& reader) {
                        post_dossier(*s, q, r, reader);
                    });
        server.Get(R"(/api/v1/hoso/([^/]+))",
                   [s](const Request& q, Response& r) { get_dossier(*s, q, r); });
        server.Post("/api/v1/danhgia",
                    [s](const Request& q, Response& r) { post_rating(*s, q, r); });
        server.Post("/api/v1/kiosk/heartbeat",
                    [s](const Request& q, Response& r) { post_heartbeat(*s, q, r); });
    }

    server.Get("/sim/dossiers", [s](const Request&, Response& r) { sim_dossiers(*s, r); });
    server.Post(R"(/sim/dossiers/([^/]+)/status)",
                [s](const Request& q, Response& r) { sim_set_status(*s, q, r); });
    server.Get("/sim/ratings", [s](const Request&, Response& r) {
        std::lock_guard lock(s->mutex);
        if (s->options.api == Api::OpenCps)  // [opencps] the voting results
            send_json(r, 200, Json(s->store->opencps_votes()).dump());
        else
            send_json(r, 200, Json(s->store->ratings()).dump());
    });
    server.Get("/sim/heartbeats", [s](const Request&, Response& r) {
        Json list = Json::array();
        std::lock_guard lock(s->mutex);
        for (const auto& [kiosk, heartbeat] : s->heartbeats) list.push_back(heartbeat);
        send_json(r, 200, list.dump());
    });
    server.Get("/sim/faults", [s](const Request& q, Response& r) { sim_faults(*s, q, r); });
    server.Post("/sim/faults", [s](const Request& q, Response& r) { sim_faults(*s, q, r); });
    server.Delete("/sim/faults", [s](const Request& q, Response& r) { sim_faults(*s, q, r); });
    server.Get("/sim/stats", [s](const Request&, Response& r) { sim_stats(*s, r); });

    // Called for every status >= 400; only fills in answers that have no body yet (unknown
    // routes, httplib's own 400s), and turns them into the captive page when that is on.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([s](const Request& q, Response& r) {
            if (!r.body.empty() || r.content_length_ > 0)
                return httplib::Server::HandlerResponse::Unhandled;
            if (!is_sim_path(q.path) && s->faults.config().captive_portal) {
                send_captive(r);
                return httplib::Server::HandlerResponse::Handled;
            }
            if (r.status == 404)
                send_error(r, 404, "not_found", "no such route: " + q.path);
            else
                send_error(r, r.status, "bad_request", "the request could not be handled");
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler([](const Request&, Response& r, std::exception_ptr error) {
        std::string what = "unknown";
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "exception: %s\n", what.c_str());
        send_error(r, 500, "internal_error", "the simulator failed: " + what);
    });
    server.set_logger([](const Request& q, const Response& r) {
        const auto elapsed = std::chrono::steady_clock::now() - t_started;
        const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
        if (was_dropped())
            std::fprintf(stderr, "%s %s dropped %lldms\n", q.method.c_str(), q.path.c_str(), ms);
        else
            std::fprintf(stderr, "%s %s %d %lldms\n", q.method.c_str(), q.path.c_str(), r.status,
                         ms);
    });
}

}  // namespace motcua::sim
