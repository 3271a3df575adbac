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
//   opencps_mapping.cpp  --api opencps: the mapping file (its processes) and the catalogue
//   opencps_routes.cpp   --api opencps: OpenCPS's /o/rest/v2 routes (/work/helpers/opencps-wire.md)
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
    double opencps_no_dossier_id = 0;  // [opencps] a 200 whose body lacks dossierId
};

// Which portal the simulator plays: ours (docs/portal-api.md) or OpenCPS's /o/rest/v2.
enum class Api { Motcua, OpenCps };

// Merges `changes` into `config`. Unknown keys or wrong types are an error (nothing applied).
// "opencps-no-dossier-id" is a key only under Api::OpenCps.
core::Status apply_fault_json(FaultConfig& config, const nlohmann::json& changes,
                              Api api = Api::Motcua);
nlohmann::json fault_config_to_json(const FaultConfig& config, Api api = Api::Motcua);

// Thread-safe fault configuration plus a seeded generator, so a run with the same --seed and
// the same request order injects the same faults.
class FaultInjector {
public:
    FaultInjector(FaultConfig config, std::uint64_t seed);
    FaultConfig config() const;
    void set(FaultConfig config, std::uint64_t seed);   // replace everything
    core::Status update(const nlohmann::json& changes,  // merge; "seed" re-seeds
                        Api api = Api::Motcua);
    void reset();  // no faults at all
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
    // [opencps] --api opencps and its settings (opencps-wire.md)
    Api api = Api::Motcua;
    std::string opencps_user = "kiosk";  // --basic-auth USER:PASSWORD
    std::string opencps_password = "kiosk-dev";
    std::string opencps_group_id = "35417";
    std::string opencps_agency = "000.00.01.H29";  // --gov-agency-code; also in dossierNo
    std::string opencps_mapping_path;  // empty = the assets' config/opencps-mapping.json
    // [/opencps]
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

    // [opencps] OpenCPS dossiers and voting results are whole JSON records, rewritten as a
    // new line on every change (the last line for an id wins when the file is read again).
    // A dossier record's id is "dossierId", a voting result's "votingResultId"; both must be
    // positive integers.
    core::Status put_opencps_dossier(const nlohmann::json& record);
    core::Status put_opencps_vote(const nlohmann::json& record);
    const std::vector<nlohmann::json>& opencps_dossiers() const { return m_opencps_dossiers; }
    const std::vector<nlohmann::json>& opencps_votes() const { return m_opencps_votes; }
    // [/opencps]

private:
    DossierStore() = default;
    core::Status append_line(const std::string& line);
    core::Status put_opencps(const char* type, const char* id_key,
                             std::vector<nlohmann::json>& records, const nlohmann::json& record);

    int m_fd = -1;
    std::vector<StoredDossier> m_dossiers;
    std::vector<nlohmann::json> m_ratings;
    std::vector<nlohmann::json> m_opencps_dossiers;  // in dossierId order of creation
    std::vector<nlohmann::json> m_opencps_votes;
    std::map<std::string, std::size_t> m_by_key;
    std::int64_t m_last_sequence = 0;
    int m_skipped_lines = 0;
};

// [SECTION] http helpers

inline constexpr const char* JsonType = "application/json; charset=utf-8";

// Blocks the calling worker thread (injected latency, slow bodies).
void sleep_ms(int milliseconds);
// The "Wi-Fi login" page a captive portal answers every request with (200 text/html).
void send_captive(httplib::Response& response);
// Ends the exchange with no HTTP answer at all (drop_connection); the request log says
// "dropped".
void drop(const httplib::Request& request, httplib::Response& response);
// The request log's per-request flag: reset before routing, read by the logger.
void reset_dropped();
bool was_dropped();
// MaHoSo / dossierNo: "<agency>-YYMMDD-NNNN" (the sequence at least four digits).
std::string make_ma_ho_so(const std::string& agency, const core::LocalDateTime& received,
                          std::int64_t sequence);

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
    // [opencps] (reported by /sim/stats only under --api opencps)
    std::int64_t opencps_created = 0;        // new dossiers, one per referenceUid
    std::int64_t opencps_reused = 0;         // POST /dossiers with a referenceUid already stored
    std::int64_t opencps_received = 0;       // actions that assigned a dossierNo
    std::int64_t opencps_refused = 0;        // 403 business errors (injected or not)
    std::int64_t opencps_no_dossier_id = 0;  // injected 200s without dossierId
    std::int64_t opencps_votes = 0;          // voting results stored (new or replaced)
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

    // [opencps] The processes the mapping file declares, and what the catalogue says of them.
    struct OpenCpsProcess {
        std::string code;  // our MaTTHC
        std::string service_code;
        std::string dossier_template_no;
        std::string eform_part_no;
        std::string action_code;
        std::string service_name;  // from --procedures when it has the code, else a placeholder
        int working_days = 0;      // from --procedures (processing.working_days), else 0
    };
    std::vector<OpenCpsProcess> opencps_processes;
    // [/opencps]
};

// Bumps counters under the state's mutex.
template <typename F>
void count(SimState& state, F&& update) {
    std::lock_guard lock(state.mutex);
    update(state.stats);
}

// Sends `body` (status already set) through the response faults: a body cut in half
// (--malformed-json) or one sent in slow 64-byte pieces (--slow-body-ms).
void send_body_with_faults(SimState& state, httplib::Response& response, const std::string& body);

// Registers every route, the error handler and the request log on `server`.
void install_routes(httplib::Server& server, SimState& state);

// [SECTION] opencps

// Reads the mapping file with the kiosk's own reader (core::parse_opencps_mapping: strict, a
// code or serviceCode listed twice refused, actionCode "1100" when absent) and joins it with the
// --procedures catalogue body. The error detail is "<path>: <JSON path>: <what>".
core::Result<std::vector<SimState::OpenCpsProcess>> load_opencps_processes(
    const std::string& path, const std::string& catalogue_body);
// The mapping file used when --opencps-mapping is not given: the assets next to the binary
// (build/assets/config/...) or the installed copy (../share/motcua/config/...).
std::string default_opencps_mapping_path();
// The OpenCPS routes under /o/rest/v2 and the /sim/opencps control route.
void install_opencps_routes(httplib::Server& server, SimState& state);
// The /sim/dossiers list and the /sim/stats additions under --api opencps.
nlohmann::json opencps_sim_dossiers(const SimState& state);
void add_opencps_stats(const SimState& state, nlohmann::ordered_json& body);

}  // namespace motcua::sim
