#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/text/fold.h"
#include "core/text/search.h"
#include "nfd.h"

using namespace motcua::core;
using motcua::test::nfd;

namespace {

enum Procedure : int {
    BirthRegistration = 1,
    Marriage = 2,
    MaritalStatus = 3,
    CertifiedCopy = 4,
    DeathRegistration = 5,
    PermanentResidence = 6,
    BirthExtract = 7,
};

// A tiny catalog. "Đăng ký khai sinh" has no everyday name on purpose: "làm giấy khai sinh"
// must find it through its meaningful words alone.
SearchIndex tiny_catalog() {
    SearchIndex index;
    index.add(BirthRegistration, "Đăng ký khai sinh", MatchKind::Name);
    index.add(Marriage, "Đăng ký kết hôn", MatchKind::Name);
    index.add(Marriage, "kết hôn", MatchKind::EverydayName);
    index.add(Marriage, "cưới", MatchKind::Keyword);
    index.add(MaritalStatus, "Cấp giấy xác nhận tình trạng hôn nhân", MatchKind::Name);
    index.add(MaritalStatus, "giấy độc thân", MatchKind::EverydayName);
    index.add(MaritalStatus, "xác nhận độc thân", MatchKind::EverydayName);
    index.add(CertifiedCopy, "Chứng thực bản sao từ bản chính", MatchKind::Name);
    index.add(CertifiedCopy, "sao y", MatchKind::EverydayName);
    index.add(CertifiedCopy, "công chứng bản sao", MatchKind::EverydayName);
    index.add(DeathRegistration, "Đăng ký khai tử", MatchKind::Name);
    index.add(DeathRegistration, "báo tử", MatchKind::EverydayName);
    index.add(PermanentResidence, "Đăng ký thường trú", MatchKind::Name);
    index.add(PermanentResidence, "hộ khẩu", MatchKind::Keyword);
    index.add(BirthExtract, "Cấp bản sao trích lục khai sinh", MatchKind::Name);
    index.add(BirthExtract, "trích lục khai sinh", MatchKind::EverydayName);
    return index;
}

std::vector<int> ids(const std::vector<SearchHit>& hits) {
    std::vector<int> out;
    for (const SearchHit& hit : hits) out.push_back(hit.id);
    return out;
}

bool contains(const std::vector<SearchHit>& hits, int id) {
    return std::any_of(hits.begin(), hits.end(), [&](const SearchHit& h) { return h.id == id; });
}

int first_id(const std::vector<SearchHit>& hits) {
    return hits.empty() ? -1 : hits.front().id;
}

}  // namespace

TEST_CASE("an everyday name finds the official procedure", "[search]") {
    const SearchIndex index = tiny_catalog();
    using Row = std::pair<std::string, int>;
    auto row = GENERATE(Row{"giấy độc thân", MaritalStatus}, Row{"sao y", CertifiedCopy},
                        Row{"công chứng bản sao", CertifiedCopy}, Row{"báo tử", DeathRegistration},
                        Row{"hộ khẩu", PermanentResidence});
    INFO(row.first);
    const auto hits = index.query(row.first, 10);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().id == row.second);
    CHECK(hits.front().kind != MatchKind::Name);
    CHECK(fold_key(index.text(hits.front().text_index)) == fold_key(row.first));
}

TEST_CASE("filler words do not stop a match on the meaningful words", "[search]") {
    const SearchIndex index = tiny_catalog();
    auto typed = GENERATE(as<std::string>{}, "lam giay khai sinh", "làm giấy khai sinh",
                          "tôi muốn làm thủ tục khai sinh", "xin cho tôi khai sinh");
    INFO(typed);
    const auto hits = index.query(typed, 10);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().id == BirthRegistration);
    CHECK(contains(hits, BirthExtract));
    // "giấy" alone is filler: the marital-status certificate ("Cấp giấy ...") must not come up.
    CHECK_FALSE(contains(hits, MaritalStatus));
    CHECK_FALSE(contains(hits, DeathRegistration));
}

TEST_CASE("filler words next to an everyday name still rank it as exact", "[search]") {
    const SearchIndex index = tiny_catalog();
    const auto hits = index.query("xin giấy độc thân", 10);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().id == MaritalStatus);
    CHECK(hits.front().kind == MatchKind::EverydayName);
}

TEST_CASE("a query whose meaningful words match nothing returns nothing", "[search]") {
    const SearchIndex index = tiny_catalog();
    auto typed = GENERATE(as<std::string>{}, "xin giấy abcxyz", "làm thủ tục qwerty", "", "   ",
                          "!!!", "sih", "snih");
    INFO(typed);
    CHECK(index.query(typed, 10).empty());
}

TEST_CASE("a query of filler words only is searched as typed", "[search]") {
    const SearchIndex index = tiny_catalog();
    const auto hits = index.query("giấy", 10);
    CHECK(ids(hits) == std::vector<int>{MaritalStatus});
}

