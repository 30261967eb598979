#include "learn/threshold_choice.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

FieldSpec Field(const std::string& name, ValueType type) {
  FieldSpec field;
  field.name = name;
  field.type = type;
  field.required = true;
  return field;
}

DocumentSchema Schema() {
  DocumentSchema schema;
  schema.document_type = "delivery_note";
  schema.fields = {Field("supplier_name", ValueType::kText), Field("po_number", ValueType::kPoNumber)};
  schema.lines = {Field("quantity", ValueType::kQuantity)};
  return schema;
}

const DocumentSchema kSchema = Schema();

// A document read with a memory of its supplier (as the trainer rates them),
// its values at the given confidences, `right` of them right.
RatedDocument Rated(std::map<std::string, double> fields, std::vector<double> quantities, long right, int missed = 0) {
  RatedDocument document;
  document.schema = &kSchema;
  Extraction& e = document.extraction;
  e.document_type = "delivery_note";
  e.type_confidence = 1;
  e.supplier.learned_documents = 1;
  e.page_sources = {TextSource::kOcr};
  for (const auto& [name, confidence] : fields) {
    e.fields[name].value = "x";
    e.fields[name].confidence = confidence;
  }
  for (double q : quantities) {
    e.lines.push_back({{"quantity", {}}});
    e.lines.back()["quantity"].value = "1";
    e.lines.back()["quantity"].confidence = q;
  }
  document.values = static_cast<long>(fields.size() + quantities.size());
  document.right = right;
  document.missed = missed;
  return document;
}

TEST(AcceptedBy, CountsTheFieldsOfDocumentsTheDecisionAcceptsAndTheirMissedValues) {
  const RatedDocument sure = Rated({{"po_number", 0.99}}, {0.99}, 1, 1);
  const RatedDocument unsure = Rated({{"po_number", 0.90}}, {0.99}, 2);
  RatedDocument held = Rated({{"po_number", 0.99}}, {0.99}, 2);
  held.extraction.findings.push_back({"totals_mismatch", "total_incl_tax", true, ""});
  const std::map<std::string, double> thresholds = {{"po_number", 0.95}, {"lines.quantity", 0.95}};
  AcceptedDocuments accepted = AcceptedBy({sure, unsure, held}, thresholds);
  EXPECT_EQ(accepted.documents, 1);
  EXPECT_EQ(accepted.fields, 3);  // two read, one missed
  EXPECT_EQ(accepted.right, 1);
  // A value with no calibrated threshold is held to its schema's, as in reading.
  EXPECT_EQ(AcceptedBy({sure}, {{"po_number", 0.95}}).documents, 1);
  EXPECT_EQ(AcceptedBy({Rated({{"po_number", 0.99}}, {0.96}, 2)}, {{"po_number", 0.95}}).documents, 0);
  // A doubted value, or a line without its required cell, holds the document whatever the thresholds.
  RatedDocument doubted = sure;
  doubted.extraction.fields["po_number"].doubted = true;
  RatedDocument missing = sure;
  missing.extraction.lines[0].clear();
  EXPECT_EQ(AcceptedBy({doubted, missing}, {{"po_number", 0.5}, {"lines.quantity", 0.5}}).documents, 0);
  // A value no threshold decides (the name of a confirmed supplier) is counted, not gated.
  RatedDocument confirmed = Rated({{"po_number", 0.99}, {"supplier_name", 0.30}}, {0.99}, 3);
  confirmed.extraction.supplier.name_confirmed = true;
  AcceptedDocuments with_name = AcceptedBy({confirmed}, thresholds);
  EXPECT_EQ(with_name.documents, 1);
  EXPECT_EQ(with_name.fields, 3);
  EXPECT_EQ(with_name.right, 3);
}

TEST(AcceptedBy, JudgesByTheDocumentsTextSource) {
  RatedDocument scan = Rated({{"po_number", 0.9}}, {0.99}, 2);
  const std::map<std::string, double> thresholds = {{"po_number@ocr", 0.95}, {"po_number@layer", 0.85},
                                                    {"lines.quantity", 0.95}};
  EXPECT_EQ(AcceptedBy({scan}, thresholds).documents, 0);
  scan.extraction.page_sources = {TextSource::kTextLayer};
  EXPECT_EQ(AcceptedBy({scan}, thresholds).documents, 1);
}

DocumentSchema HeaderOnly() {
  DocumentSchema schema;
  schema.document_type = "certificate_of_conformity";
  schema.fields = {Field("po_number", ValueType::kPoNumber)};
  return schema;
}

const DocumentSchema kHeaderOnly = HeaderOnly();

// `n` documents of one value each, read at `confidence`, `wrong` of them wrongly.
std::vector<RatedDocument> Documents(int n, double confidence, int wrong) {
  std::vector<RatedDocument> documents;
  for (int i = 0; i < n; ++i) {
    RatedDocument document = Rated({{"po_number", confidence}}, {}, i >= wrong ? 1 : 0);
    document.schema = &kHeaderOnly;
    document.extraction.document_type = kHeaderOnly.document_type;
    documents.push_back(std::move(document));
  }
  return documents;
}

std::vector<RatedDocument> Join(std::vector<RatedDocument> a, const std::vector<RatedDocument>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(BestThresholdChoice, TakesALowerPrecisionOnlyWhereEverySourceShowsTheTargetStillHolds) {
  const ThresholdChoice strict{0.995, {{"po_number", 0.99}}}, relaxed{0.97, {{"po_number", 0.90}}};
  const auto docs = Documents;
  // 200 sure documents on each source, and 100 less sure ones all right.
  const std::vector<RatedDocument> sure = docs(200, 0.995, 0), less_sure = docs(100, 0.95, 0);
  EXPECT_EQ(BestThresholdChoice({strict, relaxed}, {Join(sure, less_sure), Join(sure, less_sure)}, 0.995, 40), 1);
  // One wrong in those 100 on scans: their 299 of 300 are still ≥ 99.5 %.
  EXPECT_EQ(BestThresholdChoice({strict, relaxed}, {Join(sure, docs(100, 0.95, 1)), Join(sure, less_sure)}, 0.995, 40),
            1);
  // Five wrong: 295 of 300 is under 99.5 %, the target's thresholds stay.
  EXPECT_EQ(BestThresholdChoice({strict, relaxed}, {Join(docs(100, 0.995, 0), docs(200, 0.95, 5)), Join(sure, less_sure)},
                                0.995, 40),
            0);
  // Too few scans accepted to tell: the target's thresholds, however right they are.
  EXPECT_EQ(BestThresholdChoice({strict, relaxed}, {docs(39, 0.95, 0), Join(sure, less_sure)}, 0.995, 40), 0);
  // The target's thresholds count with any number of documents; nothing counts: -1.
  EXPECT_EQ(BestThresholdChoice({strict}, {docs(3, 0.995, 0), {}}, 0.995, 40), 0);
  EXPECT_EQ(BestThresholdChoice({relaxed}, {docs(3, 0.95, 0), {}}, 0.995, 40), -1);
  // As many documents either way: the target's thresholds.
  const ThresholdChoice same_as_strict{0.97, strict.thresholds};
  EXPECT_EQ(BestThresholdChoice({strict, same_as_strict}, {Join(sure, less_sure), Join(sure, less_sure)}, 0.995, 40), 0);
}

}  // namespace
}  // namespace quai
