// The OpenCPS adapter's pure core (opencps.h). Index:
//   [SECTION] Text and reply helpers
//   [SECTION] Mapping file
//   [SECTION] Form bodies and paths
//   [SECTION] Progress
//   [SECTION] Filing requests
//   [SECTION] Filing replies
//   [SECTION] Status lookup
//   [SECTION] Rating
//   [SECTION] Catalogue and health
#include "core/filing/opencps.h"

#include <algorithm>
#include <array>
#include <limits>

#include "core/filing/portal_time.h"
#include "core/json/object_reader.h"
#include "core/json/strict_reader.h"
#include "core/text/ascii.h"
#include "core/text/utf8.h"

namespace motcua::core {

namespace {

using strict_json::Value;

// The portal's description of a refusal, as staff see it: enough for "Cant find process" or a
// field name and a sentence, not a page.
constexpr std::size_t MaxDescriptionBytes = 200;
// serviceName and other free text from the portal.
constexpr std::size_t MaxTextFieldBytes = 1024;
// Mapping values and the dossier's password: identifiers, not text.
constexpr std::size_t MaxIdentifierBytes = 64;

// Our own frozen payload: NFC by construction, normalised rather than refused should an older
// kiosk have stored a decomposed string (OpenCPS wants NFC; refusing would hold it forever).
const strict_json::Limits OurPayload{strict_json::DefaultMaxDepth,
                                     strict_json::Strings::NormaliseToNfc};

// [SECTION] Text and reply helpers

bool is_visible_ascii(std::string_view text, std::size_t max_bytes) {
    if (text.empty() || text.size() > max_bytes) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte > 0x20 && byte < 0x7F;
    });
}

// Valid UTF-8, NFC, controls (C0, DEL, C1) as spaces, at most max_bytes cut on a code point.
std::string clean_text(std::string_view text, std::size_t max_bytes) {
    const std::u32string code_points = decode_utf8(to_nfc(text));
    std::string out;
    for (char32_t c : code_points) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) c = U' ';
        std::string next;
        append_utf8(next, c);
        if (out.size() + next.size() > max_bytes) {
            out += "...";
            break;
        }
        out += next;
    }
    return std::string(text::trim(out, " "));
}

// The reply's body as a JSON object, or why not: not JSON, not UTF-8, larger than 1 MiB, too
// deep, a key twice in one object (which of two dossierIds would be ours?), not an object.
// Text not in NFC is normalised, not refused: the portal is not ours to correct.
struct ReplyObject {
    std::optional<Value> object;
    std::string problem;
    bool json = false;  // the content type said JSON
};

ReplyObject reply_object(const HttpReply& reply) {
    const MediaType media = parse_media_type(reply.content_type);
    if (!is_json(media)) return {std::nullopt, "not JSON", false};
    if (!charset_is_utf8(media)) return {std::nullopt, "charset is not utf-8", true};
    if (reply.body.size() > MaxReplyBodyBytes)
        return {std::nullopt, "body larger than 1 MiB", true};
    strict_json::Parsed parsed = strict_json::parse(
        reply.body, {strict_json::DefaultMaxDepth, strict_json::Strings::NormaliseToNfc});
    if (parsed.fatal) return {std::nullopt, parsed.fatal->text(), true};
    if (!parsed.problems.empty()) return {std::nullopt, parsed.problems.front().text(), true};
    if (!parsed.value.is_object()) return {std::nullopt, "body is not a JSON object", true};
    return {std::move(parsed.value), {}, true};
}

