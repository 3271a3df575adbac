// [staff] Staff mode, end to end: the real kiosk, headless, with a real PIN hash, a real lockout
// file and the real portal simulator on loopback.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/portal_sim_process.h"
#include "support/process.h"
#include "support/ui_kiosk.h"

namespace {

using motcua::test::fresh_shots_dir;
using motcua::test::PortalSimOptions;
using motcua::test::PortalSimProcess;
using motcua::test::start_portal;
using motcua::test::start_printer;
using motcua::test::stored_dossiers;
using motcua::test::TempDir;

// The kiosk plays `script` (text) with its outbox, PIN hash and lockout in `temp`.
motcua::test::ProcessResult run_kiosk(const TempDir& temp, const std::string& name,
                                      const std::string& script, const std::string& portal_url) {
    const std::string path = temp.file(name + ".script");
    motcua::test::write_file(path, script);
    const std::string shots = std::string(MOTCUA_BINARY_DIR) + "/ui-shots/staff-" + name;
    std::filesystem::remove_all(shots);
    std::vector<std::string> argv = {MOTCUA_EXE, "--headless",
                                     "--script", path,
                                     "--shots",  shots,
                                     "--db",     temp.file("outbox.sqlite"),
                                     "--log",    temp.file("kiosk.log"),
                                     "--assets", std::string(MOTCUA_SOURCE_DIR) + "/assets"};
    if (!portal_url.empty()) {
        argv.push_back("--portal");
        argv.push_back(portal_url);
    }
    return motcua::test::run_process(argv);
}

void set_pin(const TempDir& temp, const std::string& pin) {
    auto result = motcua::test::run_process(
        {"/bin/sh", "-c", "printf '%s\\n' \"$1\" | \"$2\" --set-staff-pin --db \"$3\"", "set-pin",
         pin, MOTCUA_EXE, temp.file("outbox.sqlite")});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
}

int file_mode(const std::string& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return static_cast<int>(info.st_mode & 0777);
}

const std::string Gesture =
    "tap \"staff_corner\"\ntap \"staff_corner\"\ntap \"staff_corner\"\ntap \"staff_corner\"\n"
    "tap \"staff_corner\"\nexpect \"Nhập mã PIN của cán bộ\"\n";

std::string pin(const std::string& digits) {
    std::string out;
    for (char c : digits) out += "tap \"" + std::string(1, c) + "\"\n";
    return out + "tap \"Mở khoá\"\n";
}

// A short filing (a copy of a civil-status extract), from the choose screen to the receipt.
const std::string Filing =
    "tap \"Cấp bản sao trích lục hộ tịch\"\n"
    "tap \"Bắt đầu khai\"\n"
    "tap \"Họ, chữ đệm và tên của bạn\"\n"
    "type \"Lê Thị Thu\"\n"
    "tap \"Tiếp tục\"\n"
    "tap \"Số định danh cá nhân\"\n"
    "type \"079185000123\"\n"
    "tap \"Tiếp tục\"\n"
    "tap \"Số điện thoại\"\n"
    "type \"0912345678\"\n"
    "tap \"Tiếp tục\"\n"
    "tap \"Giấy khai sinh\"\n"
    "tap \"Tiếp tục\"\n"
    "tap \"Họ, chữ đệm và tên\"\n"
    "type \"Lê Minh Khôi\"\n"
    "tap \"Tiếp tục\"\n"
    "tap \"Con\"\n"
    "tap \"Tiếp tục\"\n"
    "tap \"Tiếp tục\"\n"
    "tap \"Tiếp tục\"\n"
    "tap \"Số bản sao\"\n"
    "type \"1\"\n"
    "tap \"Tiếp tục\"\n"
    "expect \"Lê Minh Khôi\"\n"
    "tap \"Gửi hồ sơ\"\n";

PortalSimOptions sim_options(const TempDir& temp, std::vector<std::string> extra = {}) {
    return PortalSimOptions{MOTCUA_PORTAL_SIM,
                            temp.file("portal.jsonl"),
                            MOTCUA_SHARED_DATA,
                            std::move(extra),
                            {},
                            std::chrono::milliseconds(10000)};
}

}  // namespace