TEST_CASE("diacritics, tone placement, case, spacing and NFD do not matter", "[search]") {
    const SearchIndex index = tiny_catalog();
    auto typed = GENERATE(as<std::string>{}, "đăng ký kết hôn", "dang ky ket hon",
                          "ĐĂNG KÝ KẾT HÔN", "  Đăng   ký  kết   hôn  ", "Dang Ky Ket Hon");
    INFO(typed);
    CHECK(first_id(index.query(typed, 5)) == Marriage);
    CHECK(first_id(index.query(nfd(typed), 5)) == Marriage);
    CHECK(index.query(nfd(typed), 5).front().kind == MatchKind::Name);
}

TEST_CASE("one typo is tolerated in words of five letters or more", "[search]") {
    const SearchIndex index = tiny_catalog();
    using Row = std::pair<std::string, int>;
    auto row = GENERATE(Row{"chứng thưc", CertifiedCopy}, Row{"chung thuc", CertifiedCopy},
                        Row{"chugn thuc", CertifiedCopy},   // transposition
                        Row{"chuung thuc", CertifiedCopy},  // insertion
                        Row{"chng thuc", CertifiedCopy},    // deletion is ok: "chung" has 5
                        Row{"tinhf trang", MaritalStatus},  // a stray Telex key
                        Row{"tinhf tr", MaritalStatus},     // typo, then a prefix being typed
                        Row{"tinh trnag", MaritalStatus}, Row{"thuong tru", PermanentResidence},
                        Row{"truong tru", PermanentResidence});
    INFO(row.first);
    CHECK(first_id(index.query(row.first, 5)) == row.second);
}

TEST_CASE("words shorter than five letters never match with a typo", "[search]") {
    const SearchIndex index = tiny_catalog();
    // "sih" and "snih" are one edit from "sinh" but too short to be trusted.
    CHECK(index.query("snih", 10).empty());
    CHECK(index.query("kahi", 10).empty());
    const auto hits = index.query("khai sih", 10);
    for (const SearchHit& hit : hits) {
        INFO(hit.id);
        CHECK(hit.score < index.query("khai sinh", 10).back().score);
    }
    // "kat" is one letter off "ket" but only 3 letters long: only "hon" can match.
    const auto kat = index.query("kat hon", 10);
    REQUIRE_FALSE(kat.empty());
    CHECK(kat.front().score < index.query("ket hon", 10).back().score);
}

TEST_CASE("the word being typed matches as a prefix", "[search]") {
    const SearchIndex index = tiny_catalog();
    CHECK(first_id(index.query("ket h", 5)) == Marriage);
    CHECK(first_id(index.query("đăng ký kết h", 5)) == Marriage);
    CHECK(first_id(index.query("giấy độc th", 5)) == MaritalStatus);

    SECTION("keystroke by keystroke, khai sinh stays on top once it is unambiguous") {
        const std::string query = "khai sinh";
        for (std::size_t length = 1; length <= query.size(); ++length) {
            const std::string typed = query.substr(0, length);
            INFO(typed);
            const auto hits = index.query(typed, 10);
            REQUIRE_FALSE(hits.empty());
            CHECK(contains(hits, BirthRegistration));
            if (length >= 6) CHECK(hits.front().id == BirthRegistration);
        }
    }
    SECTION("a trailing space ends the word") {
        // "h" is now a whole word that matches nothing: only "ket" counts.
        REQUIRE_FALSE(index.query("ket h ", 5).empty());
        CHECK(index.query("ket h ", 5).front().score < index.query("ket h", 5).front().score);
        CHECK(index.query("kh ", 5).empty());
        CHECK(first_id(index.query("ket ", 5)) == Marriage);
    }
}

TEST_CASE("exact name beats exact everyday name beats phrase prefix beats words", "[search]") {
    SearchIndex index;
    index.add(10, "Đăng ký kết hôn có yếu tố nước ngoài", MatchKind::Name);
    index.add(13, "Đăng ký kết hôn", MatchKind::Name);
    index.add(14, "Kết hôn lại", MatchKind::Name);
    index.add(11, "Ghi chú kết hôn", MatchKind::Name);
    index.add(11, "kết hôn", MatchKind::EverydayName);
    index.add(12, "Kết hôn", MatchKind::Name);
    index.add(15, "Ly hôn", MatchKind::Name);
    const auto hits = index.query("kết hôn", 10);
    CHECK(ids(hits) == std::vector<int>{12, 11, 14, 13, 10});
    REQUIRE(hits.size() == 5);
    CHECK(hits[0].kind == MatchKind::Name);
    CHECK(hits[1].kind == MatchKind::EverydayName);
    CHECK(hits[0].score > hits[1].score);
    CHECK(hits[1].score > hits[2].score);
}

