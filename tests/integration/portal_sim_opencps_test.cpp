// portal-sim --api opencps against /work/helpers/opencps-wire.md: the real binary on a free
// loopback port, driven with httplib::Client (Basic auth, a groupId header, form bodies).
#include <httplib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>

#include "support/portal_sim_fixture.h"
#include "support/portal_sim_process.h"

using motcua::test::PortalSimOptions;
using motcua::test::PortalSimProcess;
using motcua::test::TempDir;
using Json = nlohmann::json;

namespace {

// Thursday 12/03/2026 10:00 in Vietnam; with 16/03 as a holiday, 3 working days end Wed 18/03.
const std::string& Now = motcua::test::FrozenNow;
const std::string GroupId = "35417";
const std::string Agency = "000.00.01.H29";
// Tạm trú: 3 working days in assets/procedures/tam-tru.json.
const std::string Code = "1.004194";

// Options for a simulator in a fresh store under `dir`, with only these flags.
PortalSimOptions plain_options(const TempDir& dir, std::vector<std::string> args) {
    return motcua::test::portal_sim_options(dir, std::move(args));
}

// A simulator in OpenCPS mode with its own store, a frozen clock, a holiday, the kiosk's
// procedures (for names and working days) and the assets' mapping (the default).
struct Sim : motcua::test::PortalSimFixture {
    explicit Sim(std::vector<std::string> extra = {})
        : PortalSimFixture(
              "motcua-test-",
              [&extra](const TempDir& dir) {
                  std::vector<std::string> args = {"--api", "opencps"};
                  const std::vector<std::string> calendar = motcua::test::frozen_calendar_args(dir);
                  args.insert(args.end(), calendar.begin(), calendar.end());
                  args.insert(args.end(),
                              {"--procedures", std::string(MOTCUA_SOURCE_ASSETS) + "/procedures"});
                  args.insert(args.end(), extra.begin(), extra.end());
                  return args;
              },
              "store.jsonl") {}

    // A client as the kiosk's adapter is one: Basic auth, the groupId, JSON accepted.
    std::unique_ptr<httplib::Client> client(const std::string& user = "kiosk",
                                            const std::string& password = "kiosk-dev",
                                            const std::string& group = GroupId) const {
        auto c = std::make_unique<httplib::Client>(url());
        if (!user.empty()) c->set_basic_auth(user.c_str(), password.c_str());
        httplib::Headers headers = {{"Accept", "application/json"}};
        if (!group.empty()) headers.emplace("groupId", group);
        c->set_default_headers(headers);
        c->set_connection_timeout(5);
        c->set_read_timeout(10);
        return c;
    }
};

httplib::Params create_form(const std::string& reference_uid, const std::string& code = Code) {
    return {{"serviceCode", "DVC-" + code},       {"govAgencyCode", Agency},
            {"dossierTemplateNo", "MAU-" + code}, {"originality", "1"},
            {"referenceUid", reference_uid},      {"applicantName", "Nguyễn Thị Hoà"},
            {"applicantIdType", "citizen"},       {"applicantIdNo", "001190000001"},
            {"applicantIdDate", "01/02/2021"},    {"address", "Số 1 Tràng Tiền"},
            {"contactTelNo", "0912345678"},       {"dossierName", "Đăng ký tạm trú"}};
}

const std::string FormData = R"({"MaTTHC":"1.004194","DuLieuToKhai":{"HoTen":"Nguyễn Thị Hoà"}})";

httplib::Result create(httplib::Client& client, const std::string& reference_uid) {
    return client.Post("/o/rest/v2/dossiers", create_form(reference_uid));
}

httplib::Result put_eform(httplib::Client& client, std::int64_t id,
                          const std::string& part = "TP1") {
    return client.Post(
        ("/o/rest/v2/dossiers/" + std::to_string(id) + "/eforms/" + part).c_str(),
        httplib::Params{{"formData", FormData}, {"referenceUid", "eform-" + std::to_string(id)}});
}

httplib::Result act(httplib::Client& client, std::int64_t id, const std::string& code = "1100") {
    return client.Post(("/o/rest/v2/dossiers/" + std::to_string(id) + "/actions").c_str(),
                       httplib::Params{{"actionCode", code},
                                       {"actionUser", "KIOSK-01"},
                                       {"actionNote", ""},
                                       {"payload", "{}"}});
}

Json ok_json(const httplib::Result& result) {
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 200);
    REQUIRE(result->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    return Json::parse(result->body);
}

std::string description(const httplib::Result& result) {
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 403);
    return Json::parse(result->body).at("description").get<std::string>();
}

