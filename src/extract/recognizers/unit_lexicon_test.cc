#include "extract/recognizers/unit_lexicon.h"

#include <gtest/gtest.h>

#include "extract/recognizers/number_parser.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

std::string Unit(std::string_view word) {
  std::vector<ValueMatch> matches = FindUnits({std::string(word)});
  return matches.empty() ? "" : matches[0].value;
}

TEST(UnitLexicon, ReadsUnitsAsPrinted) {
  for (std::string_view unit : {"kg", "KG", "g", "L", "l", "ml", "pcs", "pc", "pce", "pi\xC3\xA8" "ce",
                                "pi\xC3\xA8" "ces", "pi\xC3\xA8" "ce(s)", "unit\xC3\xA9", "unit\xC3\xA9s",
                                "unit\xC3\xA9(s)", "u", "m", "m2", "m\xC2\xB2", "box", "carton", "colis", "rouleau",
                                "Stk", "St.", "Stk.", "stuks", "pezzi", "Karton"}) {
    EXPECT_EQ(Unit(unit), unit) << unit;
  }
}

TEST(UnitLexicon, ReadsAUnitTheSuppliersValidatedDocumentsHad) {
  // "VE" (a German Verpackungseinheit) is no unit the lexicon knows.
  const std::set<std::string> learned = {FoldForLookup("VE"), FoldForLookup("Fût200")};
  EXPECT_TRUE(FindUnits({"VE"}).empty());
  std::vector<ValueMatch> matches = FindUnits({"12", "ve"}, &learned);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].value, "ve");
  EXPECT_EQ(matches[0].first_word, 1);
  EXPECT_EQ(FindUnits({"FÛT200"}, &learned).at(0).value, "FÛT200");
  EXPECT_TRUE(FindUnits({"Lot"}, &learned).empty());
}

TEST(UnitLexicon, KnowsTheEverydayAbbreviationsOfTheSixLanguages) {
  for (const char* unit : {"Stk", "Stück", "pz", "pezzi", "uds", "unid.", "st", "stuks", "colli", "rol", "bidon",
                           "fût", "ctn", "pal", "Kart.", "rlx", "zakken", "Kanister", "cajas", "btl"}) {
    double score = 0;
    EXPECT_TRUE(LookupUnit(unit, &score)) << unit;
    EXPECT_GT(score, 0.5) << unit;
  }
  // Glued to a number too.
  NumberWord parts;
  ASSERT_TRUE(SplitNumberWord("928,529ctn", &parts));
  EXPECT_EQ(parts.unit, "ctn");
}

TEST(UnitLexicon, DropsSentencePunctuationButKeepsAbbreviationDots) {
  EXPECT_EQ(Unit("kg."), "kg");
  EXPECT_EQ(Unit("(pcs)"), "pcs");
  EXPECT_EQ(Unit("pcs,"), "pcs");
  EXPECT_EQ(Unit("St."), "St.");
}

TEST(UnitLexicon, ScoresSingleLettersAndEverydayWordsLower) {
  double kg = 0, g = 0, box = 0;
  ASSERT_TRUE(LookupUnit("kg", &kg));
  ASSERT_TRUE(LookupUnit("g", &g));
  ASSERT_TRUE(LookupUnit("box", &box));
  EXPECT_GT(kg, g);
  EXPECT_GT(kg, box);
}

TEST(UnitLexicon, ReadsAUnitGluedToANumber) {
  std::vector<ValueMatch> matches = FindUnits({"12kg"});
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].value, "kg");
  EXPECT_EQ(matches[0].printed, "12kg");
  EXPECT_LT(matches[0].shape_score, 1.0);
}

TEST(UnitLexicon, RefusesOtherWords) {
  for (std::string_view word : {"Lot", "hello", "12", "kgs2", "", "Stock", "EUR"}) {
    EXPECT_EQ(Unit(word), "") << word;
  }
}

}  // namespace
}  // namespace quai