TEST_CASE("five wrong PINs lock staff mode, and it stays locked after a restart", "[ui][staff]") {
    TempDir temp;
    set_pin(temp, "2468");
    CHECK(file_mode(temp.file("staff-pin")) == 0600);
    CHECK(motcua::test::read_file(temp.file("staff-pin")).find("2468") == std::string::npos);

    std::string script = Gesture;
    for (int left = 4; left >= 1; --left)
        script += pin("1111") + "expect \"Còn " + std::to_string(left) + " lần thử\"\n";
    script += pin("1111") + "expect \"bị khoá\"\nshot 01-locked\naudit\n";
    // Locked: even the right PIN does not open it.
    script += pin("2468") + "expect \"bị khoá\"\nexpect-not \"Hồ sơ trong máy\"\n";
    auto first = run_kiosk(temp, "lockout", script, "");
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    CHECK(file_mode(temp.file("staff-lock.json")) == 0600);
    // Each PIN was checked off the UI thread: one answer per submit, and frames were drawn
    // (the pad saying "checking") while the hash ran.
    std::istringstream log(motcua::test::read_file(temp.file("kiosk.log")));
    int answers = 0;
    for (std::string line; std::getline(log, line);) {
        const auto entry = nlohmann::json::parse(line);
        if (entry.value("event", "") != "staff_pin_checked") continue;
        ++answers;
        INFO(line);
        // The five wrong ones ran the hash (the sixth, refused while locked, did not).
        if (answers <= 5) CHECK(std::stoi(entry.value("detail", "0")) >= 1);
    }
    CHECK(answers == 6);

    // A restart hands out no fresh guesses; the lock ends five minutes after it began.
    auto second = run_kiosk(temp, "lockout-restart",
                            Gesture + pin("2468") +
                                "expect \"bị khoá\"\nexpect-not \"Hồ sơ trong máy\"\n"
                                "tap \"Về màn hình người dân\"\n"
                                "wait 300000\n" +
                                Gesture + pin("2468") + "expect \"Hồ sơ trong máy\"\n",
                            "");
    INFO(second.output);
    CHECK(second.exit_code == 0);
}

TEST_CASE("leaving staff mode returns the resident to their page, answers and settings",
          "[ui][staff]") {
    TempDir temp;
    set_pin(temp, "2468");
    auto result = run_kiosk(temp, "return",
                            "tap \"Chữ to hơn\"\n"
                            "tap \"Màu tương phản cao\"\n"
                            "tap \"Chạm vào đây để bắt đầu\"\n"
                            "tap \"Cấp bản sao trích lục hộ tịch\"\n"
                            "tap \"Bắt đầu khai\"\n"
                            "tap \"Họ, chữ đệm và tên của bạn\"\n"
                            "type \"Lê Thị Thu\"\n"
                            "shot 01-before\n" +
                                Gesture + pin("2468") +
                                "tap \"Số liệu hôm nay\"\n"
                                "type \"abc\"\n"
                                "tap \"Về màn hình người dân\"\n"
                                "expect \"Lê Thị Thu\"\n"
                                "expect-not \"abc\"\n"
                                "expect \"Chữ to hơn\"\n"
                                "shot 02-after\n"
                                "audit\n"
                                "tap \"Tiếp tục\"\n"
                                "expect \"Số định danh cá nhân\"\n",
                            "");
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    // The same page, pixel for pixel: answers, text size, contrast and keyboard as they were.
    const std::string shots = std::string(MOTCUA_BINARY_DIR) + "/ui-shots/staff-return/";
    CHECK(motcua::test::read_file(shots + "01-before.png") ==
          motcua::test::read_file(shots + "02-after.png"));
}