// The whole sequence; returns the action's reply.
Json file_dossier(httplib::Client& client, const std::string& reference_uid) {
    const std::int64_t id = ok_json(create(client, reference_uid))["dossierId"];
    ok_json(put_eform(client, id));
    return ok_json(act(client, id));
}

// The reason a simulator with these flags gives for not starting ("" if it started).
std::string start_failure(std::vector<std::string> args) {
    TempDir dir;
    try {
        PortalSimProcess process(plain_options(dir, std::move(args)));
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("an OpenCPS filing runs create, update, e-form and action to a dossierNo",
          "[portal-sim][opencps]") {
    Sim sim;
    auto client = sim.client();

    const Json created = ok_json(create(*client, "uid-1"));
    REQUIRE(created["dossierId"].is_number_integer());
    const std::int64_t id = created["dossierId"];
    CHECK(created["referenceUid"] == "uid-1");
    CHECK(created["dossierNo"] == "");
    CHECK(created["dossierStatus"] == "new");
    CHECK(created["serviceCode"] == "DVC-" + Code);
    CHECK(created["govAgencyCode"] == Agency);
    CHECK(created["applicantName"] == "Nguyễn Thị Hoà");
    CHECK(created["password"].get<std::string>().size() == 8);
    CHECK(created["receiveDate"] == "");
    CHECK(created["dueDate"] == "");

    const Json updated = ok_json(client->Put(
        ("/o/rest/v2/dossiers/" + std::to_string(id)).c_str(),
        httplib::Params{{"applicantName", "Trần Văn Bình"}, {"delegateName", "Trần Thị Cúc"}}));
    CHECK(updated["dossierId"] == id);
    CHECK(updated["applicantName"] == "Trần Văn Bình");

    const Json eform = ok_json(put_eform(*client, id));
    CHECK(eform["dossierId"] == id);
    CHECK(eform["dossierPartNo"] == "TP1");
    CHECK(eform["formData"] == FormData);

    const Json received = ok_json(act(*client, id));
    CHECK(received["dossierId"] == id);
    CHECK(received["dossierNo"] == "000.00.01.H29-260312-0001");
    CHECK(received["dossierStatus"] == "receiving");
    CHECK(received["receiveDate"] == "12/03/2026 10:00:00");
    CHECK(received["submitDate"] == "12/03/2026 10:00:00");
    CHECK(received["dueDate"] == "18/03/2026 17:00:00");  // Fri 13, (Mon 16 holiday), Tue, Wed
    CHECK(received["lastActionCode"] == "1100");
    CHECK(received["password"] == created["password"]);

    SECTION("replaying the action changes nothing and gives no second number") {
        const Json again = ok_json(act(*client, id));
        CHECK(again == received);
        CHECK(sim.sim_get("/sim/stats")["opencps"]["received"] == 1);
    }
    SECTION("the next dossier gets the next number") {
        CHECK(file_dossier(*client, "uid-2")["dossierNo"] == "000.00.01.H29-260312-0002");
    }
    SECTION("the simulator keeps what was sent") {
        const Json stored = sim.sim_get("/sim/dossiers");
        REQUIRE(stored.size() == 1);
        CHECK(stored[0]["applicant"]["applicantName"] == "Trần Văn Bình");
        CHECK(stored[0]["applicant"]["delegateName"] == "Trần Thị Cúc");
        CHECK(stored[0]["applicant"]["applicantIdNo"] == "001190000001");
        CHECK(stored[0]["eforms"]["TP1"] == FormData);
        CHECK(stored[0]["actions"][0]["actionUser"] == "KIOSK-01");
    }
}

TEST_CASE("OpenCPS answers a failed login with 203, a wrong group with 401, no group with 403",
          "[portal-sim][opencps]") {
    Sim sim;
    auto expect_203 = [](const httplib::Result& result) {
        REQUIRE(result);
        CHECK(result->status == 203);
        CHECK(Json::parse(result->body) == Json{{"message", "Non-Authoritative Information."}});
    };
    expect_203(create(*sim.client(""), "uid-1"));                // no Authorization
    expect_203(create(*sim.client("kiosk", "wrong"), "uid-1"));  // wrong password
    expect_203(sim.client("other", "kiosk-dev")->Get("/o/rest/v2/serviceinfos"));
    {
        httplib::Client bearer(sim.process().url());
        bearer.set_bearer_token_auth("kiosk-dev");
        bearer.set_default_headers({{"groupId", GroupId}});
        expect_203(bearer.Get("/o/rest/v2/serviceinfos"));
    }

    auto wrong_group = create(*sim.client("kiosk", "kiosk-dev", "99999"), "uid-1");
    REQUIRE(wrong_group);
    CHECK(wrong_group->status == 401);
    CHECK(Json::parse(wrong_group->body) == Json{{"message", "Unauthorized"}});

    CHECK(description(create(*sim.client("kiosk", "kiosk-dev", ""), "uid-1")) ==
          "groupId is required");
    CHECK(sim.sim_get("/sim/dossiers").empty());
    CHECK(sim.sim_get("/sim/stats")["unauthorized"] == 5);
}

TEST_CASE("OpenCPS credentials, group and agency come from the flags", "[portal-sim][opencps]") {
    Sim sim({"--basic-auth", "can-bo:mat:khau", "--group-id", "7", "--gov-agency-code",
             "000.00.12.H29"});
    auto form = create_form("uid-1");
    form.find("govAgencyCode")->second = "000.00.12.H29";
    auto ours = sim.client("can-bo", "mat:khau", "7");
    const Json created = ok_json(ours->Post("/o/rest/v2/dossiers", form));
    CHECK(created["govAgencyCode"] == "000.00.12.H29");
    const std::int64_t id = created["dossierId"];
    ok_json(put_eform(*ours, id));
    CHECK(ok_json(act(*ours, id))["dossierNo"] == "000.00.12.H29-260312-0001");

    auto defaults = sim.client();
    auto refused = defaults->Post("/o/rest/v2/dossiers", form);
    REQUIRE(refused);
    CHECK(refused->status == 203);
    auto old_group = sim.client("can-bo", "mat:khau", GroupId)->Post("/o/rest/v2/dossiers", form);
    REQUIRE(old_group);
    CHECK(old_group->status == 401);
    CHECK(description(ours->Post("/o/rest/v2/dossiers", create_form("uid-2"))) ==
          "Cant find process");  // the default agency is not this one
}

TEST_CASE("OpenCPS refuses an unknown process or a missing field with 403 and a description",
          "[portal-sim][opencps]") {
    Sim sim;
    auto client = sim.client();
    auto with = [](const std::string& key, const std::string& value) {
        auto form = create_form("uid-x");
        form.erase(key);
        if (!value.empty()) form.emplace(key, value);
        return form;
    };
    auto post = [&](const httplib::Params& form) {
        return client->Post("/o/rest/v2/dossiers", form);
    };
    CHECK(description(post(with("serviceCode", "DVC-9.999999"))) == "Cant find process");
    CHECK(description(post(with("govAgencyCode", "000.00.01.H01"))) == "Cant find process");
    // A serviceCode of one row with the template of another is no process either.
    CHECK(description(post(with("dossierTemplateNo", "MAU-1.001193"))) == "Cant find process");
    for (const char* field : {"serviceCode", "govAgencyCode", "dossierTemplateNo", "originality"}) {
        CAPTURE(field);
        CHECK(description(post(with(field, ""))) == std::string(field) + " is required");
    }
    CHECK(description(post(with("originality", "5"))) == "originality must be 0, 1, 2, 3, 4 or 9");
    CHECK(description(post(with("applicantIdDate", "2021-02-01"))) ==
          "applicantIdDate must be dd/MM/yyyy");
    CHECK(description(post(with("applicantIdDate", "31/02/2021"))) ==
          "applicantIdDate must be dd/MM/yyyy");
    // Decomposed Vietnamese (NFD) is not what the contract allows.
    CHECK(description(post(with("applicantName", "Hoa\xcc\x80"))) ==
          "applicantName is not UTF-8 in Unicode NFC");
    CHECK(sim.sim_get("/sim/dossiers").empty());
    CHECK(sim.sim_get("/sim/stats")["opencps"]["refused"] == 11);

    auto json_body =
        client->Post("/o/rest/v2/dossiers", R"({"serviceCode":"x"})", "application/json");
    REQUIRE(json_body);
    CHECK(json_body->status == 415);
}

TEST_CASE("OpenCPS returns the same dossier for a referenceUid it has, also after a restart",
          "[portal-sim][opencps]") {
    Sim sim;
    auto client = sim.client();
    const Json first = ok_json(create(*client, "uid-1"));
    auto changed = create_form("uid-1");
    changed.find("applicantName")->second = "Người khác";
    const Json again = ok_json(client->Post("/o/rest/v2/dossiers", changed));
    CHECK(again == first);  // the same dossier, whatever else was sent
    CHECK(sim.sim_get("/sim/dossiers").size() == 1);
    CHECK(sim.sim_get("/sim/stats")["opencps"]["created"] == 1);
    CHECK(sim.sim_get("/sim/stats")["opencps"]["reused"] == 1);
    const std::int64_t id = first["dossierId"];
    ok_json(put_eform(*client, id));
    const Json received = ok_json(act(*client, id));

    sim.process().restart();
    client = sim.client();
    CHECK(ok_json(create(*client, "uid-1")) == received);
    CHECK(ok_json(act(*client, id)) == received);
    CHECK(ok_json(client->Get(("/o/rest/v2/dossiers/" + std::to_string(id)).c_str())) == received);
    const Json stats = sim.sim_get("/sim/stats");
    CHECK(stats["dossiers"] == 1);
    CHECK(stats["opencps"]["created"] == 0);
    CHECK(stats["opencps"]["reused"] == 1);

    // A new dossier after the restart takes the next id and the next number.
    const Json next = file_dossier(*client, "uid-2");
    CHECK(next["dossierId"] == id + 1);
    CHECK(next["dossierNo"] == "000.00.01.H29-260312-0002");
    CHECK(sim.sim_get("/sim/dossiers").size() == 2);
}

TEST_CASE("OpenCPS refuses to act before the e-form and knows only the mapped e-form part",
          "[portal-sim][opencps]") {
    Sim sim;
    auto client = sim.client();
    const std::int64_t id = ok_json(create(*client, "uid-1"))["dossierId"];
    CHECK(description(act(*client, id)) == "Dossier part TP1 has no form data");
    CHECK(description(put_eform(*client, id, "TP9")) == "Dossier part TP9 not found");
    CHECK(description(
              client->Post(("/o/rest/v2/dossiers/" + std::to_string(id) + "/eforms/TP1").c_str(),
                           httplib::Params{{"formData", "{not json"}})) == "formData is not JSON");
    CHECK(description(act(*client, id, "9999")) ==
          "Action 9999 is not configured for this process");
    CHECK(description(act(*client, 424242)) == "Dossier not found");
    CHECK(description(put_eform(*client, 424242)) == "Dossier not found");
    CHECK(description(client->Put("/o/rest/v2/dossiers/424242",
                                  httplib::Params{{"applicantName", "x"}})) == "Dossier not found");

    // A second e-form replaces the first; then the action goes through.
    ok_json(put_eform(*client, id));
    ok_json(put_eform(*client, id));
    CHECK(ok_json(act(*client, id))["dossierNo"] == "000.00.01.H29-260312-0001");
}

TEST_CASE("an OpenCPS dossier is found by dossierId, dossierNo or referenceUid",
          "[portal-sim][opencps]") {
    Sim sim;
    auto client = sim.client();
    const Json filed = file_dossier(*client, "uid-1");
    const std::string password = filed["password"];
    const std::string id = std::to_string(filed["dossierId"].get<std::int64_t>());
    const std::string number = filed["dossierNo"];

    for (const std::string& key : {id, number, std::string("uid-1")}) {
        CAPTURE(key);
        const std::string path = "/o/rest/v2/dossiers/" + key;
        CHECK(ok_json(client->Get(path.c_str())) == filed);
        CHECK(ok_json(client->Get(path.c_str(), {{"secretCode", password}})) == filed);
        CHECK(description(client->Get(path.c_str(), {{"secretCode", "WRONG123"}})) ==
              "secretCode is wrong");
    }
    for (const char* unknown : {"/o/rest/v2/dossiers/999999", "/o/rest/v2/dossiers/uid-2",
                                "/o/rest/v2/dossiers/000.00.01.H29-260312-0002",
                                "/o/rest/v2/dossiers/000.00.01.H29-260312"}) {
        CAPTURE(unknown);
        auto result = client->Get(unknown);
        REQUIRE(result);
        CHECK(result->status == 404);
        CHECK(Json::parse(result->body) == Json{{"message", "Not found"}});
    }
    auto anonymous = sim.client("")->Get(("/o/rest/v2/dossiers/" + number).c_str());
    REQUIRE(anonymous);
    CHECK(anonymous->status == 203);
}

TEST_CASE("an OpenCPS status set through the simulator shows in the lookup and survives a restart",
          "[portal-sim][opencps]") {
    Sim sim;
    auto client = sim.client();
    const Json filed = file_dossier(*client, "uid-1");
    const std::string path = "/o/rest/v2/dossiers/" + filed["dossierNo"].get<std::string>();
    httplib::Client control(sim.process().url());
    auto set =
        control.Post("/sim/opencps/status",
                     Json{{"dossierNo", filed["dossierNo"]}, {"dossierStatus", "done"}}.dump(),
                     "application/json");
    REQUIRE(set);
    CHECK(set->status == 200);
    CHECK(ok_json(client->Get(path.c_str()))["dossierStatus"] == "done");

    auto by_id = control.Post(
        "/sim/opencps/status",
        Json{{"dossierId", filed["dossierId"]}, {"dossierStatus", "processing"}}.dump(),
        "application/json");
    REQUIRE(by_id);
    CHECK(by_id->status == 200);
    auto bad =
        control.Post("/sim/opencps/status",
                     Json{{"dossierNo", filed["dossierNo"]}, {"dossierStatus", "finished"}}.dump(),
                     "application/json");
    REQUIRE(bad);
    CHECK(bad->status == 422);
    auto unknown = control.Post("/sim/opencps/status",
                                Json{{"dossierNo", "nope"}, {"dossierStatus", "done"}}.dump(),
                                "application/json");
    REQUIRE(unknown);
    CHECK(unknown->status == 404);

    sim.process().restart();
    client = sim.client();
    const Json after = ok_json(client->Get(path.c_str()));
    CHECK(after["dossierStatus"] == "processing");
    CHECK(after["dossierStatusText"] == "Đang xử lý");
    CHECK(after["dossierNo"] == filed["dossierNo"]);
}

TEST_CASE("OpenCPS offers the dossier's voting and keeps one result per dossier",
          "[portal-sim][opencps]") {
    Sim sim;
    auto client = sim.client();
    const std::int64_t id = file_dossier(*client, "uid-1")["dossierId"];
    const Json votings =
        ok_json(client->Get(("/o/rest/v2/postal/votings/dossier/" + std::to_string(id)).c_str()));
    REQUIRE(votings["total"] == 1);
    const Json voting = votings["data"][0];
    CHECK(voting["votingCode"] == "DANHGIA");
    CHECK(voting["choices"] == Json::array({"Rất hài lòng", "Hài lòng", "Không hài lòng"}));
    const std::string results =
        "/o/rest/v2/postal/votings/" + std::to_string(voting["votingId"].get<int>()) + "/results";
    auto vote = [&](const std::string& selected, const std::string& class_pk) {
        return client->Post(results.c_str(), httplib::Params{{"className", "dossier"},
                                                             {"classPk", class_pk},
                                                             {"selected", selected},
                                                             {"votingCode", "DANHGIA"}});
    };
    const Json first = ok_json(vote("2", std::to_string(id)));
    REQUIRE(first["votingResultId"].is_number_integer());
    const Json second = ok_json(vote("1", std::to_string(id)));  // a resend or a change of mind
    CHECK(second["votingResultId"] == first["votingResultId"]);
    const Json ratings = sim.sim_get("/sim/ratings");
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0]["selected"] == 1);
    CHECK(ratings[0]["dossierNo"] == "000.00.01.H29-260312-0001");

    CHECK(description(vote("4", std::to_string(id))) == "selected must be 1, 2 or 3");
    CHECK(description(vote("1", "424242")) == "Dossier not found");
    CHECK(description(client->Post("/o/rest/v2/postal/votings/8/results",
                                   httplib::Params{{"className", "dossier"},
                                                   {"classPk", std::to_string(id)},
                                                   {"selected", "1"}})) == "Voting not found");
    CHECK(description(client->Get("/o/rest/v2/postal/votings/dossier/424242")) ==
          "Dossier not found");
    sim.process().restart();
    CHECK(sim.sim_get("/sim/ratings").size() == 1);
}

