// The espeak-ng and recorded-clip speech adapter (speech_engine.h).
#include "platform/speech/speech_engine.h"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "platform/system/log.h"

namespace motcua::platform {

int espeak_samples(short* wav, int count, void* context);

namespace {

std::int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// What espeak-ng's callback needs (it runs on the worker thread, inside espeak_Synth).
struct SynthContext {
    SpeechEngine* engine = nullptr;
    const void* job = nullptr;
    void* said = nullptr;
    std::vector<std::int16_t>* recording = nullptr;
    std::vector<std::int16_t>* capture = nullptr;  // kept for the cache (device sink)
    bool stopped = false;
};

// espeak-ng's output rate for every voice (speak_lib.h); the device is opened at it before the
// worker has started espeak-ng.
constexpr int EspeakRate = 22050;
thread_local SynthContext* t_synth = nullptr;

int on_espeak_samples(short* wav, int count, espeak_EVENT*) {
    return espeak_samples(wav, count, t_synth);
}

void put_u32(std::FILE* file, std::uint32_t v) {
    unsigned char b[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
                          static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 24)};
    std::fwrite(b, 1, 4, file);
}
void put_u16(std::FILE* file, std::uint16_t v) {
    unsigned char b[2] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8)};
    std::fwrite(b, 1, 2, file);
}

// Tabs and newlines would break the log's columns.
std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return text;
}

// Once per process. Synchronous: samples come back through the callback on the calling (worker)
// thread, 20 ms at a time, so the first can play before the sentence is finished.
int espeak_once() {
    static std::once_flag once;
    static int rate = 0;
    std::call_once(once, [] {
        rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 20, nullptr, espeakINITIALIZE_DONT_EXIT);
    });
    return rate;
}

}  // namespace

int espeak_samples(short* wav, int count, void* context) {
    auto* synth = static_cast<SynthContext*>(context);
    if (!synth) return 0;  // the warm-up: nothing to deliver, let it run to the end
    if (wav == nullptr || count <= 0)
        return synth->engine->cancelled(*static_cast<const SpeechEngine::Job*>(synth->job)) ? 1 : 0;
    const bool more = synth->engine->deliver(
        *static_cast<const SpeechEngine::Job*>(synth->job), wav, static_cast<std::size_t>(count),
        *static_cast<SpeechEngine::Said*>(synth->said), synth->recording);
    if (!more) synth->stopped = true;
    if (more && synth->capture) synth->capture->insert(synth->capture->end(), wav, wav + count);
    return more ? 0 : 1;  // 1 asks espeak-ng to stop synthesising
}

core::Result<Samples> load_wav(const std::string& path, int rate) {
    SDL_AudioSpec spec{};
    Uint8* buffer = nullptr;
    Uint32 length = 0;
    if (!SDL_LoadWAV(path.c_str(), &spec, &buffer, &length))
        return core::make_error("clip_unreadable", path + ": " + SDL_GetError());
    SDL_AudioCVT cvt;
    const int built =
        SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, rate);
    if (built < 0) {
        SDL_FreeWAV(buffer);
        return core::make_error("clip_unconvertible", path + ": " + SDL_GetError());
    }
    std::vector<Uint8> work(static_cast<std::size_t>(length) *
                            static_cast<std::size_t>(std::max(1, cvt.len_mult)));
    std::copy(buffer, buffer + length, work.begin());
    SDL_FreeWAV(buffer);
    cvt.buf = work.data();
    cvt.len = static_cast<int>(length);
    if (built > 0 && SDL_ConvertAudio(&cvt) != 0)
        return core::make_error("clip_unconvertible", path + ": " + SDL_GetError());
    const std::size_t bytes = built > 0 ? static_cast<std::size_t>(cvt.len_cvt) : length;
    Samples samples{rate, std::vector<std::int16_t>(bytes / 2)};
    std::memcpy(samples.data.data(), work.data(), samples.data.size() * 2);
    return samples;
}

