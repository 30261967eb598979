// The shipped models on the bundled samples (development-family suppliers, but
// documents generated with other seeds than the training corpus).
#include "extract/extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "decide/extract_and_decide.h"
#include "extract/corroboration.h"
#include "fixtures/fixtures.h"
#include "fixtures/pages.h"
#include "fixtures/test_directory.h"
#include "quai/workspace.h"

#include <nlohmann/json.hpp>

namespace quai {
namespace {

struct Truth {
  std::string type;
  std::map<std::string, std::string> fields;
};

Truth ReadTruth(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str());
  Truth truth;
  truth.type = json["document_type"];
  for (auto& [k, v] : json["fields"].items()) truth.fields[k] = v;
  return truth;
}

TEST(Extractor, ReadsBornDigitalSamplesOfEveryType) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  int right = 0, total = 0;
  std::string misses;
  for (const char* stem : {"dev-dn-0001", "dev-coc-0002", "dev-inv-0003", "dev-sds-0004"}) {
    std::string base = testing::SourceDir() + "/samples/" + stem;
    auto text = ReadDocumentText(base + ".pdf", Options{});
    ASSERT_TRUE(text.ok()) << text.status().message();
    auto extraction = ExtractAndDecide(**extractor, text->pages);
    ASSERT_TRUE(extraction.ok()) << extraction.status().message();
    Truth truth = ReadTruth(base + ".json");
    EXPECT_EQ(extraction->document_type, truth.type) << stem;
    for (const auto& [field, value] : truth.fields) {
      ++total;
      auto it = extraction->fields.find(field);
      if (it != extraction->fields.end() && it->second.value == value) ++right;
      else
        misses += std::string(stem) + " " + field + ": expected '" + value + "', got '" +
                  (it == extraction->fields.end() ? "(none)" : it->second.value) + "'\n";
    }
  }
  EXPECT_GE(right, total * 9 / 10) << right << " of " << total << " fields right; misses:\n" << misses;
}

TEST(Extractor, ExtractionLeavesFindingsAndTheDecisionToTheirStages) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok());
  // A sample whose line cells are under their thresholds.
  auto text = ReadDocumentText(testing::SourceDir() + "/samples/dev-dn-0001.pdf", Options{});
  ASSERT_TRUE(text.ok());
  auto type = (*extractor)->Classify(text->pages);
  ASSERT_TRUE(type.ok());
  EXPECT_EQ(type->document_type, "delivery_note");
  auto read = (*extractor)->ExtractAs(text->pages, *type);
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->fields.empty());
  EXPECT_TRUE(read->findings.empty());
  EXPECT_TRUE(read->review_reasons.empty());
  EXPECT_TRUE(read->review_required);  // not decided: a person until then
  EXPECT_EQ(read->page_sources, std::vector<TextSource>{TextSource::kTextLayer});
  EXPECT_EQ(read->type_evidence, type->evidence);
  // The whole reading gives the same values and confidences, then decides.
  auto decided = ExtractAndDecide(**extractor, text->pages);
  ASSERT_TRUE(decided.ok());
  ASSERT_EQ(decided->fields.size(), read->fields.size());
  for (const auto& [name, v] : read->fields) {
    EXPECT_EQ(decided->fields.at(name).value, v.value) << name;
    EXPECT_DOUBLE_EQ(decided->fields.at(name).confidence, v.confidence) << name;
  }
  EXPECT_FALSE(decided->review_reasons.empty());
}

TEST(Extractor, EveryValueCarriesPageBoxAndEvidence) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok());
  auto text = ReadDocumentText(testing::SourceDir() + "/samples/dev-inv-0003.pdf", Options{});
  ASSERT_TRUE(text.ok());
  auto extraction = ExtractAndDecide(**extractor, text->pages);
  ASSERT_TRUE(extraction.ok());
  ASSERT_FALSE(extraction->fields.empty());
  for (const auto& [name, v] : extraction->fields) {
    EXPECT_GE(v.page, 1) << name;
    EXPECT_LT(v.box.x0, v.box.x1) << name;
    EXPECT_FALSE(v.evidence.empty()) << name;
    EXPECT_GE(v.confidence, 0.0) << name;
    EXPECT_LE(v.confidence, 1.0) << name;
  }
}

