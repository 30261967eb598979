#include "decide/decide.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

FieldSpec Field(const std::string& name, ValueType type, bool required, double auto_accept) {
  FieldSpec field;
  field.name = name;
  field.type = type;
  field.required = required;
  field.auto_accept = auto_accept;
  return field;
}

DocumentSchema DeliveryNote() {
  DocumentSchema schema;
  schema.document_type = "delivery_note";
  schema.fields = {Field("supplier_name", ValueType::kText, true, 0.97), Field("po_number", ValueType::kPoNumber, true, 0.97),
                   Field("delivery_date", ValueType::kDate, false, 0.97)};
  schema.lines = {Field("quantity", ValueType::kQuantity, true, 0.95), Field("lot_number", ValueType::kCode, false, 0.95)};
  return schema;
}

ExtractedValue Value(const std::string& text, double confidence, int page = 1) {
  ExtractedValue v;
  v.value = text;
  v.confidence = confidence;
  v.page = page;
  return v;
}

// Read off one text-layer page, every value sure, one line.
Extraction Sure() {
  Extraction e;
  e.document_type = "delivery_note";
  e.type_confidence = 0.98;
  e.page_sources = {TextSource::kTextLayer};
  e.fields["supplier_name"] = Value("ACME SAS", 0.99);
  e.fields["po_number"] = Value("4500012345", 0.99);
  e.fields["delivery_date"] = Value("2026-03-11", 0.99);
  e.lines.push_back({{"quantity", Value("12", 0.999)}, {"lot_number", Value("L1", 0.999)}});
  return e;
}

TEST(Decide, AcceptsADocumentWithEveryValueAtOrAboveItsThreshold) {
  const DocumentSchema schema = DeliveryNote();
  const ReviewDecision decision = Decide(Sure(), &schema, {});
  EXPECT_FALSE(decision.review_required()) << decision.Texts()[0];
}

TEST(Decide, SendsEachReasonToAPersonInOrder) {
  const DocumentSchema schema = DeliveryNote();
  Extraction e = Sure();
  e.findings = {{"totals_mismatch", "total_incl_tax", true, ""}, {"line_amount_mismatch", "lines[0].amount", false, ""}};
  e.fields["po_number"].doubted = true;
  e.fields["delivery_date"].confidence = 0.5;
  e.lines[0].erase("quantity");
  e.lines.push_back({{"quantity", Value("3", 0.6)}});
  e.type_confidence = 0.8;
  const ReviewDecision decision = Decide(e, &schema, {});
  EXPECT_EQ(decision.Texts(), (std::vector<std::string>{"totals_mismatch: total_incl_tax", "doubted: po_number",
                                                        "low confidence: delivery_date", "missing: lines[0].quantity",
                                                        "low confidence: lines[1].quantity",
                                                        "document type uncertain"}));
  EXPECT_TRUE(decision.HeldBeyondConfidence());
  EXPECT_EQ(decision.reasons[2].kind, ReviewReasonKind::kLowConfidence);

  Extraction unsure = Sure();
  unsure.fields["po_number"].confidence = 0.9;
  const ReviewDecision by_confidence = Decide(unsure, &schema, {});
  EXPECT_TRUE(by_confidence.review_required());
  EXPECT_FALSE(by_confidence.HeldBeyondConfidence());

  unsure.lines.clear();
  EXPECT_EQ(Decide(unsure, &schema, {}).Texts().back(), "no line items found");
}

// A certificate without its PO number ties to no order: a person looks, even
// though the PO is not required (they may validate it without one).
TEST(Decide, AKeyFieldMissingKeepsTheDocumentForAPerson) {
  DocumentSchema schema = DeliveryNote();
  schema.fields[1].required = false;
  schema.fields[1].key = true;
  Extraction e = Sure();
  EXPECT_FALSE(Decide(e, &schema, {}).review_required());
  e.fields.erase("po_number");
  const ReviewDecision decision = Decide(e, &schema, {});
  EXPECT_EQ(decision.Texts(), std::vector<std::string>{"missing: po_number"});
  EXPECT_EQ(decision.reasons[0].kind, ReviewReasonKind::kMissingKeyField);
  schema.fields[1].key = false;
  EXPECT_FALSE(Decide(e, &schema, {}).review_required());  // an optional field may be absent
}

// The supplier's validated documents always had a lot on their lines: a
// document of it where no line has one was not read as the supplier prints
// it, however sure the values that were read.
TEST(Decide, ALineColumnTheSupplierAlwaysPrintedAndNotReadKeepsTheDocumentForAPerson) {
  const DocumentSchema schema = DeliveryNote();
  Extraction e = Sure();
  e.supplier.known = true;
  e.supplier.learned_documents = 3;
  e.supplier.usual_fields = {"lines.lot_number", "lines.quantity"};
  EXPECT_FALSE(Decide(e, &schema, {}).review_required());
  e.lines.push_back({{"quantity", Value("4", 0.999)}});  // a line without a lot: the column was read
  e.fields.erase("delivery_date");                      // a header field may come and go
  EXPECT_FALSE(Decide(e, &schema, {}).review_required());
  for (auto& line : e.lines) line.erase("lot_number");  // no line has one: the column was lost
  const ReviewDecision decision = Decide(e, &schema, {});
  EXPECT_EQ(decision.Texts(),
            (std::vector<std::string>{"missing: lines[0].lot_number", "missing: lines[1].lot_number"}));
  EXPECT_EQ(decision.reasons[0].kind, ReviewReasonKind::kMissingUsualField);
  EXPECT_EQ(decision.reasons[1].kind, ReviewReasonKind::kMissingUsualField);
  EXPECT_TRUE(decision.HeldBeyondConfidence());
  e.supplier.usual_fields.clear();  // a supplier whose documents do not always print them
  EXPECT_FALSE(Decide(e, &schema, {}).review_required());
}

