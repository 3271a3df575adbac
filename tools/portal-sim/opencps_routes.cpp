// [opencps] portal-sim --api opencps: OpenCPS's REST API under /o/rest/v2 with its real quirks
// (a 203 for a failed login, 403 for every business error), as /work/helpers/opencps-wire.md
// fixes them for the kiosk's adapter. Facts from ../shared/domain/opencps.md; no OpenCPS code.
//
// Index:
//   [SECTION] replies         DossierDetailModel, error bodies, status texts, dates
//   [SECTION] front door      faults, Basic auth, groupId, the form body; serve() runs a step
//   [SECTION] lookups         dossiers by id / dossierNo / referenceUid, processes
//   [SECTION] filing          POST /dossiers, PUT, eforms, actions
//   [SECTION] after filing    GET /dossiers/{id}, votings
//   [SECTION] catalogue       GET /serviceinfos
//   [SECTION] /sim            status control, dossier list, stats
//   [SECTION] install_opencps_routes
#include <strings.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

#include "portal_sim.h"

namespace motcua::sim {

namespace {

using httplib::Request;
using httplib::Response;
using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;
using Form = std::map<std::string, std::string>;

constexpr const char* Base = "/o/rest/v2";
constexpr int VotingId = 7;
constexpr const char* VotingCode = "DANHGIA";
constexpr std::int64_t FirstDossierId = 1001;

// [SECTION] replies

struct Reply {
    int status = 200;
    OrderedJson body;
};

Reply refused(const std::string& description) {
    return {403, OrderedJson{{"description", description}}};
}

Reply not_found() {
    return {404, OrderedJson{{"message", "Not found"}}};
}

// dossierStatus -> dossierStatusText (the simulator's wording; the kiosk reads only the code).
const std::map<std::string, std::string>& status_texts() {
    static const std::map<std::string, std::string> texts = {
        {"new", "Mới"},
        {"receiving", "Chờ tiếp nhận"},
        {"waiting", "Chờ bổ sung"},
        {"processing", "Đang xử lý"},
        {"pausing", "Tạm dừng"},
        {"posting", "Chờ gửi"},
        {"correcting", "Yêu cầu sửa đổi"},
        {"cancelling", "Yêu cầu rút hồ sơ"},
        {"releasing", "Chờ trả kết quả"},
        {"denied", "Từ chối"},
        {"unresolved", "Không giải quyết được"},
        {"cancelled", "Đã rút"},
        {"done", "Đã trả kết quả"},
        {"interoperating", "Liên thông"}};
    return texts;
}

// "dd/MM/yyyy HH:mm:ss", Vietnam time.
std::string format_opencps_time(const core::LocalDateTime& time) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d %02d:%02d:%02d", time.day, time.month,
                  time.year, time.hour, time.minute, time.second);
    return buffer;
}

// The applicant, contact and delegate fields POST and PUT take (kept as sent).
const std::vector<std::string>& applicant_fields() {
    static const std::vector<std::string> fields = {
        "applicantName", "applicantIdType", "applicantIdNo", "applicantIdDate", "address",
        "cityCode",      "districtCode",    "wardCode",      "contactName",     "contactTelNo",
        "contactEmail",  "dossierName",     "briefNote",     "applicantNote",   "delegateName",
        "delegateIdNo",  "delegateTelNo",   "sampleCount",   "metaData"};
    return fields;
}

// The DossierDetailModel the contract names, from a stored record.
OrderedJson dossier_detail(const Json& record) {
    const std::string status = record.value("dossierStatus", "new");
    const auto text = status_texts().find(status);
    return OrderedJson{{"dossierId", record["dossierId"]},
                       {"referenceUid", record["referenceUid"]},
                       {"dossierNo", record["dossierNo"]},
                       {"dossierStatus", status},
                       {"dossierStatusText", text != status_texts().end() ? text->second : ""},
                       {"serviceCode", record["serviceCode"]},
                       {"govAgencyCode", record["govAgencyCode"]},
                       {"dossierTemplateNo", record["dossierTemplateNo"]},
                       {"applicantName", record["applicant"].value("applicantName", "")},
                       {"password", record["password"]},
                       {"submitDate", record["submitDate"]},
                       {"receiveDate", record["receiveDate"]},
                       {"dueDate", record["dueDate"]},
                       {"lastActionCode", record["lastActionCode"]}};
}

