#include "core/filing/opencps.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/catalog/loader.h"
#include "core/filing/dossier.h"
#include "core/text/utf8.h"

using namespace motcua::core;

namespace {

std::string read_source_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const OpenCpsMapping& bundled_mapping() {
    static const OpenCpsMapping mapping = [] {
        auto parsed = parse_opencps_mapping(
            read_source_file(MOTCUA_SOURCE_DIR "/assets/config/opencps-mapping.json"),
            "opencps-mapping.json");
        REQUIRE(parsed.ok());
        return *parsed;
    }();
    return mapping;
}

OpenCpsConfig config() {
    OpenCpsConfig c;
    c.group_id = "35417";
    c.gov_agency_code = "000.00.01.H29";
    c.kiosk_id = "KIOSK-07";
    return c;
}

// A real dossier: the ket-hon procedure file, encoded by encode_dossier as the session does.
std::string ket_hon_payload(bool assisted = false) {
    auto procedure = parse_procedure(
        read_source_file(MOTCUA_SOURCE_DIR "/assets/procedures/ket-hon.json"), "ket-hon.json");
    REQUIRE(procedure.ok());
    FiledAnswers answers;
    answers["requester.name"][1] = std::string("Nguyễn Thị Ánh");
    answers["requester.id_number"][1] = std::string("001190012345");
    answers["requester.phone"][1] = std::string("0912345678");
    answers["requester.residence"][1] =
        FiledAddress{"01", "00004", "Số 5 ngõ 12 phố Đội Cấn",
                     "Số 5 ngõ 12 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội"};
    DossierMeta meta;
    meta.kiosk_id = "KIOSK-07";
    meta.provisional_code = "KD4MX7PA";
    meta.submitted_at = "20260310143000";
    meta.assisted = assisted;
    return encode_dossier(*procedure, answers, meta);
}

OutboxEntry entry_for(std::string payload) {
    return make_entry("0f8fad5b-d9cb-469f-a165-70867728950e", "KD4MX7PA", "1.000894",
                      std::move(payload), 1000);
}

std::map<std::string, std::string> decoded(const OpenCpsRequest& request) {
    REQUIRE(request.content_type == "application/x-www-form-urlencoded");
    auto fields = form_urldecode(request.body);
    REQUIRE(fields.ok());
    std::map<std::string, std::string> map;
    for (auto& [name, value] : *fields) {
        INFO(name);
        CHECK(map.count(name) == 0);
        map[name] = value;
    }
    return map;
}

OpenCpsRequest request_for(const OutboxEntry& entry, const OpenCpsProgress& progress,
                           const OpenCpsConfig& c = config()) {
    auto next = next_opencps_request(entry, progress, bundled_mapping(), c);
    REQUIRE(std::holds_alternative<OpenCpsRequest>(next));
    return std::get<OpenCpsRequest>(next);
}

HttpReply reply(int status, std::string content_type, std::string body) {
    HttpReply r;
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    return r;
}
HttpReply json_reply(int status, std::string body) {
    return reply(status, "application/json; charset=utf-8", std::move(body));
}

const char* const ReceivedBody =
    R"({"dossierId":41,"referenceUid":"0f8fad5b-d9cb-469f-a165-70867728950e",)"
    R"("dossierNo":"000.00.01.H29-260310-0001","dossierStatus":"receiving",)"
    R"("dossierStatusText":"Đang tiếp nhận","serviceCode":"DVC-1.000894","password":"X7KQ2MPA",)"
    R"("submitDate":"","receiveDate":"10/03/2026 14:30:05","dueDate":"17/03/2026 17:00:00",)"
    R"("lastActionCode":"1100"})";

const char* const CreatedBody =
    R"({"dossierId":41,"referenceUid":"0f8fad5b-d9cb-469f-a165-70867728950e","dossierNo":"",)"
    R"("dossierStatus":"new","dossierStatusText":"Mới","password":"X7KQ2MPA","dueDate":""})";

OpenCpsProgress at(OpenCpsStep step) {
    OpenCpsProgress progress;
    progress.step = step;
    if (step != OpenCpsStep::None) {
        progress.dossier_id = 41;
        progress.password = "X7KQ2MPA";
    }
    return progress;
}

SubmitOutcome outcome_of(const OpenCpsProgress& progress, const HttpReply& r) {
    auto result = on_opencps_reply(progress, r);
    REQUIRE(std::holds_alternative<SubmitOutcome>(result));
    return std::get<SubmitOutcome>(result);
}

std::string reason_of(const SubmitOutcome& outcome) {
    if (const auto* retry = std::get_if<SubmitRetry>(&outcome))
        return "retry:" + retry->reason_code;
    if (const auto* held = std::get_if<SubmitHeld>(&outcome)) return "held:" + held->reason_code;
    return "accepted";
}

std::string header(const OpenCpsRequest& request, const std::string& name) {
    for (const auto& [key, value] : request.headers)
        if (key == name) return value;
    return "<absent>";
}

}  // namespace

// [SECTION] Mapping file

TEST_CASE("the bundled OpenCPS mapping reads and finds rows both ways", "[opencps]") {
    const OpenCpsMapping& mapping = bundled_mapping();
    REQUIRE(mapping.procedures.size() == 10);
    const OpenCpsProcedure* row = mapping.find_by_code("1.001193");
    REQUIRE(row != nullptr);
    CHECK(row->service_code == "DVC-1.001193");
    CHECK(row->dossier_template_no == "MAU-1.001193");
    CHECK(row->eform_part_no == "TP1");
    CHECK(row->action_code == "1100");
    CHECK(mapping.find_by_service_code("DVC-1.001193") == row);
    CHECK(mapping.find_by_code("9.999999") == nullptr);
    CHECK(mapping.find_by_service_code("1.001193") == nullptr);
}

