// The OpenCPS adapter's decisions, as pure functions (the wire contract: docs/portal-api.md,
// "Adapters"). The transport (platform/http/opencps_portal) only executes the OpenCpsRequest
// values built here and hands the HttpReply back; everything it means is decided here:
//
//   entry ─ next_opencps_request(entry, progress) ─▶ request ─▶ transport ─▶ reply
//     ▲                                                                       │
//     └── save progress ◀── OpenCpsProgress ◀── on_opencps_reply(progress, reply) ─▶ SubmitOutcome
//
// Filing one outbox entry takes four requests: create (POST /dossiers, referenceUid = the
// entry's idempotency key) → fill (PUT /dossiers/{id}) → e-form (POST .../eforms/{part}) →
// act (POST .../actions). After each finished step the adapter saves the progress
// (OutboxEntry::portal_progress) before sending the next, so a crash or a timeout resumes at
// the first unfinished step. Every step is idempotent on the portal's side, so resending an
// unfinished one is harmless.
//
// Headers: every request built here already carries `groupId` and `Accept: application/json`;
// the transport adds only `Authorization` (the credentials never pass through core) and sends
// `headers` as given. Paths are from the server root ("/o/rest/v2/..."), already
// percent-encoded; bodies are complete.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/filing/kiosk_messages.h"
#include "core/filing/outbox.h"
#include "core/filing/portal.h"
#include "core/filing/portal_reply.h"
#include "core/ports.h"
#include "core/result.h"

