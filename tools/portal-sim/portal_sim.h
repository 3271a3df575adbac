// portal-sim: a real HTTP server that speaks the Motcua portal contract (docs/portal-api.md),
// with fault injection, for the demo and the integration tests. Not part of the kiosk.
//
// Files:
//   main.cpp     start-up: options, data files, server, signals, the "listening on" line
//   options.cpp  command-line parsing
//   store.cpp    the durable JSON-lines store of accepted dossiers and ratings
//   faults.cpp   fault configuration, deterministic draws, dropping a TCP connection
//   http_util.cpp small HTTP helpers: JSON errors, bearer tokens, Idempotency-Key, ETags
//   routes.cpp   the /api/v1 contract and the /sim control endpoints
#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/filing/due_date.h"
#include "core/filing/portal_time.h"
#include "core/result.h"

namespace motcua::sim {

// [SECTION] faults

// What to inject. Probabilities are in [0, 1]. JSON keys (POST /sim/faults) are the flag names
// without the leading "--", e.g. {"fail-rate": 0.2, "captive-portal": true}.
struct FaultConfig {
    int latency_ms = 0;            // every /api/v1 route; on POST /hoso inside the in-flight window
    double fail_rate = 0;          // POST /hoso: 503 before anything is stored
    double drop_before_read = 0;   // POST /hoso: close the connection, nothing read or stored
    double drop_after_commit = 0;  // POST /hoso: store the dossier, then close without answering
    int slow_body_ms = 0;          // POST /hoso: pause this long before each 64-byte piece
    double malformed_json = 0;     // POST /hoso: a 201 whose body is cut in half
    bool captive_portal = false;   // every non-/sim route: 200 text/html "Wi-Fi login" page
    double rate_limit = 0;         // POST /hoso: 429 with Retry-After
    int retry_after_s = 1;         // the Retry-After value for rate limiting
    double refuse_rate = 0;        // [staff] POST /hoso: 422 refused_by_officer, nothing stored
};

// Merges `changes` into `config`. Unknown keys or wrong types are an error (nothing applied).
core::Status apply_fault_json(FaultConfig& config, const nlohmann::json& changes);
nlohmann::json fault_config_to_json(const FaultConfig& config);

// Thread-safe fault configuration plus a seeded generator, so a run with the same --seed and
// the same request order injects the same faults.
class FaultInjector {
public:
    FaultInjector(FaultConfig config, std::uint64_t seed);
    FaultConfig config() const;
    void set(FaultConfig config, std::uint64_t seed);    // replace everything
    core::Status update(const nlohmann::json& changes);  // merge; "seed" re-seeds
    void reset();                                        // no faults at all
    // One draw: true with the given probability. Probability 0 never draws, so enabling one
    // fault does not shift the sequence of another.
    bool roll(double probability);

private:
    mutable std::mutex m_mutex;
    FaultConfig m_config;
    std::mt19937_64 m_generator;
};

// Closes the TCP connection that carries `request` under httplib's feet: the client sees the
// connection end with no HTTP answer (a transport error), exactly like a dropped network.
// False when the socket could not be found.
bool drop_connection(const httplib::Request& request);

// [SECTION] options

struct Options {
    std::string host = "127.0.0.1";
    int port = 0;                // 0 = any free port
    std::string store_path;      // required
    std::string data_dir;        // required: holds vn-admin-units.json
    std::string procedures_dir;  // optional: *.json served by GET /api/v1/thutuc
    std::string token;           // empty = any non-empty bearer token
    std::string agency = "000.00.01.H99";
    std::string holidays_path;  // optional: the kiosk's holiday file format
    std::uint64_t seed = 1;
    std::optional<core::LocalDateTime> fixed_time;  // --now: the portal clock stands still
    FaultConfig faults;
};

// Parses argv. The error is a message for the terminal.
std::variant<Options, std::string> parse_options(int argc, char** argv);
std::string usage_text();

// [SECTION] store

struct StoredDossier {
    std::int64_t sequence = 0;  // the counter in MaHoSo
    std::string idempotency_key;
    std::string body_hash;  // fingerprint of the canonical request body
    std::string ma_ho_so;
    std::string ma_tam;
    nlohmann::json request;  // the dossier as received
    int status = 201;
    std::string response_body;  // replayed byte for byte
    int trang_thai = 1;         // TrangThaiHoSo now (changed through /sim only)
};

// Accepted dossiers and ratings, one JSON object per line, fsync'd before the answer goes
// out; reloaded at start so idempotency and lookups survive a restart. Not thread-safe: the
// routes serialise access.
class DossierStore {
public:
    // Opens or creates the file and loads it. A torn last line (a crash mid-write, never
    // acknowledged) is skipped; any other bad line is an error.
    static core::Result<std::unique_ptr<DossierStore>> open(const std::string& path);
    ~DossierStore();
    DossierStore(const DossierStore&) = delete;
    DossierStore& operator=(const DossierStore&) = delete;

