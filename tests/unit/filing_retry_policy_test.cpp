#include <catch2/catch.hpp>
#include <limits>

#include "core/filing/retry_policy.h"

using namespace motcua::core;

namespace {

// Answers the lowest or highest value allowed, and remembers the last bound it was asked for.
class EdgeRandom final : public Random {
public:
    explicit EdgeRandom(bool highest) : m_highest(highest) {}
    std::uint64_t below(std::uint64_t bound) override {
        last_bound = bound;
        return m_highest ? bound - 1 : 0;
    }
    std::uint64_t last_bound = 0;

private:
    bool m_highest;
};

std::int64_t expected_ceiling(int attempt) {
    // base 2000 · 2^attempt, capped at 300000: 2000, 4000, ... 256000, then 300000.
    std::int64_t ceiling = 2000;
    for (int i = 0; i < attempt && ceiling < 300000; ++i) ceiling *= 2;
    return std::min<std::int64_t>(ceiling, 300000);
}

}  // namespace

TEST_CASE("full jitter spans zero to min(cap, base times 2^attempt) for attempts 0 to 40",
          "[filing][retry]") {
    const RetryPolicy policy;
    EdgeRandom low(false);
    EdgeRandom high(true);
    for (int attempt = 0; attempt <= 40; ++attempt) {
        CAPTURE(attempt);
        CHECK(next_delay_ms(policy, attempt, std::nullopt, low) == 0);
        CHECK(next_delay_ms(policy, attempt, std::nullopt, high) == expected_ceiling(attempt));
        // The window is inclusive: the Random is asked for [0, ceiling + 1).
        CHECK(high.last_bound == static_cast<std::uint64_t>(expected_ceiling(attempt)) + 1);
    }
    CHECK(backoff_ceiling_ms(policy, 0) == 2000);
    CHECK(backoff_ceiling_ms(policy, 7) == 256000);
    CHECK(backoff_ceiling_ms(policy, 8) == 300000);
}

TEST_CASE("huge attempt counts and policies do not overflow", "[filing][retry]") {
    EdgeRandom high(true);
    const int attempt = GENERATE(62, 63, 64, 1000, std::numeric_limits<int>::max());
    CAPTURE(attempt);
    SECTION("default policy stays at the cap") {
        CHECK(next_delay_ms(RetryPolicy{}, attempt, std::nullopt, high) == 300000);
    }
    SECTION("a cap near the int64 limit is reached without wrapping") {
        const RetryPolicy wide{1, std::numeric_limits<std::int64_t>::max() - 1};
        const std::int64_t ceiling = backoff_ceiling_ms(wide, attempt);
        CHECK(ceiling > 0);
        CHECK(ceiling <= wide.cap_ms);
        if (attempt >= 63) CHECK(ceiling == wide.cap_ms);
    }
}

TEST_CASE("odd policies and negative attempts give sane windows", "[filing][retry]") {
    EdgeRandom high(true);
    CHECK(next_delay_ms(RetryPolicy{2000, 300000}, -5, std::nullopt, high) == 2000);
    CHECK(next_delay_ms(RetryPolicy{0, 300000}, 3, std::nullopt, high) == 0);
    CHECK(next_delay_ms(RetryPolicy{-10, -10}, 3, std::nullopt, high) == 0);
    // A base above the cap is held to the cap.
    CHECK(next_delay_ms(RetryPolicy{500000, 300000}, 0, std::nullopt, high) == 300000);
}

TEST_CASE("a Retry-After from the server is a floor for the delay", "[filing][retry]") {
    const RetryPolicy policy;
    EdgeRandom low(false);
    EdgeRandom high(true);

    SECTION("the jitter may not go below it") {
        CHECK(next_delay_ms(policy, 0, 30, low) == 30000);
        CHECK(next_delay_ms(policy, 0, 1, low) == 1000);
    }
    SECTION("a longer jitter still wins") {
        CHECK(next_delay_ms(policy, 10, 30, high) == 300000);
    }
    SECTION("it is honoured even above the cap") {
        CHECK(next_delay_ms(policy, 0, 900, low) == 900000);
    }
    SECTION("it is clamped to one hour") {
        CHECK(next_delay_ms(policy, 0, 86400, low) == MaxRetryAfterMs);
        CHECK(next_delay_ms(policy, 0, std::numeric_limits<int>::max(), high) == 3600000);
    }
    SECTION("zero or negative values are ignored") {
        CHECK(next_delay_ms(policy, 0, 0, low) == 0);
        CHECK(next_delay_ms(policy, 0, -20, low) == 0);
    }
}

TEST_CASE("a Retry-After header is read as seconds and a huge one is clamped, not ignored",
          "[filing][retry]") {
    using motcua::core::parse_retry_after;
    CHECK(parse_retry_after("120") == 120);
    CHECK(parse_retry_after(" 7\r\n") == 7);
    CHECK(parse_retry_after("0") == 0);
    CHECK(parse_retry_after("3600") == 3600);
    CHECK(parse_retry_after("3601") == 3600);
    CHECK(parse_retry_after("99999999999") == 3600);  // overflowed std::stoi: was ignored
    CHECK(parse_retry_after(std::string(400, '9')) == 3600);
    CHECK_FALSE(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT").has_value());
    CHECK_FALSE(parse_retry_after("-5").has_value());
    CHECK_FALSE(parse_retry_after("12abc").has_value());
    CHECK_FALSE(parse_retry_after("").has_value());
}
