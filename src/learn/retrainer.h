// Retrainer: retrains the extractor's models (classifier, field scorer and its
// calibration) from every training example of a data directory — documents a
// person validated in the review UI and documents imported with `quai learn` —
// and promotes the new models only if they are not worse than the ones in use
// on examples held out from training (one supplier in five). Every model set
// is versioned in the store's model registry, promoted or not, with both
// figures; its files live in <data>/models/<id>/. The active set is what the
// data directory reads with; with none, the shipped models. Not thread-safe:
// one retraining at a time (the caller serialises).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "extract/extractor.h"
#include "learn/stored_knowledge.h"
#include "storage/document_store.h"
#include "storage/model_registry.h"
#include "storage/review_store.h"

namespace quai {

struct RetrainingOptions {
  std::string schema_dir;  // empty: the default schemas
  double target_precision = kDefaultTargetPrecision;
  int min_examples = 10;  // fewer: nothing is trained
};

struct HeldOutFigures {
  int documents = 0;
  double field_accuracy = 0;  // right value slots / slots, header and line fields (quai eval's)
  double header_f1 = 0;
  double line_f1 = 0;
  double type_accuracy = 0;
};

struct RetrainingReport {
  int examples = 0;  // training examples in the store
  int trained_on = 0;
  HeldOutFigures candidate;
  HeldOutFigures current;
  std::string current_version;  // "shipped" or the active model's version
  bool promoted = false;
  ModelVersionRecord model;  // as registered
  double seconds = 0;
};

// Every training example of the store, oldest validation first.
Result<std::vector<TrainingExample>> AllTrainingExamples(ReviewStore* reviews);

// The active model set of a data directory: its folder, or nullopt for the shipped models.
Result<std::optional<ModelVersionRecord>> ActiveModels(ModelRegistry* models);
// The folder of a registered model set.
std::string ModelFolder(const std::string& data_dir, const ModelVersionRecord& model);

class Retrainer {
 public:
  // Everything must outlive the retrainer.
  Retrainer(DocumentStore* documents, ReviewStore* reviews, ModelRegistry* models, const std::string& data_dir);
  Result<RetrainingReport> Retrain(const RetrainingOptions& options);

 private:
  DocumentStore* documents_;
  ReviewStore* reviews_;
  ModelRegistry* models_;
  std::string data_dir_;
};

// The kind of model set the registry keeps for the extractor.
inline constexpr const char* kExtractorModelKind = "extractor";

}  // namespace quai
