// LabelLexicon: the label phrases of one field ("N° PO", "Ref Commande",
// "Votre commande"...) and how well the words before a value, or the cell above
// it, read as one of them. Matching is on normalised text with the spaces taken
// out, so "N°PO:" printed as one word and "N° PO" as two match alike, and a
// one-letter OCR slip still matches most of a long label. Immutable after
// construction; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/label_composition.h"

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

  // The best phrase for one text (normalised, spaces out): its similarity and
  // its index, the first phrase on ties; -1 when none is similar enough.
  struct PhraseMatch {
    double score = 0;
    int phrase = -1;
  };
  // Best phrases of texts already compared with this lexicon. The same words
  // are looked at again and again for the values of a document; a caller that
  // keeps one memo per lexicon (and document) compares each text once.
  using PhraseMemo = std::unordered_map<std::string, PhraseMatch>;

  // Best label ending at token `end` (exclusive) of `tokens`, using up to 6
  // tokens and skipping at most `skip` tokens (e.g. a ":" or a word like
  // "client") between the label and `end`.
  LabelHit MatchBefore(const std::vector<std::string>& tokens, int end, int skip = 1,
                       PhraseMemo* memo = nullptr) const;
  // Best label equal to the tokens [first, end) as a whole (a header cell, a label above).
  LabelHit MatchSpan(const std::vector<std::string>& tokens, int first, int end, PhraseMemo* memo = nullptr) const;
  bool empty() const { return phrases_.empty(); }
  // Also reads labels composed of the field's own words and words of its
  // value's kind ("CoA number"), below the configured ones (label_composition.h).
  void AllowComposedLabels(LabelComposition composition) { composition_ = std::move(composition); }
  // The type's own date, which a dateline gives (LabelComposition::own_date).
  bool TakesDateline() const { return composition_.own_date(); }

 private:
  PhraseMatch BestPhrase(const std::string& joined, PhraseMemo* memo) const;
  void Consider(const std::string& joined, double factor, int first, PhraseMemo* memo, LabelHit* best) const;
  void ConsiderComposed(const std::vector<std::string>& tokens, int first, int end, double factor,
                        LabelHit* best) const;

  struct Phrase {
    std::string joined;    // normalised, spaces removed
    std::string original;
    size_t most_edits = 0; // MostLabelEdits(joined.size())
    uint64_t characters = 0;  // CharacterSet(joined)
    bool LengthAllows(const std::string& text) const;
  };
  std::vector<Phrase> phrases_;
  size_t reach_ = 0;  // the longest text any phrase can match
  LabelComposition composition_;
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