const Value* member(const Value& object, std::string_view key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::string string_member(const Value& object, std::string_view key) {
    const Value* value = member(object, key);
    return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

// A positive whole JSON number that fits int64, or 0.
std::int64_t positive_id(const Value& object, std::string_view key) {
    const Value* value = member(object, key);
    if (value == nullptr) return 0;
    if (value->is_number_unsigned()) {
        const auto n = value->get<std::uint64_t>();
        return n > 0 && n <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                   ? static_cast<std::int64_t>(n)
                   : 0;
    }
    if (value->is_number_integer()) {
        const auto n = value->get<std::int64_t>();
        return n > 0 ? n : 0;
    }
    return 0;
}

// Why a dossierNo is not usable as our MaHoSo, or "" (the same rule as portal_reply.h's).
std::string dossier_no_problem(const Value& object) {
    const Value* value = member(object, "dossierNo");
    if (value == nullptr || value->is_null()) return "dossierNo missing";
    if (!value->is_string()) return "dossierNo is not a string";
    const auto& text = value->get_ref<const std::string&>();
    if (text.empty()) return "dossierNo is empty";
    if (text.size() > MaxDossierCodeBytes) return "dossierNo longer than 64 bytes";
    if (!is_visible_ascii(text, MaxDossierCodeBytes))
        return "dossierNo has a character other than visible ASCII";
    const bool alphanumeric = std::any_of(text.begin(), text.end(), [](char c) {
        return text::is_ascii_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    });
    if (!alphanumeric) return "dossierNo has no letter or digit";
    return {};
}

// The portal's own words for a refusal (403 {"description": ...}, or "message"), cleaned.
std::string portal_description(const HttpReply& reply) {
    const ReplyObject body = reply_object(reply);
    if (!body.object) return {};
    for (const char* key : {"description", "message"}) {
        const std::string text = string_member(*body.object, key);
        if (!text.empty()) return clean_text(text, MaxDescriptionBytes);
    }
    return {};
}

// What a reply that is not a step's success means, for every status OpenCPS gives a meaning
// of its own; nullopt for the rest, which the shared contract rules classify.
struct Failure {
    enum class Kind { Retry, Held } kind;
    std::string reason_code;
    std::string detail;
};

std::optional<Failure> opencps_failure(const HttpReply& reply) {
    const bool html = is_html(parse_media_type(reply.content_type));
    switch (reply.status) {
        case 203:
            // OpenCPS answers "not authenticated" with a 2xx: never mistake it for success.
            return Failure{Failure::Kind::Held, "portal_unauthorized",
                           "HTTP 203: OpenCPS did not authenticate the kiosk (check its user "
                           "and password)"};
        case 401:
            return Failure{Failure::Kind::Held, "portal_unauthorized",
                           "HTTP 401: OpenCPS did not authorise the kiosk for this site (check "
                           "its groupId)"};
        case 403: {
            // A proxy's refusal page is the network's problem, not the dossier's.
            if (html)
                return Failure{Failure::Kind::Retry, "captive_portal", body_description(reply)};
            const std::string description = portal_description(reply);
            return Failure{Failure::Kind::Held, "portal_refused",
                           "HTTP 403: " + (description.empty() ? std::string("(no description)")
                                                               : description)};
        }
        default:
            break;
    }
    if (reply.status >= 200 && reply.status < 300 && reply.status != 200) {
        // 201, 204...: OpenCPS answers 200; something else stands in between.
        return Failure{Failure::Kind::Retry,
                       html || !is_json(parse_media_type(reply.content_type)) ? "captive_portal"
                                                                              : "portal_bad_reply",
                       body_description(reply)};
    }
    return std::nullopt;
}

SubmitOutcome to_outcome(Failure failure, const HttpReply& reply) {
    if (failure.kind == Failure::Kind::Held)
        return SubmitHeld{std::move(failure.reason_code), std::move(failure.detail)};
    std::optional<int> retry_after;
    if (reply.status != 0 && reply.retry_after_seconds && *reply.retry_after_seconds >= 0)
        retry_after = reply.retry_after_seconds;
    return SubmitRetry{std::move(failure.reason_code), std::move(failure.detail), retry_after};
}

// A 200 whose body is not a usable JSON object.
Failure bad_success_body(const HttpReply& reply, const ReplyObject& body) {
    if (!body.json) return {Failure::Kind::Retry, "captive_portal", body_description(reply)};
    return {Failure::Kind::Retry, "portal_bad_reply",
            body_description(reply) + ": " + body.problem};
}

// [SECTION] Mapping file

std::string identifier(const strict_json::ObjectReader& reader, std::string_view key, bool required,
                       std::string fallback = {}) {
    std::string value = reader.string(key, required, std::move(fallback));
    if (!is_visible_ascii(value, MaxIdentifierBytes))
        strict_json::fail(reader.path(key),
                          "expected 1 to 64 visible ASCII characters (no spaces, no accents)");
    return value;
}

}  // namespace

const OpenCpsProcedure* OpenCpsMapping::find_by_code(std::string_view code) const {
    for (const auto& row : procedures)
        if (row.code == code) return &row;
    return nullptr;
}

const OpenCpsProcedure* OpenCpsMapping::find_by_service_code(std::string_view service_code) const {
    for (const auto& row : procedures)
        if (row.service_code == service_code) return &row;
    return nullptr;
}

Result<OpenCpsMapping> parse_opencps_mapping(std::string_view json_text,
                                             std::string_view source_name) {
    const std::string source(source_name);
    auto doc = strict_json::read(json_text);
    if (!doc) return make_error("opencps_mapping_invalid", source + ": " + doc.error().detail);
    try {
        strict_json::ObjectReader reader(*doc, "$", {"format", "note", "procedures"});
        if (reader.string("format") != OpenCpsMappingFormat)
            strict_json::fail(reader.path("format"),
                              "expected \"" + std::string(OpenCpsMappingFormat) + "\"");
        (void)reader.string("note", false);
        const Value& list = reader.array("procedures");
        if (list.empty()) strict_json::fail(reader.path("procedures"), "lists no procedure");
        OpenCpsMapping mapping;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string path = strict_json::index_path("$.procedures", i);
            strict_json::ObjectReader row(
                list[i], path,
                {"code", "serviceCode", "dossierTemplateNo", "eformPartNo", "actionCode"});
            OpenCpsProcedure procedure;
            procedure.code = identifier(row, "code", true);
            procedure.service_code = identifier(row, "serviceCode", true);
            procedure.dossier_template_no = identifier(row, "dossierTemplateNo", true);
            procedure.eform_part_no = identifier(row, "eformPartNo", true);
            procedure.action_code = identifier(row, "actionCode", false, "1100");
            if (mapping.find_by_code(procedure.code))
                strict_json::fail(row.path("code"), procedure.code + " is listed twice");
            if (mapping.find_by_service_code(procedure.service_code))
                strict_json::fail(row.path("serviceCode"),
                                  procedure.service_code + " is listed twice");
            mapping.procedures.push_back(std::move(procedure));
        }
        return mapping;
    } catch (const std::exception& e) {  // strict_json::SchemaError, or nlohmann's own
        return make_error("opencps_mapping_invalid", source + ": " + e.what());
    }
}