TEST_CASE("OpenCPS serviceinfos list every mapped procedure and one unmapped",
          "[portal-sim][opencps]") {
    Sim sim;
    const Json mapping = Json::parse(motcua::test::read_file(std::string(MOTCUA_SOURCE_ASSETS) +
                                                             "/config/opencps-mapping.json"));
    const Json infos = ok_json(sim.client()->Get("/o/rest/v2/serviceinfos"));
    const std::size_t rows = mapping["procedures"].size();
    REQUIRE(infos["total"] == rows + 1);
    REQUIRE(infos["data"].size() == rows + 1);
    for (std::size_t i = 0; i < rows; ++i) {
        CHECK(infos["data"][i]["serviceCode"] == mapping["procedures"][i]["serviceCode"]);
        CHECK(infos["data"][i]["administrationCode"] == Agency);
    }
    const auto khai_sinh =
        std::find_if(infos["data"].begin(), infos["data"].end(),
                     [](const Json& entry) { return entry["serviceCode"] == "DVC-1.001193"; });
    REQUIRE(khai_sinh != infos["data"].end());
    CHECK((*khai_sinh)["serviceName"] == "Đăng ký khai sinh");
    const Json extra = infos["data"][rows];
    CHECK(
        std::none_of(mapping["procedures"].begin(), mapping["procedures"].end(),
                     [&](const Json& row) { return row["serviceCode"] == extra["serviceCode"]; }));
}

