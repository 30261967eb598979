#include "extract/extraction_json.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

Extraction Sample() {
  Extraction e;
  e.document_type = "invoice";
  e.type_confidence = 0.97;
  e.supplier.name = "ACME SAS";
  e.supplier.known = true;
  e.supplier.id = 7;
  e.supplier.evidence = "vat FR40303265045";
  e.supplier.learned_documents = 3;
  e.supplier.name_confirmed = true;
  e.supplier.usual_fields = {"lines.lot_number", "lines.unit"};
  ExtractedValue& total = e.fields["total_incl_tax"];
  total.value = "1020.04";
  total.confidence = 0.93;
  total.page = 2;
  total.box = {400, 700, 460, 712};
  total.evidence = "label 'Total TTC' left of value";
  total.corroborated = true;
  e.fields["po_number"].value = "4500012345";
  e.fields["po_number"].doubted = true;
  e.lines.push_back({{"quantity", {"12", 0.5, 1, {}, "", false, false, true}}});
  e.unread_line_rows = 1;
  e.page_sources = {TextSource::kTextLayer, TextSource::kOcr};
  e.findings.push_back({"totals_mismatch", "total_incl_tax", true, "total excl. tax + tax does not equal total incl. tax"});
  e.review_required = true;
  e.review_reasons = {"totals_mismatch: total_incl_tax"};
  e.model_version = "classifier-ab12+field-scorer-cd34";
  return e;
}

TEST(ExtractionJson, ReadsBackWhatItWrote) {
  const Extraction e = Sample();
  auto read = ExtractionFromJson(ExtractionToJson(e));
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->document_type, "invoice");
  EXPECT_DOUBLE_EQ(read->type_confidence, 0.97);
  EXPECT_EQ(read->supplier.id, 7);
  EXPECT_EQ(read->supplier.learned_documents, 3);
  EXPECT_TRUE(read->supplier.name_confirmed);
  EXPECT_EQ(read->supplier.usual_fields, (std::vector<std::string>{"lines.lot_number", "lines.unit"}));
  const ExtractedValue& total = read->fields.at("total_incl_tax");
  EXPECT_EQ(total.value, "1020.04");
  EXPECT_DOUBLE_EQ(total.confidence, 0.93);
  EXPECT_EQ(total.page, 2);
  EXPECT_DOUBLE_EQ(total.box.x1, 460);
  EXPECT_TRUE(total.corroborated);
  EXPECT_TRUE(read->fields.at("po_number").doubted);
  ASSERT_EQ(read->lines.size(), 1u);
  EXPECT_TRUE(read->lines[0].at("quantity").corrected);
  EXPECT_EQ(read->unread_line_rows, 1);
  EXPECT_EQ(read->page_sources, e.page_sources);
  ASSERT_EQ(read->findings.size(), 1u);
  EXPECT_EQ(read->findings[0].code, "totals_mismatch");
  EXPECT_TRUE(read->findings[0].blocking);
  EXPECT_EQ(read->review_reasons, e.review_reasons);
  EXPECT_EQ(ExtractionToJson(*read), ExtractionToJson(e));
}

TEST(ExtractionJson, OptionalMembersAreWrittenOnlyWhenSet) {
  Extraction e;
  e.fields["po_number"].value = "4500012345";
  const nlohmann::json json = ExtractionToJson(e);
  EXPECT_FALSE(json.contains("unread_line_rows"));
  EXPECT_FALSE(json["fields"]["po_number"].contains("corrected"));
  EXPECT_FALSE(json["fields"]["po_number"].contains("doubted"));
  EXPECT_EQ(json["page_text_sources"], nlohmann::json::array());
}

TEST(ExtractionJson, ReadsTheDesksValuesAndOlderExtractions) {
  // A value a person typed (no page, no box), an extraction without page
  // sources, a line that is not an object, a document not read yet.
  const nlohmann::json desk = {
      {"document_type", nullptr},
      {"fields", {{"po_number", {{"value", "4500099999"}, {"confidence", 1}, {"corrected", true}}}}},
      {"lines", {nlohmann::json::array(), {{"lot_number", {{"value", "L1"}, {"confidence", 0.9}}}}}},
      {"findings", nlohmann::json::array()}};
  auto read = ExtractionFromJson(desk);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->document_type, "other");
  EXPECT_TRUE(read->fields.at("po_number").corrected);
  EXPECT_EQ(read->fields.at("po_number").page, 1);
  EXPECT_TRUE(read->page_sources.empty());
  ASSERT_EQ(read->lines.size(), 2u);
  EXPECT_TRUE(read->lines[0].empty());
  EXPECT_EQ(read->lines[1].at("lot_number").value, "L1");
  EXPECT_FALSE(ExtractionFromJson(nlohmann::json::array()).ok());
}

}  // namespace
}  // namespace quai
