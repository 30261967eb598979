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
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "learn/canonical_document.h"

namespace quai {

struct EvaluatedDocument {
  std::string name;            // file stem, for the per-document list
  std::string group;           // e.g. "born" or "scan"; reports are also split by group
  CanonicalDocument truth;
  CanonicalDocument predicted;
  bool auto_accepted = false;  // the extractor's own decision (no review needed)
};

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
};

// One value the prediction got wrong, or the wrong document type.
struct FieldError {
  std::string field;                  // "document_type", a header or a line field name
  std::optional<int> truth_line;      // for line fields: index in truth.lines
  std::optional<int> predicted_line;  // for line fields: index in predicted.lines
  std::optional<std::string> truth;      // nullopt: absent
  std::optional<std::string> predicted;  // nullopt: absent
  // Where, for people: "po_number"; "lines[2].quantity" (truth line 2, paired
  // with predicted line 2); "lines[2].quantity (predicted lines[4])";
  // "lines[2].quantity (no predicted line)"; "predicted lines[4].unit (extra
  // line)". Indices are 0-based, as in the JSON arrays.
  std::string Location() const;
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
  // Wrong type first, then header fields by name, then truth lines in order
  // (fields by name), then unpaired predicted lines in order.
  std::vector<FieldError> errors;
};

struct EvaluationReport {
  Scores overall;
  std::map<std::string, Scores> by_group;  // non-empty groups only
  std::vector<DocumentResult> documents;   // in input order
};

EvaluationReport Evaluate(const std::vector<EvaluatedDocument>& documents);

// Tables for a terminal: the overall summary, header and line fields per type and
// field, a summary per group and per type within it, then each document's errors.
std::string FormatEvaluationReport(const EvaluationReport& report);

// Keys (stable; objects keyed by name are sorted):
//  {"report_version": 1, "overall": Scores, "groups": {group: Scores},
//   "documents": [Document]}
//  Scores: {"documents", "type_accuracy": P, "fully_right": P,
//           "header_fields": F, "line_fields": F, "lines": C, "field_accuracy": P,
//           "auto_accepted": P, "auto_accepted_fully_right": P,
//           "auto_accepted_field_accuracy": P, "types": {type: Type}}
//  Type: {"documents", "type_accuracy": P, "predicted_types": {type: n},
//         "header_fields": F, "line_fields": F, "lines": C}
//  F: {"all": C, "by_field": {field: C}}
//  C: {"tp", "fp", "fn", "precision", "recall", "f1"}
//  P: {"count", "total", "share"}  (share null when total is 0)
//  Document: {"name", "group", "truth_type", "predicted_type", "auto_accepted",
//             "type_right", "fully_right", "header_fields": C, "line_fields": C,
//             "lines": C, "field_accuracy": P, "errors": [Error]}
//  Error: {"field", "location", "truth_line", "predicted_line", "truth",
//          "predicted"}  (null when absent / not a line field)
nlohmann::json EvaluationReportToJson(const EvaluationReport& report);

}  // namespace quai