TEST_CASE("every portal-sim fault works on the OpenCPS routes", "[portal-sim][opencps]") {
    SECTION("captive portal: an HTML login page, nothing stored") {
        Sim sim({"--captive-portal"});
        auto expect_login_page = [](const httplib::Result& result) {
            REQUIRE(result);
            CHECK(result->status == 200);
            CHECK(result->get_header_value("Content-Type").rfind("text/html", 0) == 0);
            CHECK_THAT(result->body, Catch::Contains("Wi-Fi login"));
        };
        expect_login_page(create(*sim.client(), "uid-1"));
        expect_login_page(sim.client()->Get("/o/rest/v2/serviceinfos"));
        CHECK(sim.sim_get("/sim/dossiers").empty());
        CHECK(sim.sim_get("/sim/stats")["captive"] == 2);
    }
    SECTION("rate limit: 429 with Retry-After, nothing stored") {
        Sim sim({"--rate-limit", "1", "--retry-after", "7"});
        auto result = create(*sim.client(), "uid-1");
        REQUIRE(result);
        CHECK(result->status == 429);
        CHECK(result->get_header_value("Retry-After") == "7");
        CHECK(sim.sim_get("/sim/dossiers").empty());
    }
    SECTION("fail rate: 503, nothing stored") {
        Sim sim({"--fail-rate", "1"});
        auto result = create(*sim.client(), "uid-1");
        REQUIRE(result);
        CHECK(result->status == 503);
        CHECK(sim.sim_get("/sim/dossiers").empty());
        CHECK(sim.sim_get("/sim/stats")["injected_failures"] == 1);
    }
    SECTION("refuse rate: 403 with a description, nothing stored") {
        Sim sim({"--refuse-rate", "1"});
        CHECK_THAT(description(create(*sim.client(), "uid-1")), Catch::Contains("refused"));
        CHECK(sim.sim_get("/sim/dossiers").empty());
    }
    SECTION("drop before read: no answer, nothing stored") {
        Sim sim({"--drop-before-read", "1"});
        CHECK_FALSE(create(*sim.client(), "uid-1"));
        CHECK(sim.sim_get("/sim/dossiers").empty());
        CHECK(sim.sim_get("/sim/stats")["dropped_before_read"] == 1);
    }
    SECTION("drop after commit: no answer, the step took effect, the resend is harmless") {
        Sim sim({"--drop-after-commit", "1"});
        auto client = sim.client();
        CHECK_FALSE(create(*client, "uid-1"));
        const Json stored = sim.sim_get("/sim/dossiers");
        REQUIRE(stored.size() == 1);
        const std::int64_t id = stored[0]["dossierId"];
        CHECK_FALSE(put_eform(*client, id));
        CHECK_FALSE(act(*client, id));
        const std::string number = sim.sim_get("/sim/dossiers")[0]["dossierNo"];
        CHECK(number == "000.00.01.H29-260312-0001");

        sim.set_faults({{"drop-after-commit", 0}});
        CHECK(ok_json(create(*client, "uid-1"))["dossierId"] == id);
        ok_json(put_eform(*client, id));
        CHECK(ok_json(act(*client, id))["dossierNo"] == number);
        CHECK(sim.sim_get("/sim/dossiers").size() == 1);
        const Json stats = sim.sim_get("/sim/stats");
        CHECK(stats["dropped_after_commit"] == 3);
        CHECK(stats["opencps"]["created"] == 1);
        CHECK(stats["opencps"]["received"] == 1);
    }
    SECTION("malformed JSON: a 200 cut in half, the dossier stored") {
        Sim sim({"--malformed-json", "1"});
        auto result = create(*sim.client(), "uid-1");
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK_FALSE(Json::accept(result->body));
        CHECK(sim.sim_get("/sim/dossiers").size() == 1);
    }
    SECTION("slow body: the reply arrives whole, late") {
        Sim sim({"--slow-body-ms", "30"});
        const auto started = std::chrono::steady_clock::now();
        const Json created = ok_json(create(*sim.client(), "uid-1"));
        CHECK(created["referenceUid"] == "uid-1");
        // Well over 128 bytes in 64-byte pieces, each after a 30 ms pause.
        CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(90));
    }
    SECTION("latency: every route answers late") {
        Sim sim({"--latency-ms", "300"});
        const auto started = std::chrono::steady_clock::now();
        ok_json(sim.client()->Get("/o/rest/v2/serviceinfos"));
        CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(300));
    }
    SECTION("/sim/faults turns them on and off, including opencps-no-dossier-id") {
        Sim sim;
        sim.set_faults({{"fail-rate", 1}});
        auto failed = create(*sim.client(), "uid-1");
        REQUIRE(failed);
        CHECK(failed->status == 503);
        sim.set_faults({{"fail-rate", 0}, {"opencps-no-dossier-id", 1}});
        const Json faults = sim.sim_get("/sim/faults");
        CHECK(faults["opencps-no-dossier-id"] == 1.0);
        CHECK_FALSE(ok_json(create(*sim.client(), "uid-1")).contains("dossierId"));
    }
}

