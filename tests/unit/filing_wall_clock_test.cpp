#include <catch2/catch.hpp>

#include "core/filing/wall_clock.h"

using motcua::core::is_plausible_wall_clock;

TEST_CASE("a wall clock from a dead RTC battery or set years ahead is not believed",
          "[filing][clock]") {
    CHECK_FALSE(is_plausible_wall_clock(0));                // 1970-01-01, the usual dead RTC
    CHECK_FALSE(is_plausible_wall_clock(946'684'800'000));  // 2000-01-01
    CHECK_FALSE(is_plausible_wall_clock(-1));
    CHECK_FALSE(is_plausible_wall_clock(1'735'689'599'999));  // the last millisecond of 2024
    CHECK(is_plausible_wall_clock(1'735'689'600'000));        // 2025-01-01
    CHECK(is_plausible_wall_clock(1'796'112'000'000));        // late 2026
    CHECK_FALSE(is_plausible_wall_clock(4'102'444'800'000));  // 2100-01-01
}