Reply detail_reply(const Json& record) {
    return {200, dossier_detail(record)};
}

// [SECTION] front door

bool basic_auth_ok(const SimState& state, const Request& request) {
    const std::string expected =
        httplib::make_basic_authentication_header(state.options.opencps_user,
                                                  state.options.opencps_password)
            .second;  // "Basic <base64>"
    const std::string header = request.get_header_value("Authorization");
    if (header.size() < 6 || strncasecmp(header.c_str(), "basic ", 6) != 0) return false;
    std::string_view credentials = std::string_view(header).substr(6);
    while (!credentials.empty() && credentials.front() == ' ') credentials.remove_prefix(1);
    while (!credentials.empty() && credentials.back() == ' ') credentials.remove_suffix(1);
    return credentials == std::string_view(expected).substr(6);
}

bool is_form_request(const Request& request) {
    const std::string type = request.get_header_value("Content-Type");
    return strncasecmp(type.c_str(), "application/x-www-form-urlencoded", 33) == 0;
}

// The first value of each key (what a JAX-RS @FormParam sees).
Form parse_form(const std::string& body) {
    httplib::Params params;
    httplib::detail::parse_query_text(body, params);
    Form form;
    for (const auto& [key, value] : params) form.emplace(key, value);
    return form;
}

// The form's first field that is not UTF-8 in NFC, if any.
std::optional<std::string> first_non_nfc_field(const Form& form) {
    for (const auto& [key, value] : form)
        if (first_non_nfc_path(Json::array({key, value}))) return key;
    return std::nullopt;
}

// A step: runs under the state's mutex with the parsed form, returns the reply.
using Step = std::function<Reply(SimState&, const Request&, const Form&)>;

enum class Body { Form, None };

