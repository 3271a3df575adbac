#include "platform/system/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace motcua::platform {

void system_random_bytes(void* out, std::size_t size) {
    auto* bytes = static_cast<unsigned char*>(out);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = getrandom(bytes + done, size - done, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            std::fprintf(stderr, "motcua: getrandom failed: %s\n", std::strerror(errno));
            std::abort();
        }
        done += static_cast<std::size_t>(got);
    }
}

std::uint64_t SystemRandom::below(std::uint64_t bound) {
    if (bound <= 1) return 0;
    // 2^64 mod bound, computed without overflow: values below it would make the low residues
    // more likely, so they are drawn again (at most half of all draws, for bound > 2^63).
    const std::uint64_t reject_below = (0 - bound) % bound;
    while (true) {
        std::uint64_t value = 0;
        system_random_bytes(&value, sizeof value);
        if (value >= reject_below) return value % bound;
    }
}

// [seed]
std::uint64_t DeterministicRandom::next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t DeterministicRandom::below(std::uint64_t bound) {
    if (bound <= 1) return 0;
    const std::uint64_t reject_below = (0 - bound) % bound;
    while (true) {
        const std::uint64_t value = next();
        if (value >= reject_below) return value % bound;
    }
}
// [/seed]

}  // namespace motcua::platform
