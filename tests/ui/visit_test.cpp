// UI tests: the real kiosk, headless, plays a script against the real portal simulator on a
// free loopback port; we assert what the simulator stored. Screenshots of every screen are kept
// in the build tree (ui-shots/) to look at.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "support/portal_sim_process.h"
#include "support/process.h"

namespace {

using motcua::test::PortalSimProcess;
using motcua::test::TempDir;

std::vector<nlohmann::json> stored_dossiers(const std::string& store_path) {
    std::vector<nlohmann::json> dossiers;
    std::istringstream lines(motcua::test::read_file(store_path));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        auto record = nlohmann::json::parse(line);
        if (record.value("type", "") == "dossier") dossiers.push_back(record);
    }
    return dossiers;
}

motcua::test::ProcessResult run_kiosk(const std::string& portal_url, const std::string& script, const std::string& shots,
                                      const std::string& db, std::vector<std::string> extra = {}) {
    const std::string script_path = script.front() == '/' ? script : std::string(MOTCUA_SOURCE_DIR) + "/tests/ui/scripts/" + script;
    std::vector<std::string> argv = {MOTCUA_EXE, "--headless", "--script", script_path,
                                     "--shots", shots, "--db", db, "--assets", std::string(MOTCUA_SOURCE_DIR) + "/assets"};
    if (!portal_url.empty()) {
        argv.push_back("--portal");
        argv.push_back(portal_url);
    }
    for (auto& arg : extra) argv.push_back(std::move(arg));
    return motcua::test::run_process(argv);
}

std::string shots_dir(const std::string& name) {
    std::string dir = std::string(MOTCUA_BINARY_DIR) + "/ui-shots/" + name;
    std::filesystem::remove_all(dir);
    return dir;
}

}  // namespace

TEST_CASE("a parent files a whole birth registration and the portal stores it exactly once", "[ui][khai-sinh]") {
    TempDir temp;
    PortalSimProcess sim({MOTCUA_PORTAL_SIM, temp.file("portal.jsonl"), MOTCUA_SHARED_DATA, {}, {}, std::chrono::milliseconds(10000)});
    const std::string shots = shots_dir("khai_sinh");
    auto result = run_kiosk(sim.url(), "khai_sinh.script", shots, temp.file("outbox.sqlite"));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);

    auto dossiers = stored_dossiers(sim.store_path());
    REQUIRE(dossiers.size() == 1);
    const auto& request = dossiers[0]["request"];
    CHECK(request["MaTTHC"] == "1.001193");
    // The applicant's name exactly as typed (tidied: "nguyễn  văn an" → "Nguyễn Văn An"), in NFC.
    CHECK(request["ChuHoSo"] == "Nguyễn Văn An");
    CHECK(request["DuLieuToKhai"]["NguoiDuocKhaiSinh"]["HoTen"] == "Nguyễn Thị Bình");  // typed on the on-screen keyboard
    CHECK(request["DuLieuToKhai"]["NguoiYeuCau"]["SoDinhDanh"] == "001090123456");
    CHECK(request["DuLieuToKhai"]["NguoiYeuCau"]["SoDienThoai"] == "0912345678");
    CHECK(request["DuLieuToKhai"]["Cha"]["HoTen"] == "Nguyễn Văn An");
    CHECK(request["TrichYeuHoSo"] == "Đăng ký khai sinh cho Nguyễn Thị Bình");
    CHECK(request["DuLieuToKhai"]["NguoiDuocKhaiSinh"]["NgaySinh"] == "05/11/2026");
    CHECK(request["DuLieuToKhai"]["NguoiDuocKhaiSinh"]["NgaySinhBangChu"] ==
          "Ngày mùng năm tháng mười một năm hai nghìn không trăm hai mươi sáu");
    for (const char* screen : {"01-attract", "02-choose", "05-question-error", "09-review", "10-receipt", "12-thanks"})
        CHECK(std::filesystem::file_size(shots + "/" + screen + ".png") > 1000);

    // Later, the resident checks the dossier at the kiosk: a partial code is refused, the whole
    // code (scanned from the receipt's QR) shows the status in plain words.
    const std::string code = dossiers[0]["MaHoSo"];
    motcua::test::write_file(temp.file("lookup.script"),
                             "tap \"Tra cứu hồ sơ đã nộp\"\n"
                             "type \"" + code.substr(0, 6) + "\"\n"
                             "tap \"Tra cứu\"\n"
                             "expect \"Mã hồ sơ chưa đủ\"\n"
                             "scan \"" + code + "\"\n"
                             "wait-for \"mới đăng ký, chờ cán bộ tiếp nhận\" 10000\n"
                             "expect \"" + code + "\"\n"
                             "shot 13-lookup\n"
                             "audit\n");
    auto lookup = run_kiosk(sim.url(), temp.file("lookup.script"), shots, temp.file("outbox2.sqlite"));
    INFO(lookup.output);
    CHECK(lookup.exit_code == 0);
}

TEST_CASE("with no portal the filing is saved and the receipt shows a provisional code", "[ui][offline]") {
    TempDir temp;
    const std::string shots = shots_dir("offline");
    auto result = run_kiosk("", "trich_luc_offline.script", shots, temp.file("outbox.sqlite"), {"--provisional-after-ms", "1500"});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
}

TEST_CASE("a script that taps a missing label fails with the line and the labels on screen", "[ui][driver]") {
    TempDir temp;
    auto result = run_kiosk("", "missing_label.script", shots_dir("missing"), temp.file("outbox.sqlite"));
    CHECK(result.exit_code == 1);
    CHECK(result.output.find("script line 3") != std::string::npos);
    CHECK(result.output.find("\"Chạm vào đây để bắt đầu\" (start)") != std::string::npos);
}

TEST_CASE("an idle session warns with a countdown, can be kept, and is wiped when left", "[ui][idle]") {
    TempDir temp;
    auto result = run_kiosk("", "idle_timeout.script", shots_dir("idle"), temp.file("outbox.sqlite"));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
}

TEST_CASE("a resident searches without accents, leaves the wrong procedure and files the right one", "[ui][search]") {
    TempDir temp;
    PortalSimProcess sim({MOTCUA_PORTAL_SIM, temp.file("portal.jsonl"), MOTCUA_SHARED_DATA, {}, {}, std::chrono::milliseconds(10000)});
    auto result = run_kiosk(sim.url(), "search_exit.script", shots_dir("search_exit"), temp.file("outbox.sqlite"));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    auto dossiers = stored_dossiers(sim.store_path());
    REQUIRE(dossiers.size() == 1);
    CHECK(dossiers[0]["request"]["MaTTHC"] == "2.000635");
    CHECK(dossiers[0]["request"]["ChuHoSo"] == "Đỗ Thị Mai");
    CHECK(dossiers[0]["request"]["DuLieuToKhai"]["NguoiDuocCap"]["HoTen"] == "Đỗ Minh An");
}

TEST_CASE("the largest text, high contrast and English pass the audit, and the wipe resets them", "[ui][settings]") {
    TempDir temp;
    auto result = run_kiosk("", "settings.script", shots_dir("settings"), temp.file("outbox.sqlite"));
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
}
