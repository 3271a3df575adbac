// UI tests: the real kiosk, headless, plays a script against the real portal simulator on a
// free loopback port; we assert what the simulator stored. Screenshots of every screen are kept
// in the build tree (ui-shots/) to look at.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/portal_sim_process.h"
#include "support/process.h"
#include "support/ui_kiosk.h"

namespace {

using motcua::test::fresh_shots_dir;
using motcua::test::PortalSimProcess;
using motcua::test::start_portal;
using motcua::test::start_printer;
using motcua::test::stored_dossiers;
using motcua::test::TempDir;

motcua::test::ProcessResult run_kiosk(const std::string& portal_url, const std::string& script,
                                      const std::string& shots, const std::string& db,
                                      std::vector<std::string> extra = {}) {
    const std::string script_path =
        script.front() == '/' ? script
                              : std::string(MOTCUA_SOURCE_DIR) + "/tests/ui/scripts/" + script;
    std::vector<std::string> argv = {MOTCUA_EXE, "--headless",
                                     "--script", script_path,
                                     "--shots",  shots,
                                     "--db",     db,
                                     "--assets", std::string(MOTCUA_SOURCE_DIR) + "/assets"};
    if (!portal_url.empty()) {
        argv.push_back("--portal");
        argv.push_back(portal_url);
    }
    for (auto& arg : extra) argv.push_back(std::move(arg));
    return motcua::test::run_process(argv);
}

// [opencps] What an OpenCPS-mode simulator holds, as the dossiers our API would have received:
// its store keeps every version of each dossier ("opencps_dossier" lines, by dossierId); the
// last one counts. The form answers are the e-form part's formData (our payload, or its
// DuLieuToKhai); MaHoSo is dossierNo, MaTTHC the serviceCode through the mapping ("DVC-" + code
// in assets/config/opencps-mapping.json).
struct OpenCpsStored {
    std::vector<nlohmann::json> dossiers;  // {"MaHoSo", "referenceUid", "dossierStatus", "request"}
};

OpenCpsStored stored_opencps_dossiers(const std::string& store_path) {
    std::map<std::int64_t, nlohmann::json> latest;
    std::istringstream lines(motcua::test::read_file(store_path));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        auto record = nlohmann::json::parse(line);
        if (record.value("type", "") != "opencps_dossier") continue;
        latest[record["record"]["dossierId"].get<std::int64_t>()] = record["record"];
    }
    OpenCpsStored stored;
    for (const auto& [id, record] : latest) {
        nlohmann::json request = nlohmann::json::object();
        if (record.contains("eforms"))
            for (const auto& [part, form_data] : record["eforms"].items()) {
                const auto form = nlohmann::json::parse(
                    form_data.is_string() ? form_data.get<std::string>() : form_data.dump());
                request =
                    form.contains("DuLieuToKhai") ? form : nlohmann::json{{"DuLieuToKhai", form}};
            }
        std::string service = record.value("serviceCode", "");
        if (service.rfind("DVC-", 0) == 0) request["MaTTHC"] = service.substr(4);
        if (record.contains("applicant") && record["applicant"].contains("applicantName"))
            request["ChuHoSo"] = record["applicant"]["applicantName"];
        stored.dossiers.push_back({{"MaHoSo", record.value("dossierNo", "")},
                                   {"referenceUid", record.value("referenceUid", "")},
                                   {"dossierStatus", record.value("dossierStatus", "")},
                                   {"request", request}});
    }
    return stored;
}

// The kiosk's flags for --portal-kind opencps against a simulator with its defaults (the
// assets' mapping, group 35417, user kiosk:kiosk-dev) and our simulator's agency code.
std::vector<std::string> opencps_kiosk_flags(const TempDir& temp) {
    const std::string credentials = temp.file("opencps-credentials");
    motcua::test::write_file(credentials, "kiosk:kiosk-dev\n");
    std::filesystem::permissions(
        credentials, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace);
    return {"--portal-kind",      "opencps", "--opencps-credentials", credentials,
            "--opencps-group-id", "35417",   "--opencps-agency",      "000.00.01.H99"};
}
// [/opencps]

