#include "extract/extractor_calibration.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "extract/corroboration.h"

namespace quai {
namespace {

Result<ExtractorCalibration> ParseCalibration(const nlohmann::json& json, const std::string& path) {
  auto bad = [&](const std::string& why) { return Status::InvalidArgument(path + ": " + why); };
  if (json.is_discarded() || !json.is_object()) return bad("not a JSON object");
  if (json.value("format", 0) != 1) return bad("unknown format (expected \"format\": 1)");
  ExtractorCalibration calibration;
  calibration.target_precision = json.value("target_precision", kDefaultTargetPrecision);
  const nlohmann::json lines = json.value("lines", nlohmann::json::array());
  const nlohmann::json thresholds = json.value("thresholds", nlohmann::json::object());
  if (!lines.is_array() || !thresholds.is_object()) return bad("\"lines\" must be an array, \"thresholds\" an object");
  for (const auto& point : lines) {
    if (!point.is_array() || point.size() != 2 || !point[0].is_number() || !point[1].is_number())
      return bad("\"lines\" must be [raw, calibrated] pairs");
    calibration.lines.push_back({point[0].get<double>(), point[1].get<double>()});
  }
  auto read_points = [&](const nlohmann::json& array, std::vector<CalibrationPoint>* points) {
    for (const auto& point : array) {
      if (!point.is_array() || point.size() != 2 || !point[0].is_number() || !point[1].is_number()) return false;
      points->push_back({point[0].get<double>(), point[1].get<double>()});
    }
    return true;
  };
  const nlohmann::json line_fields = json.value("line_fields", nlohmann::json::object());
  if (!line_fields.is_object()) return bad("\"line_fields\" must be an object");
  for (const auto& [field, points] : line_fields.items())
    if (!points.is_array() || !read_points(points, &calibration.line_fields[field]))
      return bad("\"line_fields\"." + field + " must be [raw, calibrated] pairs");
  const nlohmann::json fields = json.value("fields", nlohmann::json::object());
  if (!fields.is_object()) return bad("\"fields\" must be an object");
  for (const auto& [source, points] : fields.items())
    if (!points.is_array() || !read_points(points, &calibration.fields[source]))
      return bad("\"fields\"." + source + " must be [raw, calibrated] pairs");
  for (const auto& [field, threshold] : thresholds.items()) {
    if (!threshold.is_number()) return bad("threshold of " + field + " is not a number");
    calibration.thresholds[field] = threshold.get<double>();
  }
  const nlohmann::json learned = json.value("learned_thresholds", nlohmann::json::object());
  if (!learned.is_object()) return bad("\"learned_thresholds\" must be an object");
  for (const auto& [field, threshold] : learned.items()) {
    if (!threshold.is_number()) return bad("learned threshold of " + field + " is not a number");
    calibration.learned_thresholds[field] = threshold.get<double>();
  }
  calibration.learned_field_precision = json.value("learned_field_precision", 0.0);
  return calibration;
}

}  // namespace

Result<ExtractorCalibration> LoadExtractorCalibration(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": no calibration file");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
  // A value of the wrong type ("format": "1") throws in nlohmann's accessors.
  try {
    return ParseCalibration(json, path);
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(path + ": " + e.what());
  }
}

Status SaveExtractorCalibration(const ExtractorCalibration& calibration, const std::string& path) {
  nlohmann::json lines = nlohmann::json::array();
  for (const CalibrationPoint& p : calibration.lines) lines.push_back({p.raw, p.calibrated});
  nlohmann::json line_fields = nlohmann::json::object();
  for (const auto& [field, points] : calibration.line_fields) {
    nlohmann::json array = nlohmann::json::array();
    for (const CalibrationPoint& p : points) array.push_back({p.raw, p.calibrated});
    line_fields[field] = array;
  }
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [source, points] : calibration.fields) {
    nlohmann::json array = nlohmann::json::array();
    for (const CalibrationPoint& p : points) array.push_back({p.raw, p.calibrated});
    fields[source] = array;
  }
  nlohmann::json json = {{"format", 1},
                         {"fields", fields},
                         {"target_precision", calibration.target_precision},
                         {"lines", lines},
                         {"line_fields", line_fields},
                         {"thresholds", calibration.thresholds}};
  if (!calibration.learned_thresholds.empty()) {
    json["learned_field_precision"] = calibration.learned_field_precision;
    json["learned_thresholds"] = calibration.learned_thresholds;
  }
  std::ofstream out(path, std::ios::trunc);
  out << json.dump(1) << "\n";
  out.close();
  if (!out) return Status::IoError(path + ": cannot write the calibration");
  return Status::Ok();
}

double ApplyCalibration(const std::vector<CalibrationPoint>& points, double raw) {
  if (points.empty()) return raw;
  double value = points.front().calibrated;
  for (const CalibrationPoint& p : points) {
    if (raw < p.raw) break;
    value = p.calibrated;
  }
  return value;
}

double ThresholdForPrecision(std::vector<std::pair<double, bool>> values, double target, size_t min_values) {
  if (values.size() < min_values) return 1.01;
  std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  double threshold = 1.01;
  size_t right = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    right += values[i].second;
    // Only where the confidence changes: equal confidences are accepted together.
    if (i + 1 < values.size() && values[i + 1].first == values[i].first) continue;
    if (static_cast<double>(right) >= target * static_cast<double>(i + 1)) threshold = values[i].first;
  }
  return threshold;
}

double ThresholdOf(const std::map<std::string, double>& thresholds, const std::string& name, bool ocr,
                   bool corroborated, double fallback) {
  const std::string source = ExtractorCalibration::Source(ocr);
  double threshold = fallback;
  for (const std::string& key : {name + source, name})
    if (auto it = thresholds.find(key); it != thresholds.end()) {
      threshold = it->second;
      break;
    }
  // Corroboration never asks more than the reading alone (a corroborated
  // field with few training values takes its kind's pooled threshold, which
  // may be the higher one).
  if (corroborated)
    if (auto it = thresholds.find(name + source + kCorroboratedSuffix); it != thresholds.end())
      return std::min(threshold, it->second);
  return threshold;
}

}  // namespace quai