// Every /o/rest/v2 request goes through here: the faults in the order the motcua routes use
// (drop before reading, captive page, auth, latency, 429, 503, refusal), the step, then the
// faults of an answer that took effect (drop after commit, no dossierId, malformed or slow
// body).
void serve(SimState& state, const Request& request, Response& response,
           const httplib::ContentReader* reader, Body body_kind, const Step& step) {
    const FaultConfig faults = state.faults.config();
    if (state.faults.roll(faults.drop_before_read)) {
        count(state, [](Stats& stats) { ++stats.dropped_before_read; });
        drop(request, response);
        return;
    }
    // Read the whole body before any early answer, so a kept-alive connection stays in step.
    std::string body = request.body;
    if (reader != nullptr) {
        (*reader)([&](const char* data, std::size_t length) {
            body.append(data, length);
            return true;
        });
    }
    count(state, [](Stats& stats) { ++stats.requests; });
    if (faults.captive_portal) {
        count(state, [](Stats& stats) { ++stats.captive; });
        send_captive(response);
        return;
    }
    if (!basic_auth_ok(state, request)) {
        count(state, [](Stats& stats) { ++stats.unauthorized; });
        send_json(response, 203, OrderedJson{{"message", "Non-Authoritative Information."}}.dump());
        return;
    }
    if (!request.has_header("groupId")) {
        count(state, [](Stats& stats) { ++stats.rejected; });
        send_json(response, 403, OrderedJson{{"description", "groupId is required"}}.dump());
        return;
    }
    if (request.get_header_value("groupId") != state.options.opencps_group_id) {
        count(state, [](Stats& stats) { ++stats.unauthorized; });
        send_json(response, 401, OrderedJson{{"message", "Unauthorized"}}.dump());
        return;
    }
    sleep_ms(faults.latency_ms);
    if (state.faults.roll(faults.rate_limit)) {
        count(state, [](Stats& stats) { ++stats.rate_limited; });
        response.set_header("Retry-After", std::to_string(faults.retry_after_s));
        send_json(response, 429, OrderedJson{{"message", "Too Many Requests"}}.dump());
        return;
    }
    if (state.faults.roll(faults.fail_rate)) {
        count(state, [](Stats& stats) { ++stats.injected_failures; });
        send_json(response, 503, OrderedJson{{"message", "Service Unavailable"}}.dump());
        return;
    }
    if (state.faults.roll(faults.refuse_rate)) {  // [staff] an officer's refusal, nothing done
        count(state, [](Stats& stats) { ++stats.opencps_refused; });
        send_json(response, 403,
                  OrderedJson{{"description", "injected refusal: the officer refused this request"}}
                      .dump());
        return;
    }
    Form form;
    if (body_kind == Body::Form && !body.empty()) {
        if (!is_form_request(request)) {
            count(state, [](Stats& stats) { ++stats.rejected; });
            send_json(response, 415, OrderedJson{{"message", "Unsupported Media Type"}}.dump());
            return;
        }
        form = parse_form(body);
    }
    Reply reply;
    if (auto field = first_non_nfc_field(form)) {
        reply = refused(*field + " is not UTF-8 in Unicode NFC");
    } else {
        std::lock_guard lock(state.mutex);
        reply = step(state, request, form);
    }
    if (reply.status == 403) count(state, [](Stats& stats) { ++stats.opencps_refused; });
    response.status = reply.status;
    if (reply.status != 200) {
        send_json(response, reply.status, reply.body.dump());
        return;
    }
    if (state.faults.roll(faults.drop_after_commit)) {
        count(state, [](Stats& stats) { ++stats.dropped_after_commit; });
        drop(request, response);
        return;
    }
    if (reply.body.contains("dossierId") && state.faults.roll(faults.opencps_no_dossier_id)) {
        count(state, [](Stats& stats) { ++stats.opencps_no_dossier_id; });
        reply.body.erase("dossierId");
    }
    send_body_with_faults(state, response, reply.body.dump());
}

// [SECTION] lookups

bool all_digits(const std::string& text) {
    return !text.empty() && text.size() <= 18 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The record whose `key` equals `value` exactly; never matches an empty value.
const Json* find_by(const SimState& state, const char* key, const Json& value) {
    if (value.is_string() && value.get_ref<const std::string&>().empty()) return nullptr;
    for (const auto& record : state.store->opencps_dossiers())
        if (record[key] == value) return &record;
    return nullptr;
}

// By dossierId only (the write routes), or also by dossierNo and referenceUid (GET).
enum class IdForms { DossierId, Any };

const Json* find_dossier(const SimState& state, const std::string& id, IdForms forms) {
    if (all_digits(id))
        if (const Json* found = find_by(state, "dossierId", std::stoll(id))) return found;
    if (forms == IdForms::DossierId) return nullptr;
    if (const Json* found = find_by(state, "dossierNo", id)) return found;
    return find_by(state, "referenceUid", id);
}

const SimState::OpenCpsProcess* find_process(const SimState& state, const std::string& service_code,
                                             const std::string& agency,
                                             const std::string& template_no) {
    if (agency != state.options.opencps_agency) return nullptr;
    for (const auto& process : state.opencps_processes)
        if (process.service_code == service_code && process.dossier_template_no == template_no)
            return &process;
    return nullptr;
}

const SimState::OpenCpsProcess* process_of(const SimState& state, const Json& record) {
    return find_process(state, record["serviceCode"], record["govAgencyCode"],
                        record["dossierTemplateNo"]);
}

std::string field(const Form& form, const std::string& key) {
    auto it = form.find(key);
    return it == form.end() ? std::string() : it->second;
}

// The first of `keys` that is absent or empty.
std::optional<Reply> require(const Form& form, std::initializer_list<const char*> keys) {
    for (const char* key : keys)
        if (field(form, key).empty()) return refused(std::string(key) + " is required");
    return std::nullopt;
}

bool is_display_date(const std::string& text) {  // dd/MM/yyyy, a real day
    if (text.size() != 10 || text[2] != '/' || text[5] != '/') return false;
    for (std::size_t i : {0, 1, 3, 4, 6, 7, 8, 9})
        if (text[i] < '0' || text[i] > '9') return false;
    const int day = std::stoi(text.substr(0, 2));
    const int month = std::stoi(text.substr(3, 2));
    const int year = std::stoi(text.substr(6, 4));
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                           std::chrono::day(day)};
    return date.ok();
}