    core::Status append(const StoredDossier& dossier);
    core::Status append_rating(const nlohmann::json& rating);
    // Records a new TrangThaiHoSo for a stored dossier (simulator control only).
    core::Status set_status(const std::string& ma_ho_so, int trang_thai);

    const StoredDossier* find_by_key(const std::string& key) const;
    // Full MaHoSo or full MaTam, never a prefix; the earliest dossier wins a MaTam tie.
    const StoredDossier* find_by_code(const std::string& code) const;
    const std::vector<StoredDossier>& dossiers() const { return m_dossiers; }
    const std::vector<nlohmann::json>& ratings() const { return m_ratings; }
    std::int64_t next_sequence() const { return m_last_sequence + 1; }
    int skipped_lines() const { return m_skipped_lines; }

private:
    DossierStore() = default;
    core::Status append_line(const std::string& line);

    int m_fd = -1;
    std::vector<StoredDossier> m_dossiers;
    std::vector<nlohmann::json> m_ratings;
    std::map<std::string, std::size_t> m_by_key;
    std::int64_t m_last_sequence = 0;
    int m_skipped_lines = 0;
};

// [SECTION] http helpers

inline constexpr const char* JsonType = "application/json; charset=utf-8";

// {"error": {"code": ..., "message": ..., "field"?: ...}}
void send_error(httplib::Response& response, int status, const std::string& code,
                const std::string& message, const std::string& field = {});
void send_json(httplib::Response& response, int status, const std::string& body);
// True when the Authorization header is "Bearer <token>" (scheme case-insensitive) and the
// token is non-empty and, when `required_token` is set, equal to it.
bool bearer_token_ok(const httplib::Request& request, const std::string& required_token);
// The Idempotency-Key value: an sf-string ("...") or a bare token; nullopt when malformed.
std::optional<std::string> parse_idempotency_key(std::string_view header_value);
// FNV-1a 64-bit, lowercase hex: ETags and body fingerprints (not a security boundary).
std::string fnv1a64_hex(std::string_view bytes);
// A strong ETag ("\"<hex>\"") for a representation.
std::string strong_etag(std::string_view bytes);
// If-None-Match semantics (RFC 9110 §13.1.2, weak comparison, "*").
bool if_none_match_hits(const std::string& if_none_match, const std::string& etag);
// Empty when every string (and key) in the value is NFC; else the JSON path of the first one.
std::optional<std::string> first_non_nfc_path(const nlohmann::json& value,
                                              const std::string& path = "");

// [SECTION] the server

// A resource served with an ETag (admin units, procedure catalogue).
struct StaticResource {
    std::string body;
    std::string etag;
};

struct Stats {
    std::int64_t requests = 0;        // every /api/v1 request
    std::int64_t submissions = 0;     // POST /api/v1/hoso
    std::int64_t accepted = 0;        // new dossiers stored
    std::int64_t replays = 0;         // stored results sent again
    std::int64_t conflicts = 0;       // 409: key still in flight
    std::int64_t key_mismatches = 0;  // 422: key reused with another body
    std::int64_t rejected = 0;        // other 4xx on POST /api/v1/hoso
    std::int64_t unauthorized = 0;
    std::int64_t ratings = 0;
    std::int64_t heartbeats = 0;
    std::int64_t injected_failures = 0;
    std::int64_t dropped_before_read = 0;
    std::int64_t dropped_after_commit = 0;
    std::int64_t malformed = 0;
    std::int64_t rate_limited = 0;
    std::int64_t captive = 0;
};

// Everything the routes share. One mutex guards the store, the stats and the in-flight keys.
struct SimState {
    Options options;
    StaticResource admin_units;
    StaticResource procedures;
    core::HolidayCalendar holidays;
    std::unique_ptr<DossierStore> store;
    FaultInjector faults{FaultConfig{}, 1};

    std::mutex mutex;
    Stats stats;
    std::set<std::string> in_flight;
    std::map<std::string, nlohmann::json> heartbeats;  // last one per MaKiosk

    core::LocalDateTime now() const;
};

// Registers every route, the error handler and the request log on `server`.
void install_routes(httplib::Server& server, SimState& state);

}  // namespace motcua::sim
