#include "core/text/search.h"

#include <algorithm>
#include <array>

#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace motcua::core {

namespace {

// Longer queries are sentences, not searches; the extra words are ignored. The cap also keeps
// the word-tier score terms below from overflowing into each other.
constexpr std::size_t MaxQueryWords = 12;
constexpr std::size_t TypoMinLetters = 5;

// Score layout. Each term is larger than the largest possible sum of all terms below it, so
// the comparison is lexicographic on (tier, matched words, quality, order, filler, kind, length).
constexpr int TierExactName = 500'000'000;
constexpr int TierExactEveryday = 400'000'000;
constexpr int TierExactKeyword = 300'000'000;
constexpr int TierPhrasePrefix = 200'000'000;
constexpr int CoreExactPenalty = 10'000'000;  // equal only once filler words are dropped
constexpr int PerMatchedWord = 10'000'000;    // x <= 12 words
constexpr int PerQualityPoint = 300'000;      // x <= 36 (3 per word)
constexpr int PerInOrderPair = 20'000;        // x <= 11
constexpr int PerFillerMatched = 5'000;       // x <= 12 (only breaks ties above)
constexpr int KindUnit = 1'000;               // x 1..3

enum Quality : std::uint8_t { NoMatch = 0, Typo = 1, Prefix = 2, Exact = 3 };

int kind_bonus(MatchKind kind) {
    switch (kind) {
        case MatchKind::Name:
            return 3 * KindUnit;
        case MatchKind::EverydayName:
            return 2 * KindUnit;
        case MatchKind::Keyword:
            return 1 * KindUnit;
    }
    return 0;
}

int exact_tier(MatchKind kind) {
    switch (kind) {
        case MatchKind::Name:
            return TierExactName;
        case MatchKind::EverydayName:
            return TierExactEveryday;
        case MatchKind::Keyword:
            return TierExactKeyword;
    }
    return TierExactKeyword;
}

// Shorter texts are closer to what was typed.
int shortness(std::size_t key_size) {
    return 999 - static_cast<int>(std::min<std::size_t>(999, key_size));
}

// Word characters: ASCII letters and digits, and any non-ASCII byte (a fold_key leaves only
// letters outside Vietnamese, such as "ö", as non-ASCII). Punctuation separates words.
bool is_word_byte(unsigned char c) {
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

void split_words(std::string_view key, std::vector<std::string_view>& out) {
    out.clear();
    std::size_t i = 0;
    while (i < key.size()) {
        while (i < key.size() && !is_word_byte(static_cast<unsigned char>(key[i]))) ++i;
        const std::size_t start = i;
        while (i < key.size() && is_word_byte(static_cast<unsigned char>(key[i]))) ++i;
        if (i > start) out.push_back(key.substr(start, i - start));
    }
}

std::string join_words(const std::vector<std::string_view>& words, const std::vector<bool>* skip) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (skip != nullptr && (*skip)[i]) continue;
        if (!out.empty()) out.push_back(' ');
        out.append(words[i]);
    }
    return out;
}

std::size_t letter_count(std::string_view word) {
    std::size_t count = 0;
    for (unsigned char c : word) count += (c & 0xC0) != 0x80;
    return count;
}

// True if a and b differ by at most one substitution, insertion, deletion or transposition of
// adjacent letters (Damerau-Levenshtein distance <= 1). Linear, no table.
bool within_one_edit(std::string_view a, std::string_view b) {
    if (a.size() == b.size()) {
        std::size_t i = 0;
        while (i < a.size() && a[i] == b[i]) ++i;
        if (i == a.size()) return true;
        if (a.substr(i + 1) == b.substr(i + 1)) return true;
        return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               a.substr(i + 2) == b.substr(i + 2);
    }
    if (a.size() > b.size()) std::swap(a, b);
    if (a.size() + 1 != b.size()) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    return a.substr(i) == b.substr(i + 1);
}

// True if some prefix of `word` is within one edit of `typed` (a typo in a half-typed word).
bool prefix_within_one_edit(std::string_view typed, std::string_view word) {
    const std::size_t n = typed.size();
    for (std::size_t length = n - 1; length <= n + 1; ++length) {
        if (length > word.size()) break;
        if (within_one_edit(typed, word.substr(0, length))) return true;
    }
    return false;
}

