#include "extract/label_lexicon.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace quai