core::Status save_wav(const std::string& path, const Samples& samples) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) return core::make_error("wav_unwritable", path);
    const auto data_bytes = static_cast<std::uint32_t>(samples.data.size() * 2);
    std::fwrite("RIFF", 1, 4, file);
    put_u32(file, 36 + data_bytes);
    std::fwrite("WAVEfmt ", 1, 8, file);
    put_u32(file, 16);
    put_u16(file, 1);  // PCM
    put_u16(file, 1);  // mono
    put_u32(file, static_cast<std::uint32_t>(samples.rate));
    put_u32(file, static_cast<std::uint32_t>(samples.rate) * 2);
    put_u16(file, 2);
    put_u16(file, 16);
    std::fwrite("data", 1, 4, file);
    put_u32(file, data_bytes);
    for (std::int16_t s : samples.data) put_u16(file, static_cast<std::uint16_t>(s));
    const bool ok = std::fclose(file) == 0;
    if (!ok) return core::make_error("wav_unwritable", path);
    return core::Ok{};
}

double rms(const std::vector<std::int16_t>& samples) {
    if (samples.empty()) return 0;
    double sum = 0;
    for (std::int16_t s : samples) sum += static_cast<double>(s) * s;
    return std::sqrt(sum / static_cast<double>(samples.size()));
}

SpeechEngine::SpeechEngine(SpeechOptions options)
    : m_options(std::move(options)), m_cache(m_options.cache_bytes) {}

core::Result<std::unique_ptr<SpeechEngine>> SpeechEngine::create(SpeechOptions options) {
    std::unique_ptr<SpeechEngine> engine(new SpeechEngine(std::move(options)));
    const SpeechOptions& o = engine->m_options;
    engine->m_rate = EspeakRate;
    if (!o.wav_dir.empty()) {
        std::error_code error;
        std::filesystem::create_directories(o.wav_dir, error);
        if (error)
            return core::make_error("speech_log_unwritable", o.wav_dir + ": " + error.message());
    } else {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
            return core::make_error("speech_no_audio", std::string("SDL audio: ") + SDL_GetError());
        SDL_AudioSpec want{};
        want.freq = engine->m_rate;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 512;  // about 23 ms at 22 050 Hz: the first sound comes quickly
        SDL_AudioSpec have{};
        engine->m_device = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
        if (engine->m_device == 0)
            return core::make_error("speech_no_audio",
                                    std::string("no audio output: ") + SDL_GetError());
        SDL_PauseAudioDevice(engine->m_device, 0);
    }
    if (!o.log_path.empty()) {
        engine->m_log = std::fopen(o.log_path.c_str(), "w");
        if (!engine->m_log) return core::make_error("speech_log_unwritable", o.log_path);
    }
    engine->m_thread = std::thread([raw = engine.get()] { raw->run(); });
    return engine;
}

core::Status SpeechEngine::wait_until_ready() {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [&] { return m_ready; });
    return m_started;
}

void SpeechEngine::start_worker() {
    // A higher priority for the voice than for whatever else keeps the machine busy. Lowering
    // the nice value needs RLIMIT_NICE (systemd: LimitNICE=) or CAP_SYS_NICE; without them the
    // worker runs at the normal priority and the cache and warm-up must do.
    if (m_options.nice != 0 &&
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), m_options.nice) != 0)
        log_info("speech_priority", std::string("the voice runs at the normal priority (nice ") +
                                        std::to_string(m_options.nice) + ": " +
                                        std::strerror(errno) + ")");
    core::Status started = core::Ok{};
    if (m_options.synthesise) {
        const int rate = espeak_once();
        if (rate <= 0) {
            started = core::make_error("speech_unavailable",
                                       "espeak-ng did not start (is espeak-ng-data installed?)");
        } else if (rate != EspeakRate) {
            started = core::make_error("speech_unavailable",
                                       "espeak-ng speaks at " + std::to_string(rate) + " Hz, not " +
                                           std::to_string(EspeakRate));
        } else {
            espeak_SetSynthCallback(on_espeak_samples);
            if (espeak_SetVoiceByName("vi") != EE_OK) {
                started = core::make_error("speech_unavailable",
                                           "espeak-ng has no Vietnamese voice 'vi'");
            } else {
                m_voice_language = "vi";
                espeak_SetParameter(espeakRATE, m_options.rate_wpm, 0);
                // Warm-up: the first synthesis reads the voice's tables and dictionary from
                // disk; done here, the resident's first page does not pay for it. Nothing is
                // delivered (no context: the callback drops the samples).
                const char warm[] = "Xin chào.";
                t_synth = nullptr;
                espeak_Synth(warm, sizeof warm, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
                             nullptr);
                m_can_synthesise = true;
            }
        }
        if (!started) log_error(started.error().code, started.error().detail);
    }
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    std::lock_guard lock(m_mutex);
    m_worker_nice = nice;
    m_started = std::move(started);
    m_ready = true;
    m_idle.notify_all();
}