std::string shots_dir(const std::string& name) {
    std::string dir = std::string(MOTCUA_BINARY_DIR) + "/ui-shots/" + name;
    std::filesystem::remove_all(dir);
    return dir;
}

}  // namespace

TEST_CASE("a parent files a whole birth registration and the portal stores it exactly once",
          "[ui][khai-sinh]") {
    // [opencps] The same visit against our API and against OpenCPS (--portal-kind opencps).
    const bool opencps = GENERATE(false, true);
    INFO((opencps ? "portal-sim --api opencps" : "portal-sim (our API)"));
    TempDir temp;
    PortalSimProcess sim({MOTCUA_PORTAL_SIM,
                          temp.file("portal.jsonl"),
                          MOTCUA_SHARED_DATA,
                          // The script expects our simulator's agency in the receipt's code.
                          opencps ? std::vector<std::string>{"--api", "opencps",
                                                             "--gov-agency-code", "000.00.01.H99"}
                                  : std::vector<std::string>{},
                          {},
                          std::chrono::milliseconds(10000)});
    const std::vector<std::string> kind_flags =
        opencps ? opencps_kiosk_flags(temp) : std::vector<std::string>{};
    const std::string shots = shots_dir(opencps ? "khai_sinh_opencps" : "khai_sinh");
    auto result =
        run_kiosk(sim.url(), "khai_sinh.script", shots, temp.file("outbox.sqlite"), kind_flags);
    INFO(result.output);
    REQUIRE(result.exit_code == 0);

    std::vector<nlohmann::json> dossiers;
    if (opencps) {
        // Exactly one OpenCPS dossier, submitted (a dossierNo, "receiving"), under one key.
        dossiers = stored_opencps_dossiers(sim.store_path()).dossiers;
        REQUIRE(dossiers.size() == 1);
        CHECK(dossiers[0]["dossierStatus"] == "receiving");
        CHECK_FALSE(dossiers[0]["referenceUid"].get<std::string>().empty());
        CHECK_FALSE(dossiers[0]["MaHoSo"].get<std::string>().empty());
    } else {
        dossiers = stored_dossiers(sim.store_path());
        REQUIRE(dossiers.size() == 1);
    }
    // [/opencps]
    const auto& request = dossiers[0]["request"];
    CHECK(request["MaTTHC"] == "1.001193");
    // The applicant's name exactly as typed (tidied: "nguyễn  văn an" → "Nguyễn Văn An"), in NFC.
    CHECK(request["ChuHoSo"] == "Nguyễn Văn An");
    CHECK(request["DuLieuToKhai"]["NguoiDuocKhaiSinh"]["HoTen"] ==
          "Nguyễn Thị Bình");  // typed on the on-screen keyboard
    CHECK(request["DuLieuToKhai"]["NguoiYeuCau"]["SoDinhDanh"] == "001090123456");
    CHECK(request["DuLieuToKhai"]["NguoiYeuCau"]["SoDienThoai"] == "0912345678");
    CHECK(request["DuLieuToKhai"]["Cha"]["HoTen"] == "Nguyễn Văn An");
    if (!opencps || request.contains("TrichYeuHoSo"))
        CHECK(request["TrichYeuHoSo"] == "Đăng ký khai sinh cho Nguyễn Thị Bình");
    CHECK(request["DuLieuToKhai"]["NguoiDuocKhaiSinh"]["NgaySinh"] == "05/11/2026");
    CHECK(request["DuLieuToKhai"]["NguoiDuocKhaiSinh"]["NgaySinhBangChu"] ==
          "Ngày mùng năm tháng mười một năm hai nghìn không trăm hai mươi sáu");
    for (const char* screen :
         {"01-attract", "02-choose", "05-question-error", "09-review", "10-receipt", "12-thanks"})
        CHECK(std::filesystem::file_size(shots + "/" + screen + ".png") > 1000);

    // Later, the resident checks the dossier at the kiosk: a partial code is refused, the whole
    // code (scanned from the receipt's QR) shows the status in plain words. OpenCPS's submit
    // action leaves the dossier "receiving": received (2), where ours is new (1).
    const std::string code = dossiers[0]["MaHoSo"];
    const std::string status_words =
        opencps ? "đã được tiếp nhận" : "mới đăng ký, chờ cán bộ tiếp nhận";
    motcua::test::write_file(temp.file("lookup.script"),
                             "tap \"Tra cứu hồ sơ đã nộp\"\n"
                             "type \"" +
                                 code.substr(0, 6) +
                                 "\"\n"
                                 "tap \"Tra cứu\"\n"
                                 "expect \"Mã hồ sơ chưa đủ\"\n"
                                 "scan \"" +
                                 code +
                                 "\"\n"
                                 "wait-for \"" +
                                 status_words +
                                 "\" 10000\n"
                                 "expect \"" +
                                 code +
                                 "\"\n"
                                 "shot 13-lookup\n"
                                 "audit\n");
    auto lookup = run_kiosk(sim.url(), temp.file("lookup.script"), shots,
                            temp.file("outbox2.sqlite"), kind_flags);
    INFO(lookup.output);
    CHECK(lookup.exit_code == 0);
}

