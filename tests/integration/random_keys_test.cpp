// Idempotency keys and provisional codes come from the OS CSPRNG (platform::SystemRandom):
// a fleet of kiosks started the same morning must never draw the same key. A 32-bit seed for a
// user-space engine (what SystemRandom was) makes a million fresh starts collide ~116 times.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/filing/codes.h"
#include "platform/system/random.h"
#include "support/process.h"

using motcua::platform::SystemRandom;

namespace {

// Pearson's chi-square of observed counts against a uniform expectation.
double chi_square(const std::vector<long>& counts, long total) {
    const double expected = static_cast<double>(total) / static_cast<double>(counts.size());
    double sum = 0;
    for (long n : counts)
        sum += (static_cast<double>(n) - expected) * (static_cast<double>(n) - expected) / expected;
    return sum;
}

}  // namespace

TEST_CASE("a million keys, each from a freshly started random source, are all different",
          "[random]") {
    // One SystemRandom per key: what a million kiosk starts amount to.
    constexpr int Keys = 1'000'000;
    std::unordered_set<std::string> seen;
    seen.reserve(Keys);
    int duplicates = 0;
    for (int i = 0; i < Keys; ++i) {
        SystemRandom fresh;
        if (!seen.insert(motcua::core::make_idempotency_key(fresh)).second) ++duplicates;
    }
    CHECK(duplicates == 0);
}

TEST_CASE("a million keys from twenty fresh processes are all different and codes are uniform",
          "[random]") {
    constexpr int Processes = 20;
    constexpr int PerProcess = 50'000;
    std::unordered_set<std::string> keys;
    keys.reserve(Processes * PerProcess);
    // Counts per position of the provisional code, over its alphabet.
    std::vector<std::vector<long>> counts(motcua::core::ProvisionalCodeLength);
    for (std::size_t i = 0; i < counts.size(); ++i)
        counts[i].assign(i == 2 || i == 5 ? motcua::core::ProvisionalCodeDigits.size()
                                          : motcua::core::ProvisionalCodeLetters.size(),
                         0);
    long codes = 0;
    int duplicates = 0;
    for (int p = 0; p < Processes; ++p) {
        auto run = motcua::test::run_process(
            {MOTCUA_OUTBOX_SOAK, "--print-keys", std::to_string(PerProcess)});
        REQUIRE(run.exit_code == 0);
        std::istringstream lines(run.output);
        std::string key, code;
        int read = 0;
        while (lines >> key >> code) {
            ++read;
            if (!keys.insert(key).second) ++duplicates;
            REQUIRE(motcua::core::is_provisional_code(code));
            for (std::size_t i = 0; i < code.size(); ++i) {
                const std::string_view alphabet = i == 2 || i == 5
                                                      ? motcua::core::ProvisionalCodeDigits
                                                      : motcua::core::ProvisionalCodeLetters;
                ++counts[i][alphabet.find(code[i])];
            }
            ++codes;
        }
        REQUIRE(read == PerProcess);
    }
    CHECK(duplicates == 0);
    CHECK(keys.size() == static_cast<std::size_t>(Processes) * PerProcess);
    // Generous bounds (p < 1e-6 for a uniform source): 21 degrees of freedom for the 22 letters,
    // 7 for the 8 digits. A modulo-biased or stuck position lands far above them.
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double chi = chi_square(counts[i], codes);
        INFO("position " << i << ": chi-square " << chi);
        CHECK(chi < (counts[i].size() == 8 ? 45.0 : 75.0));
    }
}

TEST_CASE("below() is unbiased even for a bound just above 2^63", "[random]") {
    // With a plain modulo, values in [0, 2^64 - bound) = [0, 2^62) would come up twice as often:
    // half the draws instead of a third.
    SystemRandom random;
    const std::uint64_t bound = (std::uint64_t{1} << 63) + (std::uint64_t{1} << 62);
    int low = 0;
    constexpr int Draws = 20'000;
    for (int i = 0; i < Draws; ++i) {
        const std::uint64_t v = random.below(bound);
        REQUIRE(v < bound);
        if (v < (std::uint64_t{1} << 62)) ++low;
    }
    // Uniform: P(v < 2^62) = 1/3. Biased modulo: 1/2.
    CHECK(low > Draws * 0.30);
    CHECK(low < Draws * 0.37);
}