TEST_CASE("the mapping reader refuses what it does not know, naming the JSON path", "[opencps]") {
    const std::string head = R"({"format":"motcua.opencps-mapping/1","procedures":[)";
    const std::string row = R"({"code":"1.001193","serviceCode":"S1","dossierTemplateNo":"T1",)"
                            R"("eformPartNo":"TP1"})";
    struct Case {
        std::string text, expected;
    };
    const Case cases[] = {
        {"{", "opencps-mapping.json: $: not valid JSON"},
        {R"({"format":"motcua.opencps-mapping/2","procedures":[)" + row + "]}",
         "$.format: expected"},
        {head + "]}", "$.procedures: lists no procedure"},
        {head + row + R"(],"extra":1})", "$.extra: unknown key"},
        {head +
             R"({"code":"1.001193","serviceCode":"S1","dossierTemplateNo":"T1","eformPartNo":"TP1","actioncode":"1"})" +
             "]}",
         "$.procedures[0].actioncode: unknown key"},
        {head +
             R"({"code":"1.001193","code":"1.001194","serviceCode":"S1","dossierTemplateNo":"T1","eformPartNo":"TP1"})" +
             "]}",
         "$.procedures[0].code: this key appears twice"},
        {head + R"({"code":"1.001193","dossierTemplateNo":"T1","eformPartNo":"TP1"})" + "]}",
         "$.procedures[0].serviceCode: missing"},
        {head +
             R"({"code":"1.001193","serviceCode":"S 1","dossierTemplateNo":"T1","eformPartNo":"TP1"})" +
             "]}",
         "$.procedures[0].serviceCode: expected 1 to 64 visible ASCII"},
        {head +
             R"({"code":"1.001193","serviceCode":"","dossierTemplateNo":"T1","eformPartNo":"TP1"})" +
             "]}",
         "$.procedures[0].serviceCode: expected 1 to 64"},
        {head + row + "," + row + "]}", "$.procedures[1].code: 1.001193 is listed twice"},
        {head + row +
             R"(,{"code":"1.001194","serviceCode":"S1","dossierTemplateNo":"T2","eformPartNo":"TP1"})" +
             "]}",
         "$.procedures[1].serviceCode: S1 is listed twice"},
        // NFD "ế" in the note: the strict reader's NFC rule.
        {R"({"format":"motcua.opencps-mapping/1","note":"Tie)"
         "\xcc\x82\xcc\x81"
         R"(ng","procedures":[)" +
             row + "]}",
         "$.note: text must be valid UTF-8 in NFC"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        auto parsed = parse_opencps_mapping(c.text, "opencps-mapping.json");
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == "opencps_mapping_invalid");
        CHECK_THAT(parsed.error().detail, Catch::Contains(c.expected));
        CHECK_THAT(parsed.error().detail, Catch::StartsWith("opencps-mapping.json: "));
    }
    auto ok = parse_opencps_mapping(head + row + "]}", "m");
    REQUIRE(ok.ok());
    CHECK(ok->procedures.front().action_code == "1100");  // the default
}

// [SECTION] Form bodies

TEST_CASE("form bodies percent-encode UTF-8 bytes and decode back", "[opencps]") {
    const FormFields fields = {{"applicantName", "Nguyễn Thị Ánh"},
                               {"address", "Số 5, ngõ 12 & phố = Đội Cấn + 1%"},
                               {"formData", R"({"a":"b c"})"},
                               {"empty", ""},
                               {"safe", "AZaz09-._~"}};
    const std::string body = form_urlencode(fields);
    CHECK_THAT(body, Catch::StartsWith("applicantName=Nguy%E1%BB%85n%20Th%E1%BB%8B%20%C3%81nh&"));
    CHECK_THAT(body, Catch::Contains("safe=AZaz09-._~"));
    CHECK_THAT(body, Catch::Contains("empty=&"));
    CHECK(body.find('+') == std::string::npos);
    CHECK(body.find(' ') == std::string::npos);
    auto back = form_urldecode(body);
    REQUIRE(back.ok());
    CHECK(*back == fields);

    auto plus = form_urldecode("a=b+c&d=%e1%bb%85");
    REQUIRE(plus.ok());
    CHECK((*plus)[0].second == "b c");
    CHECK((*plus)[1].second == "ễ");
    for (const char* bad : {"a", "a=%", "a=%4", "a=%zz", "a=1&b"}) {
        INFO(bad);
        CHECK_FALSE(form_urldecode(bad).ok());
    }
    CHECK(path_segment_encode("000.00.01.H29-260310-0001") == "000.00.01.H29-260310-0001");
    CHECK(path_segment_encode("a/b c?") == "a%2Fb%20c%3F");
}

// [SECTION] Filing requests

TEST_CASE(
    "create sends the mapping's process, referenceUid = the idempotency key, and the "
    "applicant",
    "[opencps]") {
    const OutboxEntry entry = entry_for(ket_hon_payload());
    const OpenCpsRequest request = request_for(entry, {});
    CHECK(request.method == "POST");
    CHECK(request.path == "/o/rest/v2/dossiers");
    CHECK(header(request, "groupId") == "35417");
    CHECK(header(request, "Accept") == "application/json");
    CHECK(header(request, "Authorization") == "<absent>");  // the transport's business
    const auto form = decoded(request);
    CHECK(form.at("serviceCode") == "DVC-1.000894");
    CHECK(form.at("govAgencyCode") == "000.00.01.H29");
    CHECK(form.at("dossierTemplateNo") == "MAU-1.000894");
    CHECK(form.at("originality") == "1");
    CHECK(form.at("referenceUid") == entry.idempotency_key);
    CHECK(form.at("applicantName") == "Nguyễn Thị Ánh");
    CHECK(form.at("applicantIdType") == "citizen");
    CHECK(form.at("applicantIdNo") == "001190012345");
    CHECK(form.at("address") == "Số 5 ngõ 12 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội");
    CHECK(form.at("cityCode") == "01");
    CHECK(form.at("wardCode") == "00004");
    CHECK(form.at("contactName") == "Nguyễn Thị Ánh");
    CHECK(form.at("contactTelNo") == "0912345678");
    CHECK(form.count("contactEmail") == 0);  // none given: left out, not sent empty
    CHECK(form.count("applicantIdDate") == 0);
    CHECK(form.at("dossierName") == "Đăng ký kết hôn");
    CHECK_FALSE(form.at("briefNote").empty());
    CHECK(form.at("applicantNote") == "Nộp tại kiosk KIOSK-07, mã tạm KD4MX7PA");
}