// A supplier recognised on every page: validated as `name`, by an identifier
// of its own or not, with `memory` for the type (one empty validated document
// by default).
class KnownSupplier final : public SupplierKnowledge {
 public:
  explicit KnownSupplier(LayoutMemory memory = OneDocument(), std::string name = "", bool by_identifier = false,
                         std::map<std::string, int> company_shapes = {})
      : memory_(std::move(memory)),
        name_(std::move(name)),
        by_identifier_(by_identifier),
        company_shapes_(std::move(company_shapes)) {}
  SupplierMatch Recognize(const DocumentView&) const override {
    SupplierMatch match;
    match.id = 1;
    match.known = true;
    match.name = name_;
    match.by_identifier = by_identifier_;
    match.evidence = by_identifier_ ? "vat FR40303265045" : "name";
    return match;
  }
  LayoutMemory Memory(int64_t, const std::string&) const override { return memory_; }
  std::map<std::string, std::vector<std::string>> LearnedLabels(const std::string&) const override { return {}; }
  std::map<std::string, int> CompanyShapes(const std::string& field) const override {
    return field == "po_number" ? company_shapes_ : std::map<std::string, int>{};
  }

  static LayoutMemory OneDocument() {
    LayoutMemory memory;
    memory.examples.emplace_back();
    return memory;
  }

 private:
  LayoutMemory memory_;
  std::string name_;
  bool by_identifier_;
  std::map<std::string, int> company_shapes_;  // of po_number
};

// Validated delivery notes whose lines had lots "L99999-99" and an article.
LayoutMemory ValidatedLots() {
  LayoutMemory memory;
  LayoutExample& example = memory.examples.emplace_back();
  for (const char* lot : {"L25111-02", "L25300-17", "L24012-88"})
    example.lines.push_back({{"description", "Acétone technique"}, {"lot_number", lot}});
  example.lines.push_back({{"description", "Acétate d'éthyle"}, {"lot_number", "L25001-01"}});
  return memory;
}

TEST(Extractor, CellsOfAnUnlearnedTableMustEachReachTheTargetPrecision) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  ExtractorCalibration calibration;
  calibration.target_precision = 0.995;
  calibration.lines = {{0, 0.99}};  // every cell right 99 times in 100
  calibration.thresholds = {{"lines.quantity", 0.9}};
  (*extractor)->set_calibration(calibration);
  auto text = ReadDocumentText(testing::SourceDir() + "/samples/dev-dn-0001.pdf", Options{});
  ASSERT_TRUE(text.ok()) << text.status().message();
  auto low_quantity = [](const Extraction& e) {
    for (const std::string& reason : e.review_reasons)
      if (reason.find("].quantity") != std::string::npos) return true;
    return false;
  };
  auto unlearned = ExtractAndDecide(**extractor, text->pages);
  ASSERT_TRUE(unlearned.ok());
  ASSERT_FALSE(unlearned->lines.empty());
  EXPECT_TRUE(low_quantity(*unlearned));  // 0.99 is under 0.995
  KnownSupplier knowledge;
  auto learned = ExtractAndDecide(**extractor, text->pages, &knowledge);
  ASSERT_TRUE(learned.ok());
  EXPECT_FALSE(low_quantity(*learned));  // the field's own threshold, 0.9
}

