#include "learn/extractor_trainer.h"

#include <chrono>
#include <set>

#include "core/file_system.h"
#include "learn/value_comparison.h"

namespace quai {

Result<TrainingSummary> TrainExtractorModels(const Extractor& extractor, const std::vector<TrainingDocument>& documents,
                                             const std::string& model_dir) {
  auto start = std::chrono::steady_clock::now();
  TrainingSummary summary;
  std::vector<std::pair<std::string, std::string>> classifier_examples;
  ScorerTrainingData train, calibration;
  // One supplier in five calibrates the scorer instead of training it, so that
  // confidences are those of layouts the scorer has not seen, as in real use;
  // documents without a supplier are held out one in five.
  std::set<std::string> suppliers;
  for (const TrainingDocument& document : documents)
    if (auto name = document.truth.fields.find("supplier_name"); name != document.truth.fields.end())
      suppliers.insert(name->second);
  std::set<std::string> calibration_suppliers;
  int rank = 0;
  for (const std::string& name : suppliers)
    if (rank++ % 5 == 4) calibration_suppliers.insert(name);
  for (size_t d = 0; d < documents.size(); ++d) {
    const TrainingDocument& document = documents[d];
    classifier_examples.push_back({document.truth.document_type, ClassifierText(document.pages)});
    auto supplier = document.truth.fields.find("supplier_name");
    bool held_out = supplier != document.truth.fields.end() ? calibration_suppliers.count(supplier->second) > 0
                                                            : d % 5 == 4;
    ScorerTrainingData& target = held_out ? calibration : train;
    summary.calibration_documents += held_out;
    auto candidates = extractor.Candidates(document.pages, document.truth.document_type);
    for (const auto& [field, list] : candidates) {
      auto truth = document.truth.fields.find(field);
      for (const FieldCandidate& c : list) {
        bool right = truth != document.truth.fields.end() && ValuesMatch(field, truth->second, c.value);
        target.features.push_back(c.features);
        target.labels.push_back(right ? 1.0f : 0.0f);
        target.document_ids.push_back(static_cast<int>(d));
        ++summary.candidates;
        summary.positives += right;
      }
    }
  }
  summary.documents = static_cast<int>(documents.size());
  auto classifier = DocumentClassifier::Train(classifier_examples);
  if (!classifier.ok()) return classifier.status();
  auto scorer = FieldScorer::Train(train, calibration, CandidateFeatures::Names(), extractor.schemas().AllFieldNames());
  if (!scorer.ok()) return scorer.status();
  QUAI_RETURN_IF_ERROR(DefaultFileSystem()->CreateDirectories(model_dir));
  QUAI_RETURN_IF_ERROR((*classifier)->Save(JoinPath(model_dir, kClassifierFile)));
  QUAI_RETURN_IF_ERROR((*scorer)->Save(JoinPath(model_dir, kScorerFile)));
  summary.classifier_version = (*classifier)->version();
  summary.scorer_version = (*scorer)->version();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace quai
