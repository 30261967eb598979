#include "decide/decide.h"

#include <algorithm>

#include "extract/layout_memory.h"

namespace quai {
namespace {

// The text source of the page a value was read on; null when not known.
const TextSource* PageSource(const Extraction& extraction, const ExtractedValue& value) {
  const int index = value.page - 1;
  if (index < 0 || index >= static_cast<int>(extraction.page_sources.size())) return nullptr;
  return &extraction.page_sources[index];
}

}  // namespace

bool ReviewDecision::HeldBeyondConfidence() const {
  return std::any_of(reasons.begin(), reasons.end(),
                     [](const ReviewReason& r) { return r.kind != ReviewReasonKind::kLowConfidence; });
}

std::vector<std::string> ReviewDecision::Texts() const {
  std::vector<std::string> texts;
  for (const ReviewReason& reason : reasons) texts.push_back(reason.text);
  return texts;
}

double AutoAcceptThreshold(const ExtractorCalibration& calibration, const FieldSpec& field, bool line,
                           const TextSource* page_source, bool corroborated, bool learned) {
  const std::map<std::string, double>& thresholds = calibration.Thresholds(learned);
  const std::string name = line ? kLineAnchorPrefix + field.name : field.name;
  if (page_source != nullptr)
    return ThresholdOf(thresholds, name, *page_source == TextSource::kOcr, corroborated, field.auto_accept);
  return std::max(ThresholdOf(thresholds, name, true, corroborated, field.auto_accept),
                  ThresholdOf(thresholds, name, false, corroborated, field.auto_accept));
}

ReviewDecision Decide(const Extraction& extraction, const DocumentSchema* schema,
                      const ExtractorCalibration& calibration) {
  ReviewDecision decision;
  auto add = [&decision](ReviewReasonKind kind, std::string text) { decision.reasons.push_back({kind, std::move(text)}); };
  if (schema == nullptr || (schema->fields.empty() && schema->lines.empty())) {
    add(ReviewReasonKind::kUnknownType, extraction.document_type == "other"
                                            ? "not a known document type"
                                            : "no schema for " + extraction.document_type);
    return decision;
  }
  for (const Finding& f : extraction.findings)
    if (f.blocking) add(ReviewReasonKind::kBlockingFinding, f.code + (f.field.empty() ? "" : ": " + f.field));
  // A supplier whose validated documents taught this type has thresholds of its own.
  const bool learned = extraction.supplier.learned_documents > 0;
  const std::vector<std::string>& usual_fields = extraction.supplier.usual_fields;
  auto usual = [&usual_fields](const std::string& name) {
    return std::find(usual_fields.begin(), usual_fields.end(), name) != usual_fields.end();
  };
  for (const FieldSpec& field : schema->fields) {
    auto it = extraction.fields.find(field.name);
    if (it == extraction.fields.end()) {
      // Required ones are a finding; a key one keeps the document for a person.
      if (field.key && !field.required) add(ReviewReasonKind::kMissingKeyField, "missing: " + field.name);
      continue;
    }
    const ExtractedValue& value = it->second;
    const bool confirmed = field.name == schema->supplier_field && extraction.supplier.name_confirmed;
    if (confirmed || value.corrected) continue;
    // A doubted value goes to a person whatever the thresholds.
    if (value.doubted)
      add(ReviewReasonKind::kDoubted, "doubted: " + field.name);
    else if (value.confidence < AutoAcceptThreshold(calibration, field, false, PageSource(extraction, value),
                                                    value.corroborated, learned))
      add(ReviewReasonKind::kLowConfidence, "low confidence: " + field.name);
  }
  // A table of a layout no validated document taught is read from its
  // headers alone: each of its cells must itself be right at least the target
  // precision of the time. (The per-field thresholds hold it over all cells of
  // a field; a document is accepted only when all its cells pass, and the
  // weaker cells of an unfamiliar table are the ones that fail together.)
  // A line column the supplier always printed and no line has: the table was
  // not read as it prints it (the column merged into another, or lost). Each
  // line says so, as a missing required cell does.
  std::vector<std::string> lost_columns;
  for (const FieldSpec& field : schema->lines) {
    if (field.required || !usual(kLineAnchorPrefix + field.name) || extraction.lines.empty()) continue;
    const bool read = std::any_of(extraction.lines.begin(), extraction.lines.end(),
                                  [&field](const auto& line) { return line.count(field.name) > 0; });
    if (!read) lost_columns.push_back(field.name);
  }
  const double unlearned_table_floor = learned || calibration.thresholds.empty() ? 0 : calibration.target_precision;
  for (size_t i = 0; i < extraction.lines.size(); ++i)
    for (const FieldSpec& field : schema->lines) {
      const std::string name = "lines[" + std::to_string(i) + "]." + field.name;
      auto it = extraction.lines[i].find(field.name);
      if (it == extraction.lines[i].end()) {
        if (field.required)
          add(ReviewReasonKind::kMissingLineValue, "missing: " + name);
        else if (std::find(lost_columns.begin(), lost_columns.end(), field.name) != lost_columns.end())
          add(ReviewReasonKind::kMissingUsualField, "missing: " + name);
        continue;
      }
      const ExtractedValue& cell = it->second;
      if (cell.corrected) continue;
      if (cell.doubted)
        add(ReviewReasonKind::kDoubted, "doubted: " + name);
      else if (cell.confidence < std::max(unlearned_table_floor,
                                          AutoAcceptThreshold(calibration, field, true, PageSource(extraction, cell),
                                                              cell.corroborated, learned)))
        add(ReviewReasonKind::kLowConfidence, "low confidence: " + name);
    }
  if (!schema->lines.empty() && extraction.lines.empty()) add(ReviewReasonKind::kNoLines, "no line items found");
  if (extraction.type_confidence < kMinTypeConfidence) add(ReviewReasonKind::kUncertainType, "document type uncertain");
  return decision;
}

void RecordDecision(const ReviewDecision& decision, Extraction* extraction) {
  extraction->review_required = decision.review_required();
  extraction->review_reasons = decision.Texts();
}

}  // namespace quai
