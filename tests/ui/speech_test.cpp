// [speech] The kiosk's voice, heard through the headless speech log (--speech-log: one line per
// utterance, the WAV of each under --shots/speech): a birth registration by touch only at the
// largest text in high contrast at 1024x768 with voice on, and voice per visit.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/form/reference.h"  // [voice]
#include "support/portal_sim_process.h"
#include "support/process.h"

namespace {

using motcua::test::PortalSimProcess;
using motcua::test::TempDir;

struct Said {
    std::string key, text, wav, source;
};

std::vector<Said> speech_log(const std::string& path) {
    std::vector<Said> said;
    std::istringstream lines(motcua::test::read_file(path));
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> columns;
        std::stringstream row(line);
        for (std::string column; std::getline(row, column, '\t');) columns.push_back(column);
        if (columns.size() == 6 && columns[0] == "say")
            said.push_back({columns[1], columns[2], columns[3], columns[4]});
    }
    return said;
}

// RMS of a 16-bit PCM WAV as the kiosk writes it (44-byte header).
double wav_rms(const std::string& path, std::size_t& samples) {
    const std::string bytes = motcua::test::read_file(path);
    samples = 0;
    if (bytes.size() < 44 || bytes.compare(0, 4, "RIFF") != 0) return 0;
    double sum = 0;
    for (std::size_t at = 44; at + 1 < bytes.size(); at += 2, ++samples) {
        const auto s = static_cast<std::int16_t>(static_cast<unsigned char>(bytes[at]) |
                                                 static_cast<unsigned char>(bytes[at + 1]) << 8);
        sum += static_cast<double>(s) * s;
    }
    return samples ? std::sqrt(sum / static_cast<double>(samples)) : 0;
}

const Said* find(const std::vector<Said>& said, const std::string& text) {
    for (const auto& one : said)
        if (one.text == text) return &one;
    return nullptr;
}

motcua::test::ProcessResult run_kiosk(const std::string& portal_url, const std::string& script,
                                      const std::string& shots, const std::string& db,
                                      const std::string& log, std::vector<std::string> extra) {
    std::vector<std::string> argv = {
        MOTCUA_EXE,     "--headless",
        "--script",     std::string(MOTCUA_SOURCE_DIR) + "/tests/ui/scripts/" + script,
        "--shots",      shots,
        "--db",         db,
        "--assets",     std::string(MOTCUA_SOURCE_DIR) + "/assets",
        "--speech-log", log};
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

// Quieter than this is silence (16-bit full scale is 32767; espeak-ng speaks at about 2000).
constexpr double SilenceFloor = 200;

}  // namespace