TEST(Extractor, ASupplierWhoseMemoryHoldsTheTypeIsHeldToTheLearnedThresholds) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  auto text = ReadDocumentText(testing::SourceDir() + "/samples/dev-dn-0001.pdf", Options{});
  ASSERT_TRUE(text.ok()) << text.status().message();
  auto low_header_fields = [](const Extraction& e) {
    int low = 0;
    for (const std::string& reason : e.review_reasons)
      low += reason.rfind("low confidence: ", 0) == 0 && reason.find("lines[") == std::string::npos;
    return low;
  };
  ExtractorCalibration calibration;
  for (const FieldSpec& field : (*extractor)->schemas().Find("delivery_note")->fields) {
    calibration.thresholds[field.name] = 1.01;          // a supplier never seen: nothing passes
    calibration.learned_thresholds[field.name] = 0.0;  // one the memory knows: everything does
  }
  (*extractor)->set_calibration(calibration);
  auto unknown = ExtractAndDecide(**extractor, text->pages);
  ASSERT_TRUE(unknown.ok());
  ASSERT_FALSE(unknown->fields.empty());
  EXPECT_EQ(low_header_fields(*unknown), static_cast<int>(unknown->fields.size()));
  KnownSupplier knowledge;
  auto known = ExtractAndDecide(**extractor, text->pages, &knowledge);
  ASSERT_TRUE(known.ok());
  EXPECT_EQ(low_header_fields(*known), 0);
  // Without learned thresholds, a known supplier is held to the strict ones.
  calibration.learned_thresholds.clear();
  (*extractor)->set_calibration(calibration);
  known = ExtractAndDecide(**extractor, text->pages, &knowledge);
  ASSERT_TRUE(known.ok());
  EXPECT_EQ(low_header_fields(*known), static_cast<int>(known->fields.size()));
}

TEST(Extractor, ALotInTheSuppliersShapeAndAnArticleItDeliveredBeforeAreCorroborated) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  auto text = ReadDocumentText(testing::SourceDir() + "/samples/dev-dn-0001.pdf", Options{});
  ASSERT_TRUE(text.ok()) << text.status().message();
  auto corroborated = [](const Extraction& e, const std::string& field) {
    for (const auto& line : e.lines)
      if (auto it = line.find(field); it != line.end()) return it->second.corroborated;
    return false;
  };
  auto unknown = ExtractAndDecide(**extractor, text->pages);
  ASSERT_TRUE(unknown.ok());
  ASSERT_EQ(unknown->lines.size(), 1u);
  ASSERT_EQ(unknown->lines[0]["lot_number"].value, "L25218-51");
  EXPECT_FALSE(corroborated(*unknown, "lot_number"));
  EXPECT_FALSE(corroborated(*unknown, "description"));
  KnownSupplier knowledge(ValidatedLots());
  auto known = ExtractAndDecide(**extractor, text->pages, &knowledge);
  ASSERT_TRUE(known.ok());
  EXPECT_TRUE(corroborated(*known, "lot_number"));
  EXPECT_TRUE(corroborated(*known, "description"));
  ASSERT_TRUE(known->lines[0].count("unit"));
  EXPECT_FALSE(corroborated(*known, "unit"));  // a unit this supplier's memory never showed
  EXPECT_NE(known->lines[0]["lot_number"].evidence.find("in the shape of this supplier's lot_number values"),
            std::string::npos);
  // The lot's own threshold then decides: "never" for a reading alone, any for a corroborated one.
  ExtractorCalibration calibration;
  calibration.thresholds = {{"lines.lot_number@layer", 1.01}, {"lines.lot_number@layer+checked", 0.0}};
  (*extractor)->set_calibration(calibration);
  auto held_lot = [](const Extraction& e) {
    return std::find(e.review_reasons.begin(), e.review_reasons.end(), "low confidence: lines[0].lot_number") !=
           e.review_reasons.end();
  };
  auto alone = ExtractAndDecide(**extractor, text->pages);
  auto backed = ExtractAndDecide(**extractor, text->pages, &knowledge);
  ASSERT_TRUE(alone.ok() && backed.ok());
  EXPECT_TRUE(held_lot(*alone));
  EXPECT_FALSE(held_lot(*backed));
}