// [SECTION] Form bodies and paths

namespace {

bool is_unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || text::is_ascii_digit(c) ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

void percent_encode(std::string& out, std::string_view text) {
    static constexpr char Hex[] = "0123456789ABCDEF";
    for (char c : text) {
        if (is_unreserved(c)) {
            out.push_back(c);
            continue;
        }
        const auto byte = static_cast<unsigned char>(c);
        out.push_back('%');
        out.push_back(Hex[byte >> 4]);
        out.push_back(Hex[byte & 0x0F]);
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out.push_back(' ');
        } else if (text[i] == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

}  // namespace

std::string form_urlencode(const FormFields& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out.push_back('&');
        percent_encode(out, name);
        out.push_back('=');
        percent_encode(out, value);
    }
    return out;
}

Result<FormFields> form_urldecode(std::string_view body) {
    FormFields fields;
    if (body.empty()) return fields;
    for (std::string_view pair : text::split(body, '&')) {
        const std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos)
            return make_error("form_invalid",
                              "a field without '=': " + text::printable_ascii(pair, 40));
        auto name = percent_decode(pair.substr(0, equals));
        auto value = percent_decode(pair.substr(equals + 1));
        if (!name || !value)
            return make_error("form_invalid",
                              "a bad %-escape in: " + text::printable_ascii(pair, 40));
        fields.emplace_back(std::move(*name), std::move(*value));
    }
    return fields;
}

std::string path_segment_encode(std::string_view segment) {
    std::string out;
    percent_encode(out, segment);
    return out;
}

// [SECTION] Progress

namespace {

constexpr std::array<std::pair<OpenCpsStep, std::string_view>, 3> StepNames = {{
    {OpenCpsStep::Created, "created"},
    {OpenCpsStep::Filled, "filled"},
    {OpenCpsStep::Eform, "eform"},
}};

}  // namespace

std::string to_progress_json(const OpenCpsProgress& progress) {
    if (progress.step == OpenCpsStep::None) return {};
    Value object = Value::object();
    for (const auto& [step, name] : StepNames)
        if (step == progress.step) object["step"] = std::string(name);
    object["dossierId"] = progress.dossier_id;
    if (!progress.password.empty()) object["password"] = progress.password;
    return object.dump();
}

OpenCpsProgressRead read_progress(std::string_view progress_json) {
    if (progress_json.empty()) return {};
    auto doc = strict_json::read(progress_json);
    if (!doc) return {{}, "progress is not JSON: " + doc.error().detail};
    try {
        strict_json::ObjectReader reader(*doc, "$", {"step", "dossierId", "password"});
        OpenCpsProgress progress;
        const std::string step = reader.string("step");
        bool known = false;
        for (const auto& [value, name] : StepNames) {
            if (name == step) {
                progress.step = value;
                known = true;
            }
        }
        if (!known) strict_json::fail(reader.path("step"), "not a step of the OpenCPS filing");
        const auto id = reader.integer("dossierId", 1, std::numeric_limits<long long>::max());
        if (!id) strict_json::fail(reader.path("dossierId"), "missing; expected a whole number");
        progress.dossier_id = *id;
        progress.password = reader.string("password", false);
        if (!progress.password.empty() && !is_visible_ascii(progress.password, MaxIdentifierBytes))
            strict_json::fail(reader.path("password"), "expected 1 to 64 visible ASCII characters");
        return {std::move(progress), {}};
    } catch (const std::exception& e) {
        return {{}, std::string("progress not understood: ") + e.what()};
    }
}

