// Evaluation: scores extracted documents against their ground truth — the
// numbers behind `quai eval`, and how everyone measures extraction quality.
// Input: for each document its truth and prediction as CanonicalDocument, its
// group ("born", "scan") and the extractor's auto-accept decision. Output: an
// EvaluationReport of exact counts, readable terminal tables and JSON.
// Pure functions, no I/O, thread-safe; the report owns copies of what it shows.
// Evaluate is in evaluation.cc, the tables in evaluation_format.cc, the JSON in
// evaluation_json.cc.
//
// Scoring rules
//  - A value is present when it is not blank (after NormalizeWhitespace); a
//    blank value counts as absent. Two values are the same when ValuesMatch
//    (value_comparison.h) says so under the field's name.
//  - Header fields: for each field name in truth ∪ prediction —
//      both present and matching     → 1 true positive (TP)
//      present in the prediction only → 1 false positive (FP)
//      present in the truth only      → 1 false negative (FN)
//      both present but different     → 1 FP and 1 FN.
//    Fields are counted under the truth's document type: when the predicted type
//    is wrong its fields still count, as FP unless they match a truth field of
//    the same name.
//  - Line items: predicted lines are paired with truth lines by PairLines
//    (line_pairing.h): an optimal assignment maximising the number of matching
//    fields, ties broken by printed order; lines with no matching field stay
//    unpaired. Within a pair fields count as header fields do; every present
//    field of an unpaired truth line is FN, of an unpaired predicted line FP.
//    "Line-item F1" is the F1 of these line-field counts.
//  - Lines (line level): a pair whose predicted line matches every present field
//    of its truth line is right (1 TP; extra predicted fields in it are already
//    FP among line fields). Every other truth line is 1 FN and every other
//    predicted line 1 FP (a wrong pair is both).
//  - Type accuracy: predicted document_type equal (exact) to the truth's.
//  - Field slots, for field accuracy: each field name of the union above (header,
//    paired lines, unpaired lines) is one slot, right when it is a TP. So a wrong
//    value is one wrong slot, where it is one FP and one FN.
//  - A document is fully right when its type is right and its header fields,
//    line fields and lines have no FP and no FN: every truth value matched and
//    nothing extra predicted.
//  - Auto-accepted share = auto-accepted documents / documents; of those, the
//    share fully right and their field accuracy (right slots / slots).
//  - Per type = by the truth's type. Per group = the same report restricted to
//    the documents of one group; documents with an empty group are only in the
//    overall report.
//
// Confidence (only for documents whose EvaluatedDocument::confidences is set;
// the rest leave the reliability table and the oracle alone)
//  - Reliability table (calibration check): every present predicted value that
//    has a confidence — header and line fields — falls in one bucket of
//    kReliabilityEdges by its confidence: [0, 0.5), [0.5, 0.8), [0.8, 0.9),
//    [0.9, 0.95), [0.95, 0.98), [0.98, 0.99), [0.99, 0.995), [0.995, 1] (below 0
//    counts in the first, above 1 in the last). It is right when it is a TP
//    above: a header value matching the truth's value of that field (a field the
//    truth lacks is wrong); a line value matching the value of its PairLines
//    truth line (any value of an unpaired predicted line is wrong). Per bucket:
//    values, mean confidence, share right, gap = share right - mean confidence
//    (negative: over-confident).
//  - Oracle straight-through rate at the target precision P: a document is
//    eligible when its confidences are known and it has no review reason other
//    than low confidence (a reason starting "low confidence"): no missing field,
//    blocking finding, uncertain type... Its minimum confidence is the lowest
//    over its present predicted values (1 when it has none). At threshold t the
//    eligible documents of minimum confidence >= t are accepted; the oracle
//    threshold is the lowest t (among the minimum confidences) at which the
//    accepted documents' field accuracy (right slots / slots, as for
//    auto-accepted documents; 1 when they have no slots) is >= P, and the
//    oracle rate is the accepted documents / all documents. No such t: rate 0,
//    no threshold.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "learn/canonical_document.h"