// Checks and copies the applicant fields of a POST or PUT into record["applicant"].
std::optional<Reply> take_applicant_fields(const Form& form, Json& record) {
    const std::string id_date = field(form, "applicantIdDate");
    if (!id_date.empty() && !is_display_date(id_date))
        return refused("applicantIdDate must be dd/MM/yyyy");
    const std::string id_type = field(form, "applicantIdType");
    if (!id_type.empty() && id_type != "citizen" && id_type != "business" &&
        id_type != "organization")
        return refused("applicantIdType must be citizen, business or organization");
    for (const auto& key : applicant_fields())
        if (form.count(key) != 0) record["applicant"][key] = form.at(key);
    return std::nullopt;
}

// A stable 8-character secret for public lookup, from the seed and the referenceUid.
std::string make_password(const SimState& state, const std::string& reference_uid) {
    static constexpr char Alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string hex = fnv1a64_hex(std::to_string(state.options.seed) + "/" + reference_uid);
    std::uint64_t bits = std::stoull(hex, nullptr, 16);
    std::string password;
    for (int i = 0; i < 8; ++i, bits >>= 5) password += Alphabet[bits & 31];
    return password;
}

Reply store_failure(const core::Status& status) {
    std::fprintf(stderr, "store: %s\n", status.error().detail.c_str());
    return {500, OrderedJson{{"message", "the dossier could not be stored"}}};
}

// [SECTION] filing

Reply create_dossier(SimState& state, const Request&, const Form& form) {
    const std::string reference_uid = field(form, "referenceUid");
    if (const Json* existing = find_by(state, "referenceUid", reference_uid)) {
        ++state.stats.opencps_reused;
        return detail_reply(*existing);
    }
    if (auto missing =
            require(form, {"serviceCode", "govAgencyCode", "dossierTemplateNo", "originality"}))
        return *missing;
    const std::string originality = field(form, "originality");
    if (originality.size() != 1 || std::string("012349").find(originality) == std::string::npos)
        return refused("originality must be 0, 1, 2, 3, 4 or 9");
    const auto* process =
        find_process(state, field(form, "serviceCode"), field(form, "govAgencyCode"),
                     field(form, "dossierTemplateNo"));
    if (process == nullptr) return refused("Cant find process");

    std::int64_t id = FirstDossierId;
    for (const auto& record : state.store->opencps_dossiers())
        id = std::max(id, record["dossierId"].get<std::int64_t>() + 1);
    Json record = {
        {"dossierId", id},
        {"referenceUid", reference_uid.empty() ? "sim-" + std::to_string(id) : reference_uid},
        {"serviceCode", process->service_code},
        {"govAgencyCode", state.options.opencps_agency},
        {"dossierTemplateNo", process->dossier_template_no},
        {"originality", std::stoi(originality)},
        {"dossierNo", ""},
        {"numberSequence", 0},
        {"dossierStatus", "new"},
        {"createDate", format_opencps_time(state.now())},
        {"submitDate", ""},
        {"receiveDate", ""},
        {"dueDate", ""},
        {"lastActionCode", ""},
        {"applicant", Json::object()},
        {"eforms", Json::object()},
        {"actions", Json::array()}};
    record["password"] = make_password(state, record["referenceUid"]);
    if (auto bad = take_applicant_fields(form, record)) return *bad;
    if (auto status = state.store->put_opencps_dossier(record); !status)
        return store_failure(status);
    ++state.stats.opencps_created;
    return detail_reply(record);
}