TEST_CASE("portal-sim's --opencps-no-dossier-id answers 200 without dossierId on every filing step",
          "[portal-sim][opencps]") {
    Sim sim({"--opencps-no-dossier-id", "1"});
    auto client = sim.client();
    const Json created = ok_json(create(*client, "uid-1"));
    CHECK_FALSE(created.contains("dossierId"));
    CHECK(created["referenceUid"] == "uid-1");
    const Json stored = sim.sim_get("/sim/dossiers");
    REQUIRE(stored.size() == 1);  // the step took effect
    const std::int64_t id = stored[0]["dossierId"];
    CHECK_FALSE(ok_json(put_eform(*client, id)).contains("dossierId"));
    const Json received = ok_json(act(*client, id));
    CHECK_FALSE(received.contains("dossierId"));
    CHECK(received["dossierNo"] == "000.00.01.H29-260312-0001");
    CHECK(sim.sim_get("/sim/stats")["opencps"]["no_dossier_id"] == 3);
}

TEST_CASE("a malformed OpenCPS mapping file stops the simulator at start with the reason",
          "[portal-sim][opencps]") {
    TempDir dir;
    const std::string row =
        R"("code": "1.001193", "serviceCode": "DVC-1.001193", "dossierTemplateNo": "MAU-1.001193",
           "eformPartNo": "TP1", "actionCode": "1100")";
    auto mapping = [&](const std::string& rows) {
        return R"({"format": "motcua.opencps-mapping/1", "procedures": [)" + rows + "]}";
    };
    struct Case {
        std::string content;
        std::string reason;
    };
    const Case bad = GENERATE_COPY(
        Case{mapping("{" + row + R"(, "extra": 1})"), "$.procedures[0].extra: unknown key"},
        Case{mapping("{" + row + R"(, "code": "2.000815"})"), "appears twice"},
        Case{mapping("{" + row + "}, {" + row + "}"),
             "$.procedures[1].code: 1.001193 is listed twice"},
        Case{R"({"format": "motcua.opencps-mapping/2", "procedures": []})", "$.format"},
        Case{mapping(""), "lists no procedure"}, Case{"{not json", "opencps-mapping.json"});
    CAPTURE(bad.content);
    motcua::test::write_file(dir.file("opencps-mapping.json"), bad.content);
    CHECK_THAT(
        start_failure({"--api", "opencps", "--opencps-mapping", dir.file("opencps-mapping.json")}),
        Catch::Contains(bad.reason));
}

