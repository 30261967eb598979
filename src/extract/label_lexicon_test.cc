#include "extract/label_lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

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
    const std::string expected = word(1 + random() % 24);
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