TEST_CASE("with no portal the filing is saved and the receipt shows a provisional code",
          "[ui][offline]") {
    TempDir temp;
    const std::string shots = shots_dir("offline");
    auto result = run_kiosk("", "trich_luc_offline.script", shots, temp.file("outbox.sqlite"),
                            {"--provisional-after-ms", "1500"});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
}

TEST_CASE("a script that taps a missing label fails with the line and the labels on screen",
          "[ui][driver]") {
    TempDir temp;
    auto result =
        run_kiosk("", "missing_label.script", shots_dir("missing"), temp.file("outbox.sqlite"));
    CHECK(result.exit_code == 1);
    CHECK(result.output.find("script line 3") != std::string::npos);
    CHECK(result.output.find("\"Chạm vào đây để bắt đầu\" (start)") != std::string::npos);
}

TEST_CASE("an idle session warns with a countdown, can be kept, and is wiped when left",
          "[ui][idle]") {
    TempDir temp;
    auto result =
        run_kiosk("", "idle_timeout.script", shots_dir("idle"), temp.file("outbox.sqlite"));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
}

TEST_CASE("a resident searches without accents, leaves the wrong procedure and files the right one",
          "[ui][search]") {
    TempDir temp;
    PortalSimProcess sim({MOTCUA_PORTAL_SIM,
                          temp.file("portal.jsonl"),
                          MOTCUA_SHARED_DATA,
                          {},
                          {},
                          std::chrono::milliseconds(10000)});
    auto result = run_kiosk(sim.url(), "search_exit.script", shots_dir("search_exit"),
                            temp.file("outbox.sqlite"));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    auto dossiers = stored_dossiers(sim.store_path());
    REQUIRE(dossiers.size() == 1);
    CHECK(dossiers[0]["request"]["MaTTHC"] == "2.000635");
    CHECK(dossiers[0]["request"]["ChuHoSo"] == "Đỗ Thị Mai");
    CHECK(dossiers[0]["request"]["DuLieuToKhai"]["NguoiDuocCap"]["HoTen"] == "Đỗ Minh An");
}

TEST_CASE("the largest text, high contrast and English pass the audit, and the wipe resets them",
          "[ui][settings]") {
    TempDir temp;
    auto result =
        run_kiosk("", "settings.script", shots_dir("settings"), temp.file("outbox.sqlite"));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
}

TEST_CASE("an ID number with an unknown province is warned about on the page before moving on",
          "[ui][warning]") {
    TempDir temp;
    auto result =
        run_kiosk("", "id_warning.script", shots_dir("id_warning"), temp.file("outbox.sqlite"));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
}

