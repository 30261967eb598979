#include "learn/evaluation.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

namespace quai {
namespace {

using Fields = std::map<std::string, std::string>;
using Lines = std::vector<Fields>;

const Fields kHeader = {{"supplier_name", "Van Dijk Lubricants B.V."},
                        {"invoice_number", "21308608"},
                        {"po_number", "CA/26/9609"},
                        {"currency", "EUR"},
                        {"total_incl_tax", "43127.11"}};
const Fields kOil = {{"supplier_article_code", "822032"},
                     {"description", "Heavy-duty engine oil 15W-40"},
                     {"quantity", "265"},
                     {"unit_price", "3.07"},
                     {"amount", "813.55"}};
const Fields kChainOil = {{"supplier_article_code", "753309"},
                          {"description", "Food-grade chain oil NSF H1"},
                          {"quantity", "105"},
                          {"unit_price", "12.65"},
                          {"amount", "1328.25"}};
const Fields kGrease = {{"supplier_article_code", "378451"},
                        {"description", "Lithium grease EP2"},
                        {"quantity", "510"},
                        {"unit_price", "6.23"},
                        {"amount", "3177.30"}};

CanonicalDocument Document(const std::string& type, Fields fields, Lines lines = {}) {
  return CanonicalDocument{type, std::move(fields), std::move(lines)};
}

CanonicalDocument TruthInvoice() { return Document("invoice", kHeader, {kOil, kChainOil}); }

EvaluatedDocument Evaluated(CanonicalDocument truth, CanonicalDocument predicted,
                            std::string group = "", bool auto_accepted = false,
                            std::string name = "doc") {
  return EvaluatedDocument{std::move(name), std::move(group), std::move(truth),
                           std::move(predicted), auto_accepted, std::nullopt};
}

void ExpectCounts(const Counts& counts, long tp, long fp, long fn) {
  EXPECT_EQ(counts.true_positives, tp);
  EXPECT_EQ(counts.false_positives, fp);
  EXPECT_EQ(counts.false_negatives, fn);
}

std::vector<std::string> Keys(const nlohmann::json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

TEST(Counts, ScoresFromTheirCounts) {
  const Counts counts{2, 2, 1};
  EXPECT_DOUBLE_EQ(counts.precision(), 2.0 / 4.0);
  EXPECT_DOUBLE_EQ(counts.recall(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(counts.f1(), 4.0 / 7.0);
}

TEST(Counts, DefinesNothingExpectedAndNothingPredictedAsPerfect) {
  const Counts nothing;
  EXPECT_EQ(nothing.precision(), 1.0);
  EXPECT_EQ(nothing.recall(), 1.0);
  EXPECT_EQ(nothing.f1(), 1.0);
}

TEST(Counts, GivesZeroWhenOnlyOneKindOfErrorExists) {
  const Counts nothing_predicted{0, 0, 3};
  EXPECT_EQ(nothing_predicted.precision(), 0.0);
  EXPECT_EQ(nothing_predicted.recall(), 0.0);
  EXPECT_EQ(nothing_predicted.f1(), 0.0);
  const Counts nothing_expected{0, 2, 0};
  EXPECT_EQ(nothing_expected.precision(), 0.0);
  EXPECT_EQ(nothing_expected.recall(), 0.0);
  EXPECT_EQ(nothing_expected.f1(), 0.0);
}

TEST(Evaluate, PerfectPredictionGivesF1One) {
  const EvaluationReport report = Evaluate({Evaluated(TruthInvoice(), TruthInvoice())});
  const Scores& overall = report.overall;
  ExpectCounts(overall.header_fields.all, 5, 0, 0);
  ExpectCounts(overall.line_fields.all, 10, 0, 0);
  ExpectCounts(overall.lines, 2, 0, 0);
  EXPECT_EQ(overall.header_fields.all.f1(), 1.0);
  EXPECT_EQ(overall.line_fields.all.f1(), 1.0);
  EXPECT_EQ(overall.lines.f1(), 1.0);
  EXPECT_EQ(overall.type_accuracy.share(), 1.0);
  EXPECT_EQ(overall.fully_right.share(), 1.0);
  EXPECT_EQ(overall.field_accuracy.count, 15);
  EXPECT_EQ(overall.field_accuracy.total, 15);
  ASSERT_EQ(report.documents.size(), 1u);
  EXPECT_TRUE(report.documents[0].errors.empty());
  EXPECT_TRUE(report.documents[0].fully_right);
}

// 3 truth fields: 2 right, 1 wrong, and 1 extra predicted field.
// TP = 2, FP = 1 (wrong) + 1 (extra) = 2, FN = 1 (wrong):
// P = 2/4, R = 2/3, F1 = 2·TP / (2·TP + FP + FN) = 4/7.
TEST(Evaluate, KnownPredictionGivesKnownScore) {
  const CanonicalDocument truth =
      Document("invoice", {{"po_number", "PO-1"}, {"invoice_number", "INV-1"}, {"currency", "EUR"}});
  const CanonicalDocument predicted = Document(
      "invoice",
      {{"po_number", "PO-1"}, {"invoice_number", "INV-1"}, {"currency", "USD"}, {"due_date", "2026-07-31"}});
  const EvaluationReport report = Evaluate({Evaluated(truth, predicted)});
  const Counts& header = report.overall.header_fields.all;
  ExpectCounts(header, 2, 2, 1);
  EXPECT_DOUBLE_EQ(header.precision(), 0.5);
  EXPECT_DOUBLE_EQ(header.recall(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(header.f1(), 4.0 / 7.0);
  const auto& by_field = report.overall.by_type.at("invoice").header_fields.by_field;
  ExpectCounts(by_field.at("po_number"), 1, 0, 0);
  ExpectCounts(by_field.at("currency"), 0, 1, 1);
  ExpectCounts(by_field.at("due_date"), 0, 1, 0);
  // 4 slots (po_number, invoice_number, currency, due_date), 2 right.
  EXPECT_EQ(report.overall.field_accuracy.count, 2);
  EXPECT_EQ(report.overall.field_accuracy.total, 4);

  const std::vector<FieldError>& errors = report.documents[0].errors;
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "currency");
  EXPECT_EQ(errors[0].truth, "EUR");
  EXPECT_EQ(errors[0].predicted, "USD");
  EXPECT_EQ(errors[1].field, "due_date");
  EXPECT_EQ(errors[1].truth, std::nullopt);
  EXPECT_EQ(errors[1].predicted, "2026-07-31");
  EXPECT_FALSE(report.documents[0].fully_right);
}

TEST(Evaluate, WrongTypeScoresPredictedFieldsUnderTheTruthsType) {
  const CanonicalDocument truth = Document(
      "delivery_note",
      {{"supplier_name", "Chimirhône SAS"}, {"delivery_note_number", "BL25461571"}, {"po_number", "CA/25/8006"}});
  const CanonicalDocument predicted = Document(
      "invoice",
      {{"supplier_name", "Chimirhône SAS"}, {"invoice_number", "BL25461571"}, {"po_number", "CA/25/8006"}});
  const EvaluationReport report = Evaluate({Evaluated(truth, predicted)});
  EXPECT_EQ(report.overall.type_accuracy.count, 0);
  EXPECT_EQ(report.overall.type_accuracy.total, 1);
  ExpectCounts(report.overall.header_fields.all, 2, 1, 1);

  ASSERT_EQ(report.overall.by_type.size(), 1u);
  const TypeScores& type = report.overall.by_type.at("delivery_note");
  EXPECT_EQ(type.type_accuracy.count, 0);
  EXPECT_EQ(type.predicted_types, (std::map<std::string, long>{{"invoice", 1}}));
  ExpectCounts(type.header_fields.by_field.at("invoice_number"), 0, 1, 0);
  ExpectCounts(type.header_fields.by_field.at("delivery_note_number"), 0, 0, 1);

  const DocumentResult& document = report.documents[0];
  EXPECT_FALSE(document.type_right);
  EXPECT_FALSE(document.fully_right);
  ASSERT_FALSE(document.errors.empty());
  EXPECT_EQ(document.errors[0].field, "document_type");
  EXPECT_EQ(document.errors[0].truth, "delivery_note");
  EXPECT_EQ(document.errors[0].predicted, "invoice");
}

TEST(Evaluate, MissingLinesAreFalseNegatives) {
  const EvaluationReport report =
      Evaluate({Evaluated(TruthInvoice(), Document("invoice", kHeader))});
  ExpectCounts(report.overall.header_fields.all, 5, 0, 0);
  ExpectCounts(report.overall.line_fields.all, 0, 0, 10);
  ExpectCounts(report.overall.lines, 0, 0, 2);
  EXPECT_EQ(report.overall.line_fields.all.f1(), 0.0);
  const std::vector<FieldError>& errors = report.documents[0].errors;
  ASSERT_EQ(errors.size(), 10u);
  EXPECT_EQ(errors[0].Location(), "lines[0].amount (no predicted line)");
  EXPECT_EQ(errors[0].truth, "813.55");
  EXPECT_EQ(errors[0].predicted, std::nullopt);
  EXPECT_FALSE(report.documents[0].fully_right);
}

TEST(Evaluate, SwappedLineOrderGivesFullMarks) {
  const EvaluationReport report =
      Evaluate({Evaluated(TruthInvoice(), Document("invoice", kHeader, {kChainOil, kOil}))});
  ExpectCounts(report.overall.line_fields.all, 10, 0, 0);
  ExpectCounts(report.overall.lines, 2, 0, 0);
  EXPECT_TRUE(report.documents[0].errors.empty());
  EXPECT_TRUE(report.documents[0].fully_right);
}

// Truth: 2 lines of 5 fields; prediction: the same 2 plus 1 extra line of 5.
// Line fields TP 10, FP 5, FN 0: P = 10/15, R = 1, F1 = 20/25. Lines TP 2, FP 1.
TEST(Evaluate, OneExtraPredictedLineCountsItsFieldsAsFalsePositives) {
  const EvaluationReport report = Evaluate(
      {Evaluated(TruthInvoice(), Document("invoice", kHeader, {kOil, kGrease, kChainOil}))});
  const Counts& line_fields = report.overall.line_fields.all;
  ExpectCounts(line_fields, 10, 5, 0);
  EXPECT_DOUBLE_EQ(line_fields.precision(), 10.0 / 15.0);
  EXPECT_DOUBLE_EQ(line_fields.recall(), 1.0);
  EXPECT_DOUBLE_EQ(line_fields.f1(), 0.8);
  ExpectCounts(report.overall.lines, 2, 1, 0);
  const std::vector<FieldError>& errors = report.documents[0].errors;
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].truth_line, std::nullopt);
  EXPECT_EQ(errors[0].predicted_line, 1);
  EXPECT_EQ(errors[0].Location(), "predicted lines[1].amount (extra line)");
  EXPECT_FALSE(report.documents[0].fully_right);
}

TEST(Evaluate, WrongValueInALineMakesTheLineWrong) {
  Fields wrong_quantity = kChainOil;
  wrong_quantity["quantity"] = "150";
  const EvaluationReport report = Evaluate(
      {Evaluated(TruthInvoice(), Document("invoice", kHeader, {wrong_quantity, kOil}))});
  ExpectCounts(report.overall.line_fields.all, 9, 1, 1);
  ExpectCounts(report.overall.lines, 1, 1, 1);
  ExpectCounts(report.overall.by_type.at("invoice").line_fields.by_field.at("quantity"), 1, 1, 1);
  const std::vector<FieldError>& errors = report.documents[0].errors;
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "quantity");
  EXPECT_EQ(errors[0].truth_line, 1);
  EXPECT_EQ(errors[0].predicted_line, 0);
  EXPECT_EQ(errors[0].Location(), "lines[1].quantity (predicted lines[0])");
}

// dev-inv-0003 has 26 lines, many sharing article code and description and
// differing only in quantity, unit price and amount.
TEST(Evaluate, ShuffledLinesOfARealInvoiceGiveFullMarks) {
  std::ifstream file(std::string(QUAI_SOURCE_DIR) + "/samples/dev-inv-0003.json");
  std::stringstream text;
  text << file.rdbuf();
  Result<CanonicalDocument> truth = ParseCanonicalDocument(text.str());
  ASSERT_TRUE(truth.ok()) << truth.status().ToString();
  ASSERT_EQ(truth->lines.size(), 26u);
  CanonicalDocument predicted = *truth;
  std::mt19937 random(7);
  std::shuffle(predicted.lines.begin(), predicted.lines.end(), random);
  ASSERT_NE(predicted.lines, truth->lines);
  const EvaluationReport report = Evaluate({Evaluated(*truth, predicted)});
  ExpectCounts(report.overall.line_fields.all, 130, 0, 0);
  ExpectCounts(report.overall.lines, 26, 0, 0);
  EXPECT_TRUE(report.documents[0].fully_right);
}

TEST(Evaluate, ExtraPredictedFieldInARightLineKeepsTheLineRight) {
  Fields with_unit = kOil;
  with_unit["unit"] = "L";
  const EvaluationReport report = Evaluate(
      {Evaluated(TruthInvoice(), Document("invoice", kHeader, {with_unit, kChainOil}))});
  ExpectCounts(report.overall.lines, 2, 0, 0);
  ExpectCounts(report.overall.line_fields.all, 10, 1, 0);
  EXPECT_FALSE(report.documents[0].fully_right);  // something extra was predicted
}

TEST(Evaluate, ComparesAmountsAsNumbers) {
  Fields header = kHeader;
  header["total_incl_tax"] = "43127.110";
  Fields oil = kOil;
  oil["quantity"] = "265.000";
  oil["amount"] = "813.550";
  const EvaluationReport report =
      Evaluate({Evaluated(TruthInvoice(), Document("invoice", header, {oil, kChainOil}))});
  ExpectCounts(report.overall.header_fields.all, 5, 0, 0);
  ExpectCounts(report.overall.line_fields.all, 10, 0, 0);

  const EvaluationReport rounded = Evaluate({Evaluated(Document("invoice", {{"total_incl_tax", "1250.00"}}),
                                                       Document("invoice", {{"total_incl_tax", "1250"}}))});
  ExpectCounts(rounded.overall.header_fields.all, 1, 0, 0);
}

TEST(Evaluate, AcceptsLooseSupplierNames) {
  Fields header = kHeader;
  header["supplier_name"] = "VAN DIJK LUBRICANTS";
  const EvaluationReport report =
      Evaluate({Evaluated(TruthInvoice(), Document("invoice", header, {kOil, kChainOil}))});
  ExpectCounts(report.overall.header_fields.all, 5, 0, 0);
  EXPECT_TRUE(report.documents[0].fully_right);
}

TEST(Evaluate, TreatsBlankValuesAsAbsent) {
  const CanonicalDocument truth = Document("invoice", {{"po_number", "PO-1"}, {"due_date", ""}});
  const CanonicalDocument predicted = Document("invoice", {{"po_number", " "}, {"due_date", "  "}});
  const EvaluationReport report = Evaluate({Evaluated(truth, predicted)});
  ExpectCounts(report.overall.header_fields.all, 0, 0, 1);
  EXPECT_EQ(report.overall.field_accuracy.total, 1);
  ASSERT_EQ(report.documents[0].errors.size(), 1u);
  EXPECT_EQ(report.documents[0].errors[0].predicted, std::nullopt);
}

// Four documents, three auto-accepted; of those, two fully right (the other has a
// wrong currency). 15 slots per document (5 header + 2 × 5 line fields).
TEST(Evaluate, ReportsAutoAcceptedShareAndTheShareOfThoseFullyRight) {
  Fields wrong_currency = kHeader;
  wrong_currency["currency"] = "USD";
  const EvaluationReport report = Evaluate({
      Evaluated(TruthInvoice(), TruthInvoice(), "", true, "right-accepted"),
      Evaluated(TruthInvoice(), Document("invoice", wrong_currency, {kOil, kChainOil}), "", true,
                "wrong-accepted"),
      Evaluated(TruthInvoice(), TruthInvoice(), "", true, "right-accepted-2"),
      Evaluated(TruthInvoice(), Document("invoice", {}), "", false, "empty-reviewed"),
  });
  const Scores& overall = report.overall;
  EXPECT_EQ(overall.documents, 4);
  EXPECT_EQ(overall.auto_accepted.count, 3);
  EXPECT_EQ(overall.auto_accepted.total, 4);
  EXPECT_DOUBLE_EQ(*overall.auto_accepted.share(), 0.75);
  EXPECT_EQ(overall.auto_accepted_fully_right.count, 2);
  EXPECT_EQ(overall.auto_accepted_fully_right.total, 3);
  EXPECT_DOUBLE_EQ(*overall.auto_accepted_fully_right.share(), 2.0 / 3.0);
  EXPECT_EQ(overall.auto_accepted_field_accuracy.count, 44);
  EXPECT_EQ(overall.auto_accepted_field_accuracy.total, 45);
  EXPECT_EQ(overall.fully_right.count, 2);
  EXPECT_EQ(overall.fully_right.total, 4);
  EXPECT_EQ(overall.field_accuracy.count, 44);
  EXPECT_EQ(overall.field_accuracy.total, 60);
}

TEST(Evaluate, LeavesSharesUndefinedWhenThereIsNothingToMeasure) {
  const EvaluationReport empty = Evaluate({});
  EXPECT_EQ(empty.overall.documents, 0);
  EXPECT_EQ(empty.overall.type_accuracy.share(), std::nullopt);
  EXPECT_EQ(empty.overall.header_fields.all.f1(), 1.0);
  const EvaluationReport none_accepted = Evaluate({Evaluated(TruthInvoice(), TruthInvoice())});
  EXPECT_EQ(none_accepted.overall.auto_accepted.share(), 0.0);
  EXPECT_EQ(none_accepted.overall.auto_accepted_fully_right.share(), std::nullopt);
}

TEST(Evaluate, SplitsTheReportByGroup) {
  Fields wrong_currency = kHeader;
  wrong_currency["currency"] = "USD";
  const EvaluationReport report = Evaluate({
      Evaluated(TruthInvoice(), TruthInvoice(), "born", true),
      Evaluated(TruthInvoice(), Document("invoice", wrong_currency, {kOil, kChainOil}), "scan", true),
      Evaluated(TruthInvoice(), TruthInvoice(), "scan", false),
      Evaluated(TruthInvoice(), TruthInvoice(), "", false),
  });
  ASSERT_EQ(report.by_group.size(), 2u);
  const Scores& born = report.by_group.at("born");
  const Scores& scan = report.by_group.at("scan");
  EXPECT_EQ(born.documents, 1);
  ExpectCounts(born.header_fields.all, 5, 0, 0);
  EXPECT_EQ(born.auto_accepted_fully_right.count, 1);
  EXPECT_EQ(scan.documents, 2);
  ExpectCounts(scan.header_fields.all, 9, 1, 1);
  ExpectCounts(scan.by_type.at("invoice").header_fields.by_field.at("currency"), 1, 1, 1);
  EXPECT_EQ(scan.auto_accepted.count, 1);
  EXPECT_EQ(scan.auto_accepted_fully_right.count, 0);
  EXPECT_EQ(report.overall.documents, 4);
  ExpectCounts(report.overall.header_fields.all, 19, 1, 1);
  EXPECT_EQ(report.documents[1].group, "scan");
}

TEST(Evaluate, CountsFieldsPerTypeAndPerField) {
  const CanonicalDocument certificate =
      Document("certificate_of_conformity", {{"certificate_number", "CoC-1"}, {"lot_number", "L1"}});
  const EvaluationReport report = Evaluate({
      Evaluated(TruthInvoice(), TruthInvoice()),
      Evaluated(certificate, Document("certificate_of_conformity", {{"certificate_number", "CoC-1"}})),
  });
  ASSERT_EQ(report.overall.by_type.size(), 2u);
  const TypeScores& coc = report.overall.by_type.at("certificate_of_conformity");
  EXPECT_EQ(coc.documents, 1);
  ExpectCounts(coc.header_fields.all, 1, 0, 1);
  ExpectCounts(coc.header_fields.by_field.at("lot_number"), 0, 0, 1);
  EXPECT_TRUE(coc.line_fields.by_field.empty());
  ExpectCounts(report.overall.by_type.at("invoice").line_fields.by_field.at("amount"), 2, 0, 0);
  ExpectCounts(report.overall.header_fields.by_field.at("lot_number"), 0, 0, 1);
}

TEST(EvaluationReportToJson, KeepsItsKeysStable) {
  Fields wrong_currency = kHeader;
  wrong_currency["currency"] = "USD";
  const EvaluationReport report = Evaluate(
      {Evaluated(TruthInvoice(), Document("invoice", wrong_currency, {kOil, kChainOil}), "scan", false, "dev-inv-0003")});
  const nlohmann::json json = EvaluationReportToJson(report);

  EXPECT_EQ(Keys(json), (std::vector<std::string>{"documents", "groups", "overall", "report_version"}));
  EXPECT_EQ(json.at("report_version"), 1);
  const std::vector<std::string> scores_keys = {
      "auto_accepted", "auto_accepted_field_accuracy", "auto_accepted_fully_right", "documents",
      "field_accuracy", "fully_right", "header_fields", "line_fields", "lines", "reliability",
      "straight_through", "type_accuracy", "types"};
  EXPECT_EQ(Keys(json.at("overall")), scores_keys);
  EXPECT_EQ(Keys(json.at("groups")), (std::vector<std::string>{"scan"}));
  EXPECT_EQ(Keys(json.at("groups").at("scan")), scores_keys);

  const nlohmann::json& type = json.at("overall").at("types").at("invoice");
  EXPECT_EQ(Keys(type), (std::vector<std::string>{"documents", "header_fields", "line_fields", "lines",
                                                  "predicted_types", "type_accuracy"}));
  EXPECT_EQ(Keys(type.at("header_fields")), (std::vector<std::string>{"all", "by_field"}));
  const std::vector<std::string> counts_keys = {"f1", "fn", "fp", "precision", "recall", "tp"};
  EXPECT_EQ(Keys(type.at("header_fields").at("by_field").at("currency")), counts_keys);
  EXPECT_EQ(Keys(json.at("overall").at("lines")), counts_keys);
  EXPECT_EQ(Keys(json.at("overall").at("type_accuracy")), (std::vector<std::string>{"count", "share", "total"}));

  const nlohmann::json& header = json.at("overall").at("header_fields").at("all");
  EXPECT_EQ(header.at("tp"), 4);
  EXPECT_EQ(header.at("fp"), 1);
  EXPECT_EQ(header.at("fn"), 1);
  EXPECT_DOUBLE_EQ(header.at("f1").get<double>(), 0.8);
  EXPECT_TRUE(json.at("overall").at("auto_accepted_fully_right").at("share").is_null());

  ASSERT_EQ(json.at("documents").size(), 1u);
  const nlohmann::json& document = json.at("documents")[0];
  EXPECT_EQ(Keys(document), (std::vector<std::string>{"auto_accepted", "errors", "field_accuracy", "fully_right",
                                                      "group", "header_fields", "line_fields", "lines",
                                                      "min_confidence", "name", "predicted_type", "review_reasons",
                                                      "straight_through_eligible", "truth_type", "type_right",
                                                      "values"}));
  EXPECT_EQ(document.at("name"), "dev-inv-0003");
  ASSERT_EQ(document.at("errors").size(), 1u);
  const nlohmann::json& error = document.at("errors")[0];
  EXPECT_EQ(Keys(error), (std::vector<std::string>{"confidence", "field", "location", "predicted", "predicted_line",
                                                   "truth", "truth_line"}));
  EXPECT_EQ(error.at("field"), "currency");
  EXPECT_EQ(error.at("truth"), "EUR");
  EXPECT_EQ(error.at("predicted"), "USD");
  EXPECT_TRUE(error.at("truth_line").is_null());
}

TEST(FormatEvaluationReport, ShowsSummaryTablesGroupsAndErrors) {
  Fields wrong_currency = kHeader;
  wrong_currency["currency"] = "USD";
  const EvaluationReport report = Evaluate({
      Evaluated(TruthInvoice(), Document("invoice", wrong_currency, {kOil}), "scan", true, "dev-inv-0003"),
      Evaluated(TruthInvoice(), TruthInvoice(), "born", false, "dev-inv-0007"),
  });
  const std::string text = FormatEvaluationReport(report);
  for (const char* expected : {"type accuracy", "2 / 2", "100.00 %", "auto-accepted", "1 / 2",
                               "line fields (line-item F1)", "header fields by type", "line fields by type",
                               "invoice - 2 documents, type right 2/2", "group born", "group scan",
                               "errors: 1 of 2 documents", "dev-inv-0003 [scan] invoice, auto-accepted",
                               "truth \"EUR\"  predicted \"USD\"",
                               "lines[1].amount (no predicted line)", "truth \"1328.25\"  predicted -"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("dev-inv-0007"), std::string::npos) << "a document without errors is listed";
}

// ---- Confidence: reliability table and oracle straight-through rate ----

EvaluatedDocument WithConfidences(EvaluatedDocument document, std::map<std::string, double> fields,
                                  std::vector<std::map<std::string, double>> lines = {},
                                  std::vector<std::string> review_reasons = {}) {
  document.confidences =
      PredictionConfidences{std::move(fields), std::move(lines), std::move(review_reasons)};
  return document;
}

void ExpectBucket(const ReliabilityBucket& bucket, long values, long right, double mean_confidence) {
  EXPECT_EQ(bucket.values, values) << "bucket [" << bucket.low << ", " << bucket.high << ")";
  EXPECT_EQ(bucket.right, right) << "bucket [" << bucket.low << ", " << bucket.high << ")";
  ASSERT_TRUE(bucket.mean_confidence().has_value()) << "bucket [" << bucket.low << ", " << bucket.high << ")";
  EXPECT_NEAR(*bucket.mean_confidence(), mean_confidence, 1e-12)
      << "bucket [" << bucket.low << ", " << bucket.high << ")";
}

// The document of the reliability test: header values right, wrong, extra,
// without a confidence and blank; truth line 1 paired with a predicted line
// that has one wrong value, truth line 0 missed, one extra predicted line.
EvaluatedDocument ReliabilityDocument() {
  const CanonicalDocument truth = Document("invoice",
                                           {{"supplier_name", "Van Dijk Lubricants B.V."},
                                            {"po_number", "PO-1"},
                                            {"invoice_number", "INV-1"},
                                            {"currency", "EUR"},
                                            {"total_incl_tax", "100.00"}},
                                           {kOil, kChainOil});
  Fields wrong_quantity = kChainOil;
  wrong_quantity["quantity"] = "999";
  const CanonicalDocument predicted = Document("invoice",
                                               {{"supplier_name", "Van Dijk Lubricants B.V."},
                                                {"po_number", "PO-1"},
                                                {"invoice_number", "INV-2"},
                                                {"currency", "EUR"},
                                                {"due_date", "2026-07-31"},
                                                {"total_incl_tax", "100.00"},
                                                {"note", " "}},
                                               {wrong_quantity, kGrease});
  return WithConfidences(Evaluated(truth, predicted, "born", false, "confident"),
                         {{"supplier_name", 1.0},
                          {"po_number", 0.999},
                          {"invoice_number", 0.97},  // wrong
                          {"currency", 0.99},        // exactly on an edge
                          {"due_date", 0.3},         // not in the truth: wrong
                          {"note", 0.1}},            // blank: not a value
                         // total_incl_tax has no confidence: left out
                         {{{"supplier_article_code", 0.995},
                           {"description", 0.98},
                           {"quantity", 0.9},  // wrong
                           {"unit_price", 0.5},
                           {"amount", 0.8}},
                          {{"supplier_article_code", 0.6},  // the extra line: all wrong
                           {"description", 0.6},
                           {"quantity", 0.6},
                           {"unit_price", 0.6},
                           {"amount", 0.6}}});
}

TEST(Evaluate, ReliabilityTableGivesCountsMeanConfidenceAndShareRightPerBucket) {
  // The same prediction without confidences adds nothing to the table.
  EvaluatedDocument unknown = ReliabilityDocument();
  unknown.confidences.reset();
  unknown.name = "unknown";
  const EvaluationReport report = Evaluate({ReliabilityDocument(), unknown});
  const std::vector<ReliabilityBucket>& table = report.overall.reliability;
  ASSERT_EQ(table.size(), 8u);
  const std::vector<std::pair<double, double>> edges = {{0.0, 0.5},   {0.5, 0.8},   {0.8, 0.9},
                                                        {0.9, 0.95},  {0.95, 0.98}, {0.98, 0.99},
                                                        {0.99, 0.995}, {0.995, 1.0}};
  for (size_t i = 0; i < edges.size(); ++i) {
    EXPECT_EQ(table[i].low, edges[i].first);
    EXPECT_EQ(table[i].high, edges[i].second);
  }
  ExpectBucket(table[0], 1, 0, 0.3);                      // due_date
  ExpectBucket(table[1], 6, 1, (0.5 + 5 * 0.6) / 6);      // unit_price, the extra line
  ExpectBucket(table[2], 1, 1, 0.8);                      // amount
  ExpectBucket(table[3], 1, 0, 0.9);                      // quantity
  ExpectBucket(table[4], 1, 0, 0.97);                     // invoice_number
  ExpectBucket(table[5], 1, 1, 0.98);                     // description
  ExpectBucket(table[6], 1, 1, 0.99);                     // currency
  ExpectBucket(table[7], 3, 3, (1.0 + 0.999 + 0.995) / 3);  // supplier_name, po_number, article code
  EXPECT_NEAR(*table[1].share_right(), 1.0 / 6.0, 1e-12);
  EXPECT_NEAR(*table[1].gap(), 1.0 / 6.0 - 3.5 / 6.0, 1e-12);
  EXPECT_NEAR(*table[7].gap(), 1.0 - (1.0 + 0.999 + 0.995) / 3, 1e-12);

  // Also per group, and the scoring itself is unchanged by confidences.
  const std::vector<ReliabilityBucket>& born = report.by_group.at("born").reliability;
  for (size_t i = 0; i < born.size(); ++i) EXPECT_EQ(born[i].values, table[i].values);
  EXPECT_EQ(report.documents[0].field_accuracy.count, report.documents[1].field_accuracy.count);
  EXPECT_EQ(report.documents[0].errors.size(), report.documents[1].errors.size());

  EXPECT_EQ(report.documents[0].min_confidence, 0.3);
  EXPECT_EQ(report.documents[1].min_confidence, std::nullopt);
  // A wrong value's error carries its confidence; a missed one has none.
  bool saw_invoice_number = false;
  for (const FieldError& error : report.documents[0].errors) {
    if (error.field == "invoice_number") {
      saw_invoice_number = true;
      EXPECT_EQ(error.confidence, 0.97);
    }
    if (!error.predicted) {
      EXPECT_EQ(error.confidence, std::nullopt) << error.Location();
    }
  }
  EXPECT_TRUE(saw_invoice_number);
}

TEST(Evaluate, ReliabilityBucketsIncludeTheirLowerEdge) {
  const std::map<std::string, double> confidences = {
      {"a", 0.0},  {"b", 0.4999}, {"c", 0.5},   {"d", 0.8},     {"e", 0.9},   {"f", 0.95},
      {"g", 0.98}, {"h", 0.9899}, {"i", 0.99},  {"j", 0.99499}, {"k", 0.995}, {"l", 1.0}};
  Fields values;
  for (const auto& [name, confidence] : confidences) values[name] = "x";
  const EvaluationReport report = Evaluate(
      {WithConfidences(Evaluated(Document("invoice", values), Document("invoice", values)), confidences)});
  const std::vector<ReliabilityBucket>& table = report.overall.reliability;
  // [0,.5): a b; [.5,.8): c; [.8,.9): d; [.9,.95): e; [.95,.98): f; [.98,.99): g h;
  // [.99,.995): i j; [.995,1]: k l.
  const std::vector<long> expected = {2, 1, 1, 1, 1, 2, 2, 2};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(table[i].values, expected[i]) << "bucket " << i;
    EXPECT_EQ(table[i].right, expected[i]) << "bucket " << i;
  }
  ExpectBucket(table[6], 2, 2, (0.99 + 0.99499) / 2);  // 0.99 itself is in [0.99, 0.995)
  ExpectBucket(table[5], 2, 2, (0.98 + 0.9899) / 2);
}

// Four header fields, `right` of them right; the first has confidence
// `lowest`, the others 0.9999.
EvaluatedDocument OracleDocument(const std::string& name, const std::string& group, double lowest,
                                 int right, std::vector<std::string> review_reasons = {},
                                 bool auto_accepted = false) {
  const Fields truth = {{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}};
  Fields predicted = truth;
  int wrong = 4 - right;
  for (auto& [field, value] : predicted) {
    if (wrong-- > 0) value = "wrong";
  }
  return WithConfidences(
      Evaluated(Document("invoice", truth), Document("invoice", predicted), group, auto_accepted, name),
      {{"a", lowest}, {"b", 0.9999}, {"c", 0.9999}, {"d", 0.9999}}, {}, std::move(review_reasons));
}

std::vector<EvaluatedDocument> OracleDocuments() {
  EvaluatedDocument no_confidences = OracleDocument("d6", "scan", 1.0, 4);
  no_confidences.confidences.reset();
  return {
      OracleDocument("d1", "born", 0.99, 4, {}, /*auto_accepted=*/true),
      OracleDocument("d2", "born", 0.97, 4, {"low confidence: a"}),
      OracleDocument("d3", "born", 0.95, 3, {"low confidence: a", "low confidence: lines[0].quantity"}),
      OracleDocument("d4", "born", 0.93, 4),
      OracleDocument("d5", "scan", 0.999, 4, {"required_field_missing: e"}),  // not eligible
      no_confidences,                                                        // not eligible
      OracleDocument("d7", "scan", 0.5, 0),
  };
}

// Eligible by minimum confidence: d1 0.99 (4/4), d2 0.97 (4/4), d3 0.95 (3/4),
// d4 0.93 (4/4), d7 0.5 (0/4). Cumulative field accuracy going down:
// 4/4, 8/8, 11/12 = 0.9167, 15/16 = 0.9375, 15/20 = 0.75.
TEST(Evaluate, OracleStraightThroughIsTheLargestShareASingleThresholdKeepsAtTarget) {
  const EvaluationReport at_default = Evaluate(OracleDocuments());
  const StraightThrough& strict = at_default.overall.straight_through;
  EXPECT_EQ(strict.target_precision, 0.995);
  EXPECT_EQ(strict.with_confidences, 6);
  EXPECT_EQ(strict.eligible, 5);
  EXPECT_EQ(strict.threshold, 0.97);
  EXPECT_EQ(strict.accepted.count, 2);
  EXPECT_EQ(strict.accepted.total, 7);
  EXPECT_EQ(strict.accepted_field_accuracy.count, 8);
  EXPECT_EQ(strict.accepted_field_accuracy.total, 8);

  // 0.93: 11/12 falls short at 0.95, but 15/16 reaches it again at 0.93.
  const EvaluationReport loose = Evaluate(OracleDocuments(), 0.93);
  const StraightThrough& overall = loose.overall.straight_through;
  EXPECT_EQ(overall.target_precision, 0.93);
  EXPECT_EQ(overall.threshold, 0.93);
  EXPECT_EQ(overall.accepted.count, 4);
  EXPECT_EQ(overall.accepted.total, 7);
  EXPECT_NEAR(*overall.accepted.share(), 4.0 / 7.0, 1e-12);
  EXPECT_EQ(overall.accepted_field_accuracy.count, 15);
  EXPECT_EQ(overall.accepted_field_accuracy.total, 16);
  EXPECT_EQ(overall.accepted_fully_right.count, 3);  // d3 has a wrong value
  EXPECT_EQ(overall.accepted_fully_right.total, 4);

  // Per group: born d1-d4 all accepted; scan has only d7 eligible, all wrong.
  const StraightThrough& born = loose.by_group.at("born").straight_through;
  EXPECT_EQ(born.threshold, 0.93);
  EXPECT_EQ(born.accepted.count, 4);
  EXPECT_EQ(born.accepted.total, 4);
  const StraightThrough& scan = loose.by_group.at("scan").straight_through;
  EXPECT_EQ(scan.with_confidences, 2);
  EXPECT_EQ(scan.eligible, 1);
  EXPECT_EQ(scan.threshold, std::nullopt);
  EXPECT_EQ(scan.accepted.count, 0);
  EXPECT_EQ(scan.accepted.total, 3);

  EXPECT_TRUE(loose.documents[2].straight_through_eligible);  // only low-confidence reasons
  EXPECT_FALSE(loose.documents[4].straight_through_eligible);
  EXPECT_EQ(loose.documents[4].min_confidence, 0.999);
  EXPECT_EQ(loose.documents[0].min_confidence, 0.99);

  // Accepting everyone eligible: 15/20 = 0.75.
  const StraightThrough& all = Evaluate(OracleDocuments(), 0.75).overall.straight_through;
  EXPECT_EQ(all.threshold, 0.5);
  EXPECT_EQ(all.accepted.count, 5);
}

TEST(Evaluate, OracleAcceptsDocumentsOfTheSameMinimumConfidenceTogether) {
  // At 0.97 both d2 (right) and d2b (3/4) come in: 11/12 < 0.995, so only d1 stays.
  std::vector<EvaluatedDocument> documents = OracleDocuments();
  documents.push_back(OracleDocument("d2b", "born", 0.97, 3));
  const StraightThrough& straight = Evaluate(documents).overall.straight_through;
  EXPECT_EQ(straight.threshold, 0.99);
  EXPECT_EQ(straight.accepted.count, 1);
  EXPECT_EQ(straight.accepted.total, 8);
}

TEST(FormatEvaluationReport, ShowsStraightThroughAndReliability) {
  std::vector<EvaluatedDocument> documents = OracleDocuments();
  documents.push_back(ReliabilityDocument());
  const std::string text = FormatEvaluationReport(Evaluate(documents, 0.93));
  for (const char* expected :
       {"straight-through: 12.50 % auto-accepted (their fields right 100.00 %); at target precision 93.00 %: "
        "best single threshold 0.93 gives 50.00 %",
        "oracle: 4 / 8 documents accepted, their fields right 15 / 16 = 93.75 %, fully right 3 / 4; 6 of 7 "
        "with confidences had no review reason but low confidence",
        "reliability (calibration check)", "mean confidence", "share right", "[0.99, 0.995)", "[0.995, 1]",
        "predicted \"INV-2\" (confidence 0.9700)", "group scan"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  }
}

TEST(Evaluate, DocumentsWithoutConfidencesLeaveTheConfidencePartsEmpty) {
  const EvaluationReport report = Evaluate({
      Evaluated(TruthInvoice(), TruthInvoice(), "born", true),
      Evaluated(TruthInvoice(), Document("invoice", {}), "scan", false),
  });
  for (const ReliabilityBucket& bucket : report.overall.reliability) {
    EXPECT_EQ(bucket.values, 0);
    EXPECT_EQ(bucket.mean_confidence(), std::nullopt);
    EXPECT_EQ(bucket.share_right(), std::nullopt);
    EXPECT_EQ(bucket.gap(), std::nullopt);
  }
  const StraightThrough& straight = report.overall.straight_through;
  EXPECT_EQ(straight.with_confidences, 0);
  EXPECT_EQ(straight.threshold, std::nullopt);
  EXPECT_EQ(straight.accepted.count, 0);
  EXPECT_EQ(straight.accepted.total, 2);
  EXPECT_EQ(report.overall.auto_accepted.count, 1);  // the old numbers are still there

  const std::string text = FormatEvaluationReport(report);
  EXPECT_NE(text.find("straight-through: 50.00 % auto-accepted (their fields right 100.00 %); at target "
                      "precision 99.50 %: - (no confidences)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("reliability: no values with a confidence"), std::string::npos) << text;
  EXPECT_EQ(text.find("(confidence"), std::string::npos) << text;

  const nlohmann::json json = EvaluationReportToJson(report);
  EXPECT_TRUE(json.at("overall").at("straight_through").at("threshold").is_null());
  EXPECT_TRUE(json.at("overall").at("reliability")[0].at("mean_confidence").is_null());
  EXPECT_TRUE(json.at("documents")[0].at("min_confidence").is_null());
  EXPECT_FALSE(json.at("documents")[0].at("straight_through_eligible").get<bool>());

  const std::string empty = FormatEvaluationReport(Evaluate({}));
  EXPECT_NE(empty.find("- (no confidences)"), std::string::npos) << empty;
}

TEST(EvaluationReportToJson, ReportsReliabilityAndStraightThrough) {
  std::vector<EvaluatedDocument> documents = OracleDocuments();
  documents.push_back(ReliabilityDocument());
  const nlohmann::json json = EvaluationReportToJson(Evaluate(documents, 0.93));
  EXPECT_EQ(json.at("report_version"), 1);
  const nlohmann::json& reliability = json.at("overall").at("reliability");
  ASSERT_EQ(reliability.size(), 8u);
  EXPECT_EQ(Keys(reliability[0]), (std::vector<std::string>{"gap", "high", "low", "mean_confidence", "right",
                                                             "share_right", "values"}));
  EXPECT_EQ(reliability[6].at("low").get<double>(), 0.99);
  EXPECT_EQ(reliability[6].at("high").get<double>(), 0.995);
  const nlohmann::json& straight = json.at("overall").at("straight_through");
  EXPECT_EQ(Keys(straight),
            (std::vector<std::string>{"accepted", "accepted_field_accuracy", "accepted_fully_right", "eligible",
                                      "target_precision", "threshold", "with_confidences"}));
  EXPECT_EQ(straight.at("threshold").get<double>(), 0.93);
  EXPECT_EQ(straight.at("accepted").at("count"), 4);
  EXPECT_EQ(straight.at("accepted").at("total"), 8);
  EXPECT_EQ(straight.at("target_precision").get<double>(), 0.93);
  EXPECT_EQ(json.at("groups").at("scan").at("straight_through").at("eligible"), 1);
  const nlohmann::json& last = json.at("documents").back();
  EXPECT_EQ(last.at("name"), "confident");
  EXPECT_EQ(last.at("min_confidence").get<double>(), 0.3);
  EXPECT_TRUE(last.at("straight_through_eligible").get<bool>());

  // Each document says why it went to a person, and how sure quai was of each value.
  const nlohmann::json& d3 = json.at("documents")[2];
  EXPECT_EQ(d3.at("review_reasons"), nlohmann::json({"low confidence: a", "low confidence: lines[0].quantity"}));
  ASSERT_EQ(d3.at("values").size(), 4u);
  EXPECT_EQ(d3.at("values")[0].at("field"), "a");
  EXPECT_DOUBLE_EQ(d3.at("values")[0].at("confidence").get<double>(), 0.95);
  EXPECT_FALSE(d3.at("values")[0].at("right").get<bool>());
  EXPECT_TRUE(d3.at("values")[1].at("right").get<bool>());
  int wrong_quantities = 0;
  for (const nlohmann::json& value : json.at("documents")[documents.size() - 1].at("values"))
    if (value.at("field").get<std::string>().starts_with("lines[") && !value.at("right").get<bool>() &&
        value.at("field").get<std::string>().ends_with("].quantity"))
      ++wrong_quantities;
  EXPECT_EQ(wrong_quantities, 2);  // the paired line's, and the extra line's
}

}  // namespace
}  // namespace quai
