// [voice] The byte-bounded cache of synthesised audio (core/speech/pcm_cache.h).
#include <catch2/catch.hpp>

#include "core/speech/pcm_cache.h"

using motcua::core::SpokenText;
using motcua::core::speech::Pcm;
using motcua::core::speech::PcmCache;

namespace {

// `samples` samples of value `mark`, two bytes each.
Pcm pcm(std::size_t samples, std::int16_t mark) {
    return Pcm(samples, mark);
}

}  // namespace

TEST_CASE("the audio cache keeps texts within its bytes, dropping the least recently used",
          "[speech][cache][voice]") {
    PcmCache cache(4000);  // 2000 samples; a quarter is 500
    cache.put("a", pcm(400, 1));
    cache.put("b", pcm(400, 2));
    cache.put("c", pcm(400, 3));
    CHECK(cache.bytes() == 2400);
    REQUIRE(cache.find("a"));  // "a" is now the most recently used
    CHECK(cache.find("a")->front() == 1);
    cache.put("d", pcm(400, 4));
    cache.put("e", pcm(400, 5));  // 4000 bytes: all fit
    CHECK(cache.size() == 5);
    cache.put("f", pcm(400, 6));  // over: "b", the least recently used, goes
    CHECK(cache.bytes() <= 4000);
    CHECK_FALSE(cache.find("b"));
    CHECK(cache.find("a"));
    CHECK(cache.find("f"));

    SECTION("audio longer than a quarter of the bound is not kept") {
        cache.put("long", pcm(501, 7));
        CHECK_FALSE(cache.find("long"));
        CHECK(cache.find("a"));
    }
    SECTION("the same text again replaces its audio, counted once") {
        const std::size_t before = cache.bytes();
        cache.put("a", pcm(100, 8));
        CHECK(cache.find("a")->front() == 8);
        CHECK(cache.bytes() == before - 600);
    }
    SECTION("a cache of no bytes keeps nothing") {
        PcmCache none(0);
        none.put("a", pcm(1, 1));
        CHECK(none.size() == 0);
    }
}

TEST_CASE("audio is kept per language, speaking rate and words", "[speech][cache][voice]") {
    const SpokenText vi{"Có", "answer.yes", "có", "vi", true};
    SpokenText en = vi;
    en.language = "en";
    SpokenText other = vi;
    other.spoken = "không";
    CHECK(PcmCache::key_of(vi, 150) != PcmCache::key_of(en, 150));
    CHECK(PcmCache::key_of(vi, 150) != PcmCache::key_of(vi, 175));
    CHECK(PcmCache::key_of(vi, 150) != PcmCache::key_of(other, 150));
    CHECK(PcmCache::key_of(vi, 150) == PcmCache::key_of(SpokenText{"có", "", "có", "vi"}, 150));
}
