// FieldScorer: gradient-boosted trees (XGBoost) over candidate features, giving
// each candidate the probability that it is its field's value, then a
// calibration map (isotonic, fitted on held-out documents) so that a confidence
// of 0.99 is right 99 times in 100. The model file carries a magic number, a
// format version, the feature names and field names it was trained with; a file
// that does not match is refused. Predict is thread-safe (XGBoost's predictor is
// guarded by an internal lock); Train is not.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quai/status.h"

namespace quai {

struct ScorerTrainingData {
  std::vector<std::vector<float>> features;
  std::vector<float> labels;        // 1: the candidate's value is the field's true value
  std::vector<int> document_ids;    // for splitting by document
};

struct CalibrationPoint {
  double raw = 0;        // model output at or above this...
  double calibrated = 0; // ...maps to this confidence (piecewise constant, non-decreasing)
};

class FieldScorer {
 public:
  ~FieldScorer();
  static Result<std::unique_ptr<FieldScorer>> Load(const std::string& path);
  // Trains on `train`, calibrates on `calibration` (other documents).
  static Result<std::unique_ptr<FieldScorer>> Train(const ScorerTrainingData& train,
                                                    const ScorerTrainingData& calibration,
                                                    const std::vector<std::string>& feature_names,
                                                    const std::vector<std::string>& field_names, int rounds = 300);
  Status Save(const std::string& path) const;

  // Raw probabilities, one per row of features.
  Result<std::vector<float>> Predict(const std::vector<std::vector<float>>& features) const;
  double Calibrate(double raw) const;

  const std::vector<std::string>& feature_names() const { return feature_names_; }
  const std::vector<std::string>& field_names() const { return field_names_; }
  const std::vector<CalibrationPoint>& calibration() const { return calibration_; }
  // A calibration fitted elsewhere (out-of-fold predictions of other models).
  void set_calibration(std::vector<CalibrationPoint> calibration) { calibration_ = std::move(calibration); }
  const std::string& version() const { return version_; }

 private:
  FieldScorer();
  struct Booster;
  std::unique_ptr<Booster> booster_;
  std::vector<std::string> feature_names_;
  std::vector<std::string> field_names_;
  std::vector<CalibrationPoint> calibration_;
  std::string version_;  // "field-scorer-<sha-prefix>" of the model bytes
};

// Pool-adjacent-violators isotonic fit of labels on scores; exposed for tests.
std::vector<CalibrationPoint> FitIsotonic(std::vector<std::pair<double, double>> score_label);

}  // namespace quai