TEST(Extractor, ACertificateOfAnArticleTheSupplierDeliveredTakesTheConfidenceCorroboratedValuesEarned) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  ExtractorCalibration calibration;
  calibration.fields["@layer"] = {{0, 0.5}};              // every reading alone: right half the time
  calibration.fields["@layer+checked"] = {{0.4, 0.999}};  // corroborated: 999 in 1000
  calibration.thresholds = {{"article_code", 0.99}};
  (*extractor)->set_calibration(calibration);
  auto text = ReadDocumentText(testing::SourceDir() + "/samples/dev-coc-0002.pdf", Options{});
  ASSERT_TRUE(text.ok()) << text.status().message();
  auto held = [](const Extraction& e) {
    return std::find(e.review_reasons.begin(), e.review_reasons.end(), "low confidence: article_code") !=
           e.review_reasons.end();
  };
  // The supplier's delivery notes listed the article; no certificate of it was validated.
  LayoutMemory delivered;
  delivered.articles["article_code"] = {"HK45217", "HK45300"};
  KnownSupplier knowledge(delivered);
  auto known = ExtractAndDecide(**extractor, text->pages, &knowledge);
  ASSERT_TRUE(known.ok());
  ASSERT_EQ(known->fields["article_code"].value, "HK45217");
  EXPECT_TRUE(known->fields["article_code"].corroborated);
  EXPECT_DOUBLE_EQ(known->fields["article_code"].confidence, 0.999);
  EXPECT_NE(known->fields["article_code"].evidence.find("an article this supplier delivered before"),
            std::string::npos);
  EXPECT_FALSE(held(*known));
  EXPECT_EQ(known->supplier.learned_documents, 0);
  EXPECT_DOUBLE_EQ(known->fields["certificate_number"].confidence, 0.5);  // nothing confirms it

  auto unknown = ExtractAndDecide(**extractor, text->pages);
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->fields["article_code"].corroborated);
  EXPECT_DOUBLE_EQ(unknown->fields["article_code"].confidence, 0.5);
  EXPECT_TRUE(held(*unknown));
  LayoutMemory other;
  other.articles["article_code"] = {"HK45300"};
  KnownSupplier other_articles(other);
  auto not_delivered = ExtractAndDecide(**extractor, text->pages, &other_articles);
  ASSERT_TRUE(not_delivered.ok());
  EXPECT_TRUE(held(*not_delivered));
}

TEST(Extractor, AnIdentifierNotInTheShapeOfEveryOneTheSupplierPrintedIsDoubted) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  auto text = ReadDocumentText(testing::SourceDir() + "/samples/dev-coc-0002.pdf", Options{});
  ASSERT_TRUE(text.ok()) << text.status().message();
  auto certificates = [](const std::vector<std::string>& numbers) {
    LayoutMemory memory;
    for (const std::string& number : numbers) {
      FieldAnchor a;
      a.field = "certificate_number";
      a.value = number;
      memory.examples.emplace_back().anchors.push_back(a);
    }
    return memory;
  };
  // Printed "QZ-425221"; every validated certificate of the supplier was "AA-AA9999".
  KnownSupplier other_shape(certificates({"SI-CC2370", "SI-CC1187", "SI-CC9055", "SI-CC4410", "SI-CC0321"}));
  auto doubted = ExtractAndDecide(**extractor, text->pages, &other_shape);
  ASSERT_TRUE(doubted.ok());
  ASSERT_EQ(doubted->fields["certificate_number"].value, "QZ-425221");
  EXPECT_LE(doubted->fields["certificate_number"].confidence, kDoubtedConfidence);
  EXPECT_NE(doubted->fields["certificate_number"].evidence.find("not in the shape of every certificate_number"),
            std::string::npos);
  EXPECT_NE(std::find(doubted->review_reasons.begin(), doubted->review_reasons.end(), "doubted: certificate_number"),
            doubted->review_reasons.end());
  KnownSupplier same_shape(certificates({"QZ-425001", "QZ-425117", "QZ-425190", "QZ-425203", "QZ-425214"}));
  auto alike = ExtractAndDecide(**extractor, text->pages, &same_shape);
  ASSERT_TRUE(alike.ok());
  EXPECT_GT(alike->fields["certificate_number"].confidence, kDoubtedConfidence);
  KnownSupplier too_few(certificates({"SI-CC2370", "SI-CC1187", "SI-CC9055", "SI-CC4410"}));
  auto four = ExtractAndDecide(**extractor, text->pages, &too_few);
  ASSERT_TRUE(four.ok());
  EXPECT_GT(four->fields["certificate_number"].confidence, kDoubtedConfidence);
}

