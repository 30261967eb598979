#include "extract/candidate_features.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/document_view.h"
#include "fixtures/pages.h"

namespace quai {
namespace {

using testing::AddRow;

// The features of the `field` candidate reading `value`, on a delivery note
// whose one field is labelled by `labels`.
std::vector<float> FeaturesOf(const std::vector<Page>& pages, const std::vector<std::string>& labels,
                              const std::string& value) {
  DocumentSchema schema;
  schema.document_type = "delivery_note";
  FieldSpec field;
  field.name = "delivery_date";
  field.type = ValueType::kDate;
  field.labels = labels;
  schema.fields.push_back(field);
  DocumentView view(pages);
  SchemaLexicons lexicons(schema);
  auto candidates = GenerateCandidates(view, lexicons, RecognizerContext{});
  CandidateFeatures features({"delivery_date"});
  features.Compute(view, lexicons, &candidates);
  for (const FieldCandidate& c : candidates["delivery_date"])
    if (c.value == value) return c.features;
  return {};
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

}  // namespace
}  // namespace quai