SpeechEngine::~SpeechEngine() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
        if (m_options.wav_dir.empty()) {
            m_queue.clear();
            ++m_generation;
        }
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
    if (m_device) {
        SDL_CloseAudioDevice(m_device);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    // espeak-ng stays initialised for the process: espeak-ng 1.51 hangs in espeak_Terminate once
    // it has been initialised a second time, and the kiosk has one voice for its whole life.
    if (m_log) std::fclose(m_log);
}

void SpeechEngine::say(const core::SpokenText& utterance) {
    {
        std::lock_guard lock(m_mutex);
        const bool first = m_stopped_since_last || (m_queue.empty() && !m_busy);
        m_stopped_since_last = false;
        m_queue.push_back(Job{utterance, m_generation, steady_ns(), first});
    }
    m_wake.notify_one();
}

void SpeechEngine::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopped_since_last = true;
        if (m_log) {
            std::fputs("stop\n", m_log);
            std::fflush(m_log);
        }
        // The headless sink records everything it was asked to say; a device goes quiet now.
        if (!m_options.wav_dir.empty()) return;
        ++m_generation;
        m_queue.clear();
        if (m_device) SDL_ClearQueuedAudio(m_device);
    }
}

void SpeechEngine::drain() {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [&] { return m_ready && m_queue.empty() && !m_busy; });
    lock.unlock();
    // A device: until the last queued sample has played.
    while (m_device && SDL_GetQueuedAudioSize(m_device) > 0) SDL_Delay(10);
}

std::vector<SpeechEngine::Said> SpeechEngine::said() const {
    std::lock_guard lock(m_mutex);
    return m_said;
}

std::uint64_t SpeechEngine::said_count() const {
    std::lock_guard lock(m_mutex);
    return m_said_count;
}

std::optional<SpeechEngine::Said> SpeechEngine::first_of_page_after(std::uint64_t number) const {
    std::lock_guard lock(m_mutex);
    if (m_said_count <= number) return std::nullopt;
    for (const Said& one : m_said)
        if (one.number > number && one.first_of_page && one.ms_to_first >= 0) return one;
    return std::nullopt;
}

std::size_t SpeechEngine::queued_samples() const {
    return m_device ? SDL_GetQueuedAudioSize(m_device) / sizeof(std::int16_t) : 0;
}

bool SpeechEngine::cancelled(const Job& job) const {
    std::lock_guard lock(m_mutex);
    return job.generation != m_generation || (m_quit && m_options.wav_dir.empty());
}

void SpeechEngine::run() {
    start_worker();
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_busy = false;
            m_idle.notify_all();
            m_wake.wait(lock, [&] { return m_quit || !m_queue.empty(); });
            if (m_queue.empty()) return;  // quitting with nothing left
            job = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
        }
        speak(job);
    }
}

bool SpeechEngine::deliver(const Job& job, const std::int16_t* samples, std::size_t count,
                           Said& said, std::vector<std::int16_t>* recording) {
    // Checked and queued under the lock that stop() takes: no piece of a stopped utterance
    // reaches the device after stop() has cleared it.
    std::lock_guard lock(m_mutex);
    if (job.generation != m_generation || (m_quit && m_options.wav_dir.empty())) return false;
    if (said.ms_to_first < 0)
        said.ms_to_first = static_cast<double>(steady_ns() - job.requested_ns) / 1e6;
    if (recording) {
        recording->insert(recording->end(), samples, samples + count);
    } else if (m_device) {
        SDL_QueueAudio(m_device, samples, static_cast<Uint32>(count * sizeof(std::int16_t)));
    }
    return true;
}

