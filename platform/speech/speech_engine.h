// The speech port's adapter: espeak-ng (Debian's libespeak-ng, Vietnamese voice "vi") for
// everything, and a province's recorded clips (assets/audio/<language>/<i18n key>.wav) for any
// key that has one. Synthesis and playback run on a worker thread; the caller never waits.
//
// So that the first sample of a page comes quickly even on a busy machine, the worker
//   - starts espeak-ng itself and warms it up (the voice loaded, a short phrase synthesised)
//     while the kiosk starts, so neither start-up nor the first page waits for it;
//   - keeps the synthesised audio of fixed texts (SpokenText::fixed: prompts, headings,
//     questions, choices; never answers or codes) in a cache bounded in bytes, and replays it;
//   - asks for a higher scheduling priority (nice -10), which an unprivileged process only gets
//     when its RLIMIT_NICE allows it (systemd's LimitNICE=-10); otherwise it runs at the normal
//     priority and says so once in the log.
//
// Two sinks. With an audio device: samples are queued to SDL as espeak-ng produces them, so the
// first one plays while the rest is synthesised. Headless (a WAV folder): every utterance is
// written whole as <wav_dir>/NNNN.wav and logged, one line each, in the speech log:
//   say <TAB> key or "-" <TAB> text as shown <TAB> wav path <TAB> clip|espeak <TAB> ms to first
//   sample stop
// The headless sink records everything asked for (a "stop" line marks where a tap cut it off),
// so tests can assert what the kiosk said.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/ports.h"
#include "core/result.h"
#include "core/speech/pcm_cache.h"

namespace motcua::platform {

struct SpeechOptions {
    std::string clips_root;  // holds vi/<key>.wav and en/<key>.wav; "" = no clips
    bool synthesise = true;  // false: recorded clips only
    int rate_wpm = 150;      // a little slower than espeak-ng's 175: elderly listeners
    // Headless: no audio device; WAV files and a log instead. Both empty: the audio device.
    std::string wav_dir;
    std::string log_path;
    std::size_t cache_bytes = 16u << 20;  // about 6 minutes of audio; 0: no cache
    int nice = -10;                       // asked for the worker thread; 0: leave it
};

// Mono 16-bit samples at `rate` Hz.
struct Samples {
    int rate = 0;
    std::vector<std::int16_t> data;
};

// A WAV file's samples, converted to mono 16-bit at `rate` (SDL_LoadWAV and SDL's converter).
core::Result<Samples> load_wav(const std::string& path, int rate);
// Writes mono 16-bit samples as a WAV file.
core::Status save_wav(const std::string& path, const Samples& samples);
// Root mean square of the samples, 0..32767.
double rms(const std::vector<std::int16_t>& samples);

class SpeechEngine final : public core::Speech {
public:
    // Opens the audio device or the headless sink and starts the worker, which starts
    // espeak-ng (when synthesising) without making the caller wait.
    static core::Result<std::unique_ptr<SpeechEngine>> create(SpeechOptions options);
    // Blocks until the worker has started espeak-ng: its error when the voice cannot speak.
    // For callers that must not run without a voice (--voice espeak) and for the bench.
    core::Status wait_until_ready();
    ~SpeechEngine() override;
    SpeechEngine(const SpeechEngine&) = delete;
    SpeechEngine& operator=(const SpeechEngine&) = delete;

    void say(const core::SpokenText& utterance) override;
    void stop() override;
    // Blocks until everything queued has been said (headless: written). Tests and shutdown.
    void drain();

    struct Said {
        core::SpokenText utterance;
        bool clip = false;
        std::string wav;             // headless only
        double ms_to_first = -1;     // from say() to the first sample reaching the sink
        bool first_of_page = false;  // said first after a stop or a quiet spell
        bool cached = false;         // replayed from the cache, not synthesised again
        std::uint64_t number = 0;    // counts every utterance said since create(), from 1
    };
    // What was said so far (the last 256), oldest first. For the bench and tests.
    std::vector<Said> said() const;
    // The number of the last utterance said (0: none yet), and the first utterance after
    // `number` that began a page, if said yet. Cheap, for polling every frame (the bench):
    // copying said() under the lock each frame would hold up the worker.
    std::uint64_t said_count() const;
    std::optional<Said> first_of_page_after(std::uint64_t number) const;
    int sample_rate() const { return m_rate; }
    // The worker thread's nice value once started (lower runs first); for the bench.
    int worker_nice() const {
        std::lock_guard lock(m_mutex);
        return m_worker_nice;
    }
    // Samples waiting in the audio device's queue (0 headless).
    std::size_t queued_samples() const;

private:
    explicit SpeechEngine(SpeechOptions options);
    struct Job {
        core::SpokenText utterance;
        std::uint64_t generation = 0;
        std::int64_t requested_ns = 0;
        bool first_of_page = false;
    };
    void run();
    void speak(const Job& job);
    // Hands samples to the sink; false when the job was stopped meanwhile.
    bool deliver(const Job& job, const std::int16_t* samples, std::size_t count, Said& said,
                 std::vector<std::int16_t>* recording);
    bool cancelled(const Job& job) const;
    // On the worker: espeak-ng started, the voice loaded and warmed up; the priority asked for.
    void start_worker();
    friend int espeak_samples(short* wav, int count, void* context);

    SpeechOptions m_options;
    int m_rate = 22050;
    std::uint32_t m_device = 0;  // SDL_AudioDeviceID; 0 headless
    std::string m_voice_language;
    int m_wav_count = 0;
    core::speech::PcmCache m_cache;  // the worker's alone
    bool m_can_synthesise = false;   // the worker's alone, once started

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Job> m_queue;
    bool m_busy = false;
    bool m_quit = false;
    bool m_stopped_since_last = true;
    bool m_ready = false;                // the worker has started (or failed to start) espeak-ng
    core::Status m_started{core::Ok{}};  // and how that went
    int m_worker_nice = 0;
    std::uint64_t m_generation = 0;
    std::vector<Said> m_said;
    std::uint64_t m_said_count = 0;
    std::FILE* m_log = nullptr;
    std::thread m_thread;
};

}  // namespace motcua::platform
