// Trains the extractor's two models from documents with known values: the
// document-type classifier (fastText, on every document) and the field scorer
// (XGBoost, on every candidate of every field, labelled by whether its value is
// the true one), calibrated on one document in five held out from training.
// Writes both model files into a model folder. Blocking; uses the worker
// threads the libraries start.
#pragma once

#include <string>
#include <vector>

#include "extract/extractor.h"
#include "learn/canonical_document.h"
#include "quai/document.h"

namespace quai {

struct TrainingDocument {
  std::string name;
  std::vector<Page> pages;
  CanonicalDocument truth;
};

struct TrainingSummary {
  int documents = 0;
  long candidates = 0;
  long positives = 0;
  int calibration_documents = 0;
  std::string classifier_version;
  std::string scorer_version;
  double seconds = 0;
};

// `extractor` provides schemas and features (LoadSchemasOnly is enough).
Result<TrainingSummary> TrainExtractorModels(const Extractor& extractor, const std::vector<TrainingDocument>& documents,
                                             const std::string& model_dir);

}  // namespace quai
