// LabelLexicon: the label phrases of one field ("N° PO", "Ref Commande",
// "Votre commande"...) and how well the words before a value, or the cell above
// it, read as one of them. Matching is on normalised text with the spaces taken
// out, so "N°PO:" printed as one word and "N° PO" as two match alike, and a
// one-letter OCR slip still matches most of a long label. Immutable after
// construction; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace quai {

struct LabelHit {
  double score = 0;    // 0..1; 1 is an exact match
  std::string label;   // the phrase as configured
  int first_token = 0; // where the matched words start
};

class LabelLexicon {
 public:
  LabelLexicon() = default;
  explicit LabelLexicon(const std::vector<std::string>& labels);

  // Best label ending at token `end` (exclusive) of `tokens`, using up to 6
  // tokens and skipping at most `skip` tokens (e.g. a ":" or a word like
  // "client") between the label and `end`.
  LabelHit MatchBefore(const std::vector<std::string>& tokens, int end, int skip = 1) const;
  // Best label equal to the tokens [first, end) as a whole (a header cell, a label above).
  LabelHit MatchSpan(const std::vector<std::string>& tokens, int first, int end) const;
  bool empty() const { return phrases_.empty(); }

 private:
  struct Phrase {
    std::string joined;    // normalised, spaces removed
    std::string original;
    size_t most_edits = 0; // MostLabelEdits(joined.size())
    bool LengthAllows(const std::string& text) const;
  };
  std::vector<Phrase> phrases_;
  size_t reach_ = 0;  // the longest text any phrase can match
};

// 1 - edit distance / length of `expected` when that is at least
// kMinLabelSimilarity, else 0 (weaker matches are noise and not computed).
inline constexpr double kMinLabelSimilarity = 0.75;
double Similarity(const std::string& expected, const std::string& actual);

// The most edits a text may be from an `expected` of this length and still be
// kMinLabelSimilarity like it.
inline size_t MostLabelEdits(size_t expected_length) {
  return static_cast<size_t>((1.0 - kMinLabelSimilarity) * static_cast<double>(expected_length));
}

}  // namespace quai