// [SECTION] Filing requests

namespace {

OpenCpsRequest make_request(std::string method, std::string path, const OpenCpsConfig& config) {
    OpenCpsRequest request;
    request.method = std::move(method);
    request.path = std::string(OpenCpsBasePath) + std::move(path);
    request.headers = {{"groupId", config.group_id}, {"Accept", "application/json"}};
    return request;
}

OpenCpsRequest form_request(std::string method, std::string path, const FormFields& fields,
                            const OpenCpsConfig& config) {
    OpenCpsRequest request = make_request(std::move(method), std::move(path), config);
    request.content_type = std::string(OpenCpsFormContentType);
    request.body = form_urlencode(fields);
    return request;
}

// A string at a dotted path inside `object`, or "".
std::string text_at(const Value& object, std::initializer_list<std::string_view> path) {
    const Value* node = &object;
    for (std::string_view key : path) {
        if (!node->is_object()) return {};
        node = member(*node, key);
        if (node == nullptr) return {};
    }
    return node->is_string() ? node->get<std::string>() : std::string();
}

// What the frozen payload says about the applicant, in OpenCPS's words. The applicant is the
// requester (ChuHoSo is the requester's name in every procedure: owner_field); the procedure
// files keep the requester's ID number and residence at DuLieuToKhai.NguoiYeuCau.
FormFields applicant_fields(const Value& payload) {
    const Value empty = Value::object();
    const Value* form_ptr = member(payload, "DuLieuToKhai");
    const Value& form = form_ptr != nullptr && form_ptr->is_object() ? *form_ptr : empty;
    const std::string name = text_at(payload, {"ChuHoSo"});
    std::string address, city, ward;
    if (const Value* requester = member(form, "NguoiYeuCau");
        requester != nullptr && requester->is_object()) {
        if (const Value* residence = member(*requester, "NoiCuTru"); residence != nullptr) {
            if (residence->is_string()) {
                address = residence->get<std::string>();
            } else if (residence->is_object()) {
                address = text_at(*residence, {"diaChiDayDu"});
                if (address.empty()) address = text_at(*residence, {"diaChi"});
                city = text_at(*residence, {"tinh"});
                ward = text_at(*residence, {"xa"});
            }
        }
    }
    const std::string kind = text_at(payload, {"LoaiDoiTuong"});
    FormFields fields = {
        {"applicantName", name},
        {"applicantIdType", kind == "2" ? "business" : "citizen"},
        {"applicantIdNo", text_at(form, {"NguoiYeuCau", "SoDinhDanh"})},
        {"address", address},
        {"cityCode", city},
        {"wardCode", ward},
        {"contactName", name},
        {"contactTelNo", text_at(payload, {"SoDienThoai"})},
        {"contactEmail", text_at(payload, {"Email"})},
    };
    // Unknown is left out rather than sent empty: an empty value would erase one a portal
    // officer typed.
    std::erase_if(fields, [](const auto& field) { return field.second.empty(); });
    return fields;
}

std::string kiosk_of(const Value& payload, const OpenCpsConfig& config) {
    return config.kiosk_id.empty() ? text_at(payload, {"MaKiosk"}) : config.kiosk_id;
}

bool assisted(const Value& payload) {
    const Value* flag = member(payload, "HoTroCanBo");
    return flag != nullptr && flag->is_boolean() && flag->get<bool>();
}

}  // namespace

int opencps_originality(std::string_view payload_json, const OpenCpsConfig& config) {
    auto payload = strict_json::read(payload_json, OurPayload);
    if (!payload || !payload->is_object()) return config.originality;
    return assisted(*payload) ? config.assisted_originality : config.originality;
}

