#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "core/filing/codes.h"

using namespace motcua::core;

namespace {

// Always answers the lowest or the highest value allowed.
class EdgeRandom final : public Random {
public:
    explicit EdgeRandom(bool highest) : m_highest(highest) {}
    std::uint64_t below(std::uint64_t bound) override { return m_highest ? bound - 1 : 0; }

private:
    bool m_highest;
};

// SplitMix64: deterministic, well spread, enough for statistics in a test.
class SeededRandom final : public Random {
public:
    explicit SeededRandom(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t below(std::uint64_t bound) override {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return (z ^ (z >> 31)) % bound;
    }

private:
    std::uint64_t m_state;
};

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

}  // namespace

TEST_CASE("the provisional code alphabet has 22 letters without I, O, Q and digits 2 to 9",
          "[filing][codes]") {
    CHECK(ProvisionalCodeLetters.size() == 22);
    CHECK(ProvisionalCodeDigits == "23456789");
    for (char banned : std::string("IOQZ01")) {
        CHECK(ProvisionalCodeLetters.find(banned) == std::string_view::npos);
        CHECK(ProvisionalCodeDigits.find(banned) == std::string_view::npos);
    }
    const std::set<char> distinct(ProvisionalCodeLetters.begin(), ProvisionalCodeLetters.end());
    CHECK(distinct.size() == 22);
}

TEST_CASE("a provisional code has digits at positions 3 and 6 and letters elsewhere",
          "[filing][codes]") {
    SECTION("lowest choices") {
        EdgeRandom random(false);
        CHECK(make_provisional_code(random) == "AA2AA2AA");
    }
    SECTION("highest choices") {
        EdgeRandom random(true);
        CHECK(make_provisional_code(random) == "YY9YY9YY");
    }
}

TEST_CASE("10,000 generated provisional codes are all valid and use no I, O, Q, 0 or 1",
          "[filing][codes]") {
    SeededRandom random(20260310);
    std::set<std::string> seen;
    std::set<char> letters_used;
    std::set<char> digits_used;
    for (int i = 0; i < 10000; ++i) {
        const std::string code = make_provisional_code(random);
        REQUIRE(code.size() == 8);
        REQUIRE(is_provisional_code(code));
        REQUIRE(code.find_first_of("IOQ01") == std::string::npos);
        for (std::size_t p = 0; p < code.size(); ++p) {
            if (p == 2 || p == 5) {
                REQUIRE(ProvisionalCodeDigits.find(code[p]) != std::string_view::npos);
                digits_used.insert(code[p]);
            } else {
                REQUIRE(ProvisionalCodeLetters.find(code[p]) != std::string_view::npos);
                letters_used.insert(code[p]);
            }
        }
        seen.insert(code);
    }
    // Every symbol of each alphabet shows up, and 7·10^9 possible codes make repeats unlikely.
    CHECK(letters_used.size() == 22);
    CHECK(digits_used.size() == 8);
    CHECK(seen.size() >= 9990);
}

TEST_CASE("a provisional code typed by a person is accepted in lowercase, spaced or dashed",
          "[filing][codes]") {
    const std::string typed =
        GENERATE(as<std::string>{}, "KD4MX7PA", "kd4mx7pa", "KD4 MX7 PA", "kd4-mx7-pa",
                 " KD4-mx7 pa ", "KD4\xE2\x80\x93MX7\xC2\xA0PA");
    CAPTURE(typed);
    CHECK(is_provisional_code(typed));
    CHECK(normalise_code_input(typed) == "KD4MX7PA");
}

TEST_CASE("malformed provisional codes are refused", "[filing][codes]") {
    const std::string typed =
        GENERATE(as<std::string>{}, "", "KD4MX7P", "KD4MX7PAB", "KDAMX7PA", "KD4MXAPA", "KD1MX7PA",
                 "KD0MX7PA", "ID4MX7PA", "KO4MX7PA", "KQ4MX7PA", "KD4MX7PZ", "KD4MX7P\xC3\x81",
                 "KD4_MX7_PA", "KD4.MX7.PA");
    CAPTURE(typed);
    CHECK_FALSE(is_provisional_code(typed));
}

TEST_CASE("normalising code input keeps other characters so they can be refused",
          "[filing][codes]") {
    CHECK(normalise_code_input("ab_c.d") == "AB_C.D");
    CHECK(normalise_code_input("\xC3\xA1") == "\xC3\xA1");  // á stays as it is
    CHECK(normalise_code_input(" - \t") == "");
}

TEST_CASE("an idempotency key is UUID version 4 text", "[filing][codes]") {
    SECTION("shape, version and variant on random input") {
        SeededRandom random(7);
        std::set<std::string> keys;
        for (int i = 0; i < 1000; ++i) {
            const std::string key = make_idempotency_key(random);
            REQUIRE(key.size() == 36);
            for (std::size_t p = 0; p < key.size(); ++p) {
                if (p == 8 || p == 13 || p == 18 || p == 23) {
                    REQUIRE(key[p] == '-');
                } else {
                    REQUIRE(is_hex(key[p]));
                }
            }
            REQUIRE(key[14] == '4');
            REQUIRE(std::string("89ab").find(key[19]) != std::string::npos);
            keys.insert(key);
        }
        CHECK(keys.size() == 1000);
    }
    SECTION("all bits zero or all bits one still give a valid v4 UUID") {
        EdgeRandom low(false);
        CHECK(make_idempotency_key(low) == "00000000-0000-4000-8000-000000000000");
        EdgeRandom high(true);
        CHECK(make_idempotency_key(high) == "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }
}