Reply update_dossier(SimState& state, const Request& request, const Form& form) {
    const Json* found = find_dossier(state, request.matches[1], IdForms::DossierId);
    if (found == nullptr) return refused("Dossier not found");
    Json record = *found;
    if (auto bad = take_applicant_fields(form, record)) return *bad;
    if (auto status = state.store->put_opencps_dossier(record); !status)
        return store_failure(status);
    return detail_reply(record);
}

Reply post_eform(SimState& state, const Request& request, const Form& form) {
    const Json* found = find_dossier(state, request.matches[1], IdForms::DossierId);
    if (found == nullptr) return refused("Dossier not found");
    const std::string part_no = request.matches[2];
    const auto* process = process_of(state, *found);
    if (process == nullptr) return refused("Cant find process");
    if (part_no != process->eform_part_no) return refused("Dossier part " + part_no + " not found");
    if (auto missing = require(form, {"formData"})) return *missing;
    const std::string form_data = field(form, "formData");
    if (Json::parse(form_data, nullptr, false).is_discarded())
        return refused("formData is not JSON");
    Json record = *found;
    record["eforms"][part_no] = form_data;  // a second POST replaces the first
    if (auto status = state.store->put_opencps_dossier(record); !status)
        return store_failure(status);
    const std::string file_uid = field(form, "referenceUid");
    return {200, OrderedJson{
                     {"dossierId", record["dossierId"]},
                     {"referenceUid",
                      file_uid.empty() ? record["referenceUid"].get<std::string>() + "-" + part_no
                                       : file_uid},
                     {"dossierPartNo", part_no},
                     {"formData", form_data}}};
}

Reply post_action(SimState& state, const Request& request, const Form& form) {
    const Json* found = find_dossier(state, request.matches[1], IdForms::DossierId);
    if (found == nullptr) return refused("Dossier not found");
    if (auto missing = require(form, {"actionCode"})) return *missing;
    const auto* process = process_of(state, *found);
    if (process == nullptr) return refused("Cant find process");
    const std::string action_code = field(form, "actionCode");
    if (action_code != process->action_code)
        return refused("Action " + action_code + " is not configured for this process");
    if (!(*found)["dossierNo"].get<std::string>().empty()) return detail_reply(*found);  // replay
    if (!(*found)["eforms"].contains(process->eform_part_no))
        return refused("Dossier part " + process->eform_part_no + " has no form data");

    std::int64_t sequence = 1;
    for (const auto& record : state.store->opencps_dossiers())
        sequence = std::max(sequence, record["numberSequence"].get<std::int64_t>() + 1);
    const core::LocalDateTime received = state.now();
    const core::LocalDateTime due = core::due_at(received, process->working_days, state.holidays);
    Json record = *found;
    record["numberSequence"] = sequence;
    record["dossierNo"] = make_ma_ho_so(state.options.opencps_agency, received, sequence);
    record["dossierStatus"] = "receiving";
    record["submitDate"] = format_opencps_time(received);
    record["receiveDate"] = format_opencps_time(received);
    record["dueDate"] = format_opencps_time(due);
    record["lastActionCode"] = action_code;
    record["actions"].push_back({{"actionCode", action_code},
                                 {"actionUser", field(form, "actionUser")},
                                 {"actionNote", field(form, "actionNote")},
                                 {"payload", field(form, "payload")}});
    if (auto status = state.store->put_opencps_dossier(record); !status)
        return store_failure(status);
    ++state.stats.opencps_received;
    return detail_reply(record);
}