std::variant<OpenCpsRequest, SubmitOutcome> next_opencps_request(const OutboxEntry& entry,
                                                                 const OpenCpsProgress& progress,
                                                                 const OpenCpsMapping& mapping,
                                                                 const OpenCpsConfig& config) {
    auto parsed = strict_json::read(entry.payload_json, OurPayload);
    if (!parsed || !parsed->is_object())
        return SubmitHeld{"portal_bad_request",
                          "the outbox payload is not a JSON object: " +
                              (parsed ? std::string("not an object") : parsed.error().detail)};
    const Value& payload = *parsed;
    std::string code = text_at(payload, {"MaTTHC"});
    if (code.empty()) code = entry.procedure_code;
    const OpenCpsProcedure* row = mapping.find_by_code(code);
    if (row == nullptr)
        return SubmitHeld{"portal_config", "procedure " + text::printable_ascii(code, 64) +
                                               " has no row in the OpenCPS mapping"};
    // A progress past create always has a dossier; one without is treated as not started.
    const OpenCpsStep step = progress.dossier_id > 0 ? progress.step : OpenCpsStep::None;
    const std::string dossier = "/dossiers/" + std::to_string(progress.dossier_id);
    switch (step) {
        case OpenCpsStep::None: {
            const int originality =
                assisted(payload) ? config.assisted_originality : config.originality;
            FormFields fields = {
                {"serviceCode", row->service_code},
                {"govAgencyCode", config.gov_agency_code},
                {"dossierTemplateNo", row->dossier_template_no},
                {"originality", std::to_string(originality)},
                {"referenceUid", entry.idempotency_key},
            };
            for (auto& field : applicant_fields(payload)) fields.push_back(std::move(field));
            for (const auto& [name, key] :
                 {std::pair{"dossierName", "TenTTHC"}, std::pair{"briefNote", "TrichYeuHoSo"}}) {
                std::string value = text_at(payload, {key});
                if (!value.empty()) fields.emplace_back(name, std::move(value));
            }
            // Officers can find a dossier by the provisional code on the resident's receipt.
            if (std::string provisional = text_at(payload, {"MaTam"}); !provisional.empty())
                fields.emplace_back("applicantNote", "Nộp tại kiosk " + kiosk_of(payload, config) +
                                                         ", mã tạm " + provisional);
            return form_request("POST", "/dossiers", fields, config);
        }
        case OpenCpsStep::Created:
            return form_request("PUT", dossier, applicant_fields(payload), config);
        case OpenCpsStep::Filled: {
            const Value* form = member(payload, "DuLieuToKhai");
            const std::string form_data =
                form != nullptr && form->is_object() ? form->dump() : std::string("{}");
            return form_request(
                "POST", dossier + "/eforms/" + path_segment_encode(row->eform_part_no),
                {{"formData", form_data}, {"referenceUid", entry.idempotency_key}}, config);
        }
        case OpenCpsStep::Eform: {
            const std::string kiosk = kiosk_of(payload, config);
            return form_request("POST", dossier + "/actions",
                                {{"actionCode", row->action_code},
                                 {"actionUser", kiosk},
                                 {"actionNote", "Nộp tại kiosk " + kiosk},
                                 {"payload", "{}"}},
                                config);
        }
    }
    return SubmitHeld{"portal_config", "unknown OpenCPS step"};  // unreachable
}

// [SECTION] Filing replies

std::string opencps_date_to_portal_time(std::string_view text) {
    // dd/MM/yyyy HH:mm:ss
    static constexpr std::string_view Shape = "00/00/0000 00:00:00";
    if (text.size() != Shape.size()) return {};
    for (std::size_t i = 0; i < Shape.size(); ++i) {
        if (Shape[i] == '0' ? !text::is_ascii_digit(text[i]) : text[i] != Shape[i]) return {};
    }
    std::string portal;
    portal += text.substr(6, 4);   // yyyy
    portal += text.substr(3, 2);   // MM
    portal += text.substr(0, 2);   // dd
    portal += text.substr(11, 2);  // HH
    portal += text.substr(14, 2);  // mm
    portal += text.substr(17, 2);  // ss
    return parse_portal_time(portal) ? portal : std::string();
}

std::variant<OpenCpsProgress, SubmitOutcome> on_opencps_reply(const OpenCpsProgress& progress,
                                                              const HttpReply& reply) {
    try {
        if (std::optional<Failure> failure = opencps_failure(reply))
            return to_outcome(std::move(*failure), reply);
        // Everything else that is not a 200 means what it means on our own contract (its 201
        // success cannot happen here: opencps_failure took every 2xx but 200).
        if (reply.status != 200) return interpret_submit_reply(reply);
        const ReplyObject body = reply_object(reply);
        if (!body.object) return to_outcome(bad_success_body(reply, body), reply);
        const Value& object = *body.object;
        const OpenCpsStep step = progress.dossier_id > 0 ? progress.step : OpenCpsStep::None;
        auto incomplete = [&](std::string what) -> SubmitOutcome {
            return SubmitRetry{"opencps_incomplete_reply",
                               body_description(reply) + ": " + std::move(what), std::nullopt};
        };
        const std::int64_t id = positive_id(object, "dossierId");
        if (id != 0 && step != OpenCpsStep::None && id != progress.dossier_id)
            return SubmitRetry{"portal_bad_reply",
                               "dossierId " + std::to_string(id) + " in the reply, expected " +
                                   std::to_string(progress.dossier_id),
                               std::nullopt};
        switch (step) {
            case OpenCpsStep::None: {
                if (id == 0) return incomplete("no numeric dossierId");
                OpenCpsProgress next;
                next.step = OpenCpsStep::Created;
                next.dossier_id = id;
                const std::string password = string_member(object, "password");
                if (is_visible_ascii(password, MaxIdentifierBytes)) next.password = password;
                return next;
            }
            case OpenCpsStep::Created: {
                if (id == 0) return incomplete("no numeric dossierId");
                OpenCpsProgress next = progress;
                next.step = OpenCpsStep::Filled;
                return next;
            }
            case OpenCpsStep::Filled: {
                // The e-form reply names the part it stored ({"referenceUid", "dossierPartNo",
                // "formData"}), not the dossier.
                if (id == 0 && string_member(object, "dossierPartNo").empty())
                    return incomplete("neither dossierId nor dossierPartNo");
                OpenCpsProgress next = progress;
                next.step = OpenCpsStep::Eform;
                return next;
            }
            case OpenCpsStep::Eform: {
                if (id == 0) return incomplete("no numeric dossierId");
                if (std::string problem = dossier_no_problem(object); !problem.empty())
                    return incomplete(std::move(problem));
                SubmitAccepted accepted;
                accepted.ma_ho_so = string_member(object, "dossierNo");
                accepted.trang_thai = opencps_status_code(string_member(object, "dossierStatus"));
                accepted.ngay_tiep_nhan =
                    opencps_date_to_portal_time(string_member(object, "receiveDate"));
                accepted.ngay_hen_tra =
                    opencps_date_to_portal_time(string_member(object, "dueDate"));
                return accepted;
            }
        }
        return incomplete("unknown step");  // unreachable
    } catch (const std::exception& e) {
        // Only an allocation failure can land here: every JSON access above is type-checked.
        return SubmitRetry{"portal_bad_reply", std::string("reply not understood: ") + e.what(),
                           std::nullopt};
    }
}

