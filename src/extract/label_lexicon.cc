#include "extract/label_lexicon.h"

#include <algorithm>
#include <bit>
#include <sstream>

#include "extract/document_view.h"

namespace quai {

double Similarity(const std::string& expected, const std::string& actual) {
  const size_t m = expected.size(), n = actual.size();
  if (m == 0) return 0;
  if (expected == actual) return 1;
  // Only similarities of at least kMinLabelSimilarity matter, so at most `limit`
  // edits: the distance is computed in a band of that width around the diagonal
  // and abandoned as soon as a whole row exceeds it. This is the hot loop of
  // extraction on born-digital pages.
  const size_t limit = MostLabelEdits(m);
  if ((n > m ? n - m : m - n) > limit) return 0;
  // Cells outside the band are "far". A row reads the previous row only from
  // one cell left of its band to its band's end, so each row writes its band
  // and the two cells around it, never the whole row. Two rows of a label's
  // length fit on the stack.
  constexpr size_t kFar = 1u << 20;
  constexpr size_t kOnStack = 64;
  size_t stack_rows[2 * kOnStack];
  thread_local std::vector<size_t> heap_rows;
  size_t* previous = stack_rows;
  if (n + 1 > kOnStack) {
    heap_rows.resize(2 * (n + 1));
    previous = heap_rows.data();
  }
  size_t* current = previous + (n + 1 > kOnStack ? n + 1 : kOnStack);
  for (size_t j = 0; j <= std::min(n, limit); ++j) previous[j] = j;
  if (limit + 1 <= n) previous[limit + 1] = kFar;
  for (size_t i = 1; i <= m; ++i) {
    const size_t from = i > limit ? i - limit : 1;
    const size_t to = std::min(n, i + limit);
    current[from - 1] = from == 1 && i <= limit ? i : kFar;
    if (to < n) current[to + 1] = kFar;
    const char letter = expected[i - 1];
    size_t row_best = current[from - 1];
    size_t left = current[from - 1];
    for (size_t j = from; j <= to; ++j) {
      size_t cost = previous[j - 1] + (letter == actual[j - 1] ? 0 : 1);
      cost = std::min(cost, std::min(previous[j], left) + 1);
      current[j] = cost;
      left = cost;
      row_best = std::min(row_best, cost);
    }
    if (row_best > limit) return 0;
    std::swap(previous, current);
  }
  if (previous[n] > limit) return 0;
  return 1.0 - static_cast<double>(previous[n]) / static_cast<double>(m);
}

namespace {

// The characters a text has, one bit each (letters and digits on bits of their
// own, other bytes sharing the rest).
uint64_t CharacterSet(const std::string& text) {
  uint64_t set = 0;
  for (unsigned char ch : text) {
    const int bit = ch >= 'a' && ch <= 'z' ? ch - 'a' : ch >= '0' && ch <= '9' ? 26 + (ch - '0') : 36 + ch % 28;
    set |= uint64_t{1} << bit;
  }
  return set;
}

// At least as many edits as one text has characters the other lacks: each
// character missing from the other text is deleted, inserted or substituted
// at least once (a bit shared by two characters only lowers the count).
size_t FewestEdits(uint64_t a, uint64_t b) {
  return static_cast<size_t>(std::max(std::popcount(a & ~b), std::popcount(b & ~a)));
}

}  // namespace

LabelLexicon::LabelLexicon(const std::vector<std::string>& labels) {
  for (const std::string& label : labels) {
    std::istringstream words(label);
    std::string word, joined;
    while (words >> word) joined += NormaliseForMatch(word);
    if (joined.empty()) continue;
    const size_t edits = MostLabelEdits(joined.size());
    reach_ = std::max(reach_, joined.size() + edits);
    phrases_.push_back({joined, label, edits, CharacterSet(joined)});
  }
}

// Only phrases whose length is within their allowed edits of the text's can
// match it (Similarity is 0 for the others): they are passed over without
// computing anything, and text longer than every phrase can reach ends a search.
bool LabelLexicon::Phrase::LengthAllows(const std::string& text) const {
  return text.size() <= joined.size() + most_edits && joined.size() <= text.size() + most_edits;
}

LabelLexicon::PhraseMatch LabelLexicon::BestPhrase(const std::string& joined, PhraseMemo* memo) const {
  if (memo != nullptr)
    if (auto it = memo->find(joined); it != memo->end()) return it->second;
  PhraseMatch best;
  const uint64_t characters = CharacterSet(joined);
  for (size_t p = 0; p < phrases_.size(); ++p) {
    const Phrase& phrase = phrases_[p];
    if (!phrase.LengthAllows(joined)) continue;
    // Short labels ("po", "lot") must match exactly: one edit is half the word.
    if (phrase.joined.size() <= 4 && phrase.joined != joined) continue;
    if (FewestEdits(phrase.characters, characters) > phrase.most_edits) continue;  // Similarity would be 0
    double score = Similarity(phrase.joined, joined);
    if (score > best.score && score >= kMinLabelSimilarity) best = {score, static_cast<int>(p)};
  }
  if (memo != nullptr) memo->emplace(joined, best);
  return best;
}

// The best phrase of a text, first of the lexicon on ties, discounted by
// `factor`, replaces `best` when it is better and still similar enough.
void LabelLexicon::Consider(const std::string& joined, double factor, int first, PhraseMemo* memo,
                            LabelHit* best) const {
  const PhraseMatch match = BestPhrase(joined, memo);
  if (match.phrase < 0) return;
  const double score = match.score * factor;
  if (score > best->score && score >= kMinLabelSimilarity) *best = {score, phrases_[match.phrase].original, first};
}

// Labels composed of the field's words, words [first, end) of `tokens`
// (label_composition.h); written as their words, spaces between.
void LabelLexicon::ConsiderComposed(const std::vector<std::string>& tokens, int first, int end, double factor,
                                    LabelHit* best) const {
  const double score = composition_.Score(tokens, first, end) * factor;
  if (score <= best->score || score < kMinLabelSimilarity) return;
  std::string label;
  for (int t = first; t < end; ++t)
    if (!tokens[t].empty()) label += (label.empty() ? "" : " ") + tokens[t];
  *best = {score, label, first};
}

LabelHit LabelLexicon::MatchBefore(const std::vector<std::string>& tokens, int end, int skip, PhraseMemo* memo) const {
  LabelHit best;
  for (int skipped = 0; skipped <= skip && end - skipped > 0; ++skipped) {
    int stop = end - skipped;
    std::string joined;
    for (int first = stop - 1; first >= 0 && first >= stop - 6; --first) {
      joined = tokens[first] + joined;
      if (joined.empty()) continue;
      if (joined.size() > reach_) break;  // more words only make it longer
      Consider(joined, skipped == 0 ? 1.0 : 0.9, first, memo, &best);
    }
  }
  if (composition_.empty() || best.score >= kComposedLabelScore) return best;
  for (int skipped = 0; skipped <= skip && end - skipped > 0; ++skipped) {
    const int stop = end - skipped;
    for (int first = stop - 1; first >= 0 && first >= stop - 4; --first)
      ConsiderComposed(tokens, first, stop, skipped == 0 ? 1.0 : 0.9, &best);
  }
  return best;
}

LabelHit LabelLexicon::MatchSpan(const std::vector<std::string>& tokens, int first, int end, PhraseMemo* memo) const {
  std::string joined;
  for (int i = first; i < end; ++i) joined += tokens[i];
  LabelHit best;
  if (joined.empty()) return best;
  if (joined.size() <= reach_) Consider(joined, 1.0, first, memo, &best);
  if (!composition_.empty() && best.score < kComposedLabelScore && end - first <= 5)
    ConsiderComposed(tokens, first, end, 1.0, &best);
  return best;
}

}  // namespace quai