TEST_CASE("a filing with staff help goes with originality 3", "[opencps]") {
    const OutboxEntry entry = entry_for(ket_hon_payload(/*assisted=*/true));
    CHECK(decoded(request_for(entry, {})).at("originality") == "3");
    CHECK(opencps_originality(entry.payload_json, config()) == 3);
    CHECK(opencps_originality(ket_hon_payload(false), config()) == 1);
    CHECK(opencps_originality("not json", config()) == 1);
    OpenCpsConfig province = config();
    province.originality = 2;
    province.assisted_originality = 4;
    CHECK(decoded(request_for(entry, {}, province)).at("originality") == "4");
    CHECK(decoded(request_for(entry_for(ket_hon_payload()), {}, province)).at("originality") ==
          "2");
}

TEST_CASE("each later step builds its own request from the saved progress", "[opencps]") {
    const OutboxEntry entry = entry_for(ket_hon_payload());

    const OpenCpsRequest fill = request_for(entry, at(OpenCpsStep::Created));
    CHECK(fill.method == "PUT");
    CHECK(fill.path == "/o/rest/v2/dossiers/41");
    const auto fill_form = decoded(fill);
    CHECK(fill_form.at("applicantName") == "Nguyễn Thị Ánh");
    CHECK(fill_form.at("applicantIdNo") == "001190012345");
    CHECK(fill_form.at("contactTelNo") == "0912345678");
    CHECK(fill_form.count("referenceUid") == 0);

    const OpenCpsRequest eform = request_for(entry, at(OpenCpsStep::Filled));
    CHECK(eform.method == "POST");
    CHECK(eform.path == "/o/rest/v2/dossiers/41/eforms/TP1");
    const auto eform_form = decoded(eform);
    CHECK(eform_form.at("referenceUid") == entry.idempotency_key);
    const auto form_data = nlohmann::json::parse(eform_form.at("formData"));
    CHECK(form_data == nlohmann::json::parse(entry.payload_json).at("DuLieuToKhai"));
    CHECK(form_data.at("NguoiYeuCau").at("HoTen") == "Nguyễn Thị Ánh");

    const OpenCpsRequest act = request_for(entry, at(OpenCpsStep::Eform));
    CHECK(act.method == "POST");
    CHECK(act.path == "/o/rest/v2/dossiers/41/actions");
    const auto act_form = decoded(act);
    CHECK(act_form.at("actionCode") == "1100");
    CHECK(act_form.at("actionUser") == "KIOSK-07");
    CHECK(act_form.at("payload") == "{}");
    CHECK(header(act, "groupId") == "35417");
}

TEST_CASE("a procedure with no mapping row or a broken payload is held, not sent", "[opencps]") {
    OutboxEntry entry = entry_for(R"({"MaTTHC":"9.999999","ChuHoSo":"A"})");
    auto next = next_opencps_request(entry, {}, bundled_mapping(), config());
    REQUIRE(std::holds_alternative<SubmitOutcome>(next));
    const SubmitOutcome& unmapped = std::get<SubmitOutcome>(next);
    CHECK(reason_of(unmapped) == "held:portal_config");
    CHECK(hold_kind("portal_config") == HoldKind::Config);  // resent on its own once fixed

    entry.payload_json = "[1,2";
    next = next_opencps_request(entry, {}, bundled_mapping(), config());
    REQUIRE(std::holds_alternative<SubmitOutcome>(next));
    CHECK(reason_of(std::get<SubmitOutcome>(next)) == "held:portal_bad_request");
}

// [SECTION] Progress

TEST_CASE("progress round-trips through the outbox's JSON string for every step", "[opencps]") {
    for (OpenCpsStep step : {OpenCpsStep::Created, OpenCpsStep::Filled, OpenCpsStep::Eform}) {
        const OpenCpsProgress progress = at(step);
        const std::string text = to_progress_json(progress);
        INFO(text);
        const OpenCpsProgressRead read = read_progress(text);
        CHECK(read.problem.empty());
        CHECK(read.progress == progress);
    }
    CHECK(to_progress_json({}) == "");
    CHECK(read_progress("").progress == OpenCpsProgress{});
    CHECK(read_progress("").problem.empty());
    CHECK(to_progress_json(at(OpenCpsStep::Created)) ==
          R"({"dossierId":41,"password":"X7KQ2MPA","step":"created"})");
}

TEST_CASE("a corrupt progress restarts at create, which the referenceUid makes safe", "[opencps]") {
    const char* corrupt[] = {
        "{",
        "[]",
        "null",
        R"({"step":"created"})",
        R"({"step":"created","dossierId":0})",
        R"({"step":"created","dossierId":-4})",
        R"({"step":"created","dossierId":"41"})",
        R"({"step":"acted","dossierId":41})",
        R"({"step":"created","dossierId":41,"dossierId":42})",
        R"({"step":"created","dossierId":41,"other":1})",
        R"({"step":"created","dossierId":41,"password":"with space"})",
        R"({"MaHoSo":"X"})",
        "\xff\xfe",
    };
    const OutboxEntry entry = entry_for(ket_hon_payload());
    for (const char* text : corrupt) {
        INFO(text);
        const OpenCpsProgressRead read = read_progress(text);
        CHECK_FALSE(read.problem.empty());
        CHECK(read.progress == OpenCpsProgress{});
        const OpenCpsRequest request = request_for(entry, read.progress);
        CHECK(request.path == "/o/rest/v2/dossiers");
        CHECK(decoded(request).at("referenceUid") == entry.idempotency_key);
    }
    // A progress whose step says more than its dossierId allows restarts as well.
    OpenCpsProgress inconsistent;
    inconsistent.step = OpenCpsStep::Eform;
    CHECK(request_for(entry, inconsistent).path == "/o/rest/v2/dossiers");
}

