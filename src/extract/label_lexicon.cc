#include "extract/label_lexicon.h"

#include <algorithm>
#include <sstream>

#include "extract/document_view.h"

namespace quai {
namespace {
// Matches weaker than this are noise (short labels against random words).
constexpr double kMinLabelSimilarity = 0.75;
}  // namespace

double Similarity(const std::string& expected, const std::string& actual) {
  if (expected.empty()) return 0;
  if (expected == actual) return 1;
  size_t m = expected.size(), n = actual.size();
  if (n > m + m / 4 + 1 || n + m / 4 + 1 < m) return 0;  // too different in length to be close
  std::vector<size_t> previous(n + 1), current(n + 1);
  for (size_t j = 0; j <= n; ++j) previous[j] = j;
  for (size_t i = 1; i <= m; ++i) {
    current[0] = i;
    for (size_t j = 1; j <= n; ++j)
      current[j] = std::min({previous[j - 1] + (expected[i - 1] == actual[j - 1] ? 0 : 1), previous[j] + 1,
                             current[j - 1] + 1});
    std::swap(previous, current);
  }
  double score = 1.0 - static_cast<double>(previous[n]) / static_cast<double>(m);
  return std::max(0.0, score);
}

LabelLexicon::LabelLexicon(const std::vector<std::string>& labels) {
  for (const std::string& label : labels) {
    std::istringstream words(label);
    std::string word, joined;
    while (words >> word) joined += NormaliseForMatch(word);
    if (!joined.empty()) phrases_.push_back({joined, label});
  }
}

LabelHit LabelLexicon::MatchBefore(const std::vector<std::string>& tokens, int end, int skip) const {
  LabelHit best;
  for (int skipped = 0; skipped <= skip && end - skipped > 0; ++skipped) {
    int stop = end - skipped;
    std::string joined;
    for (int first = stop - 1; first >= 0 && first >= stop - 6; --first) {
      joined = tokens[first] + joined;
      if (joined.empty()) continue;
      for (const Phrase& phrase : phrases_) {
        double score = Similarity(phrase.joined, joined) * (skipped == 0 ? 1.0 : 0.9);
        // Short labels ("po", "lot") must match exactly: one edit is half the word.
        if (phrase.joined.size() <= 4 && phrase.joined != joined) score = 0;
        if (score > best.score && score >= kMinLabelSimilarity) best = {score, phrase.original, first};
      }
    }
  }
  return best;
}

LabelHit LabelLexicon::MatchSpan(const std::vector<std::string>& tokens, int first, int end) const {
  std::string joined;
  for (int i = first; i < end; ++i) joined += tokens[i];
  LabelHit best;
  if (joined.empty()) return best;
  for (const Phrase& phrase : phrases_) {
    double score = Similarity(phrase.joined, joined);
    if (phrase.joined.size() <= 4 && phrase.joined != joined) score = 0;
    if (score > best.score && score >= kMinLabelSimilarity) best = {score, phrase.original, first};
  }
  return best;
}

}  // namespace quai