TEST_CASE("OpenCPS flags refuse a bad value with a clear message", "[portal-sim][opencps]") {
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const Case bad = GENERATE(
        Case{{"--api", "soap"}, "expected motcua or opencps, got 'soap'"},
        Case{{"--api", "opencps", "--group-id", "35x"}, "expected a groupId of 1..18 digits"},
        Case{{"--api", "opencps", "--basic-auth", "kiosk"}, "expected USER:PASSWORD"},
        Case{{"--api", "opencps", "--opencps-no-dossier-id", "2"}, "expected a probability"},
        Case{{"--api", "opencps", "--opencps-mapping", "/nonexistent/mapping.json"},
             "cannot read /nonexistent/mapping.json"},
        Case{{"--group-id", "7"}, "--group-id needs --api opencps"});
    CHECK_THAT(start_failure(bad.args), Catch::Contains(bad.message));
}

TEST_CASE("each API serves only its own routes", "[portal-sim][opencps]") {
    TempDir dir;
    {
        PortalSimProcess motcua(plain_options(dir, {}));  // the default
        httplib::Client client(motcua.url());
        client.set_basic_auth("kiosk", "kiosk-dev");
        client.set_default_headers({{"groupId", GroupId}});
        auto result = client.Get("/o/rest/v2/serviceinfos");
        REQUIRE(result);
        CHECK(result->status == 404);
        auto faults = client.Get("/sim/faults");
        REQUIRE(faults);
        CHECK_FALSE(Json::parse(faults->body).contains("opencps-no-dossier-id"));
    }
    PortalSimProcess opencps(plain_options(dir, {"--api", "opencps"}));
    httplib::Client client(opencps.url());
    client.set_bearer_token_auth("t");
    auto health = client.Get("/api/v1/health");
    REQUIRE(health);
    CHECK(health->status == 404);
}