TEST_CASE("a whole filing walks create, fill, e-form, act and resumes from every saved step",
          "[opencps]") {
    const OutboxEntry entry = entry_for(ket_hon_payload());
    const std::string ok_replies[] = {
        CreatedBody, CreatedBody,
        R"({"referenceUid":"0f8f","dossierPartNo":"TP1","formData":"{}"})", ReceivedBody};
    const std::string paths[] = {"/o/rest/v2/dossiers", "/o/rest/v2/dossiers/41",
                                 "/o/rest/v2/dossiers/41/eforms/TP1",
                                 "/o/rest/v2/dossiers/41/actions"};
    // Start from each saved progress, as a resumed attempt does, through the saved JSON.
    for (int start = 0; start < 4; ++start) {
        INFO("start at step " << start);
        std::string saved = start == 0 ? "" : to_progress_json(at(static_cast<OpenCpsStep>(start)));
        std::optional<SubmitOutcome> outcome;
        for (int step = start; step < 4; ++step) {
            const OpenCpsProgress progress = read_progress(saved).progress;
            CHECK(request_for(entry, progress).path == paths[step]);
            auto result = on_opencps_reply(progress, json_reply(200, ok_replies[step]));
            if (step < 3) {
                REQUIRE(std::holds_alternative<OpenCpsProgress>(result));
                const auto& next = std::get<OpenCpsProgress>(result);
                CHECK(static_cast<int>(next.step) == step + 1);
                CHECK(next.dossier_id == 41);
                CHECK(next.password == "X7KQ2MPA");
                saved = to_progress_json(next);
            } else {
                REQUIRE(std::holds_alternative<SubmitOutcome>(result));
                outcome = std::get<SubmitOutcome>(result);
            }
        }
        REQUIRE(outcome);
        const auto* accepted = std::get_if<SubmitAccepted>(&*outcome);
        REQUIRE(accepted != nullptr);
        CHECK(accepted->ma_ho_so == "000.00.01.H29-260310-0001");
        CHECK(accepted->trang_thai == 2);
        CHECK(accepted->ngay_tiep_nhan == "20260310143005");
        CHECK(accepted->ngay_hen_tra == "20260317170000");
    }
}

// [SECTION] Filing replies

TEST_CASE("OpenCPS's failure answers become the right outcome and hold kind", "[opencps]") {
    struct Case {
        const char* name;
        HttpReply reply;
        std::string outcome;
        HoldKind kind;
    };
    HttpReply no_answer;
    no_answer.transport_error = "Operation timed out";
    HttpReply tls;
    tls.tls_failed = true;
    HttpReply limited = json_reply(429, "{}");
    limited.retry_after_seconds = 7;
    const Case cases[] = {
        {"203 not authenticated",
         json_reply(203, R"({"message":"Non-Authoritative Information."})"),
         "held:portal_unauthorized", HoldKind::Auth},
        {"401 wrong group", json_reply(401, R"({"message":"Unauthorized"})"),
         "held:portal_unauthorized", HoldKind::Auth},
        {"403 business refusal", json_reply(403, R"({"description":"Cant find process"})"),
         "held:portal_refused", HoldKind::Refused},
        {"403 from a proxy page", reply(403, "text/html", "<html>blocked</html>"),
         "retry:captive_portal", HoldKind::Network},
        {"200 without dossierId", json_reply(200, R"({"dossierNo":"X-1"})"),
         "retry:opencps_incomplete_reply", HoldKind::Network},
        {"200 with a string dossierId", json_reply(200, R"({"dossierId":"41"})"),
         "retry:opencps_incomplete_reply", HoldKind::Network},
        {"200 captive page", reply(200, "text/html", "<html>Wi-Fi login</html>"),
         "retry:captive_portal", HoldKind::Network},
        {"200 cut in half", json_reply(200, R"({"dossierId":4)"), "retry:portal_bad_reply",
         HoldKind::Network},
        {"200 with dossierId twice", json_reply(200, R"({"dossierId":41,"dossierId":42})"),
         "retry:portal_bad_reply", HoldKind::Network},
        {"200 JSON array", json_reply(200, R"([{"dossierId":41}])"), "retry:portal_bad_reply",
         HoldKind::Network},
        {"201 is not OpenCPS's success", json_reply(201, ReceivedBody), "retry:portal_bad_reply",
         HoldKind::Network},
        {"500", json_reply(500, "{}"), "retry:portal_server_error", HoldKind::Network},
        {"503", reply(503, "text/plain", "busy"), "retry:portal_server_error", HoldKind::Network},
        {"302 redirect", reply(302, "text/html", ""), "retry:captive_portal", HoldKind::Network},
        {"429", limited, "retry:portal_rate_limited", HoldKind::Network},
        {"status 0", no_answer, "retry:portal_unreachable", HoldKind::Network},
        {"TLS failure", tls, "retry:portal_tls", HoldKind::Tls},
        {"404 wrong base URL", json_reply(404, R"({"message":"Not found"})"),
         "held:portal_not_found", HoldKind::Config},
    };
    for (const Case& c : cases) {
        for (OpenCpsStep step : {OpenCpsStep::None, OpenCpsStep::Created, OpenCpsStep::Eform}) {
            INFO(c.name << " at step " << static_cast<int>(step));
            const SubmitOutcome outcome = outcome_of(at(step), c.reply);
            CHECK(reason_of(outcome) == c.outcome);
            const std::string code = c.outcome.substr(c.outcome.find(':') + 1);
            CHECK(hold_kind(code) == c.kind);
        }
    }
    const SubmitOutcome limited_outcome = outcome_of({}, limited);
    const auto* retry = std::get_if<SubmitRetry>(&limited_outcome);
    REQUIRE(retry != nullptr);
    CHECK(retry->retry_after_seconds == 7);
}

