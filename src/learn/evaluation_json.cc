// EvaluationReportToJson (declared in evaluation.h): the machine form of the
// report, keys listed in evaluation.h.
#include "learn/evaluation.h"

namespace quai {
namespace {

using Json = nlohmann::json;

Json CountsToJson(const Counts& counts) {
  return Json{{"tp", counts.true_positives},
              {"fp", counts.false_positives},
              {"fn", counts.false_negatives},
              {"precision", counts.precision()},
              {"recall", counts.recall()},
              {"f1", counts.f1()}};
}

Json ProportionToJson(const Proportion& proportion) {
  const std::optional<double> share = proportion.share();
  return Json{{"count", proportion.count},
              {"total", proportion.total},
              {"share", share ? Json(*share) : Json(nullptr)}};
}

Json FieldScoresToJson(const FieldScores& fields) {
  Json by_field = Json::object();
  for (const auto& [name, counts] : fields.by_field) by_field[name] = CountsToJson(counts);
  return Json{{"all", CountsToJson(fields.all)}, {"by_field", std::move(by_field)}};
}

Json TypeScoresToJson(const TypeScores& type) {
  Json predicted_types = Json::object();
  for (const auto& [name, documents] : type.predicted_types) predicted_types[name] = documents;
  return Json{{"documents", type.documents},
              {"type_accuracy", ProportionToJson(type.type_accuracy)},
              {"predicted_types", std::move(predicted_types)},
              {"header_fields", FieldScoresToJson(type.header_fields)},
              {"line_fields", FieldScoresToJson(type.line_fields)},
              {"lines", CountsToJson(type.lines)}};
}

template <typename T>
Json OptionalToJson(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json ReliabilityToJson(const std::vector<ReliabilityBucket>& table) {
  Json buckets = Json::array();
  for (const ReliabilityBucket& bucket : table) {
    buckets.push_back(Json{{"low", bucket.low},
                           {"high", bucket.high},
                           {"values", bucket.values},
                           {"right", bucket.right},
                           {"mean_confidence", OptionalToJson(bucket.mean_confidence())},
                           {"share_right", OptionalToJson(bucket.share_right())},
                           {"gap", OptionalToJson(bucket.gap())}});
  }
  return buckets;
}

Json StraightThroughToJson(const StraightThrough& straight) {
  return Json{{"target_precision", straight.target_precision},
              {"with_confidences", straight.with_confidences},
              {"eligible", straight.eligible},
              {"threshold", OptionalToJson(straight.threshold)},
              {"accepted", ProportionToJson(straight.accepted)},
              {"accepted_field_accuracy", ProportionToJson(straight.accepted_field_accuracy)},
              {"accepted_fully_right", ProportionToJson(straight.accepted_fully_right)}};
}

Json ScoresToJson(const Scores& scores) {
  Json types = Json::object();
  for (const auto& [name, type] : scores.by_type) types[name] = TypeScoresToJson(type);
  return Json{{"documents", scores.documents},
              {"type_accuracy", ProportionToJson(scores.type_accuracy)},
              {"fully_right", ProportionToJson(scores.fully_right)},
              {"header_fields", FieldScoresToJson(scores.header_fields)},
              {"line_fields", FieldScoresToJson(scores.line_fields)},
              {"lines", CountsToJson(scores.lines)},
              {"field_accuracy", ProportionToJson(scores.field_accuracy)},
              {"auto_accepted", ProportionToJson(scores.auto_accepted)},
              {"auto_accepted_fully_right", ProportionToJson(scores.auto_accepted_fully_right)},
              {"auto_accepted_field_accuracy", ProportionToJson(scores.auto_accepted_field_accuracy)},
              {"types", std::move(types)},
              {"reliability", ReliabilityToJson(scores.reliability)},
              {"straight_through", StraightThroughToJson(scores.straight_through)}};
}

Json ErrorToJson(const FieldError& error) {
  return Json{{"field", error.field},
              {"location", error.Location()},
              {"truth_line", OptionalToJson(error.truth_line)},
              {"predicted_line", OptionalToJson(error.predicted_line)},
              {"truth", OptionalToJson(error.truth)},
              {"predicted", OptionalToJson(error.predicted)},
              {"confidence", OptionalToJson(error.confidence)}};
}

Json DocumentToJson(const DocumentResult& document) {
  Json values = Json::array();
  for (const RatedValue& value : document.values)
    values.push_back(Json{{"field", value.field}, {"confidence", value.confidence}, {"right", value.right}});
  Json errors = Json::array();
  for (const FieldError& error : document.errors) errors.push_back(ErrorToJson(error));
  return Json{{"name", document.name},
              {"group", document.group},
              {"truth_type", document.truth_type},
              {"predicted_type", document.predicted_type},
              {"auto_accepted", document.auto_accepted},
              {"type_right", document.type_right},
              {"fully_right", document.fully_right},
              {"header_fields", CountsToJson(document.header_fields)},
              {"line_fields", CountsToJson(document.line_fields)},
              {"lines", CountsToJson(document.lines)},
              {"field_accuracy", ProportionToJson(document.field_accuracy)},
              {"min_confidence", OptionalToJson(document.min_confidence)},
              {"straight_through_eligible", document.straight_through_eligible},
              {"review_reasons", document.review_reasons},
              {"values", std::move(values)},
              {"errors", std::move(errors)}};
}

}  // namespace

nlohmann::json EvaluationReportToJson(const EvaluationReport& report) {
  Json groups = Json::object();
  for (const auto& [name, scores] : report.by_group) groups[name] = ScoresToJson(scores);
  Json documents = Json::array();
  for (const DocumentResult& document : report.documents) documents.push_back(DocumentToJson(document));
  return Json{{"report_version", 1},
              {"overall", ScoresToJson(report.overall)},
              {"groups", std::move(groups)},
              {"documents", std::move(documents)}};
}

}  // namespace quai
