#include "extract/candidate_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "extract/document_view.h"
#include "fixtures/pages.h"

namespace quai {
namespace {

using testing::PageWithRows;

std::vector<std::string> AddressCandidates(const std::vector<Page>& pages, int rows) {
  DocumentSchema schema;
  schema.document_type = "receipt";
  FieldSpec address;
  address.name = "address";
  address.rows = rows;
  schema.fields.push_back(address);
  DocumentView view(pages);
  SchemaLexicons lexicons(schema);
  std::vector<std::string> values;
  auto candidates = GenerateCandidates(view, lexicons, RecognizerContext{});
  for (const FieldCandidate& c : candidates["address"]) values.push_back(c.value);
  return values;
}

bool Has(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

TEST(GenerateCandidates, AnAddressOverSeveralRowsIsJoinedWithACommaItDoesNotAlreadyPrint) {
  auto values = AddressCandidates(PageWithRows({{100, "12 rue de la Gare"}, {112, "69002 Lyon"}}), 2);
  EXPECT_TRUE(Has(values, "12 rue de la Gare, 69002 Lyon"));

  // Rows that end with their own comma are joined by a space: the value reads as printed.
  values = AddressCandidates(PageWithRows({{100, "NO.53 JALAN SAGU 18,"}, {112, "TAMAN DAYA,"},
                                           {124, "81100 JOHOR BAHRU,"}, {136, "JOHOR."}}),
                             4);
  EXPECT_TRUE(Has(values, "NO.53 JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR."));
  EXPECT_TRUE(Has(values, "NO.53 JALAN SAGU 18, TAMAN DAYA,"));
  EXPECT_FALSE(Has(values, "NO.53 JALAN SAGU 18,, TAMAN DAYA,"));
  // No more rows than the schema allows.
  EXPECT_FALSE(Has(AddressCandidates(PageWithRows({{100, "A1 X,"}, {112, "B2 Y,"}, {124, "C3 Z."}}), 2),
                   "A1 X, B2 Y, C3 Z."));
}

std::vector<std::string> HazardCandidates(const std::vector<Page>& pages) {
  DocumentSchema schema;
  schema.document_type = "safety_data_sheet";
  FieldSpec hazards;
  hazards.name = "hazard_statements";
  hazards.type = ValueType::kHazardStatements;
  schema.fields.push_back(hazards);
  DocumentView view(pages);
  SchemaLexicons lexicons(schema);
  std::vector<std::string> values;
  for (const FieldCandidate& c : GenerateCandidates(view, lexicons, RecognizerContext{})["hazard_statements"])
    values.push_back(c.value);
  return values;
}

TEST(GenerateCandidates, StatementsOnRowsOfTheirOwnMakeOneListThatNamesEachOnce) {
  auto values = HazardCandidates(PageWithRows({{100, "H225 Liquide et vapeurs très inflammables."},
                                               {112, "H315 Provoque une irritation cutanée."}}));
  EXPECT_TRUE(Has(values, "H225, H315"));
  // A summary row above the statements it lists: their rows explain it, they add nothing.
  values = HazardCandidates(PageWithRows({{100, "Gefahrenhinweise: H225, H315"},
                                          {112, "H225 Flüssigkeit und Dampf leicht entzündbar."},
                                          {124, "H315 Verursacht Hautreizungen."}}));
  EXPECT_TRUE(Has(values, "H225, H315"));
  EXPECT_FALSE(Has(values, "H225, H315, H225, H315"));
  EXPECT_FALSE(Has(values, "H225, H315, H225"));
}

}  // namespace
}  // namespace quai
