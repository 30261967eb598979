#include "extract/candidate_features.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/document_view.h"
#include "fixtures/pages.h"

namespace quai {
namespace {

using testing::AddRow;

FieldSpec Field(const std::string& name, ValueType type, std::vector<std::string> labels) {
  FieldSpec field;
  field.name = name;
  field.type = type;
  field.labels = std::move(labels);
  return field;
}

// The features of the candidate of `field` reading `value` on a delivery note of `fields`.
std::vector<float> FeaturesOf(const std::vector<Page>& pages, const std::vector<FieldSpec>& fields,
                              const std::string& field, const std::string& value,
                              std::vector<std::string> titles = {}) {
  DocumentSchema schema;
  schema.document_type = "delivery_note";
  schema.keywords = std::move(titles);
  schema.fields = fields;
  std::vector<std::string> names;
  for (const FieldSpec& f : fields) names.push_back(f.name);
  DocumentView view(pages);
  SchemaLexicons lexicons(schema);
  auto candidates = GenerateCandidates(view, lexicons, RecognizerContext{});
  CandidateFeatures features(names);
  features.Compute(view, lexicons, &candidates);
  for (const FieldCandidate& c : candidates[field])
    if (c.value == value) return c.features;
  return {};
}

std::vector<float> FeaturesOf(const std::vector<Page>& pages, const std::vector<std::string>& labels,
                              const std::string& value) {
  return FeaturesOf(pages, {Field("delivery_date", ValueType::kDate, labels)}, "delivery_date", value);
}

float Feature(const std::vector<float>& features, const char* name) {
  return features.at(CandidateFeatures::Index(name));
}

TEST(CandidateFeatures, RowsWithNothingOverTheValueDoNotPutItsLabelAboveFurtherAway) {
  // The sender's address on the left prints a row between the label box and its value.
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  AddRow(&pages[0], 100, {"Laboratoires Ormeau@40", "DATE D'EXPEDITION@400"});
  AddRow(&pages[0], 112, {"84000 Avignon@40"});
  AddRow(&pages[0], 124, {"France@40", "2026-04-20@400"});
  auto features = FeaturesOf(pages, {"date d'expédition"}, "2026-04-20");
  ASSERT_FALSE(features.empty());
  EXPECT_FLOAT_EQ(Feature(features, "above_label"), 1.0f);
  EXPECT_FLOAT_EQ(Feature(features, "above_label_rows"), 1.0f);

  // A row that does print over the value still separates it from the label.
  AddRow(&pages[0], 112, {"Weight: 12 kg@400"});
  features = FeaturesOf(pages, {"date d'expédition"}, "2026-04-20");
  ASSERT_FALSE(features.empty());
  EXPECT_FLOAT_EQ(Feature(features, "above_label_rows"), 2.0f);
}

TEST(CandidateFeatures, AColumnHeadersLabelDoesNotRunOnFromTheCellToItsLeft) {
  // "Factuur datum" and "Factuur" are two cells: over the number stands "Factuur"
  // alone, not the date's label "Datum factuur" read across the gap.
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  AddRow(&pages[0], 280, {"Factuur datum@315", "Factuur@432"});
  AddRow(&pages[0], 292, {"8-9-2022@338", "VF1005193039@409"});
  const std::vector<FieldSpec> fields = {Field("invoice_number", ValueType::kCode, {"factuur"}),
                                         Field("invoice_date", ValueType::kDate, {"datum factuur", "factuur datum"})};
  auto number = FeaturesOf(pages, fields, "invoice_number", "VF1005193039");
  ASSERT_FALSE(number.empty());
  EXPECT_FLOAT_EQ(Feature(number, "above_label"), 1.0f);
  EXPECT_FLOAT_EQ(Feature(number, "other_above_label"), 0.0f);
  auto date = FeaturesOf(pages, fields, "invoice_date", "2022-09-08");
  ASSERT_FALSE(date.empty());
  EXPECT_FLOAT_EQ(Feature(date, "above_label"), 1.0f);
}

TEST(CandidateFeatures, ALetterStyleDatelineDatesTheDocumentItself) {
  const std::vector<FieldSpec> fields = {Field("delivery_date", ValueType::kDate, {"date de livraison"}),
                                         Field("order_date", ValueType::kDate, {"date de commande"})};
  auto features = [&](const std::string& row, const std::string& field, const std::string& value) {
    std::vector<Page> pages(1);
    pages[0].width = 595;
    pages[0].height = 842;
    AddRow(&pages[0], 100, {row});
    return FeaturesOf(pages, fields, field, value, {"bon de livraison"});
  };
  // The delivery note's own date: its date field shares "livraison" with its title.
  EXPECT_FLOAT_EQ(Feature(features("Avignon, le 31/10/26@380", "delivery_date", "2026-10-31"), "left_label"), 1.0f);
  EXPECT_FLOAT_EQ(Feature(features("Plymouth, 7 July 2026@380", "delivery_date", "2026-07-07"), "left_label"), 1.0f);
  EXPECT_FLOAT_EQ(Feature(features("Avignon, le 31/10/26@380", "order_date", "2026-10-31"), "left_label"), 0.0f);
  // Not a dateline: no comma after the place, words after the date, a sentence.
  EXPECT_FLOAT_EQ(Feature(features("Avignon le 31/10/26@380", "delivery_date", "2026-10-31"), "left_label"), 0.0f);
  EXPECT_FLOAT_EQ(Feature(features("Avignon, le 31/10/26 signé@380", "delivery_date", "2026-10-31"), "left_label"),
                  0.0f);
  EXPECT_FLOAT_EQ(Feature(features("votre commande, du 31/10/26@380", "delivery_date", "2026-10-31"), "left_label"),
                  0.0f);
}

}  // namespace
}  // namespace quai