namespace motcua::core {

// [SECTION] Mapping and configuration

inline constexpr std::string_view OpenCpsBasePath = "/o/rest/v2";
inline constexpr std::string_view OpenCpsFormContentType = "application/x-www-form-urlencoded";
inline constexpr std::string_view OpenCpsMappingFormat = "motcua.opencps-mapping/1";

// One row of assets/config/opencps-mapping.json: how one of our procedures is filed there.
struct OpenCpsProcedure {
    std::string code;                 // our MaTTHC, e.g. "1.001193"
    std::string service_code;         // OpenCPS serviceCode
    std::string dossier_template_no;  // OpenCPS dossierTemplateNo
    std::string eform_part_no;        // the dossier part that holds the e-form, e.g. "TP1"
    std::string action_code;          // the action that submits, e.g. "1100"
};

struct OpenCpsMapping {
    std::vector<OpenCpsProcedure> procedures;
    // The row for our procedure code / for an OpenCPS serviceCode; null when none.
    const OpenCpsProcedure* find_by_code(std::string_view code) const;
    const OpenCpsProcedure* find_by_service_code(std::string_view service_code) const;
};

// Reads the mapping file strictly (core's strict JSON reader: duplicate and unknown keys
// refused, NFC checked): {"format": "motcua.opencps-mapping/1", "note": text (optional),
// "procedures": [{"code", "serviceCode", "dossierTemplateNo", "eformPartNo", "actionCode"
// (optional, default "1100")}]}. Every value is a non-empty string of visible ASCII (they go
// into URLs and form fields); a code or a serviceCode listed twice is refused. Error code
// "opencps_mapping_invalid", detail "<source>: <JSON path>: <what>".
Result<OpenCpsMapping> parse_opencps_mapping(std::string_view json_text,
                                             std::string_view source_name);

// What the kiosk's configuration says about the OpenCPS site it files into.
struct OpenCpsConfig {
    std::string group_id;          // the `groupId` header (one per agency site), e.g. "35417"
    std::string gov_agency_code;   // govAgencyCode, e.g. "000.00.01.H29"
    std::string kiosk_id;          // actionUser of the submitting action
    int originality = 1;           // a resident's own filing (1: online by the citizen)
    int assisted_originality = 3;  // a filing with "HoTroCanBo": true (3: at the counter)
};

// [SECTION] Requests as data, form bodies

struct OpenCpsRequest {
    std::string method;        // "GET", "POST", "PUT"
    std::string path;          // from the server root, percent-encoded: "/o/rest/v2/dossiers/41"
    std::string content_type;  // OpenCpsFormContentType with a body, "" without
    std::string body;
    // groupId, Accept, and secretCode when a lookup knows it. The transport adds Authorization.
    std::vector<std::pair<std::string, std::string>> headers;
};

using FormFields = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded: "name=value&..." in order, every byte other than ASCII
// letters, digits and - . _ ~ written as %XX (uppercase hex; a space is %20, never '+'), so
// UTF-8 text goes byte by byte.
std::string form_urlencode(const FormFields& fields);
// The inverse, for tests and the simulator: '+' reads as a space; a bad %-escape or a field
// without '=' is an error ("form_invalid").
Result<FormFields> form_urldecode(std::string_view body);
// One path segment percent-encoded the same way ("000.00.01.H29-260310-0001" stays as is).
std::string path_segment_encode(std::string_view segment);

// [SECTION] Filing: progress and the state machine

// The last finished step of one entry's filing.
enum class OpenCpsStep { None, Created, Filled, Eform };

struct OpenCpsProgress {
    OpenCpsStep step = OpenCpsStep::None;
    std::int64_t dossier_id = 0;  // from the create reply; > 0 once Created
    std::string password;         // the dossier's secret, for lookups (secretCode); may be ""
    // Two progresses are the same when all fields are; for tests.
    bool operator==(const OpenCpsProgress&) const = default;
};

// The JSON kept in OutboxEntry::portal_progress: {"step":"created"|"filled"|"eform",
// "dossierId":41,"password":"..."}; None is "".
std::string to_progress_json(const OpenCpsProgress& progress);

struct OpenCpsProgressRead {
    OpenCpsProgress progress;
    // Non-empty when the text was not a progress (corrupt, hand-edited, another adapter's):
    // `progress` is then None, so the filing restarts at create. That is safe: create with the
    // same referenceUid returns the dossier created before. The adapter logs the problem.
    std::string problem;
};
// "" → None with no problem.
OpenCpsProgressRead read_progress(std::string_view progress_json);

// The request for the first unfinished step of `entry` (entry.payload_json, the frozen dossier
// of docs/portal-api.md, under entry.idempotency_key), or the outcome when none can be built: a
// procedure with no mapping row → Held "portal_config" (fixed in the mapping file, then
// resent on its own); a payload that does not parse → Held "portal_bad_request".
std::variant<OpenCpsRequest, SubmitOutcome> next_opencps_request(const OutboxEntry& entry,
                                                                 const OpenCpsProgress& progress,
                                                                 const OpenCpsMapping& mapping,
                                                                 const OpenCpsConfig& config);

// The reply to the request next_opencps_request built for `progress`: the next progress (save
// it, then ask next_opencps_request again) or the outcome of this attempt. Success of a step is
// 200 + application/json + a JSON object (≤ 1 MiB, no key twice) holding a numeric dossierId
// (the same as ours after create); the e-form step's reply holds the part number instead. The
// last step's success is SubmitAccepted{MaHoSo = dossierNo (visible ASCII, ≤ 64 bytes),
// NgayHenTra = dueDate, NgayTiepNhan = receiveDate (converted, "" when malformed), TrangThai =
// opencps_status_code(dossierStatus)}. 203 and 401 → Held "portal_unauthorized" (auth); 403 →
// Held "portal_refused" with the portal's description (bounded, NFC, no controls); a 200
// without a usable dossierId or dossierNo → Retry "opencps_incomplete_reply"; anything else as
// interpret_submit_reply decides (5xx, status 0, 3xx, 429, captive pages → Retry).
std::variant<OpenCpsProgress, SubmitOutcome> on_opencps_reply(const OpenCpsProgress& progress,
                                                              const HttpReply& reply);

// One whole attempt at filing `entry`, with `send` executing each request (the transport; it
// blocks). Resumes from entry.portal_progress, saves the progress after each finished step
// through save_progress before the next request (a save that fails stops the attempt: Retry
// "store_failed"), and stops at the first outcome. At most one request per step. `answered`:
// some request got an HTTP answer.
using OpenCpsSend = std::function<HttpReply(const OpenCpsRequest& request)>;
FilingAttempt run_opencps_filing(const OutboxEntry& entry, const SaveProgress& save_progress,
                                 const OpenCpsSend& send, const OpenCpsMapping& mapping,
                                 const OpenCpsConfig& config);

// The originality a dossier is filed with: assisted_originality when its payload says
// "HoTroCanBo": true, else originality.
int opencps_originality(std::string_view payload_json, const OpenCpsConfig& config);

// "dd/MM/yyyy HH:mm:ss" (OpenCPS) → "yyyyMMddHHmmss" (ours), strictly: a real date and time,
// two-digit fields, or "" for anything else.
std::string opencps_date_to_portal_time(std::string_view text);

// [SECTION] Status lookup

// dossierStatus → TrangThaiHoSo 1–10, 0 for a status not in the table.
int opencps_status_code(std::string_view dossier_status);

// GET /dossiers/{id}: by the dossierId and with `secretCode` when `progress_json` (the local
// entry's portal_progress) has them, else by `code` (a dossierNo) without a secret.
OpenCpsRequest opencps_lookup_request(std::string_view code, std::string_view progress_json,
                                      const OpenCpsConfig& config);

// 404 not HTML → NotFound; 200 + JSON object with a usable dossierNo and a dossierStatus in the
// table → Found (MaHoSo = dossierNo, MaTTHC from serviceCode through the mapping, TenTTHC =
// serviceName, dates converted); anything else → Unavailable with the reason codes of
// on_opencps_reply.
LookupOutcome interpret_opencps_lookup(const HttpReply& reply, const OpenCpsMapping& mapping);

// [SECTION] Rating

// Rating levels (core::rating_body's MucDo: 3 Rất hài lòng, 2 Hài lòng, 1 Không hài lòng) onto a
// voting's choices: the choice whose text is our level's words (NFC, exact) when there is one,
// else by position on a 3-choice voting (3 → 1st, 2 → 2nd, 1 → 3rd); `selected` is 1-based.
// The first request: GET /postal/votings/dossier/{dossierId}, the dossierId from the local
// progress. Refused when the body is not a rating or no dossierId is known (a rating for a
// dossier filed elsewhere cannot be given in OpenCPS).
std::variant<OpenCpsRequest, RatingOutcome> opencps_votings_request(std::string_view rating_body,
                                                                    std::string_view progress_json,
                                                                    const OpenCpsConfig& config);
// From the votings reply: POST /postal/votings/{votingId}/results (className=dossier,
// classPk, selected, votingCode), or the outcome (Retry for a failed reply, Refused when the
// dossier has no voting or no choice fits the level).
std::variant<OpenCpsRequest, RatingOutcome> opencps_rating_result_request(
    const HttpReply& votings_reply, std::string_view rating_body, std::string_view progress_json,
    const OpenCpsConfig& config);
// 200 + JSON object with a numeric votingResultId → Sent; 403 → Refused; anything else → Retry.
RatingOutcome interpret_opencps_rating_reply(const HttpReply& reply);

// [SECTION] Catalogue and health

// GET /serviceinfos: the catalogue, also the health check (OpenCPS has no heartbeat).
OpenCpsRequest opencps_serviceinfos_request(const OpenCpsConfig& config);
// True for a 200 + JSON object: the health check passed.
bool opencps_health_ok(const HttpReply& reply);

struct OpenCpsCatalogue {
    std::vector<std::string> offered_codes;  // our procedure codes the portal publishes, in order
    // What cannot be mapped, one line each, for the log: serviceinfos with no mapping row
    // ("serviceCode X (name): no mapping row"), and serviceinfo fields our procedure format
    // cannot take ("feeText: free text; ...").
    std::vector<std::string> unmapped;
};
// Reads a serviceinfos body ({"total", "data": [...]}); error "opencps_catalogue_invalid" when
// it is not one.
Result<OpenCpsCatalogue> map_serviceinfos(std::string_view body, const OpenCpsMapping& mapping);

}  // namespace motcua::core
