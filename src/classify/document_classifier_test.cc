#include "classify/document_classifier.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fixtures/test_directory.h"

namespace quai {
namespace {

std::vector<Page> PageOf(const std::string& text) {
  std::vector<Page> pages(1);
  std::istringstream words(text);
  double x = 10;
  for (std::string w; words >> w; x += 40) {
    Word word;
    word.text = w;
    word.box = {x, 10, x + 30, 20};
    pages[0].words.push_back(word);
  }
  return pages;
}

std::vector<std::pair<std::string, std::string>> Examples() {
  std::vector<std::pair<std::string, std::string>> examples;
  const char* invoices[] = {"facture total ttc tva montant net a payer echeance", "invoice total due vat amount payment terms",
                            "facture n° date tva total ht total ttc", "rechnung gesamtbetrag mwst zahlbar"};
  const char* notes[] = {"bon de livraison quantite livree lot colis transporteur", "delivery note qty shipped batch carrier",
                         "bon de livraison n° bl lot dluo colis", "lieferschein menge charge spediteur"};
  for (int repeat = 0; repeat < 20; ++repeat)
    for (int i = 0; i < 4; ++i) {
      examples.push_back({"invoice", ClassifierText(PageOf(invoices[i]))});
      examples.push_back({"delivery_note", ClassifierText(PageOf(notes[i]))});
    }
  return examples;
}

TEST(DocumentClassifier, LearnsTypesFromPageText) {
  auto classifier = DocumentClassifier::Train(Examples());
  ASSERT_TRUE(classifier.ok()) << classifier.status().message();
  EXPECT_EQ((*classifier)->Classify(PageOf("facture total ttc tva"), {}).document_type, "invoice");
  EXPECT_EQ((*classifier)->Classify(PageOf("bon de livraison lot colis"), {}).document_type, "delivery_note");
}

TEST(DocumentClassifier, UnsureMeansOther) {
  auto classifier = DocumentClassifier::Train(Examples());
  ASSERT_TRUE(classifier.ok());
  TypePrediction p = (*classifier)->Classify(PageOf("facture total ttc tva"), {}, /*min_confidence=*/1.01);
  EXPECT_EQ(p.document_type, "other");
}

TEST(DocumentClassifier, ProbabilitiesCoverEveryTypeMostLikelyFirst) {
  auto classifier = DocumentClassifier::Train(Examples());
  ASSERT_TRUE(classifier.ok());
  auto probabilities = (*classifier)->Probabilities(PageOf("bon de livraison lot colis"));
  ASSERT_EQ(probabilities.size(), 2u);
  EXPECT_EQ(probabilities[0].first, "delivery_note");
  EXPECT_EQ(probabilities[1].first, "invoice");
  EXPECT_GT(probabilities[0].second, probabilities[1].second);
  EXPECT_NEAR(probabilities[0].second + probabilities[1].second, 1.0, 0.01);
}

TEST(DocumentClassifier, KeywordRuleForcesTheType) {
  auto classifier = DocumentClassifier::Train(Examples());
  ASSERT_TRUE(classifier.ok());
  TypePrediction p = (*classifier)->Classify(PageOf("FICHE DE DONNÉES DE SÉCURITÉ facture"),
                                             {{"safety_data_sheet", {"fiche de données de sécurité"}}});
  EXPECT_EQ(p.document_type, "safety_data_sheet");
  EXPECT_EQ(p.evidence, "rule: 'fiche de données de sécurité'");
}

TEST(DocumentClassifier, SavedModelLoadsWithItsVersionAndBadFilesAreRefused) {
  TestDirectory dir;
  auto classifier = DocumentClassifier::Train(Examples());
  ASSERT_TRUE(classifier.ok());
  ASSERT_TRUE((*classifier)->Save(dir.File("c.qcl")).ok());
  auto loaded = DocumentClassifier::Load(dir.File("c.qcl"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ((*loaded)->version(), (*classifier)->version());
  EXPECT_EQ((*loaded)->Classify(PageOf("invoice total due"), {}).document_type, "invoice");
  std::ofstream(dir.File("bad.qcl")) << "QUAICLS1garbage";
  EXPECT_FALSE(DocumentClassifier::Load(dir.File("bad.qcl")).ok());
}

}  // namespace
}  // namespace quai
