// The Random port backed by the system's entropy (one engine per instance: one per thread).
#pragma once

#include <random>

#include "core/ports.h"

namespace motcua::platform {

class SystemRandom final : public core::Random {
public:
    std::uint64_t below(std::uint64_t bound) override {
        return std::uniform_int_distribution<std::uint64_t>(0, bound - 1)(m_engine);
    }

private:
    std::mt19937_64 m_engine{std::random_device{}()};
};

}  // namespace motcua::platform