TEST_CASE("a 403's description reaches staff bounded, NFC and without control characters",
          "[opencps]") {
    // NFD "ễ" and a terminal escape; a long tail.
    const std::string description =
        "Nguye\xcc\x82\xcc\x83n: \x1b[31mapplicantIdNo is required" + std::string(400, 'x');
    const nlohmann::json body = {{"description", description}};
    const SubmitOutcome outcome = outcome_of({}, json_reply(403, body.dump()));
    const auto* held = std::get_if<SubmitHeld>(&outcome);
    REQUIRE(held != nullptr);
    CHECK_THAT(held->detail, Catch::StartsWith("HTTP 403: Nguyễn:  [31mapplicantIdNo is required"));
    CHECK(held->detail.find('\x1b') == std::string::npos);
    CHECK(held->detail.size() <= 200 + 20);
    CHECK(is_nfc(held->detail));

    const SubmitOutcome bare = outcome_of({}, json_reply(403, "{}"));
    CHECK(std::get<SubmitHeld>(bare).detail == "HTTP 403: (no description)");
}

TEST_CASE("a step's 200 must be about our dossier, and the last must carry a dossierNo",
          "[opencps]") {
    SECTION("another dossier's id after create is not our step") {
        const SubmitOutcome outcome =
            outcome_of(at(OpenCpsStep::Created), json_reply(200, R"({"dossierId":42})"));
        CHECK(reason_of(outcome) == "retry:portal_bad_reply");
    }
    SECTION("the act step's 200 without a number is retried, never accepted") {
        for (const char* body :
             {R"({"dossierId":41,"dossierNo":""})", R"({"dossierId":41})",
              R"({"dossierId":41,"dossierNo":"has space"})", R"({"dossierId":41,"dossierNo":7})",
              R"({"dossierId":41,"dossierNo":"---"})", R"({"dossierNo":"000.00.01.H29-1"})"}) {
            INFO(body);
            CHECK(reason_of(outcome_of(at(OpenCpsStep::Eform), json_reply(200, body))) ==
                  "retry:opencps_incomplete_reply");
        }
        const std::string long_no =
            R"({"dossierId":41,"dossierNo":")" + std::string(65, 'A') + "\"}";
        CHECK(reason_of(outcome_of(at(OpenCpsStep::Eform), json_reply(200, long_no))) ==
              "retry:opencps_incomplete_reply");
    }
    SECTION("the e-form step's reply names the part instead of the dossier") {
        auto result = on_opencps_reply(at(OpenCpsStep::Filled),
                                       json_reply(200, R"({"dossierPartNo":"TP1"})"));
        CHECK(std::holds_alternative<OpenCpsProgress>(result));
        CHECK(reason_of(outcome_of(at(OpenCpsStep::Filled), json_reply(200, R"({"x":1})"))) ==
              "retry:opencps_incomplete_reply");
    }
    SECTION("create keeps the password only when it is a plain token") {
        auto result = on_opencps_reply({}, json_reply(200, R"({"dossierId":41,"password":"a b"})"));
        REQUIRE(std::holds_alternative<OpenCpsProgress>(result));
        CHECK(std::get<OpenCpsProgress>(result).password.empty());
        CHECK(std::get<OpenCpsProgress>(result).dossier_id == 41);
    }
    SECTION("an accepted dossier with bad dates or an unknown status keeps its number") {
        const std::string body = R"({"dossierId":41,"dossierNo":"X-1","dossierStatus":"odd",)"
                                 R"("receiveDate":"2026-03-10","dueDate":"31/02/2026 17:00:00"})";
        const SubmitOutcome outcome = outcome_of(at(OpenCpsStep::Eform), json_reply(200, body));
        const auto& accepted = std::get<SubmitAccepted>(outcome);
        CHECK(accepted.ma_ho_so == "X-1");
        CHECK(accepted.trang_thai == 0);
        CHECK(accepted.ngay_tiep_nhan.empty());
        CHECK(accepted.ngay_hen_tra.empty());
    }
}

TEST_CASE("OpenCPS dates convert strictly to portal time", "[opencps]") {
    CHECK(opencps_date_to_portal_time("17/03/2026 17:00:00") == "20260317170000");
    CHECK(opencps_date_to_portal_time("29/02/2028 00:00:59") == "20280229000059");
    for (const char* bad :
         {"", "17/03/2026", "17/03/2026 17:00", "2026-03-17 17:00:00", "7/03/2026 17:00:00",
          "17/3/2026 17:00:00", "31/02/2026 17:00:00", "29/02/2026 12:00:00", "17/13/2026 17:00:00",
          "17/03/2026 24:00:00", "17/03/2026 17:60:00", "17/03/2026 17:00:60",
          "17-03-2026 17:00:00", "17/03/2026T17:00:00", "１7/03/2026 17:00:00",
          "17/03/2026 17:00:00 "}) {
        INFO(bad);
        CHECK(opencps_date_to_portal_time(bad).empty());
    }
}

// [SECTION] Status lookup

TEST_CASE("dossierStatus maps onto TrangThaiHoSo by the contract's table", "[opencps]") {
    const std::pair<const char*, int> table[] = {
        {"new", 1},        {"receiving", 2},      {"waiting", 2},
        {"processing", 4}, {"interoperating", 4}, {"pausing", 8},
        {"posting", 4},    {"correcting", 5},     {"cancelling", 7},
        {"releasing", 9},  {"denied", 3},         {"unresolved", 8},
        {"cancelled", 7},  {"done", 10},          {"", 0},
        {"Done", 0},       {"done ", 0},          {"finished", 0},
    };
    for (const auto& [status, code] : table) {
        INFO(status);
        CHECK(opencps_status_code(status) == code);
    }
}

