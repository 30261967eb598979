#include "extract/label_lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "core/match_text.h"

namespace quai {
namespace {

std::vector<std::string> Tokens(std::vector<std::string> words) {
  for (auto& w : words) w = NormaliseForMatch(w);
  return words;
}

TEST(LabelLexicon, MatchesLabelGluedIntoOneWord) {
  LabelLexicon lexicon({"N° PO", "Ref Commande"});
  auto tokens = Tokens({"N°PO:", "4500012345"});
  LabelHit hit = lexicon.MatchBefore(tokens, 1);
  EXPECT_DOUBLE_EQ(hit.score, 1.0);
  EXPECT_EQ(hit.label, "N° PO");
}

TEST(LabelLexicon, ToleratesOneOcrSlipInALongLabel) {
  LabelLexicon lexicon({"Ref Commande"});
  auto tokens = Tokens({"Ref", "Commamde", ":", "4500"});
  LabelHit hit = lexicon.MatchBefore(tokens, 3);
  EXPECT_GT(hit.score, 0.85);
  EXPECT_LT(hit.score, 1.0);
}

TEST(LabelLexicon, ShortLabelsMustMatchExactly) {
  LabelLexicon lexicon({"PO", "Lot"});
  EXPECT_EQ(lexicon.MatchBefore(Tokens({"PD", "123"}), 1).score, 0.0);
  EXPECT_EQ(lexicon.MatchBefore(Tokens({"Lot:", "123"}), 1).score, 1.0);
}

TEST(LabelLexicon, FoldsAccentsAndCase) {
  LabelLexicon lexicon({"Référence commande"});
  EXPECT_EQ(lexicon.MatchSpan(Tokens({"REFERENCE", "COMMANDE"}), 0, 2).score, 1.0);
}

TEST(LabelLexicon, FindsTheLabelAfterLongWords) {
  LabelLexicon lexicon({"Ref Commande", "PO"});
  auto tokens = Tokens({"Conditionsgeneralesdeventeapplicables", "Ref", "Commamde", ":", "4500"});
  EXPECT_EQ(lexicon.MatchBefore(tokens, 4).label, "Ref Commande");
  EXPECT_EQ(lexicon.MatchBefore(tokens, 4).first_token, 1);
  EXPECT_EQ(lexicon.MatchSpan(tokens, 0, 3).score, 0.0);
}

// Phrases out of reach by length are passed over and texts already compared
// are remembered: the matches are those of every phrase against every span,
// best first, earliest phrase on ties.
TEST(LabelLexicon, SameMatchesAsEveryPhraseAgainstEverySpan) {
  const std::vector<std::string> labels = {"N° PO", "Ref Commande", "Votre commande", "Date", "Lot", "Total TTC",
                                           "Net a payer", "Numero de lot", "Ref", "Commande n°"};
  LabelLexicon lexicon(labels);
  std::vector<std::pair<std::string, std::string>> phrases;
  for (const std::string& label : labels) {
    std::istringstream words(label);
    std::string word, joined;
    while (words >> word) joined += NormaliseForMatch(word);
    phrases.push_back({joined, label});
  }
  auto best_of = [&](const std::string& joined, double factor, int first, LabelHit* best) {
    for (const auto& [phrase, label] : phrases) {
      if (joined.empty() || (phrase.size() <= 4 && phrase != joined)) continue;
      double score = Similarity(phrase, joined) * factor;
      if (score > best->score && score >= kMinLabelSimilarity) *best = {score, label, first};
    }
  };
  const std::vector<std::string> words = {"ref", "commande", "commamde", "votre", "n°", "po", ":", "date", "lot",
                                          "numero", "de", "total", "ttc", "net", "a", "payer", "4500", "x",
                                          "conditionsgenerales", "refcommande", "numerodelot", ""};
  std::mt19937 random(5);
  LabelLexicon::PhraseMemo memo;  // shared by every trial: a text's best phrase is the same wherever it is
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<std::string> tokens;
    for (int i = 1 + random() % 9; i > 0; --i) tokens.push_back(words[random() % words.size()]);
    const int size = static_cast<int>(tokens.size());
    const int end = 1 + random() % size, skip = random() % 2;
    LabelHit want;
    for (int skipped = 0; skipped <= skip && end - skipped > 0; ++skipped) {
      std::string joined;
      for (int first = end - skipped - 1; first >= 0 && first >= end - skipped - 6; --first) {
        joined = tokens[first] + joined;
        best_of(joined, skipped == 0 ? 1.0 : 0.9, first, &want);
      }
    }
    for (LabelLexicon::PhraseMemo* with : {static_cast<LabelLexicon::PhraseMemo*>(nullptr), &memo}) {
      LabelHit got = lexicon.MatchBefore(tokens, end, skip, with);
      ASSERT_EQ(got.score, want.score);
      ASSERT_EQ(got.label, want.label);
      ASSERT_EQ(got.first_token, want.first_token);
    }
    const int first = random() % end;
    std::string span;
    for (int i = first; i < end; ++i) span += tokens[i];
    LabelHit span_want;
    best_of(span, 1.0, first, &span_want);
    for (LabelLexicon::PhraseMemo* with : {static_cast<LabelLexicon::PhraseMemo*>(nullptr), &memo}) {
      LabelHit span_got = lexicon.MatchSpan(tokens, first, end, with);
      ASSERT_EQ(span_got.score, span_want.score);
      ASSERT_EQ(span_got.label, span_want.label);
      ASSERT_EQ(span_got.first_token, span_want.first_token);
    }
  }
  EXPECT_GT(memo.size(), 100u);
}

TEST(LabelLexicon, UnrelatedWordsDoNotMatch) {
  LabelLexicon lexicon({"N° de commande", "Votre commande"});
  EXPECT_EQ(lexicon.MatchBefore(Tokens({"Date", "de", "livraison"}), 3).score, 0.0);
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

TEST(Similarity, CountsEditsAndDropsWeakMatches) {
  EXPECT_DOUBLE_EQ(Similarity("refcommande", "refcommande"), 1.0);
  EXPECT_NEAR(Similarity("refcommande", "refcommamde"), 1.0 - 1.0 / 11, 1e-9);
  EXPECT_NEAR(Similarity("refcommande", "refcomande"), 1.0 - 1.0 / 11, 1e-9);
  EXPECT_EQ(Similarity("refcommande", "datelivraison"), 0.0);
  EXPECT_EQ(Similarity("invoicenumber", "invoicedate"), 0.0);
}

// The banded distance is the full edit distance whenever it is within the band.
TEST(Similarity, AgreesWithTheFullEditDistance) {
  auto full_distance = [](const std::string& a, const std::string& b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i)
      for (size_t j = 1; j <= b.size(); ++j)
        d[i][j] = std::min({d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), d[i - 1][j] + 1, d[i][j - 1] + 1});
    return d[a.size()][b.size()];
  };
  std::mt19937 random(8);
  auto word = [&](size_t length) {
    std::string w;
    for (size_t i = 0; i < length; ++i) w += "abcd"[random() % 4];
    return w;
  };
  for (int trial = 0; trial < 20000; ++trial) {
    // Labels, and now and then text longer than the rows kept on the stack.
    const std::string expected = word(1 + random() % (trial % 5 == 0 ? 100 : 24));
    // Mostly close variants of the expected text, so that the band matters.
    std::string actual = expected;
    for (int edits = random() % 7; edits > 0; --edits) {
      const size_t at = actual.empty() ? 0 : random() % actual.size();
      switch (random() % 3) {
        case 0: actual.insert(actual.begin() + at, "abcd"[random() % 4]); break;
        case 1: if (!actual.empty()) actual.erase(at, 1); break;
        default: if (!actual.empty()) actual[at] = "abcd"[random() % 4];
      }
    }
    if (trial % 10 == 0) actual = word(random() % 30);
    const size_t distance = full_distance(expected, actual);
    const double similarity = 1.0 - static_cast<double>(distance) / static_cast<double>(expected.size());
    const double want = similarity >= kMinLabelSimilarity ? similarity : 0.0;
    ASSERT_EQ(Similarity(expected, actual), want) << expected << " / " << actual;
  }
}

}  // namespace
}  // namespace quai