TEST(Decide, AValueAPersonCorrectedIsCertain) {
  const DocumentSchema schema = DeliveryNote();
  Extraction e = Sure();
  e.fields["po_number"] = Value("4500099999", 1);
  e.fields["po_number"].corrected = true;
  e.fields["delivery_date"].doubted = true;
  e.fields["delivery_date"].corrected = true;
  e.lines[0]["quantity"].corrected = true;
  e.lines[0]["quantity"].confidence = 0;
  ExtractorCalibration never;  // even a threshold nothing reaches
  never.thresholds = {{"po_number", 1.01}, {"lines.quantity", 1.01}};
  EXPECT_FALSE(Decide(e, &schema, never).review_required());
}

TEST(Decide, TheSupplierOfAConfirmedSupplierIsNotJudgedByItsConfidence) {
  const DocumentSchema schema = DeliveryNote();
  Extraction e = Sure();
  e.fields["supplier_name"].confidence = 0.2;
  EXPECT_EQ(Decide(e, &schema, {}).Texts(), std::vector<std::string>{"low confidence: supplier_name"});
  e.supplier.name_confirmed = true;
  EXPECT_FALSE(Decide(e, &schema, {}).review_required());
}

TEST(Decide, ThresholdsFollowThePageSourceAndStayStrictWhenItIsUnknown) {
  const DocumentSchema schema = DeliveryNote();
  ExtractorCalibration calibration;
  calibration.thresholds = {{"po_number@layer", 0.8}, {"po_number@ocr", 0.95}, {"po_number", 0.9},
                            {"po_number@ocr+checked", 0.85}};
  Extraction e = Sure();
  e.fields["po_number"].confidence = 0.9;
  EXPECT_FALSE(Decide(e, &schema, calibration).review_required());
  e.page_sources = {TextSource::kOcr};
  EXPECT_TRUE(Decide(e, &schema, calibration).review_required());
  e.fields["po_number"].corroborated = true;  // the corroborated values' own threshold
  EXPECT_FALSE(Decide(e, &schema, calibration).review_required());
  e.fields["po_number"].corroborated = false;
  e.page_sources.clear();  // stored before sources were kept: the stricter
  EXPECT_TRUE(Decide(e, &schema, calibration).review_required());
  EXPECT_DOUBLE_EQ(AutoAcceptThreshold(calibration, schema.fields[1], false, nullptr, false, false), 0.95);
  // No calibration: the schema's.
  EXPECT_DOUBLE_EQ(AutoAcceptThreshold({}, schema.fields[1], false, nullptr, false, false), 0.97);
}

TEST(Decide, ASupplierTheMemoryKnowsIsHeldToTheLearnedThresholds) {
  const DocumentSchema schema = DeliveryNote();
  ExtractorCalibration calibration;
  calibration.target_precision = 0.995;
  calibration.thresholds = {{"po_number", 1.01}, {"lines.quantity", 0.9}};
  calibration.learned_thresholds = {{"po_number", 0.5}, {"lines.quantity", 0.9}};
  Extraction e = Sure();
  e.lines[0]["quantity"].confidence = 0.99;  // over the field's threshold, under the target precision
  EXPECT_EQ(Decide(e, &schema, calibration).Texts(),
            (std::vector<std::string>{"low confidence: po_number", "low confidence: lines[0].quantity"}));
  // Known: the learned thresholds, and no floor on its (learned) table's cells.
  e.supplier.learned_documents = 2;
  EXPECT_FALSE(Decide(e, &schema, calibration).review_required());
}

TEST(Decide, ATypeWithoutFieldsNeedsAPerson) {
  Extraction e;
  e.document_type = "other";
  EXPECT_EQ(Decide(e, nullptr, {}).Texts(), std::vector<std::string>{"not a known document type"});
  DocumentSchema other;
  other.document_type = "other";
  EXPECT_EQ(Decide(e, &other, {}).Texts(), std::vector<std::string>{"not a known document type"});
  e.document_type = "receipt";
  EXPECT_EQ(Decide(e, nullptr, {}).Texts(), std::vector<std::string>{"no schema for receipt"});
  EXPECT_EQ(Decide(e, nullptr, {}).reasons[0].kind, ReviewReasonKind::kUnknownType);
}

TEST(RecordDecision, WritesTheReasonsIntoTheExtraction) {
  const DocumentSchema schema = DeliveryNote();
  Extraction e = Sure();
  e.review_reasons = {"stale"};
  RecordDecision(Decide(e, &schema, {}), &e);
  EXPECT_FALSE(e.review_required);
  EXPECT_TRUE(e.review_reasons.empty());
  e.fields["po_number"].confidence = 0.1;
  RecordDecision(Decide(e, &schema, {}), &e);
  EXPECT_TRUE(e.review_required);
  EXPECT_EQ(e.review_reasons, std::vector<std::string>{"low confidence: po_number"});
}

}  // namespace
}  // namespace quai