TEST_CASE("a lookup uses the local dossierId and secret when the kiosk filed it", "[opencps]") {
    const OpenCpsRequest own =
        opencps_lookup_request("KD4MX7PA", to_progress_json(at(OpenCpsStep::Eform)), config());
    CHECK(own.method == "GET");
    CHECK(own.path == "/o/rest/v2/dossiers/41");
    CHECK(header(own, "secretCode") == "X7KQ2MPA");
    CHECK(header(own, "groupId") == "35417");
    CHECK(own.body.empty());

    const OpenCpsRequest other = opencps_lookup_request("000.00.01.H29-260310-0001", "", config());
    CHECK(other.path == "/o/rest/v2/dossiers/000.00.01.H29-260310-0001");
    CHECK(header(other, "secretCode") == "<absent>");
    CHECK(opencps_lookup_request("a/b", "{corrupt", config()).path == "/o/rest/v2/dossiers/a%2Fb");
}

TEST_CASE("a lookup reply is found, not found or unavailable", "[opencps]") {
    const std::string body =
        R"({"dossierId":41,"dossierNo":"000.00.01.H29-260310-0001","dossierStatus":"processing",)"
        R"("serviceCode":"DVC-1.001193","serviceName":"Đăng ký khai sinh",)"
        R"("receiveDate":"10/03/2026 14:30:05","dueDate":"17/03/2026 17:00:00"})";
    const LookupOutcome found = interpret_opencps_lookup(json_reply(200, body), bundled_mapping());
    REQUIRE(std::holds_alternative<LookupFound>(found));
    const DossierStatus& status = std::get<LookupFound>(found).status;
    CHECK(status.ma_ho_so == "000.00.01.H29-260310-0001");
    CHECK(status.trang_thai == 4);
    CHECK(status.ma_tthc == "1.001193");
    CHECK(status.ten_tthc == "Đăng ký khai sinh");
    CHECK(status.ngay_tiep_nhan == "20260310143005");
    CHECK(status.ngay_hen_tra == "20260317170000");

    CHECK(std::holds_alternative<LookupNotFound>(interpret_opencps_lookup(
        json_reply(404, R"({"message":"Not found"})"), bundled_mapping())));
    struct Case {
        HttpReply reply;
        const char* reason;
    };
    const Case unavailable[] = {
        {reply(404, "text/html", "<html>not here</html>"), "captive_portal"},
        {json_reply(203, "{}"), "portal_unauthorized"},
        {json_reply(401, "{}"), "portal_unauthorized"},
        {json_reply(403, R"({"description":"secretCode is wrong"})"), "portal_refused"},
        {json_reply(200, R"({"dossierId":41,"dossierStatus":"done"})"), "opencps_incomplete_reply"},
        {json_reply(200, R"({"dossierId":41,"dossierNo":"X-1","dossierStatus":"odd"})"),
         "portal_bad_reply"},
        {reply(200, "text/html", "<html>login</html>"), "captive_portal"},
        {json_reply(503, "{}"), "portal_server_error"},
        {HttpReply{}, "portal_unreachable"},
    };
    for (const Case& c : unavailable) {
        INFO(c.reply.status << " " << c.reply.body);
        const LookupOutcome outcome = interpret_opencps_lookup(c.reply, bundled_mapping());
        const auto* none = std::get_if<LookupUnavailable>(&outcome);
        REQUIRE(none != nullptr);
        CHECK(none->reason_code == c.reason);
    }
}

// [SECTION] Rating

TEST_CASE("a rating asks for the dossier's voting, then sends the matching choice", "[opencps]") {
    const std::string progress = to_progress_json(at(OpenCpsStep::Eform));
    const std::string votings =
        R"({"total":1,"data":[{"votingId":7,"votingCode":"DANHGIA","subject":"Đánh giá",)"
        R"("choices":["Rất hài lòng","Hài lòng","Không hài lòng"]}]})";
    auto first = opencps_votings_request(rating_body("000.00.01.H29-260310-0001", 3, "K"), progress,
                                         config());
    REQUIRE(std::holds_alternative<OpenCpsRequest>(first));
    CHECK(std::get<OpenCpsRequest>(first).method == "GET");
    CHECK(std::get<OpenCpsRequest>(first).path == "/o/rest/v2/postal/votings/dossier/41");

    // Our MucDo 3/2/1 onto the 1-based choices, by their words.
    for (const auto& [level, selected] :
         {std::pair{3, "1"}, std::pair{2, "2"}, std::pair{1, "3"}}) {
        INFO(level);
        auto next = opencps_rating_result_request(
            json_reply(200, votings), rating_body("KD4MX7PA", level, "K"), progress, config());
        REQUIRE(std::holds_alternative<OpenCpsRequest>(next));
        const OpenCpsRequest& post = std::get<OpenCpsRequest>(next);
        CHECK(post.method == "POST");
        CHECK(post.path == "/o/rest/v2/postal/votings/7/results");
        const auto form = decoded(post);
        CHECK(form.at("className") == "dossier");
        CHECK(form.at("classPk") == "41");
        CHECK(form.at("selected") == selected);
        CHECK(form.at("votingCode") == "DANHGIA");
    }
    // Choices in another order are matched by their words, not their place.
    const std::string reversed =
        R"({"data":[{"votingId":7,"votingCode":"V","choices":["Không hài lòng","Hài lòng","Rất hài lòng"]}]})";
    auto by_words = opencps_rating_result_request(
        json_reply(200, reversed), rating_body("KD4MX7PA", 3, "K"), progress, config());
    CHECK(decoded(std::get<OpenCpsRequest>(by_words)).at("selected") == "3");
    // Three choices in other words: by position.
    const std::string other_words =
        R"({"data":[{"votingId":7,"votingCode":"V","choices":["Tốt","Được","Kém"]}]})";
    auto by_place = opencps_rating_result_request(
        json_reply(200, other_words), rating_body("KD4MX7PA", 1, "K"), progress, config());
    CHECK(decoded(std::get<OpenCpsRequest>(by_place)).at("selected") == "3");
}