TEST_CASE(
    "khai sinh by touch at the largest size, high contrast, 1024x768, voice on: every "
    "question is spoken, the names reach the portal as keyed",
    "[ui][speech][khai-sinh]") {
    TempDir temp;
    PortalSimProcess sim({MOTCUA_PORTAL_SIM,
                          temp.file("portal.jsonl"),
                          MOTCUA_SHARED_DATA,
                          {},
                          {},
                          std::chrono::milliseconds(10000)});
    const std::string shots = shots_dir("khai_sinh_voice");
    const std::string log = shots + "/speech.log";
    auto result = run_kiosk(sim.url(), "khai_sinh_voice.script", shots, temp.file("outbox.sqlite"),
                            log, {"--size", "1024x768", "--voice", "espeak"});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);

    // The portal stored the names exactly as they were keyed on the on-screen keyboard.
    std::vector<nlohmann::json> dossiers;
    std::istringstream stored(motcua::test::read_file(sim.store_path()));
    for (std::string line; std::getline(stored, line);)
        if (!line.empty() && nlohmann::json::parse(line).value("type", "") == "dossier")
            dossiers.push_back(nlohmann::json::parse(line));
    REQUIRE(dossiers.size() == 1);
    const auto& request = dossiers[0]["request"];
    CHECK(request["ChuHoSo"] == "Nguyễn Văn An");
    CHECK(request["DuLieuToKhai"]["NguoiDuocKhaiSinh"]["HoTen"] == "Nguyễn Thị Bình");
    CHECK(request["DuLieuToKhai"]["Me"]["HoTen"] == "Trần Thị Hoa");
    CHECK(request["DuLieuToKhai"]["Cha"]["HoTen"] == "Nguyễn Văn An");
    CHECK(request["DuLieuToKhai"]["NguoiYeuCau"]["SoDinhDanh"] == "001090123456");
    CHECK(request["DuLieuToKhai"]["NguoiYeuCau"]["SoDienThoai"] == "0912345678");
    CHECK(request["DuLieuToKhai"]["NguoiDuocKhaiSinh"]["NoiSinh"] == "Bệnh viện Phụ sản Hà Nội");

    // What the kiosk said: the attract screen from the province's recorded clip, then every
    // page's question (the procedure file's titles), each in a WAV that is not silent.
    const auto said = speech_log(log);
    REQUIRE(!said.empty());
    CHECK(said[0].key == "attract.title");
    CHECK(said[0].source == "clip");
    const auto procedure = nlohmann::json::parse(motcua::test::read_file(
        std::string(MOTCUA_SOURCE_DIR) + "/assets/procedures/khai-sinh.json"));
    auto vietnamese = [](const nlohmann::json& text) -> std::string {
        return text.is_string() ? text.get<std::string>() : text["vi"].get<std::string>();
    };
    std::vector<std::string> questions = {vietnamese(procedure["eligibility"][0]["question"])};
    for (const auto& page : procedure["pages"]) questions.push_back(vietnamese(page["title"]));
    REQUIRE(questions.size() == 15);
    for (const auto& question : questions) {
        CAPTURE(question);
        const Said* spoken = find(said, question);
        REQUIRE(spoken != nullptr);
        CHECK(spoken->source == "espeak");
        std::size_t samples = 0;
        CHECK(wav_rms(spoken->wav, samples) > SilenceFloor);
        CHECK(samples > 11025);  // more than half a second at 22 050 Hz
    }
    // [voice] The ethnicity page: its size, how to choose and the first five (Kinh first), not
    // all 54 names; after "Kinh" was tapped, "Nghe lại" said the page again with the choice.
    int how = 0, names = 0;
    for (const auto& one : said) {
        how += one.key == "speech.list.ethnicity";
        for (const auto& group : motcua::core::ethnic_groups()) names += one.text == group.name;
    }
    CHECK(how == 2);
    CHECK(names == 2 * 5 + 1 + 1);  // twice the first five, the choice, the review's answer
    CHECK(find(said, "Rơ-măm") == nullptr);
    CHECK(find(said, "Mường") == nullptr);
    const Said* ethnicity = find(said,
                                 "Có 54 dân tộc. Hãy chạm vào tên dân tộc của mình. Danh "
                                 "sách dài: vuốt lên để xem thêm.");
    REQUIRE(ethnicity != nullptr);
    CHECK(ethnicity->source == "espeak");  // no recorded clip ships for it
    auto chosen = std::find_if(said.begin(), said.end(),
                               [](const Said& one) { return one.key == "speech.chosen"; });
    REQUIRE(chosen != said.end());
    REQUIRE(chosen + 1 != said.end());
    CHECK((chosen + 1)->text == "Kinh");
    // [/voice]

    // The error said when "Tiếp tục" was tapped on an empty page, and the receipt's code.
    const Said* error = find(said, "Vui lòng điền thông tin này.");
    REQUIRE(error != nullptr);
    CHECK(error->key == "error.required");
    CHECK(find(said, dossiers[0]["MaHoSo"].get<std::string>()) != nullptr);
}

TEST_CASE("Nghe lại reads the page again and the wipe turns voice off for the next person",
          "[ui][speech]") {
    TempDir temp;
    const std::string shots = shots_dir("voice_listen");
    const std::string log = shots + "/speech.log";
    auto result = run_kiosk("", "voice_listen.script", shots, temp.file("outbox.sqlite"), log,
                            {"--idle-ms", "1000"});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    const auto said = speech_log(log);
    int choose_title = 0;
    for (const auto& one : said) choose_title += one.key == "choose.title";
    // Once on arrival, once for "Nghe lại"; not after the wipe (voice off for the next visit).
    CHECK(choose_title == 2);
    const Said* clip = find(said, "Bạn cần làm thủ tục gì?");
    REQUIRE(clip != nullptr);
    CHECK(clip->source == "clip");
    CHECK(std::count_if(said.begin(), said.end(),
                        [](const Said& one) { return one.key == "idle.title"; }) == 1);
}
