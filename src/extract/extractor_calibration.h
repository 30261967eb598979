// ExtractorCalibration: what turns the extractor's scores into decisions,
// fitted on documents of suppliers held out from training: the map from a line
// cell's raw score (its reading confidence, raised by the supplier's layout
// memory of that column) to a calibrated confidence, and each field's
// auto-accept threshold — the lowest confidence at which values of that field
// were right at least `target_precision` of the time. Kept beside the models
// as calibration.json; without it the schemas' thresholds apply.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "extract/field_scorer.h"
#include "quai/status.h"

namespace quai {

// The piecewise-constant map of `points` at `raw` (raw itself when empty).
double ApplyCalibration(const std::vector<CalibrationPoint>& points, double raw);

struct ExtractorCalibration {
  double target_precision = 0.995;
  std::vector<CalibrationPoint> lines;       // empty: line confidences stay raw
  // A field's own maps when it had enough cells: "quantity@ocr" (scanned
  // pages), "quantity@layer" (text layers), else "quantity".
  std::map<std::string, std::vector<CalibrationPoint>> line_fields;
  // The map for one line field read from OCR or a text layer: the most
  // specific one there is.
  const std::vector<CalibrationPoint>& LineMap(const std::string& field, bool ocr) const {
    for (const std::string& key : {field + (ocr ? "@ocr" : "@layer"), field})
      if (auto it = line_fields.find(key); it != line_fields.end()) return it->second;
    return lines;
  }
  // Header-field confidences by text source, "@ocr" and "@layer", when each had
  // enough candidates: OCR misreads make scanned values right less often at the
  // same score. Absent: the scorer's own map. Also "@ocr+checked" and
  // "@layer+checked": corroborated values (CorroboratedConfidence).
  std::map<std::string, std::vector<CalibrationPoint>> fields;
  // "po_number", "lines.quantity", each also with "@ocr"/"@layer" when that
  // source had enough values; absent: the schema's.
  std::map<std::string, double> thresholds;
  // For a supplier whose layout memory holds validated documents of the type:
  // the same keys, chosen at the per-field precision `learned_field_precision`
  // — the lowest at which the fields of the held-out documents (read with a
  // memory) that all thresholds accept were still right `target_precision` of
  // the time. Empty: `thresholds` apply.
  double learned_field_precision = 0;
  std::map<std::string, double> learned_thresholds;
  const std::map<std::string, double>& Thresholds(bool learned) const {
    return learned && !learned_thresholds.empty() ? learned_thresholds : thresholds;
  }
  const std::vector<CalibrationPoint>* FieldMap(bool ocr) const {
    auto it = fields.find(ocr ? "@ocr" : "@layer");
    return it == fields.end() ? nullptr : &it->second;
  }
  // "@ocr+checked", "@layer+checked" in `fields`: how often a header value
  // something beyond its reading confirms (corroboration.h) was right, by its
  // confidence; absent when the training documents had too few such values.
  // The confidence of a corroborated value: the higher of its own and that,
  // where the map has seen values as low (it is not extended below them).
  double CorroboratedConfidence(bool ocr, double confidence) const {
    auto it = fields.find(std::string(ocr ? "@ocr" : "@layer") + "+checked");
    if (it == fields.end() || it->second.empty() || confidence < it->second.front().raw) return confidence;
    return std::max(confidence, ApplyCalibration(it->second, confidence));
  }
  static std::string Source(bool ocr) { return ocr ? "@ocr" : "@layer"; }
};

inline constexpr const char* kCalibrationFile = "calibration.json";
inline constexpr double kDefaultTargetPrecision = 0.995;

// NotFound when the file does not exist; InvalidArgument naming it when it is malformed.
Result<ExtractorCalibration> LoadExtractorCalibration(const std::string& path);
Status SaveExtractorCalibration(const ExtractorCalibration& calibration, const std::string& path);

// The lowest confidence t such that values at or above t were right at least
// `target` of the time (at least `min_values` of them); 1.01 (never) when no t
// does. `values`: (confidence, right).
double ThresholdForPrecision(std::vector<std::pair<double, bool>> values, double target, size_t min_values);

// The threshold of a value among `thresholds`: "<name>@ocr" (or "@layer"),
// then "<name>"; `fallback` (the schema's) when none is there; when it is
// corroborated, "<name>@ocr+checked" where that is lower. `name`: "po_number"
// or "lines.quantity".
double ThresholdOf(const std::map<std::string, double>& thresholds, const std::string& name, bool ocr,
                   bool corroborated, double fallback);

// How the trainer rates a choice of thresholds (RatedDocument, AcceptedBy,
// BestThresholdChoice) is learn/threshold_choice.h's: through the decide
// stage's own rule.

}  // namespace quai