TEST_CASE("a death registration picks the last residence from the portal's wards",
          "[ui][address]") {
    TempDir temp;
    PortalSimProcess sim({MOTCUA_PORTAL_SIM,
                          temp.file("portal.jsonl"),
                          MOTCUA_SHARED_DATA,
                          {},
                          {},
                          std::chrono::milliseconds(10000)});
    const std::string shots = shots_dir("address");
    auto result = run_kiosk(sim.url(), "khai_tu_address.script", shots, temp.file("outbox.sqlite"),
                            {"--home-ward", "00070"});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    auto dossiers = stored_dossiers(sim.store_path());
    REQUIRE(dossiers.size() == 1);
    const auto& home = dossiers[0]["request"]["DuLieuToKhai"]["NguoiDaMat"]["NoiCuTruCuoiCung"];
    CHECK(home["tinh"] == "01");
    CHECK(home["xa"] == "00070");  // Phường Hoàn Kiếm
    CHECK(home["diaChi"] == "Số 5 phố Tràng Tiền");
    CHECK(home["diaChiDayDu"] == "Số 5 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội");
    // The death form keeps the name whole and split.
    const auto& deceased = dossiers[0]["request"]["DuLieuToKhai"]["NguoiDaMat"];
    CHECK(deceased["HoTen"] == "Lê Văn Minh");
    CHECK(deceased["Ho"] == "Lê");
    CHECK(deceased["ChuDem"] == "Văn");
    CHECK(deceased["Ten"] == "Minh");
}

TEST_CASE(
    "a procedure the portal publishes is offered, and still offered after a restart without "
    "network",
    "[ui][catalogue]") {
    TempDir temp;
    // The portal publishes the shipped procedures plus one the kiosk was not shipped with.
    const std::string procedures = temp.file("procedures");
    std::filesystem::copy(std::string(MOTCUA_SOURCE_DIR) + "/assets/procedures", procedures);
    auto extra = nlohmann::json::parse(motcua::test::read_file(procedures + "/khai-sinh.json"));
    extra["code"] = "1.004884";
    extra["name"] = "Đăng ký lại khai sinh";
    extra["everyday_names"] = {"làm lại giấy khai sinh bị mất sổ gốc"};
    motcua::test::write_file(procedures + "/dang-ky-lai-khai-sinh.json", extra.dump());
    motcua::test::write_file(temp.file("find.script"),
                             "wait-for-portal-data 20000\n"
                             "tap \"Chạm vào đây để bắt đầu\"\n"
                             "tap \"Tìm thủ tục (gõ không dấu cũng được)\"\n"
                             "type \"dang ky lai khai sinh\"\n"
                             "expect \"Đăng ký lại khai sinh\"\n"
                             "shot 01-from-portal\n");
    {
        PortalSimProcess sim({MOTCUA_PORTAL_SIM,
                              temp.file("portal.jsonl"),
                              MOTCUA_SHARED_DATA,
                              {"--procedures", procedures},
                              {},
                              std::chrono::milliseconds(10000)});
        auto online = run_kiosk(sim.url(), temp.file("find.script"), shots_dir("catalogue"),
                                temp.file("outbox.sqlite"));
        INFO(online.output);
        REQUIRE(online.exit_code == 0);
    }
    // Restarted with the portal unreachable: the cached catalogue and wards are used.
    auto offline = run_kiosk("http://127.0.0.1:9", temp.file("find.script"),
                             shots_dir("catalogue-offline"), temp.file("outbox.sqlite"));
    INFO(offline.output);
    CHECK(offline.exit_code == 0);
    // And a kiosk that never reached the portal has only what it was shipped with.
    auto fresh = run_kiosk("http://127.0.0.1:9", temp.file("find.script"),
                           shots_dir("catalogue-fresh"), temp.file("fresh.sqlite"));
    CHECK(fresh.exit_code == 1);
    CHECK(fresh.output.find("no data from the portal or its cache") != std::string::npos);
}

TEST_CASE("the fee shown is the one the province configured for today", "[ui][fees]") {
    TempDir temp;
    // A province's own file: copies cost 12.000 ₫ now; a change dated far ahead is not shown yet.
    motcua::test::write_file(temp.file("fees.json"), R"({"fees": {
        "trich_luc": [{"amount": 12000, "per": "bản"}, {"from": "2099-01-01", "amount": 99000, "per": "bản"}],
        "chung_thuc_ban_sao": {"tiers": [{"from": 1, "amount": 2000}, {"from": 3, "amount": 1000}],
                               "per": "trang", "max": 200000}}})");
    motcua::test::write_file(temp.file("fees.script"),
                             "tap \"Chạm vào đây để bắt đầu\"\n"
                             "tap \"Cấp bản sao trích lục hộ tịch\"\n"
                             "expect \"12.000\u00A0₫ mỗi bản\"\n"
                             "expect-not \"99.000\u00A0₫ mỗi bản\"\n"
                             "shot 01-trich-luc\n"
                             "audit\n"
                             "tap \"Về trang đầu\"\n"
                             "tap \"Chạm vào đây để bắt đầu\"\n"
                             "tap \"Chứng thực bản sao từ bản chính\"\n"
                             "tap \"Có\"\n"
                             "tap \"Không\"\n"
                             "expect \"2.000\u00A0₫ mỗi trang; từ trang thứ 3: 1.000\u00A0₫ mỗi "
                             "trang; tối đa 200.000\u00A0₫ cho mỗi bản\"\n");
    auto result = run_kiosk("", temp.file("fees.script"), shots_dir("fees"),
                            temp.file("outbox.sqlite"), {"--fees", temp.file("fees.json")});
    INFO(result.output);
    CHECK(result.exit_code == 0);
}