// [SECTION] after filing

Reply get_dossier(SimState& state, const Request& request, const Form&) {
    const Json* found = find_dossier(state, request.matches[1], IdForms::Any);
    if (found == nullptr) return not_found();
    if (request.has_header("secretCode") &&
        request.get_header_value("secretCode") != (*found)["password"].get<std::string>())
        return refused("secretCode is wrong");
    return detail_reply(*found);
}

Reply get_votings(SimState& state, const Request& request, const Form&) {
    if (request.matches[1] != "dossier")
        return {200, OrderedJson{{"total", 0}, {"data", Json::array()}}};
    if (find_dossier(state, request.matches[2], IdForms::DossierId) == nullptr)
        return refused("Dossier not found");
    const OrderedJson voting = {
        {"votingId", VotingId},
        {"votingCode", VotingCode},
        {"subject", "Ông/bà đánh giá thế nào về việc giải quyết hồ sơ?"},
        {"choices", Json::array({"Rất hài lòng", "Hài lòng", "Không hài lòng"})}};
    return {200, OrderedJson{{"total", 1}, {"data", OrderedJson::array({voting})}}};
}

Reply post_voting_result(SimState& state, const Request& request, const Form& form) {
    if (request.matches[1] != std::to_string(VotingId)) return refused("Voting not found");
    if (auto missing = require(form, {"className", "classPk", "selected"})) return *missing;
    if (field(form, "className") != "dossier") return refused("className must be dossier");
    const Json* dossier = find_dossier(state, field(form, "classPk"), IdForms::DossierId);
    if (dossier == nullptr) return refused("Dossier not found");
    const std::string selected = field(form, "selected");
    if (selected != "1" && selected != "2" && selected != "3")
        return refused("selected must be 1, 2 or 3");
    const std::string code = field(form, "votingCode");
    if (!code.empty() && code != VotingCode) return refused("votingCode is wrong");

    // One result per dossier and voting: a resend replaces it (as a resident changing their
    // mind would), so a reply lost on the way does not count twice.
    std::int64_t id = static_cast<std::int64_t>(state.store->opencps_votes().size()) + 1;
    for (const auto& vote : state.store->opencps_votes())
        if (vote["classPk"] == (*dossier)["dossierId"]) id = vote["votingResultId"];
    const Json record = {{"votingResultId", id},
                         {"votingId", VotingId},
                         {"votingCode", VotingCode},
                         {"className", "dossier"},
                         {"classPk", (*dossier)["dossierId"]},
                         {"dossierNo", (*dossier)["dossierNo"]},
                         {"selected", std::stoi(selected)},
                         {"receivedAt", format_opencps_time(state.now())}};
    if (auto status = state.store->put_opencps_vote(record); !status) return store_failure(status);
    ++state.stats.opencps_votes;
    return {200, OrderedJson{{"votingResultId", id}}};
}

// [SECTION] catalogue

Reply get_serviceinfos(SimState& state, const Request&, const Form&) {
    OrderedJson data = OrderedJson::array();
    auto entry = [&](std::int64_t id, const std::string& code, const std::string& name,
                     int working_days) {
        data.push_back({{"serviceInfoId", id},
                        {"serviceCode", code},
                        {"serviceName", name},
                        {"durationText", std::to_string(working_days) + " ngày làm việc"},
                        {"feeText", "Theo quy định"},
                        {"govAgencyText", "Uỷ ban nhân dân xã (mô phỏng)"},
                        {"administrationCode", state.options.opencps_agency},
                        {"domainCode", "HOTICH"},
                        {"maxLevel", 2}});
    };
    std::int64_t id = 101;
    for (const auto& process : state.opencps_processes)
        entry(id++, process.service_code, process.service_name, process.working_days);
    // A procedure the agency offers but the kiosk has no mapping for.
    entry(id, "DVC-9.999999", "Thủ tục không có trên kiosk (mô phỏng)", 5);
    return {200, OrderedJson{{"total", data.size()}, {"data", data}}};
}

