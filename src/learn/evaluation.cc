#include "learn/evaluation.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "learn/line_pairing.h"
#include "learn/text_folding.h"
#include "learn/value_comparison.h"

namespace quai {
namespace {

using ValueMap = std::map<std::string, std::string>;
using ConfidenceMap = std::map<std::string, double>;

std::optional<std::string> PresentValue(const ValueMap& values, const std::string& name) {
  const auto found = values.find(name);
  if (found == values.end() || NormalizeWhitespace(found->second).empty()) return std::nullopt;
  return found->second;
}

// One document's result plus the per-field counts the aggregate tables need.
struct DocumentScore {
  DocumentResult result;
  std::map<std::string, Counts> header_by_field;
  std::map<std::string, Counts> line_by_field;
};

std::optional<double> Confidence(const ConfidenceMap* confidences, const std::string& name) {
  if (confidences == nullptr) return std::nullopt;
  const auto found = confidences->find(name);
  if (found == confidences->end()) return std::nullopt;
  return found->second;
}

// Scores the fields of one pair of value maps (a header, a line pair, or an
// unpaired line against an empty map) by the rules in evaluation.h. Adds to
// `by_field`, the document's slots and errors, and each predicted value with a
// confidence (in `confidences`, null when unknown) to its values; returns this
// pair's counts.
Counts ScoreValues(const ValueMap& truth, const ValueMap& predicted, const ConfidenceMap* confidences,
                   std::optional<int> truth_line, std::optional<int> predicted_line,
                   std::map<std::string, Counts>* by_field, DocumentResult* result) {
  std::set<std::string> names;
  for (const auto& entry : truth) names.insert(entry.first);
  for (const auto& entry : predicted) names.insert(entry.first);
  Counts counts;
  for (const std::string& name : names) {
    const std::optional<std::string> truth_value = PresentValue(truth, name);
    const std::optional<std::string> predicted_value = PresentValue(predicted, name);
    if (!truth_value && !predicted_value) continue;
    Counts field;
    ++result->field_accuracy.total;
    const std::optional<double> confidence =
        predicted_value ? Confidence(confidences, name) : std::nullopt;
    const bool right =
        truth_value && predicted_value && ValuesMatch(name, *truth_value, *predicted_value);
    if (confidence) {
      result->values.push_back(
          {predicted_line ? "lines[" + std::to_string(*predicted_line) + "]." + name : name, *confidence, right});
    }
    if (right) {
      field.true_positives = 1;
      ++result->field_accuracy.count;
    } else {
      field.false_positives = predicted_value ? 1 : 0;
      field.false_negatives = truth_value ? 1 : 0;
      result->errors.push_back(
          {name, truth_line, predicted_line, truth_value, predicted_value, confidence});
    }
    (*by_field)[name] += field;
    counts += field;
  }
  return counts;
}

DocumentScore ScoreDocument(const EvaluatedDocument& document) {
  DocumentScore score;
  DocumentResult& result = score.result;
  result.name = document.name;
  result.group = document.group;
  result.truth_type = document.truth.document_type;
  result.predicted_type = document.predicted.document_type;
  result.auto_accepted = document.auto_accepted;
  result.type_right = result.truth_type == result.predicted_type;
  if (!result.type_right) {
    result.errors.push_back(
        {"document_type", std::nullopt, std::nullopt, result.truth_type, result.predicted_type,
         std::nullopt});
  }

  const PredictionConfidences* confidences =
      document.confidences ? &*document.confidences : nullptr;
  result.header_fields =
      ScoreValues(document.truth.fields, document.predicted.fields,
                  confidences ? &confidences->fields : nullptr, std::nullopt, std::nullopt,
                  &score.header_by_field, &result);
  // The confidences of predicted line j (null when unknown).
  const auto line_confidences = [confidences](size_t j) -> const ConfidenceMap* {
    if (confidences == nullptr || j >= confidences->lines.size()) return nullptr;
    return &confidences->lines[j];
  };

  const auto& truth_lines = document.truth.lines;
  const auto& predicted_lines = document.predicted.lines;
  const std::vector<int> pairing = PairLines(truth_lines, predicted_lines);
  std::vector<bool> predicted_paired(predicted_lines.size(), false);
  static const ValueMap kNoLine;
  for (size_t i = 0; i < truth_lines.size(); ++i) {
    const int j = pairing[i];
    const int truth_index = static_cast<int>(i);
    if (j < 0) {
      result.line_fields += ScoreValues(truth_lines[i], kNoLine, nullptr, truth_index, std::nullopt,
                                        &score.line_by_field, &result);
      ++result.lines.false_negatives;
      continue;
    }
    predicted_paired[j] = true;
    const Counts pair = ScoreValues(truth_lines[i], predicted_lines[j], line_confidences(j),
                                    truth_index, j, &score.line_by_field, &result);
    result.line_fields += pair;
    if (pair.false_negatives == 0) {
      ++result.lines.true_positives;
    } else {
      ++result.lines.false_negatives;
      ++result.lines.false_positives;
    }
  }
  for (size_t j = 0; j < predicted_lines.size(); ++j) {
    if (predicted_paired[j]) continue;
    result.line_fields += ScoreValues(kNoLine, predicted_lines[j], line_confidences(j), std::nullopt,
                                      static_cast<int>(j), &score.line_by_field, &result);
    ++result.lines.false_positives;
  }

  const auto clean = [](const Counts& counts) {
    return counts.false_positives == 0 && counts.false_negatives == 0;
  };
  result.fully_right = result.type_right && clean(result.header_fields) &&
                       clean(result.line_fields) && clean(result.lines);

  if (confidences != nullptr) {
    double lowest = 1.0;
    for (const RatedValue& value : result.values) lowest = std::min(lowest, value.confidence);
    result.min_confidence = lowest;
    result.review_reasons = confidences->review_reasons;
    result.straight_through_eligible =
        std::none_of(confidences->review_reasons.begin(), confidences->review_reasons.end(),
                     [](const std::string& reason) { return !reason.starts_with("low confidence"); });
  }
  return score;
}

void AddProportion(Proportion* proportion, bool counted) {
  ++proportion->total;
  if (counted) ++proportion->count;
}

void AddProportion(Proportion* proportion, const Proportion& other) {
  proportion->count += other.count;
  proportion->total += other.total;
}

ReliabilityBucket& BucketOf(std::vector<ReliabilityBucket>* table, double confidence) {
  // The last bucket whose lower edge is <= confidence (the first when below all).
  size_t index = 0;
  for (size_t i = 1; i < table->size(); ++i) {
    if (confidence >= (*table)[i].low) index = i;
  }
  return (*table)[index];
}

// The oracle straight-through rate of `documents` (rules in evaluation.h).
StraightThrough OracleStraightThrough(const std::vector<const DocumentResult*>& documents,
                                      double target_precision) {
  StraightThrough straight;
  straight.target_precision = target_precision;
  straight.accepted.total = static_cast<long>(documents.size());
  std::vector<const DocumentResult*> eligible;
  for (const DocumentResult* document : documents) {
    if (!document->min_confidence) continue;
    ++straight.with_confidences;
    if (document->straight_through_eligible) eligible.push_back(document);
  }
  straight.eligible = static_cast<long>(eligible.size());
  // Most confident first; lowering t through the minimum confidences accepts
  // them in this order, all of one minimum confidence at once.
  std::stable_sort(eligible.begin(), eligible.end(), [](const DocumentResult* a, const DocumentResult* b) {
    return *a->min_confidence > *b->min_confidence;
  });
  Proportion slots, fully_right;
  for (size_t i = 0; i < eligible.size(); ++i) {
    AddProportion(&slots, eligible[i]->field_accuracy);
    AddProportion(&fully_right, eligible[i]->fully_right);
    const double t = *eligible[i]->min_confidence;
    if (i + 1 < eligible.size() && *eligible[i + 1]->min_confidence == t) continue;
    const std::optional<double> accuracy = slots.share();
    if (accuracy.value_or(1.0) >= target_precision) {
      straight.threshold = t;
      straight.accepted.count = static_cast<long>(i + 1);
      straight.accepted_field_accuracy = slots;
      straight.accepted_fully_right = fully_right;
    }
  }
  return straight;
}

void AddFields(FieldScores* fields, const Counts& all, const std::map<std::string, Counts>& by_field) {
  fields->all += all;
  for (const auto& [name, counts] : by_field) fields->by_field[name] += counts;
}

void AddToScores(const DocumentScore& score, Scores* scores) {
  const DocumentResult& result = score.result;
  ++scores->documents;
  AddProportion(&scores->type_accuracy, result.type_right);
  AddProportion(&scores->fully_right, result.fully_right);
  AddFields(&scores->header_fields, result.header_fields, score.header_by_field);
  AddFields(&scores->line_fields, result.line_fields, score.line_by_field);
  scores->lines += result.lines;
  AddProportion(&scores->field_accuracy, result.field_accuracy);
  AddProportion(&scores->auto_accepted, result.auto_accepted);
  if (result.auto_accepted) {
    AddProportion(&scores->auto_accepted_fully_right, result.fully_right);
    AddProportion(&scores->auto_accepted_field_accuracy, result.field_accuracy);
  }

  for (const RatedValue& value : result.values) {
    ReliabilityBucket& bucket = BucketOf(&scores->reliability, value.confidence);
    ++bucket.values;
    if (value.right) ++bucket.right;
    bucket.confidence_sum += value.confidence;
  }

  TypeScores& type = scores->by_type[result.truth_type];
  ++type.documents;
  AddProportion(&type.type_accuracy, result.type_right);
  ++type.predicted_types[result.predicted_type];
  AddFields(&type.header_fields, result.header_fields, score.header_by_field);
  AddFields(&type.line_fields, result.line_fields, score.line_by_field);
  type.lines += result.lines;
}

}  // namespace

double Counts::precision() const {
  const long predicted = true_positives + false_positives;
  if (predicted == 0) return false_negatives == 0 ? 1.0 : 0.0;
  return static_cast<double>(true_positives) / static_cast<double>(predicted);
}

double Counts::recall() const {
  const long expected = true_positives + false_negatives;
  if (expected == 0) return false_positives == 0 ? 1.0 : 0.0;
  return static_cast<double>(true_positives) / static_cast<double>(expected);
}

double Counts::f1() const {
  const long denominator = 2 * true_positives + false_positives + false_negatives;
  if (denominator == 0) return 1.0;
  return 2.0 * static_cast<double>(true_positives) / static_cast<double>(denominator);
}

Counts& Counts::operator+=(const Counts& other) {
  true_positives += other.true_positives;
  false_positives += other.false_positives;
  false_negatives += other.false_negatives;
  return *this;
}

std::optional<double> ReliabilityBucket::mean_confidence() const {
  if (values == 0) return std::nullopt;
  return confidence_sum / static_cast<double>(values);
}

std::optional<double> ReliabilityBucket::share_right() const {
  if (values == 0) return std::nullopt;
  return static_cast<double>(right) / static_cast<double>(values);
}

std::optional<double> ReliabilityBucket::gap() const {
  if (values == 0) return std::nullopt;
  return *share_right() - *mean_confidence();
}

std::vector<ReliabilityBucket> EmptyReliabilityTable() {
  std::vector<ReliabilityBucket> table;
  const size_t buckets = std::size(kReliabilityEdges);
  for (size_t i = 0; i < buckets; ++i) {
    ReliabilityBucket bucket;
    bucket.low = kReliabilityEdges[i];
    bucket.high = i + 1 < buckets ? kReliabilityEdges[i + 1] : 1.0;
    table.push_back(bucket);
  }
  return table;
}

std::optional<double> Proportion::share() const {
  if (total == 0) return std::nullopt;
  return static_cast<double>(count) / static_cast<double>(total);
}

std::string FieldError::Location() const {
  if (!truth_line && !predicted_line) return field;
  if (!truth_line) {
    return "predicted lines[" + std::to_string(*predicted_line) + "]." + field + " (extra line)";
  }
  std::string location = "lines[" + std::to_string(*truth_line) + "]." + field;
  if (!predicted_line) return location + " (no predicted line)";
  if (*predicted_line != *truth_line) {
    location += " (predicted lines[" + std::to_string(*predicted_line) + "])";
  }
  return location;
}

EvaluationReport Evaluate(const std::vector<EvaluatedDocument>& documents, double target_precision) {
  EvaluationReport report;
  report.documents.reserve(documents.size());
  for (const EvaluatedDocument& document : documents) {
    DocumentScore score = ScoreDocument(document);
    AddToScores(score, &report.overall);
    if (!document.group.empty()) AddToScores(score, &report.by_group[document.group]);
    report.documents.push_back(std::move(score.result));
  }
  std::vector<const DocumentResult*> all;
  std::map<std::string, std::vector<const DocumentResult*>> by_group;
  for (const DocumentResult& document : report.documents) {
    all.push_back(&document);
    if (!document.group.empty()) by_group[document.group].push_back(&document);
  }
  report.overall.straight_through = OracleStraightThrough(all, target_precision);
  for (auto& [group, scores] : report.by_group) {
    scores.straight_through = OracleStraightThrough(by_group[group], target_precision);
  }
  return report;
}

}  // namespace quai
