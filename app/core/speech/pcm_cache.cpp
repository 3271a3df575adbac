// The byte-bounded cache of synthesised audio (pcm_cache.h).
#include "core/speech/pcm_cache.h"

namespace motcua::core::speech {

std::string PcmCache::key_of(const SpokenText& utterance, int rate_wpm) {
    return utterance.language + '\x1f' + std::to_string(rate_wpm) + '\x1f' + utterance.spoken;
}

std::shared_ptr<const Pcm> PcmCache::find(const std::string& key) {
    auto it = m_entries.find(key);
    if (it == m_entries.end()) return nullptr;
    m_ages.splice(m_ages.begin(), m_ages, it->second.age);
    return it->second.pcm;
}

void PcmCache::put(const std::string& key, Pcm pcm) {
    const std::size_t bytes = pcm.size() * sizeof(std::int16_t);
    if (auto it = m_entries.find(key); it != m_entries.end()) drop(it);
    if (bytes == 0 || bytes > m_max_bytes / 4) return;
    m_ages.push_front(key);
    m_entries.emplace(key, Entry{std::make_shared<const Pcm>(std::move(pcm)), m_ages.begin()});
    m_bytes += bytes;
    while (m_bytes > m_max_bytes && !m_ages.empty()) drop(m_entries.find(m_ages.back()));
}

void PcmCache::drop(std::unordered_map<std::string, Entry>::iterator it) {
    m_bytes -= it->second.pcm->size() * sizeof(std::int16_t);
    m_ages.erase(it->second.age);
    m_entries.erase(it);
}

}  // namespace motcua::core::speech