FilingAttempt run_opencps_filing(const OutboxEntry& entry, const SaveProgress& save_progress,
                                 const OpenCpsSend& send, const OpenCpsMapping& mapping,
                                 const OpenCpsConfig& config) {
    FilingAttempt attempt;
    OpenCpsProgress progress = read_progress(entry.portal_progress).progress;
    // Four steps; each turn either finishes one or ends the attempt.
    for (int turn = 0; turn < 4; ++turn) {
        auto next = next_opencps_request(entry, progress, mapping, config);
        if (auto* outcome = std::get_if<SubmitOutcome>(&next)) {
            attempt.outcome = std::move(*outcome);
            return attempt;
        }
        const HttpReply reply = send(std::get<OpenCpsRequest>(next));
        attempt.answered = attempt.answered || reply.status != 0;
        auto result = on_opencps_reply(progress, reply);
        if (auto* outcome = std::get_if<SubmitOutcome>(&result)) {
            attempt.outcome = std::move(*outcome);
            return attempt;
        }
        progress = std::get<OpenCpsProgress>(std::move(result));
        if (!save_progress(to_progress_json(progress))) {
            attempt.outcome = SubmitRetry{"store_failed",
                                          "the OpenCPS progress could not be saved; the step "
                                          "is resent next time (it is idempotent)",
                                          std::nullopt};
            return attempt;
        }
    }
    attempt.outcome = SubmitRetry{"portal_bad_reply",
                                  "the OpenCPS filing did not finish in four "
                                  "steps",
                                  std::nullopt};  // unreachable: step 4 always ends it
    return attempt;
}

// [SECTION] Status lookup

int opencps_status_code(std::string_view dossier_status) {
    static constexpr std::array<std::pair<std::string_view, int>, 14> Table = {{
        {"new", 1},
        {"receiving", 2},
        {"waiting", 2},
        {"processing", 4},
        {"interoperating", 4},
        {"pausing", 8},
        {"posting", 4},
        {"correcting", 5},
        {"cancelling", 7},
        {"releasing", 9},
        {"denied", 3},
        {"unresolved", 8},
        {"cancelled", 7},
        {"done", 10},
    }};
    for (const auto& [name, code] : Table)
        if (name == dossier_status) return code;
    return 0;
}

OpenCpsRequest opencps_lookup_request(std::string_view code, std::string_view progress_json,
                                      const OpenCpsConfig& config) {
    const OpenCpsProgress progress = read_progress(progress_json).progress;
    if (progress.dossier_id > 0) {
        OpenCpsRequest request =
            make_request("GET", "/dossiers/" + std::to_string(progress.dossier_id), config);
        if (!progress.password.empty())
            request.headers.emplace_back("secretCode", progress.password);
        return request;
    }
    return make_request("GET", "/dossiers/" + path_segment_encode(code), config);
}

