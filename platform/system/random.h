// The Random port backed by the operating system's CSPRNG (getrandom(2)), read directly for
// every draw: no user-space engine, so no seed to collide across a fleet of kiosks restarted the
// same morning (a 32-bit std::random_device seed did). Idempotency keys and provisional codes
// come from here.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/ports.h"

namespace motcua::platform {

// Fills `size` bytes from getrandom(2), retrying on EINTR and short reads. The kernel's pool is
// initialised once at boot; getrandom blocks only before that. Aborts when the call is not
// available at all (a kernel older than 3.17): a kiosk must never make keys from less.
void system_random_bytes(void* out, std::size_t size);

class SystemRandom final : public core::Random {
public:
    // Uniform in [0, bound) without modulo bias: 64-bit draws above the largest multiple of
    // `bound` are rejected and drawn again. bound 0 or 1 gives 0.
    std::uint64_t below(std::uint64_t bound) override;
};

// [seed] A seeded, fully deterministic Random for headless script runs only (`motcua --headless
// --seed N`): the same seed draws the same provisional codes and idempotency keys on every run
// and every machine, so two runs of one script give byte-identical receipt screenshots. It is
// SplitMix64 (Steele, Lea and Flood 2014), fixed here rather than a standard engine behind a
// standard distribution, whose outputs the library may change. Never for a kiosk: a fleet
// started with one seed would draw one key.
class DeterministicRandom final : public core::Random {
public:
    explicit DeterministicRandom(std::uint64_t seed) : m_state(seed) {}
    // Uniform in [0, bound), rejecting like SystemRandom. bound 0 or 1 gives 0 (and draws nothing).
    std::uint64_t below(std::uint64_t bound) override;

private:
    std::uint64_t next();
    std::uint64_t m_state;
};
// [/seed]

}  // namespace motcua::platform