TEST_CASE("a rating that cannot be given is refused, a failed exchange retried", "[opencps]") {
    const std::string progress = to_progress_json(at(OpenCpsStep::Eform));
    const std::string body = rating_body("KD4MX7PA", 3, "K");
    auto outcome = [](const std::variant<OpenCpsRequest, RatingOutcome>& result) {
        REQUIRE(std::holds_alternative<RatingOutcome>(result));
        return std::get<RatingOutcome>(result);
    };
    CHECK(outcome(opencps_votings_request(body, "", config())) == RatingOutcome::Refused);
    CHECK(outcome(opencps_votings_request(body, "{bad", config())) == RatingOutcome::Refused);
    CHECK(outcome(opencps_votings_request(R"({"MucDo":9})", progress, config())) ==
          RatingOutcome::Refused);
    auto result = [&](HttpReply r) {
        return outcome(opencps_rating_result_request(r, body, progress, config()));
    };
    CHECK(result(json_reply(200, R"({"total":0,"data":[]})")) == RatingOutcome::Refused);
    CHECK(result(json_reply(200,
                            R"({"data":[{"votingId":7,"votingCode":"V","choices":["A","B"]}]})")) ==
          RatingOutcome::Refused);
    CHECK(result(json_reply(403, R"({"description":"x"})")) == RatingOutcome::Refused);
    CHECK(result(json_reply(503, "{}")) == RatingOutcome::Retry);
    CHECK(result(json_reply(203, "{}")) == RatingOutcome::Retry);
    CHECK(result(reply(200, "text/html", "<html/>")) == RatingOutcome::Retry);
    CHECK(result(HttpReply{}) == RatingOutcome::Retry);

    CHECK(interpret_opencps_rating_reply(json_reply(200, R"({"votingResultId":12})")) ==
          RatingOutcome::Sent);
    CHECK(interpret_opencps_rating_reply(json_reply(200, R"({})")) == RatingOutcome::Retry);
    CHECK(interpret_opencps_rating_reply(json_reply(201, R"({"votingResultId":12})")) ==
          RatingOutcome::Retry);
    CHECK(interpret_opencps_rating_reply(json_reply(403, R"({"description":"x"})")) ==
          RatingOutcome::Refused);
    CHECK(interpret_opencps_rating_reply(reply(200, "text/html", "<html/>")) ==
          RatingOutcome::Retry);
}

// [SECTION] Catalogue and health

TEST_CASE("serviceinfos map to our procedure codes, and what cannot be mapped is listed",
          "[opencps]") {
    const std::string body =
        R"({"total":3,"data":[)"
        R"({"serviceInfoId":1,"serviceCode":"DVC-1.001193","serviceName":"Đăng ký khai sinh",)"
        R"("durationText":"3 ngày","feeText":"8.000 đồng","maxLevel":4},)"
        R"({"serviceInfoId":2,"serviceCode":"DVC-9.999","serviceName":"Thủ tục khác"},)"
        R"({"serviceInfoId":3,"serviceCode":"DVC-1.000894","serviceName":"Đăng ký kết hôn","zzz":1},)"
        R"({"serviceInfoId":4,"serviceCode":"DVC-1.001193"}]})";
    auto catalogue = map_serviceinfos(body, bundled_mapping());
    REQUIRE(catalogue.ok());
    CHECK(catalogue->offered_codes == std::vector<std::string>{"1.001193", "1.000894"});
    const auto& unmapped = catalogue->unmapped;
    auto has = [&](const std::string& line) {
        return std::find(unmapped.begin(), unmapped.end(), line) != unmapped.end();
    };
    CHECK(has("serviceCode DVC-9.999 (Thủ tục khác): no mapping row"));
    CHECK(
        has("serviceinfo.feeText: free text; our fees are amounts by key "
            "(assets/config/fees.json)"));
    CHECK(
        has("serviceinfo.durationText: free text; our procedures need "
            "processing.working_days, a number"));
    CHECK(has("serviceinfo.zzz: not known to the adapter"));
    CHECK(std::count_if(unmapped.begin(), unmapped.end(), [](const std::string& line) {
              return line.rfind("serviceinfo.serviceName", 0) == 0;
          }) == 1);

    for (const char* bad :
         {"", "[]", R"({"total":1})", R"({"data":{}})", R"({"data":[],"data":[]})"}) {
        INFO(bad);
        auto refused = map_serviceinfos(bad, bundled_mapping());
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == "opencps_catalogue_invalid");
    }
}

TEST_CASE("the health check is the catalogue answered with JSON", "[opencps]") {
    const OpenCpsRequest request = opencps_serviceinfos_request(config());
    CHECK(request.method == "GET");
    CHECK(request.path == "/o/rest/v2/serviceinfos");
    CHECK(header(request, "groupId") == "35417");
    CHECK(opencps_health_ok(json_reply(200, R"({"total":0,"data":[]})")));
    CHECK_FALSE(opencps_health_ok(reply(200, "text/html", "<html/>")));
    CHECK_FALSE(opencps_health_ok(json_reply(203, "{}")));
    CHECK_FALSE(opencps_health_ok(HttpReply{}));
}

// [SECTION] One whole attempt

