// Synthesised audio kept for texts said again (the same heading, question and choices on every
// visit), so a repeated page plays at once instead of waiting for the synthesiser. Bounded in
// bytes; the least recently used entries go first. Only SpokenText::fixed texts belong here:
// nothing a resident typed, scanned or chose. Not thread-safe: one owner (the speech worker).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/ports.h"

namespace motcua::core::speech {

using Pcm = std::vector<std::int16_t>;

class PcmCache {
public:
    explicit PcmCache(std::size_t max_bytes) : m_max_bytes(max_bytes) {}

    // What identifies the audio of an utterance: its language, rate and the words spoken.
    static std::string key_of(const SpokenText& utterance, int rate_wpm);

    // The audio kept for `key`, or null; a hit becomes the most recently used.
    std::shared_ptr<const Pcm> find(const std::string& key);
    // Keeps `pcm` for `key` (replacing what was there), then drops the least recently used
    // entries until the total fits. Audio larger than a quarter of the bound is not kept: one
    // long text must not push out every heading.
    void put(const std::string& key, Pcm pcm);

    std::size_t bytes() const { return m_bytes; }
    std::size_t size() const { return m_entries.size(); }
    std::size_t max_bytes() const { return m_max_bytes; }

private:
    struct Entry {
        std::shared_ptr<const Pcm> pcm;
        std::list<std::string>::iterator age;
    };
    void drop(std::unordered_map<std::string, Entry>::iterator it);

    std::size_t m_max_bytes;
    std::size_t m_bytes = 0;
    std::list<std::string> m_ages;  // most recently used first
    std::unordered_map<std::string, Entry> m_entries;
};

}  // namespace motcua::core::speech
