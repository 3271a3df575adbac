// What every libFuzzer target shares: an invariant that does not hold stops the run with a crash
// libFuzzer records (a reproducer in artifacts/), even in builds without assertions.
#pragma once

namespace motcua::fuzz {

inline void check(bool invariant) {
    if (!invariant) __builtin_trap();
}

}  // namespace motcua::fuzz