namespace quai {

// What the extractor said of its own prediction: the confidence of each value
// and why it sent the document to review.
struct PredictionConfidences {
  std::map<std::string, double> fields;              // header field → confidence
  std::vector<std::map<std::string, double>> lines;  // per predicted line, in order: field → confidence
  std::vector<std::string> review_reasons;           // Extraction::review_reasons
};

struct EvaluatedDocument {
  std::string name;            // file stem, for the per-document list
  std::string group;           // e.g. "born" or "scan"; reports are also split by group
  CanonicalDocument truth;
  CanonicalDocument predicted;
  bool auto_accepted = false;  // the extractor's own decision (no review needed)
  // Unknown (nullopt): the document is in neither the reliability table nor the
  // oracle straight-through rate's accepted documents (it still counts among all
  // documents). A value without an entry here is left out of both.
  std::optional<PredictionConfidences> confidences;
};

inline constexpr double kDefaultEvaluationTargetPrecision = 0.995;
// Lower edges of the reliability buckets; the last bucket ends at 1 inclusive.
inline constexpr double kReliabilityEdges[] = {0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995};

// Counts of one kind of item (fields, lines) and the scores they give.
// Zero denominators: when all three counts are 0 (nothing expected, nothing
// predicted) precision, recall and F1 are 1.0. When TP + FP = 0 but FN > 0
// (nothing predicted, something expected) precision is 0.0; when TP + FN = 0 but
// FP > 0 (nothing expected, something predicted) recall is 0.0. So F1 is always
// the harmonic mean of precision and recall, and no perfect score sits beside
// an error.
struct Counts {
  long true_positives = 0, false_positives = 0, false_negatives = 0;
  double precision() const;  // TP / (TP + FP)
  double recall() const;     // TP / (TP + FN)
  double f1() const;         // 2·TP / (2·TP + FP + FN)
  Counts& operator+=(const Counts& other);
};

// `count` of `total` (documents, field slots). share() is nullopt when total is
// 0: there was nothing to measure (JSON: null, tables: "-").
struct Proportion {
  long count = 0;
  long total = 0;
  std::optional<double> share() const;
};

// Values whose confidence fell in [low, high) ([low, 1] for the last bucket).
struct ReliabilityBucket {
  double low = 0, high = 1;
  long values = 0;
  long right = 0;
  double confidence_sum = 0;
  std::optional<double> mean_confidence() const;  // nullopt when no values
  std::optional<double> share_right() const;      // right / values
  std::optional<double> gap() const;              // share right - mean confidence
};

// The buckets of kReliabilityEdges, empty.
std::vector<ReliabilityBucket> EmptyReliabilityTable();

// The oracle straight-through rate (rules above).
struct StraightThrough {
  double target_precision = kDefaultEvaluationTargetPrecision;
  long with_confidences = 0;          // documents whose confidences are known
  long eligible = 0;                  // of those, no review reason but low confidence
  std::optional<double> threshold;    // the lowest t reaching the target; nullopt: none does
  Proportion accepted;                // accepted at threshold / all documents
  Proportion accepted_field_accuracy; // right slots / slots of the accepted documents
  Proportion accepted_fully_right;    // fully right / accepted documents
};

// Counts of fields, summed and per field name.
struct FieldScores {
  Counts all;
  std::map<std::string, Counts> by_field;
};

// Scores of the documents whose truth has one type.
struct TypeScores {
  long documents = 0;
  Proportion type_accuracy;                      // predicted type right
  std::map<std::string, long> predicted_types;   // predicted type → documents
  FieldScores header_fields;
  FieldScores line_fields;
  Counts lines;
};

// Scores of a set of documents (all of them, or one group).
struct Scores {
  long documents = 0;
  Proportion type_accuracy;                 // documents with the right type
  Proportion fully_right;                   // fully right documents / documents
  FieldScores header_fields;                // by_field summed over types
  FieldScores line_fields;                  // line-item F1 = line_fields.all.f1()
  Counts lines;
  Proportion field_accuracy;                // right slots / slots, header + line fields
  Proportion auto_accepted;                 // auto-accepted / documents
  Proportion auto_accepted_fully_right;     // fully right / auto-accepted
  Proportion auto_accepted_field_accuracy;  // right slots / slots of auto-accepted documents
  std::map<std::string, TypeScores> by_type;  // keyed by the truth's type
  std::vector<ReliabilityBucket> reliability = EmptyReliabilityTable();
  StraightThrough straight_through;
};

// One value the prediction got wrong, or the wrong document type.
struct FieldError {
  std::string field;                  // "document_type", a header or a line field name
  std::optional<int> truth_line;      // for line fields: index in truth.lines
  std::optional<int> predicted_line;  // for line fields: index in predicted.lines
  std::optional<std::string> truth;      // nullopt: absent
  std::optional<std::string> predicted;  // nullopt: absent
  std::optional<double> confidence;      // of the predicted value, when known
  // Where, for people: "po_number"; "lines[2].quantity" (truth line 2, paired
  // with predicted line 2); "lines[2].quantity (predicted lines[4])";
  // "lines[2].quantity (no predicted line)"; "predicted lines[4].unit (extra
  // line)". Indices are 0-based, as in the JSON arrays.
  std::string Location() const;
};

// A predicted value with its confidence: "po_number" or "lines[2].quantity"
// (the predicted line), and whether the truth has it.
struct RatedValue {
  std::string field;
  double confidence = 0;
  bool right = false;
};

struct DocumentResult {
  std::string name;
  std::string group;
  std::string truth_type;
  std::string predicted_type;
  bool auto_accepted = false;
  bool type_right = false;
  bool fully_right = false;
  Counts header_fields;
  Counts line_fields;
  Counts lines;
  Proportion field_accuracy;
  // From the confidences (nullopt / false when unknown): the lowest confidence of
  // its present predicted values (1 when none), and whether it is eligible for
  // the oracle straight-through rate (no review reason but low confidence).
  std::optional<double> min_confidence;
  bool straight_through_eligible = false;
  std::vector<std::string> review_reasons;  // why it went to a person (empty when accepted)
  std::vector<RatedValue> values;            // every predicted value that has a confidence
  // Wrong type first, then header fields by name, then truth lines in order
  // (fields by name), then unpaired predicted lines in order.
  std::vector<FieldError> errors;
};

struct EvaluationReport {
  Scores overall;
  std::map<std::string, Scores> by_group;  // non-empty groups only
  std::vector<DocumentResult> documents;   // in input order
};

// `target_precision`: P of the oracle straight-through rate (the extractor's
// ExtractorCalibration::target_precision).
EvaluationReport Evaluate(const std::vector<EvaluatedDocument>& documents,
                          double target_precision = kDefaultEvaluationTargetPrecision);

// Tables for a terminal: the overall summary (with the straight-through line and
// the reliability table), header and line fields per type and field, a summary
// per group and per type within it, then each document's errors.
std::string FormatEvaluationReport(const EvaluationReport& report);

// Keys (stable; objects keyed by name are sorted):
//  {"report_version": 1, "overall": Scores, "groups": {group: Scores},
//   "documents": [Document]}
//  Scores: {"documents", "type_accuracy": P, "fully_right": P,
//           "header_fields": F, "line_fields": F, "lines": C, "field_accuracy": P,
//           "auto_accepted": P, "auto_accepted_fully_right": P,
//           "auto_accepted_field_accuracy": P, "types": {type: Type},
//           "reliability": [Bucket], "straight_through": Straight}
//  Bucket: {"low", "high", "values", "right", "mean_confidence", "share_right",
//           "gap"}  (the last three null when values is 0)
//  Straight: {"target_precision", "with_confidences", "eligible", "threshold"
//             (null: none), "accepted": P, "accepted_field_accuracy": P,
//             "accepted_fully_right": P}
//  Type: {"documents", "type_accuracy": P, "predicted_types": {type: n},
//         "header_fields": F, "line_fields": F, "lines": C}
//  F: {"all": C, "by_field": {field: C}}
//  C: {"tp", "fp", "fn", "precision", "recall", "f1"}
//  P: {"count", "total", "share"}  (share null when total is 0)
//  Document: {"name", "group", "truth_type", "predicted_type", "auto_accepted",
//             "type_right", "fully_right", "header_fields": C, "line_fields": C,
//             "lines": C, "field_accuracy": P, "min_confidence" (null: unknown),
//             "straight_through_eligible", "errors": [Error]}
//  Error: {"field", "location", "truth_line", "predicted_line", "truth",
//          "predicted", "confidence"}  (null when absent / not a line field /
//          unknown)
// report_version stays 1 while keys are only added.
nlohmann::json EvaluationReportToJson(const EvaluationReport& report);

}  // namespace quai