TEST_CASE("a held filing retried from staff mode is accepted once, a cancelled one stays logged",
          "[ui][staff]") {
    TempDir temp;
    set_pin(temp, "2468");
    {
        // The portal refuses both filings: the kiosk holds them for staff.
        PortalSimProcess refusing(sim_options(temp, {"--refuse-rate", "1"}));
        for (const char* name : {"held-1", "held-2"}) {
            auto filed = run_kiosk(temp, name,
                                   "tap \"Chạm vào đây để bắt đầu\"\n" + Filing +
                                       "wait-for \"Cán bộ sẽ kiểm tra\" 15000\n",
                                   refusing.url());
            INFO(filed.output);
            REQUIRE(filed.exit_code == 0);
        }
        CHECK(stored_dossiers(refusing.store_path()).empty());
    }
    // The portal now accepts: staff retry one and cancel the other (with a reason).
    PortalSimProcess sim(sim_options(temp));
    auto staff = run_kiosk(temp, "retry-cancel",
                           Gesture + pin("2468") +
                               "expect \"0 hồ sơ đang chờ gửi, 2 hồ sơ bị giữ lại\"\n"
                               "expect \"Lý do:\"\n"
                               "shot 01-held\n"
                               "audit\n"
                               "tap \"staff_retry_1\"\n"
                               "wait-for \"Cổng đã tiếp nhận\" 15000\n"
                               "tap \"staff_cancel_2\"\n"
                               "tap \"Huỷ hồ sơ này\"\n"
                               "expect \"Hãy chọn hoặc gõ lý do huỷ\"\n"
                               "tap \"Hồ sơ trùng\"\n"
                               "shot 02-cancel\n"
                               "audit\n"
                               "tap \"Huỷ hồ sơ này\"\n"
                               "wait-for \"Lý do: Hồ sơ trùng\" 15000\n"
                               "expect \"Đã huỷ\"\n"
                               "shot 03-after\n"
                               "tap \"Nhật ký\"\n"
                               "expect \"dossier_cancelled_by_staff\"\n",
                           sim.url());
    INFO(staff.output);
    REQUIRE(staff.exit_code == 0);
    const auto dossiers = stored_dossiers(sim.store_path());
    REQUIRE(dossiers.size() == 1);
    CHECK(dossiers[0]["request"]["ChuHoSo"] == "Lê Thị Thu");
    const std::string log = motcua::test::read_file(temp.file("kiosk.log"));
    CHECK(log.find("dossier_retry_by_staff") != std::string::npos);
    CHECK(log.find("\"dossier_cancelled_by_staff\"") != std::string::npos);
    CHECK(log.find("Hồ sơ trùng") != std::string::npos);

    // After a restart the cancelled record is still there, with its reason; nothing more was
    // sent (the portal still holds exactly one dossier).
    auto later = run_kiosk(temp, "after-restart",
                           Gesture + pin("2468") +
                               "expect \"Lý do: Hồ sơ trùng\"\n"
                               "expect \"Cổng đã tiếp nhận\"\n"
                               "wait 3000\n",
                           sim.url());
    INFO(later.output);
    CHECK(later.exit_code == 0);
    CHECK(stored_dossiers(sim.store_path()).size() == 1);
}

TEST_CASE("an assisted visit is filed with its marker and counted apart from self-service",
          "[ui][staff]") {
    TempDir temp;
    set_pin(temp, "2468");
    PortalSimProcess sim(sim_options(temp));
    auto result = run_kiosk(temp, "assisted",
                            Gesture + pin("2468") + "tap \"Cán bộ hỗ trợ\"\n" + Filing +
                                "wait-for \"Cổng dịch vụ công đã nhận hồ sơ của bạn\" 15000\n"
                                "tap \"Xong\"\n"
                                "tap \"Bỏ qua\"\n"
                                "expect \"Chạm vào đây để bắt đầu\"\n" +
                                Gesture + pin("2468") +
                                "tap \"Số liệu hôm nay\"\n"
                                "expect \"Hồ sơ đã nộp: 1\"\n"
                                "expect \"Có cán bộ hỗ trợ: 1\"\n"
                                "expect \"Người dân tự làm: 0\"\n"
                                "shot 01-counts\n"
                                "audit\n",
                            sim.url());
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    const auto dossiers = stored_dossiers(sim.store_path());
    REQUIRE(dossiers.size() == 1);
    CHECK(dossiers[0]["request"]["HoTroCanBo"] == true);
    // The counts survive a restart (counts only: no name or number in the file).
    const std::string counts = motcua::test::read_file(temp.file("counts.json"));
    CHECK(nlohmann::json::parse(counts)["assisted"] == 1);
    CHECK(counts.find("Lê Thị Thu") == std::string::npos);
    CHECK(counts.find("079185000123") == std::string::npos);
    CHECK(file_mode(temp.file("counts.json")) == 0600);
}
