#include "extract/label_composition.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "core/match_text.h"
#include "extract/label_lexicon.h"
#include "fixtures/fixtures.h"

namespace quai {
namespace {

std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> tokens;
  std::istringstream words(text);
  for (std::string word; words >> word;) tokens.push_back(NormaliseForMatch(word));
  return tokens;
}

class LabelCompositionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
    ASSERT_TRUE(loaded.ok());
    schemas_ = std::move(*loaded);
  }
  // The fields of `type` whose composed labels `text` is, as a whole.
  std::vector<std::string> FieldsComposedBy(const std::string& type, const std::string& text) {
    std::vector<std::string> fields;
    const std::vector<std::string> tokens = Tokens(text);
    for (const auto& [field, composition] : ComposeLabels(*schemas_.Find(type)))
      if (composition.Score(tokens, 0, static_cast<int>(tokens.size())) > 0) fields.push_back(field);
    return fields;
  }
  SchemaSet schemas_;
};

using Fields = std::vector<std::string>;

TEST_F(LabelCompositionTest, AFieldsOwnWordWithAWordOfItsKindIsItsLabel) {
  EXPECT_EQ(FieldsComposedBy("certificate_of_conformity", "CoA number"), Fields{"certificate_number"});
  EXPECT_EQ(FieldsComposedBy("delivery_note", "Delivery ref."), Fields{"delivery_note_number"});
  EXPECT_EQ(FieldsComposedBy("delivery_note", "Numéro de la commande"), Fields{"po_number"});
  // Without a word of the value's kind it is a heading, not a label.
  EXPECT_EQ(FieldsComposedBy("certificate_of_conformity", "CoA"), Fields{});
  // A word no label of the field has makes it another label.
  EXPECT_EQ(FieldsComposedBy("delivery_note", "Customer number"), Fields{});
  EXPECT_EQ(FieldsComposedBy("delivery_note", "Tel. No"), Fields{});
}

TEST_F(LabelCompositionTest, TheDocumentsOwnNumberTakesSharedWordsAndABareNumberWord) {
  // "bon" is both "bon de livraison" and "bon de commande": on a delivery note, its own.
  EXPECT_EQ(FieldsComposedBy("delivery_note", "N° de bon"), Fields{"delivery_note_number"});
  EXPECT_EQ(FieldsComposedBy("invoice", "Nummer"), Fields{"invoice_number"});
  // After the words of another label, "N°" is that label's.
  const std::vector<std::string> tokens = Tokens("Bon de commande N°");
  for (const auto& [field, composition] : ComposeLabels(*schemas_.Find("delivery_note")))
    EXPECT_EQ(composition.Score(tokens, 3, 4), 0) << field;
}

TEST_F(LabelCompositionTest, ACompoundOfLabelWordsNamesWhatItEndsWith) {
  // "levering" (delivery) + "bon": the delivery note's own number, with "nr".
  EXPECT_EQ(FieldsComposedBy("delivery_note", "Leveringsbon nr."), Fields{"delivery_note_number"});
  // "zertifikat" + "nummer".
  EXPECT_EQ(FieldsComposedBy("certificate_of_conformity", "Zertifikatnummer"), Fields{"certificate_number"});
  // A number of something no field is: the customer's, a telephone's.
  EXPECT_EQ(FieldsComposedBy("delivery_note", "Kundennummer"), Fields{});
  EXPECT_EQ(FieldsComposedBy("delivery_note", "Telefonnummer"), Fields{});
}

TEST_F(LabelCompositionTest, ALexiconReadsAComposedLabelWhereNoConfiguredOneMatches) {
  const DocumentSchema& schema = *schemas_.Find("certificate_of_conformity");
  LabelLexicon lexicon(schema.FindField("certificate_number")->labels);
  const std::vector<std::string> tokens = Tokens("CoA number COU42120");
  EXPECT_EQ(lexicon.MatchBefore(tokens, 2).score, 0);
  lexicon.AllowComposedLabels(ComposeLabels(schema).at("certificate_number"));
  const LabelHit hit = lexicon.MatchBefore(tokens, 2);
  EXPECT_DOUBLE_EQ(hit.score, kComposedLabelScore);
  EXPECT_EQ(hit.label, "coa number");
  EXPECT_EQ(hit.first_token, 0);
  EXPECT_DOUBLE_EQ(lexicon.MatchBefore(Tokens("Certificate number COU42120"), 2).score, 1.0);
}

TEST(LabelWordParts, SplitsAtInnerPunctuation) {
  EXPECT_EQ(LabelWordParts("btw-bedrag"), (std::vector<std::string>{"btw", "bedrag"}));
  EXPECT_EQ(LabelWordParts("art.-nr"), (std::vector<std::string>{"art", "nr"}));
  EXPECT_EQ(LabelWordParts(NormaliseForMatch("N°")), (std::vector<std::string>{NormaliseForMatch("N°")}));
}

}  // namespace
}  // namespace quai