void SpeechEngine::speak(const Job& job) {
    if (cancelled(job)) return;
    Said said{job.utterance, false, {}, -1, job.first_of_page};
    const bool headless = !m_options.wav_dir.empty();
    std::vector<std::int16_t> recording;
    std::vector<std::int16_t>* record = headless ? &recording : nullptr;
    const core::SpokenText& u = job.utterance;

    // A province's recorded clip for this key replaces synthesis.
    bool done = false;
    if (!u.key.empty() && !m_options.clips_root.empty()) {
        const std::string path = m_options.clips_root + "/" + u.language + "/" + u.key + ".wav";
        std::error_code error;
        if (std::filesystem::exists(path, error)) {
            auto clip = load_wav(path, m_rate);
            if (clip) {
                said.clip = true;
                done = true;
                // In pieces, so a tap can stop it between two.
                const std::size_t piece = static_cast<std::size_t>(m_rate) / 50;
                for (std::size_t at = 0; at < clip->data.size(); at += piece)
                    if (!deliver(job, clip->data.data() + at,
                                 std::min(piece, clip->data.size() - at), said, record))
                        break;
            } else {
                log_error(clip.error().code, clip.error().detail + " (synthesised instead)");
            }
        }
    }
    if (!done && m_can_synthesise && !u.spoken.empty()) {
        const std::string language = u.language == "en" ? "en" : "vi";
        const bool keep = u.fixed && m_cache.max_bytes() > 0;
        const std::string cache_key =
            keep ? core::speech::PcmCache::key_of(u, m_options.rate_wpm) : std::string();
        if (auto hit = keep ? m_cache.find(cache_key) : nullptr) {
            // Said before: replayed at once, in pieces of a second so a tap can stop it between.
            said.cached = true;
            const std::size_t piece = static_cast<std::size_t>(m_rate);
            for (std::size_t at = 0; at < hit->size(); at += piece)
                if (!deliver(job, hit->data() + at, std::min(piece, hit->size() - at), said,
                             record))
                    break;
        } else {
            if (language != m_voice_language && espeak_SetVoiceByName(language.c_str()) == EE_OK) {
                m_voice_language = language;
                espeak_SetParameter(espeakRATE, m_options.rate_wpm, 0);
            }
            std::vector<std::int16_t> captured;
            SynthContext context{this, &job, &said, record, keep && !record ? &captured : nullptr,
                                 false};
            t_synth = &context;
            const espeak_ERROR result =
                espeak_Synth(u.spoken.c_str(), u.spoken.size() + 1, 0, POS_CHARACTER, 0,
                             espeakCHARS_UTF8, nullptr, nullptr);
            t_synth = nullptr;
            // Only whole utterances are kept: one cut off by a tap is synthesised again.
            if (keep && result == EE_OK && !context.stopped && !cancelled(job))
                m_cache.put(cache_key, record ? recording : std::move(captured));
        }
    }

    if (headless) {
        char name[32];
        std::snprintf(name, sizeof name, "%04d.wav", ++m_wav_count);
        said.wav = m_options.wav_dir + "/" + name;
        if (auto saved = save_wav(said.wav, Samples{m_rate, recording}); !saved)
            log_error(saved.error().code, saved.error().detail);
    }
    std::lock_guard lock(m_mutex);
    if (m_log) {
        std::fprintf(m_log, "say\t%s\t%s\t%s\t%s\t%.1f\n", u.key.empty() ? "-" : u.key.c_str(),
                     one_line(u.text).c_str(), said.wav.c_str(), said.clip ? "clip" : "espeak",
                     said.ms_to_first);
        std::fflush(m_log);
    }
    said.number = ++m_said_count;
    m_said.push_back(std::move(said));
    if (m_said.size() > 256) m_said.erase(m_said.begin());
}

}  // namespace motcua::platform