TEST_CASE("more words matched, and matched exactly, rank higher", "[search]") {
    SearchIndex index;
    index.add(1, "Cấp lại giấy phép", MatchKind::Name);
    index.add(2, "Cấp phép xây dựng", MatchKind::Name);
    index.add(3, "Phép xây", MatchKind::Name);
    index.add(4, "Giấy phép xây dựng nhà ở", MatchKind::Name);
    index.add(5, "Giấy phép đi xa", MatchKind::Name);

    // Nothing has every word: three matched words beat two, two beat one; among equals a
    // matched filler word ("giấy") helps, then the shorter text.
    CHECK(ids(index.query("giấy phép xây nhà mới", 10)) == std::vector<int>{4, 3, 2, 5, 1});

    // 3 starts with the phrase; "xa" is exact in 5 but only a prefix of "xây" in 2 and 4.
    CHECK(ids(index.query("phép xa", 10)) == std::vector<int>{3, 5, 2, 4});

    const auto typo = index.query("xay dungg", 10);  // "dungg" is one insertion from "dung"
    const auto exact = index.query("xay dung", 10);
    REQUIRE_FALSE(typo.empty());
    REQUIRE_FALSE(exact.empty());
    CHECK(typo.front().id == exact.front().id);
    CHECK(typo.front().score < exact.front().score);
}

TEST_CASE("equal scores keep insertion order", "[search]") {
    SearchIndex index;
    index.add(7, "Phường Tân Định", MatchKind::Name);
    index.add(3, "Phường Tân Định", MatchKind::Name);
    index.add(5, "Phường Tân Định", MatchKind::Name);
    CHECK(ids(index.query("tan dinh", 10)) == std::vector<int>{7, 3, 5});
    CHECK(ids(index.query("tan dinh", 2)) == std::vector<int>{7, 3});
    CHECK(index.query("tan dinh", 0).empty());
}

TEST_CASE("the ward picker folds hoà and hòa together", "[search]") {
    SearchIndex wards(std::vector<std::string>{});
    wards.add(100, "Hoà Bình", MatchKind::Name);
    wards.add(101, "Hòa Bình", MatchKind::Name);
    wards.add(102, "Bình Hoà", MatchKind::Name);
    wards.add(103, "Hoà An", MatchKind::Name);
    wards.add(104, "Thái Bình", MatchKind::Name);
    wards.add(105, "Chợ Mới", MatchKind::Name);
    wards.add(106, "Cần Thạnh", MatchKind::Name);
    auto typed = GENERATE(as<std::string>{}, "hoa binh", "hoà bình", "hòa bình", "HOA BINH");
    INFO(typed);
    CHECK(ids(wards.query(typed, 10)) == std::vector<int>{100, 101, 102});
    CHECK(ids(wards.query(nfd(typed), 10)) == std::vector<int>{100, 101, 102});
    CHECK(ids(wards.query("hoa", 10)) == std::vector<int>{103, 100, 101, 102});
    CHECK(ids(wards.query("cho moi", 10)) == std::vector<int>{105});
}

TEST_CASE("place names that look like filler words are still found", "[search]") {
    SearchIndex wards;  // default filler words: "cho" and "cần" are in it
    wards.add(1, "Chợ Mới", MatchKind::Name);
    wards.add(2, "Mới", MatchKind::Name);
    wards.add(3, "Cần Thạnh", MatchKind::Name);
    CHECK(first_id(wards.query("chợ mới", 10)) == 1);
    CHECK(first_id(wards.query("cho", 10)) == 1);
    CHECK(first_id(wards.query("can thanh", 10)) == 3);
    CHECK(first_id(wards.query("cho m", 10)) == 1);
}

TEST_CASE("an entry with many texts is returned once", "[search]") {
    const SearchIndex index = tiny_catalog();
    const auto hits = index.query("độc thân", 10);
    CHECK(ids(hits) == std::vector<int>{MaritalStatus});
    CHECK(index.entry_count() == 7);
    CHECK(index.text_count() == 16);
}

TEST_CASE("a small limit returns the head of the full ranking", "[search]") {
    // Small limits take a shortcut (texts that start with the query); it must not change what
    // comes first.
    const std::vector<std::string> actions = {"Cấp",      "Cấp lại",  "Đăng ký",   "Thu hồi",
                                              "Thay đổi", "Xác nhận", "Tiếp nhận", "Chứng thực"};
    const std::vector<std::string> subjects = {
        "khai sinh",         "kết hôn",  "tạm trú", "thường trú", "giấy phép kinh doanh",
        "thẻ bảo hiểm y tế", "hộ chiếu", "chữ ký"};
    SearchIndex index;
    int id = 0;
    for (const std::string& action : actions) {
        for (const std::string& subject : subjects) {
            index.add(id, action + " " + subject, MatchKind::Name);
            index.add(id, subject, MatchKind::EverydayName);
            index.add(id, "thủ tục " + subject, MatchKind::Keyword);
            ++id;
        }
    }
    auto typed = GENERATE(as<std::string>{}, "t", "th", "c", "k", "kh", "đăng ký k", "thu hồi",
                          "tạm", "khai sinh", "thủ tục t", "giấy phép", "x", "chứng thực chữ");
    const auto full = index.query(typed, 1000);
    REQUIRE(full.size() >= 3);
    for (std::size_t limit : {1u, 3u, 5u, 20u}) {
        INFO(typed << " limit " << limit);
        const auto head = index.query(typed, limit);
        REQUIRE(head.size() == std::min(limit, full.size()));
        for (std::size_t k = 0; k < head.size(); ++k) {
            CHECK(head[k].id == full[k].id);
            CHECK(head[k].score == full[k].score);
        }
    }
}