bool is_trailing_space(std::string_view typed) {
    if (typed.empty()) return false;
    const auto last = static_cast<unsigned char>(typed.back());
    if (last == ' ' || last == '\t' || last == '\n' || last == '\r') return true;
    // Typical non-ASCII spaces from an on-screen keyboard or paste: NBSP (C2 A0), U+3000.
    return typed.ends_with("\xC2\xA0") || typed.ends_with("\xE3\x80\x80");
}

std::uint64_t hash_key(std::string_view key) {
    std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
    for (unsigned char c : key) hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

struct QueryWord {
    std::string_view text;
    bool optional = false;  // a filler word: may match, never required
    bool prefix = false;    // the word being typed
};

struct Scored {
    int score = -1;
    std::uint32_t text = 0;
    std::uint8_t coverage = 0;  // meaningful query words matched by that text
};

}  // namespace

SearchIndex::SearchIndex() : SearchIndex(default_filler_phrases()) {}

SearchIndex::SearchIndex(const std::vector<std::string>& filler_phrases) {
    std::vector<std::string_view> words;
    for (const std::string& phrase : filler_phrases) {
        const std::string key = fold_key(phrase);
        split_words(key, words);
        if (words.empty()) continue;
        m_filler.emplace_back(words.begin(), words.end());
    }
}

std::vector<std::string> SearchIndex::default_filler_phrases() {
    return {"làm", "xin", "cho", "giấy", "tôi", "muốn", "cần", "thủ tục"};
}

std::vector<bool> SearchIndex::filler_mask(const std::vector<std::string_view>& words) const {
    std::vector<bool> mask(words.size(), false);
    for (std::size_t i = 0; i < words.size(); ++i) {
        for (const auto& phrase : m_filler) {
            if (i + phrase.size() > words.size()) continue;
            bool same = true;
            for (std::size_t k = 0; k < phrase.size() && same; ++k)
                same = words[i + k] == phrase[k];
            if (!same) continue;
            for (std::size_t k = 0; k < phrase.size(); ++k) mask[i + k] = true;
        }
    }
    return mask;
}

