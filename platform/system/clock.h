// The system's wall clock in Unix milliseconds (UTC), for the platform's threads. The core gets
// time through the Clock port instead.
#pragma once

#include <chrono>
#include <cstdint>

namespace motcua::platform {

inline std::int64_t system_wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Milliseconds on the monotonic clock (never jumps with the wall clock): retry timers and
// schedules use it, so a wall clock set back to 1970 or forward a year changes no delay.
inline std::int64_t system_monotonic_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace motcua::platform