TEST_CASE("certified copies of two papers are asked one paper at a time and filed as a list",
          "[ui][repeat]") {
    TempDir temp;
    PortalSimProcess sim({MOTCUA_PORTAL_SIM,
                          temp.file("portal.jsonl"),
                          MOTCUA_SHARED_DATA,
                          {},
                          {},
                          std::chrono::milliseconds(10000)});
    auto result = run_kiosk(sim.url(), "ban_sao_two_documents.script", shots_dir("repeat"),
                            temp.file("outbox.sqlite"));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    auto dossiers = stored_dossiers(sim.store_path());
    REQUIRE(dossiers.size() == 1);
    const auto& request = dossiers[0]["request"];
    CHECK(request["MaTTHC"] == "2.000815");
    const auto& papers = request["DuLieuToKhai"]["GiayTo"];
    REQUIRE(papers.size() == 2);
    CHECK(papers[0]["Ten"] == "Giấy khai sinh");
    CHECK(papers[0]["SoBanSao"] == "2");
    CHECK(papers[1]["Ten"] == "Bằng tốt nghiệp trung học phổ thông");
    CHECK(papers[1]["SoTrang"] == "2");
    CHECK(request["TrichYeuHoSo"] ==
          "Chứng thực bản sao từ bản chính: Giấy khai sinh, Bằng tốt nghiệp trung học phổ thông");
}

// [help]
TEST_CASE("calling staff shows a banner, runs the notify command and holds the idle timer",
          "[ui][help][call-staff]") {
    TempDir temp;
    const std::string hook = temp.file("notify.sh");
    const std::string called = temp.file("called.txt");
    {
        std::ofstream script(hook);
        script << "#!/bin/sh\nprintf '%s %s %s\\n' \"$MOTCUA_EVENT\" \"$MOTCUA_KIOSK_ID\" "
                  "\"$MOTCUA_SCREEN\" > \"$1\"\n";
    }
    std::filesystem::permissions(hook, std::filesystem::perms::owner_all);
    const std::string log = temp.file("kiosk.log");
    auto result =
        run_kiosk("", "call_staff.script", shots_dir("call_staff"), temp.file("outbox.sqlite"),
                  {"--notify-command", hook + " " + called, "--log", log});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    // The command ran (off the UI thread; the kiosk waits for it on the way out).
    CHECK(motcua::test::read_file(called) == "staff_called KIOSK-01 question\n");
    const std::string logged = motcua::test::read_file(log);
    CHECK(logged.find("\"staff_called\"") != std::string::npos);
    CHECK(logged.find("\"staff_notified\"") != std::string::npos);
    CHECK(logged.find("Phạm") == std::string::npos);  // no personal data in the log

    SECTION("on a 1024×768 screen the four header buttons still fit and pass the audit") {
        auto small = run_kiosk("", "call_staff.script", shots_dir("call_staff_1024"),
                               temp.file("outbox2.sqlite"),
                               {"--notify-command", hook + " " + called, "--size", "1024x768"});
        INFO(small.output);
        CHECK(small.exit_code == 0);
    }
}

TEST_CASE(
    "going home mid-visit asks first, guidance ends with a choice, an exit offers the "
    "right procedure",
    "[ui][help][confirm-home]") {
    TempDir temp;
    auto result =
        run_kiosk("", "confirm_home.script", shots_dir("confirm_home"), temp.file("outbox.sqlite"));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
}
// [/help]