LookupOutcome interpret_opencps_lookup(const HttpReply& reply, const OpenCpsMapping& mapping) {
    try {
        if (std::optional<Failure> failure = opencps_failure(reply))
            return LookupUnavailable{std::move(failure->reason_code), std::move(failure->detail)};
        if (reply.status != 200) return interpret_lookup_reply(reply);  // 404, 5xx, 0...
        const ReplyObject body = reply_object(reply);
        if (!body.object) {
            Failure failure = bad_success_body(reply, body);
            return LookupUnavailable{std::move(failure.reason_code), std::move(failure.detail)};
        }
        const Value& object = *body.object;
        if (std::string problem = dossier_no_problem(object); !problem.empty())
            return LookupUnavailable{"opencps_incomplete_reply",
                                     body_description(reply) + ": " + problem};
        const std::string status_text = string_member(object, "dossierStatus");
        DossierStatus status;
        status.trang_thai = opencps_status_code(status_text);
        if (status.trang_thai == 0)
            return LookupUnavailable{"portal_bad_reply",
                                     "dossierStatus '" + text::printable_ascii(status_text, 40) +
                                         "' is not in the status table"};
        status.ma_ho_so = string_member(object, "dossierNo");
        if (const OpenCpsProcedure* row =
                mapping.find_by_service_code(string_member(object, "serviceCode")))
            status.ma_tthc = row->code;
        const std::string name = string_member(object, "serviceName");
        if (name.size() <= MaxTextFieldBytes) status.ten_tthc = clean_text(name, MaxTextFieldBytes);
        status.ngay_tiep_nhan = opencps_date_to_portal_time(string_member(object, "receiveDate"));
        status.ngay_hen_tra = opencps_date_to_portal_time(string_member(object, "dueDate"));
        return LookupFound{std::move(status)};
    } catch (const std::exception& e) {
        return LookupUnavailable{"portal_bad_reply",
                                 std::string("reply not understood: ") + e.what()};
    }
}

// [SECTION] Rating

namespace {

// MucDo from core::rating_body, 1–3, or 0.
int rating_level(std::string_view rating_body) {
    auto body = strict_json::read(rating_body);
    if (!body || !body->is_object()) return 0;
    const std::int64_t level = positive_id(*body, "MucDo");
    return level >= 1 && level <= 3 ? static_cast<int>(level) : 0;
}

std::string_view level_words(int level) {
    switch (level) {
        case 3:
            return "Rất hài lòng";
        case 2:
            return "Hài lòng";
        case 1:
            return "Không hài lòng";
        default:
            return {};
    }
}

}  // namespace

std::variant<OpenCpsRequest, RatingOutcome> opencps_votings_request(std::string_view rating_body,
                                                                    std::string_view progress_json,
                                                                    const OpenCpsConfig& config) {
    if (rating_level(rating_body) == 0) return RatingOutcome::Refused;
    const OpenCpsProgress progress = read_progress(progress_json).progress;
    if (progress.dossier_id <= 0) return RatingOutcome::Refused;
    return make_request("GET", "/postal/votings/dossier/" + std::to_string(progress.dossier_id),
                        config);
}

std::variant<OpenCpsRequest, RatingOutcome> opencps_rating_result_request(
    const HttpReply& votings_reply, std::string_view rating_body, std::string_view progress_json,
    const OpenCpsConfig& config) {
    const int level = rating_level(rating_body);
    const OpenCpsProgress progress = read_progress(progress_json).progress;
    if (level == 0 || progress.dossier_id <= 0) return RatingOutcome::Refused;
    if (votings_reply.status == 403 && !is_html(parse_media_type(votings_reply.content_type)))
        return RatingOutcome::Refused;
    if (votings_reply.status != 200) return RatingOutcome::Retry;
    try {
        const ReplyObject body = reply_object(votings_reply);
        if (!body.object) return RatingOutcome::Retry;
        const Value* data = member(*body.object, "data");
        if (data == nullptr || !data->is_array()) return RatingOutcome::Retry;
        // The first voting of the dossier is the one a kiosk answers (OpenCPS gives one per
        // dossier; a province with several would need a votingCode in the mapping).
        if (data->empty() || !data->front().is_object()) return RatingOutcome::Refused;
        const Value& voting = data->front();
        const std::int64_t voting_id = positive_id(voting, "votingId");
        const std::string voting_code = string_member(voting, "votingCode");
        const Value* choices = member(voting, "choices");
        if (voting_id == 0 || choices == nullptr || !choices->is_array())
            return RatingOutcome::Retry;
        int selected = 0;
        for (std::size_t i = 0; i < choices->size(); ++i) {
            const Value& choice = (*choices)[i];
            if (choice.is_string() && choice.get<std::string>() == level_words(level))
                selected = static_cast<int>(i) + 1;
        }
        if (selected == 0 && choices->size() == 3) selected = 4 - level;
        if (selected == 0) return RatingOutcome::Refused;
        return form_request("POST", "/postal/votings/" + std::to_string(voting_id) + "/results",
                            {{"className", "dossier"},
                             {"classPk", std::to_string(progress.dossier_id)},
                             {"selected", std::to_string(selected)},
                             {"votingCode", voting_code}},
                            config);
    } catch (const std::exception&) {
        return RatingOutcome::Retry;
    }
}