namespace {

// A scripted OpenCPS: answers each step's path with the next reply queued for it, and records
// what was sent. Pure data, no network: the loopback runs are in tests/integration.
struct ScriptedSite {
    std::map<std::string, std::vector<HttpReply>> replies;  // by path, in order
    std::vector<std::string> sent;                          // "METHOD path"
    HttpReply operator()(const OpenCpsRequest& request) {
        sent.push_back(request.method + " " + request.path);
        auto& queue = replies[request.path];
        if (queue.empty()) return json_reply(500, "{}");
        HttpReply next = queue.front();
        queue.erase(queue.begin());
        return next;
    }
};

ScriptedSite healthy_site() {
    ScriptedSite site;
    site.replies["/o/rest/v2/dossiers"] = {json_reply(200, CreatedBody)};
    site.replies["/o/rest/v2/dossiers/41"] = {json_reply(200, CreatedBody)};
    site.replies["/o/rest/v2/dossiers/41/eforms/TP1"] = {
        json_reply(200, R"({"dossierPartNo":"TP1"})")};
    site.replies["/o/rest/v2/dossiers/41/actions"] = {json_reply(200, ReceivedBody)};
    return site;
}

}  // namespace

TEST_CASE("one attempt files in four steps, saving the progress after each", "[opencps]") {
    OutboxEntry entry = entry_for(ket_hon_payload());
    ScriptedSite site = healthy_site();
    std::vector<std::string> saved;
    const FilingAttempt attempt = run_opencps_filing(
        entry,
        [&](const std::string& p) {
            saved.push_back(p);
            return true;
        },
        [&](const OpenCpsRequest& r) { return site(r); }, bundled_mapping(), config());
    CHECK(attempt.answered);
    REQUIRE(std::holds_alternative<SubmitAccepted>(attempt.outcome));
    CHECK(std::get<SubmitAccepted>(attempt.outcome).ma_ho_so == "000.00.01.H29-260310-0001");
    CHECK(site.sent == std::vector<std::string>{"POST /o/rest/v2/dossiers",
                                                "PUT /o/rest/v2/dossiers/41",
                                                "POST /o/rest/v2/dossiers/41/eforms/TP1",
                                                "POST /o/rest/v2/dossiers/41/actions"});
    REQUIRE(saved.size() == 3);
    CHECK(read_progress(saved[0]).progress == at(OpenCpsStep::Created));
    CHECK(read_progress(saved[2]).progress == at(OpenCpsStep::Eform));
}

TEST_CASE("a dropped reply mid-filing resumes at that step on the next attempt", "[opencps]") {
    OutboxEntry entry = entry_for(ket_hon_payload());
    ScriptedSite site = healthy_site();
    HttpReply dropped;  // the e-form took effect, the connection dropped before the reply
    dropped.transport_error = "Empty reply from server";
    site.replies["/o/rest/v2/dossiers/41/eforms/TP1"].insert(
        site.replies["/o/rest/v2/dossiers/41/eforms/TP1"].begin(), dropped);
    auto save = [&](const std::string& p) {
        entry.portal_progress = p;
        return true;
    };
    auto send = [&](const OpenCpsRequest& r) { return site(r); };
    const FilingAttempt first = run_opencps_filing(entry, save, send, bundled_mapping(), config());
    CHECK(reason_of(first.outcome) == "retry:portal_unreachable");
    CHECK(first.answered);  // create and fill were answered
    CHECK(read_progress(entry.portal_progress).progress == at(OpenCpsStep::Filled));

    site.sent.clear();
    const FilingAttempt second = run_opencps_filing(entry, save, send, bundled_mapping(), config());
    CHECK(std::holds_alternative<SubmitAccepted>(second.outcome));
    CHECK(site.sent == std::vector<std::string>{"POST /o/rest/v2/dossiers/41/eforms/TP1",
                                                "POST /o/rest/v2/dossiers/41/actions"});
}

TEST_CASE("a progress that cannot be saved stops the attempt before the next step", "[opencps]") {
    OutboxEntry entry = entry_for(ket_hon_payload());
    ScriptedSite site = healthy_site();
    const FilingAttempt attempt = run_opencps_filing(
        entry, [](const std::string&) { return false; },
        [&](const OpenCpsRequest& r) { return site(r); }, bundled_mapping(), config());
    CHECK(reason_of(attempt.outcome) == "retry:store_failed");
    CHECK(site.sent.size() == 1);
}

TEST_CASE("a corrupt saved progress refiles from create and gets the same dossier", "[opencps]") {
    OutboxEntry entry = entry_for(ket_hon_payload());
    entry.portal_progress = R"({"step":"filled","dossierId":"forty-one"})";
    ScriptedSite site = healthy_site();
    const FilingAttempt attempt = run_opencps_filing(
        entry, [](const std::string&) { return true; },
        [&](const OpenCpsRequest& r) { return site(r); }, bundled_mapping(), config());
    CHECK(std::holds_alternative<SubmitAccepted>(attempt.outcome));
    REQUIRE_FALSE(site.sent.empty());
    CHECK(site.sent.front() == "POST /o/rest/v2/dossiers");
}

TEST_CASE("an unmapped procedure sends nothing", "[opencps]") {
    OutboxEntry entry = entry_for(R"({"MaTTHC":"9.999999"})");
    ScriptedSite site;
    const FilingAttempt attempt = run_opencps_filing(
        entry, [](const std::string&) { return true; },
        [&](const OpenCpsRequest& r) { return site(r); }, bundled_mapping(), config());
    CHECK(reason_of(attempt.outcome) == "held:portal_config");
    CHECK_FALSE(attempt.answered);
    CHECK(site.sent.empty());
}

TEST_CASE("a decomposed string in a stored payload goes out composed", "[opencps]") {
    // NFD "Nguyễn" (e + circumflex + tilde) as an older kiosk might have stored it.
    const std::string nfd_name = "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n A";
    const OutboxEntry entry =
        entry_for(R"({"MaTTHC":"1.000894","ChuHoSo":")" + nfd_name + R"(","HoTroCanBo":true})");
    const auto form = decoded(request_for(entry, {}));
    CHECK(form.at("applicantName") == "Nguyễn Văn A");
    CHECK(form.at("originality") == "3");
}
