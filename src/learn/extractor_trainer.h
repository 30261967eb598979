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
#include "learn/layout_learning.h"
#include "quai/document.h"

namespace quai {

struct TrainingDocument {
  std::string name;
  std::vector<Page> pages;
  CanonicalDocument truth;
  std::string supplier;                // groups documents for layout memory; "" = the truth's supplier field
  std::vector<ValuePointer> pointers;  // where a person pointed, when known
};

struct TrainingOptions {
  // Label words learned from validated documents, by type then field: the
  // vocabulary the extractor will be given at run time with these models.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> learned_labels;
  // Classifier examples beyond the documents' own (the shipped corpus).
  std::vector<std::pair<std::string, std::string>> extra_classifier_examples;
  bool train_classifier = true;
  bool train_scorer = true;
  // Calibration: the schema folder the models are used with (empty: the
  // default), and the precision the auto-accept thresholds must hold.
  std::string schema_dir;
  double target_precision = kDefaultTargetPrecision;
};

struct TrainingSummary {
  int documents = 0;
  long candidates = 0;
  long positives = 0;
  int calibration_documents = 0;
  std::string classifier_version;
  std::string scorer_version;
  int calibration_values = 0;  // values the thresholds were chosen on
  double seconds = 0;
};

// `extractor` provides schemas and features (LoadSchemasOnly is enough).
//
// Layout memory is simulated: each document is scored with the memory of 0,
// 1, 2, 3 or 5 other documents of its supplier and type (their values located
// on their pages), so the scorer learns how far to trust what a supplier's
// validated documents taught — and still works for suppliers it never saw.
Result<TrainingSummary> TrainExtractorModels(const Extractor& extractor, const std::vector<TrainingDocument>& documents,
                                             const std::string& model_dir, const TrainingOptions& options = {});

// The supplier a training document's memory is grouped by.
std::string TrainingSupplier(const TrainingDocument& document, const SchemaSet& schemas);

}  // namespace quai