RatingOutcome interpret_opencps_rating_reply(const HttpReply& reply) {
    if (reply.status == 403 && !is_html(parse_media_type(reply.content_type)))
        return RatingOutcome::Refused;
    if (reply.status != 200) return RatingOutcome::Retry;
    const ReplyObject body = reply_object(reply);
    if (!body.object || positive_id(*body.object, "votingResultId") == 0)
        return RatingOutcome::Retry;
    return RatingOutcome::Sent;
}

// [SECTION] Catalogue and health

OpenCpsRequest opencps_serviceinfos_request(const OpenCpsConfig& config) {
    return make_request("GET", "/serviceinfos", config);
}

bool opencps_health_ok(const HttpReply& reply) {
    return reply.status == 200 && reply_object(reply).object.has_value();
}

Result<OpenCpsCatalogue> map_serviceinfos(std::string_view body, const OpenCpsMapping& mapping) {
    // Why each serviceinfo field is not taken into our procedure format.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 17> NotTaken = {{
        {"serviceName", "our procedure files keep their own name (national wording)"},
        {"durationText", "free text; our procedures need processing.working_days, a number"},
        {"feeText", "free text; our fees are amounts by key (assets/config/fees.json)"},
        {"govAgencyText", "free text; the authority in our files is written for residents"},
        {"processText", "free text; our procedures are pages of questions"},
        {"methodText", "free text; no field for it"},
        {"dossierText", "free text; our documents are a list with counts and kinds"},
        {"conditionText", "free text; our conditions are checks on the answers"},
        {"applicantText", "free text; no field for it"},
        {"resultText", "free text; no field for it"},
        {"regularText", "free text (legal basis); no field for it"},
        {"administrationCode", "an agency code we have no table for"},
        {"administrationName", "an agency name we have no table for"},
        {"domainCode", "a field code we have no table for; our categories are our own"},
        {"domainName", "a field name; our categories are our own"},
        {"maxLevel", "online service level; the kiosk files every procedure the same way"},
        {"fileTemplates", "form files to download; a kiosk prints none"},
    }};
    static constexpr std::array<std::string_view, 3> Quiet = {"serviceInfoId", "serviceCode",
                                                              "serviceConfigs"};
    strict_json::Parsed parsed = strict_json::parse(
        body, {strict_json::DefaultMaxDepth, strict_json::Strings::NormaliseToNfc});
    if (parsed.fatal) return make_error("opencps_catalogue_invalid", parsed.fatal->text());
    if (!parsed.problems.empty())
        return make_error("opencps_catalogue_invalid", parsed.problems.front().text());
    const Value& root = parsed.value;
    const Value* data = root.is_object() ? member(root, "data") : nullptr;
    if (data == nullptr || !data->is_array())
        return make_error("opencps_catalogue_invalid", "$.data: missing; expected a list");
    OpenCpsCatalogue catalogue;
    std::vector<std::string> fields_seen;
    for (std::size_t i = 0; i < data->size(); ++i) {
        const Value& info = (*data)[i];
        const std::string path = strict_json::index_path("$.data", i);
        if (!info.is_object()) {
            catalogue.unmapped.push_back(path + ": not an object");
            continue;
        }
        const std::string service_code = string_member(info, "serviceCode");
        if (service_code.empty()) {
            catalogue.unmapped.push_back(path + ": no serviceCode");
        } else if (const OpenCpsProcedure* row = mapping.find_by_service_code(service_code)) {
            if (std::find(catalogue.offered_codes.begin(), catalogue.offered_codes.end(),
                          row->code) == catalogue.offered_codes.end())
                catalogue.offered_codes.push_back(row->code);
        } else {
            catalogue.unmapped.push_back(
                "serviceCode " + clean_text(service_code, MaxIdentifierBytes) + " (" +
                clean_text(string_member(info, "serviceName"), 120) + "): no mapping row");
        }
        for (const auto& item : info.items()) {
            const std::string& key = item.key();
            if (std::find(Quiet.begin(), Quiet.end(), key) != Quiet.end()) continue;
            if (std::find(fields_seen.begin(), fields_seen.end(), key) != fields_seen.end())
                continue;
            fields_seen.push_back(key);
        }
    }
    for (const std::string& key : fields_seen) {
        std::string_view why = "not known to the adapter";
        for (const auto& [name, reason] : NotTaken)
            if (name == key) why = reason;
        catalogue.unmapped.push_back("serviceinfo." + clean_text(key, MaxIdentifierBytes) + ": " +
                                     std::string(why));
    }
    return catalogue;
}

}  // namespace motcua::core
