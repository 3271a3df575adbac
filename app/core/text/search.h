// A ranked, typo-tolerant, diacritic-insensitive search index for short Vietnamese texts:
// the procedure catalog (names, everyday names, keywords) and the ward picker.
//
// Matching works on fold_key() words, so "hoà" = "hòa" = "hoa", đ = d, case and spacing are
// ignored and NFC or NFD input gives the same result. The last query word matches as a prefix
// while it is being typed (no trailing space). Words of 5 or more letters tolerate one typo
// (Damerau-Levenshtein distance 1); shorter words never do. Filler words people say ("làm",
// "xin", "giấy", "thủ tục"...) are optional: they add to the score when they match but a hit
// needs at least one meaningful word. A query made only of filler words is searched as typed.
//
// Ranking, best first:
//   1. the whole query equals an official name (filler words ignored on both sides counts too,
//      a little lower), 2. equals an everyday name, 3. equals a keyword,
//   4. the query is a prefix of a whole text (phrase prefix),
//   5. word matches: more meaningful words matched, then exact > prefix > typo, then words in
//      the typed order, then matched filler words, then Name > EverydayName > Keyword.
// Shorter texts win what remains; equal scores keep insertion order.
// When some entry matches every meaningful query word, entries matching fewer are dropped.
//
// Fill the index once (add), then query from any thread: query() keeps no state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace motcua::core {

enum class MatchKind : std::uint8_t { Name, EverydayName, Keyword };

struct SearchHit {
    int id = 0;
    int score = 0;                     // higher is better; only the order is meaningful
    MatchKind kind = MatchKind::Name;  // kind of the text that matched best
    std::size_t text_index = 0;        // that text, for SearchIndex::text()
};

class SearchIndex {
public:
    // Uses default_filler_phrases().
    SearchIndex();
    // Filler phrases in any spelling ("thủ tục"); pass {} for a picker with no filler words.
    explicit SearchIndex(const std::vector<std::string>& filler_phrases);

    // "làm", "xin", "cho", "giấy", "tôi", "muốn", "cần", "thủ tục".
    static std::vector<std::string> default_filler_phrases();

    // Adds one searchable text for entry `id`; an entry may have many texts of any kind.
    void add(int id, std::string_view text, MatchKind kind);

    // Entries matching `typed`, best first, at most `limit`. Empty query: no hits.
    std::vector<SearchHit> query(std::string_view typed, std::size_t limit) const;

    // The original text added as number `text_index` (see SearchHit::text_index).
    std::string_view text(std::size_t text_index) const;

    std::size_t entry_count() const { return m_entry_ids.size(); }
    std::size_t text_count() const { return m_texts.size(); }

private:
    // Read for every candidate on every keystroke: kept small and contiguous.
    struct Text {
        std::uint32_t entry = 0;
        std::uint32_t word_begin = 0;  // into m_text_words
        std::uint32_t word_count = 0;
        std::uint32_t key_size = 0;   // bytes of the folded key, for "shorter wins"
        std::uint64_t core_hash = 0;  // hash of core_key, checked before comparing strings
        MatchKind kind = MatchKind::Name;
    };
    // Read only to confirm a hash match or to show what matched.
    struct TextStrings {
        std::string core_key;  // folded words without filler phrases, joined by single spaces
        std::string original;  // as added, in NFC
    };

    std::uint32_t intern(std::string_view word);
    std::vector<bool> filler_mask(const std::vector<std::string_view>& words) const;

    std::vector<std::vector<std::string>> m_filler;  // folded phrases, as words
    std::vector<Text> m_texts;
    std::vector<TextStrings> m_strings;       // parallel to m_texts
    std::vector<std::uint32_t> m_text_words;  // vocabulary ids, texts back to back
    std::map<std::string, std::uint32_t, std::less<>> m_vocab;  // sorted: exact and prefix
    std::vector<std::string> m_vocab_words;                     // by id
    std::vector<std::vector<std::uint32_t>> m_postings;         // vocabulary id -> texts
    std::vector<std::vector<std::uint32_t>> m_first_postings;   // ... texts starting with it
    std::unordered_multimap<std::uint64_t, std::uint32_t> m_core_texts;  // core_hash -> text
    std::vector<int> m_entry_ids;                                        // entry -> caller's id
    std::unordered_map<int, std::uint32_t> m_entry_index;                // caller's id -> entry
};

}  // namespace motcua::core
