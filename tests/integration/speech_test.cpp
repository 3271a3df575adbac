// The speech adapter (platform/speech): real espeak-ng with its Vietnamese voice, the recorded
// clips in assets/audio, the headless sink (WAV files and the speech log).
#include <SDL.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/speech/normalize.h"
#include "platform/speech/speech_engine.h"

using namespace motcua;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "motcua-speech-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

std::vector<std::vector<std::string>> log_lines(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> lines;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> columns;
        std::stringstream row(line);
        for (std::string column; std::getline(row, column, '\t');) columns.push_back(column);
        lines.push_back(columns);
    }
    return lines;
}

// Quieter than this is silence (a 16-bit full scale is 32767; espeak-ng speaks at about 2000).
constexpr double SilenceFloor = 200;

}  // namespace

TEST_CASE("espeak-ng says a Vietnamese sentence into a WAV that is not silent, and logs it",
          "[speech][integration]") {
    TempDir dir;
    platform::SpeechOptions options;
    options.clips_root = std::string(MOTCUA_SOURCE_ASSETS) + "/audio";
    options.wav_dir = (dir.path / "speech").string();
    options.log_path = (dir.path / "speech.log").string();
    auto engine = platform::SpeechEngine::create(options);
    REQUIRE(engine.ok());
    const std::string shown = "Lệ phí: 8.000 ₫ mỗi bản";
    (*engine)->say({shown, "", core::speech::normalize(shown), "vi"});
    (*engine)->drain();
    auto lines = log_lines(dir.path / "speech.log");
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].size() == 6);
    CHECK(lines[0][0] == "say");
    CHECK(lines[0][1] == "-");
    CHECK(lines[0][2] == shown);
    CHECK(lines[0][4] == "espeak");
    auto samples = platform::load_wav(lines[0][3], (*engine)->sample_rate());
    REQUIRE(samples.ok());
    CHECK(samples->data.size() > static_cast<std::size_t>((*engine)->sample_rate()));  // > 1 s
    CHECK(platform::rms(samples->data) > SilenceFloor);
}

TEST_CASE("a recorded clip for the key is played instead of synthesis", "[speech][integration]") {
    TempDir dir;
    const std::string clips = std::string(MOTCUA_SOURCE_ASSETS) + "/audio";
    const std::string clip_path = clips + "/vi/attract.title.wav";
    REQUIRE(fs::exists(clip_path));
    platform::SpeechOptions options;
    options.clips_root = clips;
    options.wav_dir = (dir.path / "speech").string();
    options.log_path = (dir.path / "speech.log").string();
    auto engine = platform::SpeechEngine::create(options);
    REQUIRE(engine.ok());
    const std::string text = "Chào mừng bạn đến Bộ phận Một cửa";
    (*engine)->say({text, "attract.title", text, "vi"});
    (*engine)->say({text, "", text, "vi"});  // the same words without a key: synthesised
    (*engine)->say({"Welcome", "attract.title", "Welcome", "en"});  // no English clip
    (*engine)->drain();
    auto lines = log_lines(dir.path / "speech.log");
    REQUIRE(lines.size() == 3);
    CHECK(lines[0][1] == "attract.title");
    CHECK(lines[0][4] == "clip");
    CHECK(lines[1][4] == "espeak");
    CHECK(lines[2][4] == "espeak");

    const int rate = (*engine)->sample_rate();
    auto clip = platform::load_wav(clip_path, rate);
    auto played = platform::load_wav(lines[0][3], rate);
    auto synthesised = platform::load_wav(lines[1][3], rate);
    REQUIRE(clip.ok());
    REQUIRE(played.ok());
    REQUIRE(synthesised.ok());
    CHECK(played->data == clip->data);  // sample for sample the province's recording
    CHECK(synthesised->data != clip->data);
    CHECK(platform::rms(played->data) > SilenceFloor);
}

TEST_CASE("the first sample of a page comes well before the sentence is synthesised",
          "[speech][integration]") {
    TempDir dir;
    platform::SpeechOptions options;
    options.wav_dir = (dir.path / "speech").string();
    auto engine = platform::SpeechEngine::create(options);
    REQUIRE(engine.ok());
    const std::string text = core::speech::normalize(
        "Ngày hẹn trả kết quả: 09:00 04/12/2026. Mang theo CCCD và giấy chứng sinh bản chính.");
    (*engine)->stop();
    (*engine)->say({text, "", text, "vi"});
    (*engine)->drain();
    auto said = (*engine)->said();
    REQUIRE(said.size() == 1);
    CHECK(said[0].first_of_page);
    CHECK(said[0].ms_to_first >= 0);
    // No timing target here (bench/speech_bench.cpp measures it): only that samples streamed.
    auto samples = platform::load_wav(said[0].wav, (*engine)->sample_rate());
    REQUIRE(samples.ok());
    CHECK(samples->data.size() > 3u * static_cast<std::size_t>((*engine)->sample_rate()));
}

TEST_CASE("with an audio device, stop cuts off what is playing and what is queued",
          "[speech][integration]") {
    // SDL's dummy driver plays in real time into nothing: a device without a sound card.
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    platform::SpeechOptions options;
    auto engine = platform::SpeechEngine::create(options);
    REQUIRE(engine.ok());
    const std::string text = core::speech::normalize(
        "Bạn là người đi đăng ký hôm nay. Ghi đúng như trên thẻ căn cước, hoặc đưa mã QR trên "
        "thẻ căn cước vào máy quét để máy tự điền.");
    (*engine)->say({text, "", text, "vi"});
    (*engine)->say({text, "", text, "vi"});
    // Synthesis runs far ahead of playback: wait until the first sentence is all queued.
    for (int i = 0; i < 500 && (*engine)->said().empty(); ++i) SDL_Delay(10);
    REQUIRE((*engine)->said().size() >= 1);
    CHECK((*engine)->queued_samples() > static_cast<std::size_t>((*engine)->sample_rate()));
    (*engine)->stop();
    CHECK((*engine)->queued_samples() == 0);
    SDL_Delay(100);
    CHECK((*engine)->queued_samples() == 0);  // the second sentence was dropped too
    // And it speaks again after a stop.
    (*engine)->say({"Có", "answer.yes", "có", "vi"});
    for (int i = 0; i < 500 && (*engine)->queued_samples() == 0; ++i) SDL_Delay(5);
    CHECK((*engine)->queued_samples() > 0);
    engine->reset();
    SDL_Quit();
}