TEST(Extractor, APoNumberInNoShapeOfTheCompanysIsDoubtedWhateverTheSupplier) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  auto text = ReadDocumentText(testing::SourceDir() + "/samples/dev-coc-0002.pdf", Options{});
  ASSERT_TRUE(text.ok()) << text.status().message();
  // Printed "CA/26/7812".
  KnownSupplier other_shapes({}, "", false, {{"9999999999", 15}, {"AA-9999-99999", 12}});
  auto doubted = ExtractAndDecide(**extractor, text->pages, &other_shapes);
  ASSERT_TRUE(doubted.ok());
  ASSERT_EQ(doubted->fields["po_number"].value, "CA/26/7812");
  EXPECT_TRUE(doubted->fields["po_number"].doubted);
  EXPECT_LE(doubted->fields["po_number"].confidence, kDoubtedConfidence);
  EXPECT_NE(std::find(doubted->review_reasons.begin(), doubted->review_reasons.end(), "doubted: po_number"),
            doubted->review_reasons.end());
  KnownSupplier company_shape({}, "", false, {{"9999999999", 15}, {"AA/99/9999", 12}});
  auto alike = ExtractAndDecide(**extractor, text->pages, &company_shape);
  ASSERT_TRUE(alike.ok());
  EXPECT_FALSE(alike->fields["po_number"].doubted);
  EXPECT_GT(alike->fields["po_number"].confidence, kDoubtedConfidence);
  // The supplier's own five POs in one other shape do not doubt it: PO numbers are the company's.
  LayoutMemory five_orders;
  for (const char* po : {"4500000001", "4500000002", "4500000003", "4500000004", "4500000005"})
    five_orders.examples.emplace_back().values["po_number"] = po;
  KnownSupplier supplier_orders(five_orders);
  auto unanimous = ExtractAndDecide(**extractor, text->pages, &supplier_orders);
  ASSERT_TRUE(unanimous.ok());
  EXPECT_FALSE(unanimous->fields["po_number"].doubted);
}

TEST(Extractor, TheNameOfASupplierRecognisedByItsOwnIdentifierNeedsNoPerson) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  ExtractorCalibration calibration;
  calibration.thresholds = {{"supplier_name", 1.01}};  // no reading alone would pass
  (*extractor)->set_calibration(calibration);
  auto text = ReadDocumentText(testing::SourceDir() + "/samples/dev-dn-0001.pdf", Options{});
  ASSERT_TRUE(text.ok()) << text.status().message();
  auto held = [](const Extraction& e) {
    return std::find(e.review_reasons.begin(), e.review_reasons.end(), "low confidence: supplier_name") !=
           e.review_reasons.end();
  };
  // Printed "Chimirhône SAS"; validated with other case and accents.
  KnownSupplier by_vat({}, "CHIMIRHONE SAS", true), by_name({}, "CHIMIRHONE SAS", false),
      other({}, "Chimie Rhône", true);
  auto confirmed = ExtractAndDecide(**extractor, text->pages, &by_vat);
  ASSERT_TRUE(confirmed.ok());
  ASSERT_TRUE(confirmed->fields.count("supplier_name"));
  EXPECT_FALSE(held(*confirmed));
  EXPECT_EQ(confirmed->fields["supplier_name"].value, "CHIMIRHONE SAS");  // as validated
  EXPECT_NE(confirmed->fields["supplier_name"].evidence.find("recognised by vat FR40303265045"), std::string::npos);
  EXPECT_TRUE(confirmed->supplier.name_confirmed);
  auto named = ExtractAndDecide(**extractor, text->pages, &by_name);
  ASSERT_TRUE(named.ok());
  EXPECT_TRUE(held(*named));  // recognised by the name itself: nothing independent agrees
  EXPECT_FALSE(named->supplier.name_confirmed);
  auto mismatch = ExtractAndDecide(**extractor, text->pages, &other);
  ASSERT_TRUE(mismatch.ok());
  EXPECT_TRUE(held(*mismatch));  // the name read is not the recognised supplier's
}

