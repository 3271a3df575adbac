// A Random for session tests: start, start + step, start + 2·step, ... modulo the bound. Codes
// and keys then differ from each other and are the same on every run.
#pragma once

#include <cstdint>

#include "core/ports.h"

namespace motcua::test {

class SteppingRandom final : public core::Random {
public:
    explicit SteppingRandom(std::uint64_t start = 3, std::uint64_t step = 7)
        : m_next(start), m_step(step) {}
    std::uint64_t below(std::uint64_t bound) override { return (m_next += m_step) % bound; }

private:
    std::uint64_t m_next;
    std::uint64_t m_step;
};

}  // namespace motcua::test