// [SECTION] /sim

void sim_set_status(SimState& state, const Request& request, Response& response) {
    const Json body = Json::parse(request.body, nullptr, false);
    if (!body.is_object()) {
        send_error(response, 400, "invalid_json", "body is not a JSON object");
        return;
    }
    const std::string status = body.contains("dossierStatus") && body["dossierStatus"].is_string()
                                   ? body["dossierStatus"]
                                   : Json("");
    if (status_texts().count(status) == 0) {
        send_error(response, 422, "invalid_field", "dossierStatus must be an OpenCPS status",
                   "dossierStatus");
        return;
    }
    std::string id;
    for (const char* key : {"dossierNo", "dossierId", "referenceUid"}) {
        if (!body.contains(key)) continue;
        id = body[key].is_number_integer() ? std::to_string(body[key].get<std::int64_t>())
             : body[key].is_string()       ? body[key].get<std::string>()
                                           : "";
        break;
    }
    std::unique_lock lock(state.mutex);
    const Json* found = find_dossier(state, id, IdForms::Any);
    if (found == nullptr) {
        lock.unlock();
        send_error(response, 404, "dossier_not_found",
                   "no OpenCPS dossier has this dossierNo, dossierId or referenceUid");
        return;
    }
    Json record = *found;
    record["dossierStatus"] = status;
    if (auto stored = state.store->put_opencps_dossier(record); !stored) {
        lock.unlock();
        send_error(response, 500, "store_failed", stored.error().detail);
        return;
    }
    lock.unlock();
    send_json(response, 200, dossier_detail(record).dump());
}

}  // namespace

Json opencps_sim_dossiers(const SimState& state) {
    return Json(state.store->opencps_dossiers());
}

void add_opencps_stats(const SimState& state, OrderedJson& body) {
    const Stats& s = state.stats;
    body["dossiers"] = state.store->opencps_dossiers().size();
    body["opencps"] = OrderedJson{{"created", s.opencps_created},
                                  {"reused", s.opencps_reused},
                                  {"received", s.opencps_received},
                                  {"refused", s.opencps_refused},
                                  {"no_dossier_id", s.opencps_no_dossier_id},
                                  {"votes", s.opencps_votes}};
}

// [SECTION] install_opencps_routes

void install_opencps_routes(httplib::Server& server, SimState& state) {
    SimState* s = &state;
    const std::string base = Base;
    auto get = [&](const std::string& pattern, Step step) {
        server.Get(base + pattern, [s, step](const Request& q, Response& r) {
            serve(*s, q, r, nullptr, Body::None, step);
        });
    };
    auto with_form = [s](Step step) {
        return [s, step](const Request& q, Response& r, const httplib::ContentReader& reader) {
            serve(*s, q, r, &reader, Body::Form, step);
        };
    };
    server.Post(base + "/dossiers", with_form(create_dossier));
    server.Put(base + R"(/dossiers/([^/]+))", with_form(update_dossier));
    server.Post(base + R"(/dossiers/([^/]+)/eforms/([^/]+))", with_form(post_eform));
    server.Post(base + R"(/dossiers/([^/]+)/actions)", with_form(post_action));
    get(R"(/dossiers/([^/]+))", get_dossier);
    get(R"(/postal/votings/([^/]+)/([^/]+))", get_votings);
    server.Post(base + R"(/postal/votings/([^/]+)/results)", with_form(post_voting_result));
    get("/serviceinfos", get_serviceinfos);

    server.Post("/sim/opencps/status",
                [s](const Request& q, Response& r) { sim_set_status(*s, q, r); });
}

}  // namespace motcua::sim