TEST(Extractor, MissingModelFolderIsAClearError) {
  ExtractorOptions options;
  options.model_dir = "/nonexistent/models";
  auto extractor = Extractor::Load(options);
  ASSERT_FALSE(extractor.ok());
  EXPECT_NE(extractor.status().message().find("/nonexistent/models"), std::string::npos);
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

using testing::PageWithRows;

TEST(TitleType, APrintedTitleNamesTheType) {
  auto schemas = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
  ASSERT_TRUE(schemas.ok());
  auto pages = PageWithRows({{40, "Free Service Abonné"}, {120, "Facture n°562044387 du 02 Juillet 2015"}});
  DocumentView view(pages);
  std::string title;
  EXPECT_EQ(TitleType(view, *schemas, &title), "invoice");
  EXPECT_EQ(title, "facture");
}

TEST(TitleType, SaysWhetherTheTitleIsPrintedLargerThanTheText) {
  auto schemas = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
  ASSERT_TRUE(schemas.ok());
  auto pages = PageWithRows({{40, "Certificat d'analyse"}, {120, "Lot L26047-42"}, {140, "Article CH-3452"},
                             {160, "Date 2026-03-04"}});
  std::string title;
  bool prominent = true;
  DocumentView plain(pages);
  EXPECT_EQ(TitleType(plain, *schemas, &title, &prominent), "certificate_of_conformity");
  EXPECT_FALSE(prominent);
  for (Word& word : pages[0].words)
    if (word.box.y0 < 50) word.box.y1 = word.box.y0 + 18;  // the title in 18 pt, the text in 10
  DocumentView large(pages);
  EXPECT_EQ(TitleType(large, *schemas, &title, &prominent), "certificate_of_conformity");
  EXPECT_TRUE(prominent);
}

TEST(TitleType, AKeywordInsideASentenceOrLowOnThePageIsNoTitle) {
  auto schemas = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
  ASSERT_TRUE(schemas.ok());
  std::string title;
  // A reminder: the invoice inside its sentence is no title (its first word,
  // a title of the `other` schema, is).
  auto reminder = PageWithRows({{100, "Relance : votre facture n° 123 reste impayée"}});
  DocumentView reminder_view(reminder);
  EXPECT_EQ(TitleType(reminder_view, *schemas, &title), "other");
  auto sentence = PageWithRows({{100, "Suite à votre facture n° 123 du 2 mars"}});
  DocumentView sentence_view(sentence);
  EXPECT_EQ(TitleType(sentence_view, *schemas, &title), "");
  auto low = PageWithRows({{700, "Facture n° 123"}});
  DocumentView low_view(low);
  EXPECT_EQ(TitleType(low_view, *schemas, &title), "");
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

TEST(ClassificationRules, ReadFromConfigAndAbsentFileMeansNone) {
  TestDirectory dir;
  std::ofstream(dir.File("rules.json"))
      << R"({"rules": [{"document_type": "invoice", "phrases": ["note de débit"]}]})";
  auto rules = LoadClassificationRules(dir.File("rules.json"));
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  ASSERT_EQ(rules->size(), 1u);
  EXPECT_EQ((*rules)[0].document_type, "invoice");
  EXPECT_TRUE(LoadClassificationRules(dir.File("none.json"))->empty());
  std::ofstream(dir.File("bad.json")) << R"({"rules": [{"phrases": ["x"]}]})";
  auto bad = LoadClassificationRules(dir.File("bad.json"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.json"), std::string::npos);
}

TEST(ClassificationRules, ExampleFileIsValid) {
  auto rules = LoadClassificationRules(testing::SourceDir() + "/config/rules.example.json");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_EQ(rules->size(), 1u);
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

TEST(RepairSupplierName, ACloseReadingOfTheRecognisedSupplierTakesItsValidatedName) {
  std::vector<FieldCandidate> candidates(3);
  candidates[0].value = "Chimirh0ne SAS";           // one OCR slip
  candidates[1].value = "Northbridge Packaging";    // another name
  candidates[2].value = "CHIMIRHÔNE S.A.S.";        // the same name, printed otherwise
  RepairSupplierName("Chimirhône SAS", &candidates);
  EXPECT_EQ(candidates[0].value, "Chimirhône SAS");
  EXPECT_TRUE(candidates[0].repaired);
  EXPECT_EQ(candidates[1].value, "Northbridge Packaging");
  EXPECT_FALSE(candidates[1].repaired);
  EXPECT_EQ(candidates[2].value, "Chimirhône SAS");  // the same name: written as validated, not a repair
  EXPECT_FALSE(candidates[2].repaired);
}

}  // namespace
}  // namespace quai
