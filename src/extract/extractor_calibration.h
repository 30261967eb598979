// ExtractorCalibration: what turns the extractor's scores into decisions,
// fitted on documents of suppliers held out from training: the map from a line
// cell's raw score (its reading confidence, raised by the supplier's layout
// memory of that column) to a calibrated confidence, and each field's
// auto-accept threshold — the lowest confidence at which values of that field
// were right at least `target_precision` of the time. Kept beside the models
// as calibration.json; without it the schemas' thresholds apply.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/field_scorer.h"
#include "quai/status.h"

namespace quai {

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
  // same score. Absent: the scorer's own map.
  std::map<std::string, std::vector<CalibrationPoint>> fields;
  // "po_number", "lines.quantity", each also with "@ocr"/"@layer" when that
  // source had enough values; absent: the schema's.
  std::map<std::string, double> thresholds;
  const std::vector<CalibrationPoint>* FieldMap(bool ocr) const {
    auto it = fields.find(ocr ? "@ocr" : "@layer");
    return it == fields.end() ? nullptr : &it->second;
  }
  static std::string Source(bool ocr) { return ocr ? "@ocr" : "@layer"; }
};

inline constexpr const char* kCalibrationFile = "calibration.json";
inline constexpr double kDefaultTargetPrecision = 0.995;

// NotFound when the file does not exist; InvalidArgument naming it when it is malformed.
Result<ExtractorCalibration> LoadExtractorCalibration(const std::string& path);
Status SaveExtractorCalibration(const ExtractorCalibration& calibration, const std::string& path);

// The piecewise-constant map of `points` at `raw` (raw itself when empty).
double ApplyCalibration(const std::vector<CalibrationPoint>& points, double raw);

// The lowest confidence t such that values at or above t were right at least
// `target` of the time (at least `min_values` of them); 1.01 (never) when no t
// does. `values`: (confidence, right).
double ThresholdForPrecision(std::vector<std::pair<double, bool>> values, double target, size_t min_values);

}  // namespace quai