std::uint32_t SearchIndex::intern(std::string_view word) {
    if (auto it = m_vocab.find(word); it != m_vocab.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(m_vocab_words.size());
    m_vocab.emplace(std::string(word), id);
    m_vocab_words.emplace_back(word);
    m_postings.emplace_back();
    m_first_postings.emplace_back();
    return id;
}

void SearchIndex::add(int id, std::string_view text, MatchKind kind) {
    auto [it, inserted] =
        m_entry_index.try_emplace(id, static_cast<std::uint32_t>(m_entry_ids.size()));
    if (inserted) m_entry_ids.push_back(id);

    const std::string folded = fold_key(text);
    std::vector<std::string_view> words;
    split_words(folded, words);
    const std::vector<bool> filler = filler_mask(words);

    const std::string key = join_words(words, nullptr);
    Text entry_text;
    entry_text.entry = it->second;
    entry_text.kind = kind;
    entry_text.word_begin = static_cast<std::uint32_t>(m_text_words.size());
    entry_text.word_count = static_cast<std::uint32_t>(words.size());
    entry_text.key_size = static_cast<std::uint32_t>(key.size());
    TextStrings strings{join_words(words, &filler), to_nfc(text)};
    entry_text.core_hash = hash_key(strings.core_key);

    const auto text_index = static_cast<std::uint32_t>(m_texts.size());
    for (std::string_view word : words) {
        const std::uint32_t vocab_id = intern(word);
        if (m_text_words.size() == entry_text.word_begin) {
            m_first_postings[vocab_id].push_back(text_index);
        }
        m_text_words.push_back(vocab_id);
        auto& postings = m_postings[vocab_id];
        if (postings.empty() || postings.back() != text_index) postings.push_back(text_index);
    }
    if (!strings.core_key.empty()) m_core_texts.emplace(entry_text.core_hash, text_index);
    m_texts.push_back(entry_text);
    m_strings.push_back(std::move(strings));
}

std::string_view SearchIndex::text(std::size_t text_index) const {
    return text_index < m_strings.size() ? std::string_view(m_strings[text_index].original)
                                         : std::string_view();
}

std::vector<SearchHit> SearchIndex::query(std::string_view typed, std::size_t limit) const {
    if (limit == 0 || m_texts.empty()) return {};

    // [1] Query words, filler flags and the keys for whole-text comparisons.
    const std::string folded = fold_key(typed);
    std::vector<std::string_view> words;
    split_words(folded, words);
    if (words.empty()) return {};
    const bool last_is_typed = !is_trailing_space(typed) && words.size() <= MaxQueryWords &&
                               is_word_byte(static_cast<unsigned char>(folded.back()));
    if (words.size() > MaxQueryWords) words.resize(MaxQueryWords);
    const std::vector<bool> filler = filler_mask(words);
    const std::string query_core = join_words(words, &filler);
    const std::uint64_t query_core_hash = hash_key(query_core);
    const bool all_filler = query_core.empty();

    const std::size_t n = words.size();
    std::array<QueryWord, MaxQueryWords> query_words{};
    std::size_t meaningful = 0;
    for (std::size_t i = 0; i < n; ++i) {
        query_words[i].text = words[i];
        query_words[i].optional = filler[i] && !all_filler;
        query_words[i].prefix = last_is_typed && i + 1 == n;
        meaningful += !query_words[i].optional;
    }

    // [2] Match each query word against the vocabulary once. quality[v * n + i] is how well
    // vocabulary word v matches query word i; texts then cost one lookup per word.
    const std::size_t vocab_size = m_vocab_words.size();
    std::vector<std::uint8_t> quality(vocab_size * n, NoMatch);
    // matched_vocab[i]: vocabulary ids matching query word i; postings[i]: how many texts hold
    // them (with repeats), to find the rarest meaningful word.
    std::array<std::vector<std::uint32_t>, MaxQueryWords> matched_vocab;
    std::array<std::size_t, MaxQueryWords> postings{};
    for (std::size_t i = 0; i < n; ++i) {
        const QueryWord& word = query_words[i];
        const auto mark = [&](std::uint32_t vocab_id, std::uint8_t q) {
            std::uint8_t& cell = quality[vocab_id * n + i];
            if (cell == NoMatch) {
                matched_vocab[i].push_back(vocab_id);
                postings[i] += m_postings[vocab_id].size();
            }
            cell = std::max(cell, q);
        };
        if (word.prefix) {
            for (auto it = m_vocab.lower_bound(word.text);
                 it != m_vocab.end() && it->first.starts_with(word.text); ++it) {
                mark(it->second, it->first.size() == word.text.size() ? Exact : Prefix);
            }
        } else if (auto it = m_vocab.find(word.text); it != m_vocab.end()) {
            mark(it->second, Exact);
        }
        if (letter_count(word.text) < TypoMinLetters) continue;
        for (std::uint32_t v = 0; v < vocab_size; ++v) {
            const std::string& candidate = m_vocab_words[v];
            const bool near = word.prefix ? prefix_within_one_edit(word.text, candidate)
                                          : within_one_edit(word.text, candidate);
            if (near) mark(v, Typo);
        }
    }

    // [3] Scoring one text. Returns false if it matches no meaningful word.
    const auto score_text = [&](std::uint32_t text_index, int& score, int& matched) {
        const Text& text = m_texts[text_index];
        std::array<std::uint8_t, MaxQueryWords> word_quality{};
        std::array<std::uint32_t, MaxQueryWords> position{};
        for (std::uint32_t p = 0; p < text.word_count; ++p) {
            const std::uint8_t* row = &quality[m_text_words[text.word_begin + p] * n];
            for (std::size_t i = 0; i < n; ++i) {
                if (row[i] > word_quality[i]) {
                    word_quality[i] = row[i];
                    position[i] = p;
                }
            }
        }
        matched = 0;
        int quality_points = 0;
        int filler_matched = 0;
        int in_order = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (word_quality[i] == NoMatch) continue;
            if (query_words[i].optional) {
                ++filler_matched;
            } else {
                ++matched;
                quality_points += word_quality[i];
            }
            if (i + 1 < n && word_quality[i + 1] != NoMatch && position[i + 1] == position[i] + 1) {
                ++in_order;
            }
        }
        if (matched == 0) return false;

        // Whole-text comparisons at word level: the keys are words joined by single spaces,
        // so "text starts with the query" means its first n words match in place.
        bool leading = text.word_count >= n;
        for (std::size_t i = 0; i < n && leading; ++i) {
            const std::uint8_t q = quality[m_text_words[text.word_begin + i] * n + i];
            leading = q == Exact || (q == Prefix && query_words[i].prefix);
        }
        const bool last_exact =
            leading && quality[m_text_words[text.word_begin + n - 1] * n + n - 1] == Exact;
        if (leading && last_exact && text.word_count == n) {
            score = exact_tier(text.kind);
        } else if (!all_filler && text.core_hash == query_core_hash &&
                   m_strings[text_index].core_key == query_core) {
            score = exact_tier(text.kind) - CoreExactPenalty;
        } else if (leading && (last_is_typed || text.word_count > n)) {
            score = TierPhrasePrefix + kind_bonus(text.kind) + shortness(text.key_size);
        } else {
            score = matched * PerMatchedWord + quality_points * PerQualityPoint +
                    in_order * PerInOrderPair + filler_matched * PerFillerMatched +
                    kind_bonus(text.kind) + shortness(text.key_size);
        }
        return true;
    };

    // [4] Score candidate texts, keeping the best text per entry; each text is scored once.
    // Candidates come in three widening rings (4a, 4b), stopping as soon as the result is
    // decided, so a short prefix that occurs in most texts does not score them all.
    std::vector<std::uint8_t> seen(m_texts.size(), 0);
    std::vector<Scored> best(m_entry_ids.size());
    std::vector<std::uint32_t> touched;
    std::uint8_t best_coverage = 0;
    const auto score_one = [&](std::uint32_t text_index) {
        if (seen[text_index]) return;
        seen[text_index] = 1;
        int score = 0;
        int matched = 0;
        if (!score_text(text_index, score, matched)) return;
        Scored& slot = best[m_texts[text_index].entry];
        if (slot.score < 0) touched.push_back(m_texts[text_index].entry);
        if (score > slot.score || (score == slot.score && text_index < slot.text)) {
            slot = Scored{score, text_index, static_cast<std::uint8_t>(matched)};
        }
        best_coverage = std::max(best_coverage, static_cast<std::uint8_t>(matched));
    };
    const auto score_postings = [&](const std::vector<std::uint32_t>& vocab_ids) {
        for (std::uint32_t vocab_id : vocab_ids) {
            for (std::uint32_t text_index : m_postings[vocab_id]) score_one(text_index);
        }
    };
    const auto score_texts = [&](const std::vector<std::uint32_t>& text_indexes) {
        for (std::uint32_t text_index : text_indexes) score_one(text_index);
    };

    // [4a] Texts that start with the query, or equal it without filler words, outrank every
    // other text. If they already fill the limit, nothing else can enter the result: this keeps
    // one-letter queries ("t" matches most texts somewhere) as cheap as the others.
    for (std::uint32_t vocab_id : matched_vocab[0]) score_texts(m_first_postings[vocab_id]);
    if (!all_filler) {
        const auto [first, last] = m_core_texts.equal_range(query_core_hash);
        for (auto it = first; it != last; ++it) score_one(it->second);
    }
    const auto leading_entries = static_cast<std::size_t>(
        std::count_if(touched.begin(), touched.end(),
                      [&](std::uint32_t entry) { return best[entry].score >= TierPhrasePrefix; }));

    // [4b] Otherwise the texts holding the rarest meaningful word: every text that matches all
    // meaningful words is among them, and if there is one, texts matching fewer words are
    // dropped anyway (see [5]). Only when none matches them all, texts holding any of them.
    if (leading_entries < limit) {
        std::size_t rarest = n;
        for (std::size_t i = 0; i < n; ++i) {
            if (query_words[i].optional) continue;
            if (rarest == n || postings[i] < postings[rarest]) rarest = i;
        }
        score_postings(matched_vocab[rarest]);
        if (best_coverage < meaningful) {
            for (std::size_t i = 0; i < n; ++i) {
                if (!query_words[i].optional && i != rarest) score_postings(matched_vocab[i]);
            }
        }
    }
    if (touched.empty()) return {};

    // [5] Rank. Entries are numbered in insertion order, so the entry number breaks ties.
    const bool drop_partial = best_coverage == meaningful;
    std::vector<std::uint32_t> ranked;
    ranked.reserve(touched.size());
    for (std::uint32_t entry : touched) {
        if (drop_partial && best[entry].coverage < meaningful) continue;
        ranked.push_back(entry);
    }
    const auto better = [&](std::uint32_t a, std::uint32_t b) {
        if (best[a].score != best[b].score) return best[a].score > best[b].score;
        return a < b;
    };
    const std::size_t count = std::min(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(count),
                      ranked.end(), better);

    std::vector<SearchHit> hits;
    hits.reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
        const Scored& scored = best[ranked[k]];
        hits.push_back(SearchHit{m_entry_ids[ranked[k]], scored.score, m_texts[scored.text].kind,
                                 scored.text});
    }
    return hits;
}

}  // namespace motcua::core
