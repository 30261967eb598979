#include "learn/retrainer.h"

#include <chrono>
#include <fstream>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "core/file_system.h"
#include "decide/extract_and_decide.h"
#include "learn/canonical_document.h"
#include "learn/evaluation.h"
#include "learn/extractor_trainer.h"
#include "learn/layout_learning.h"

namespace quai {
namespace {

using Json = nlohmann::json;

// One supplier in this many is held out to judge the new models.
constexpr int kHeldOutEvery = 5;

// Learned label words only (no supplier, no memory): both model sets are
// judged on what the models themselves read.
class VocabularyOnly final : public SupplierKnowledge {
 public:
  explicit VocabularyOnly(const std::map<std::string, std::map<std::string, std::vector<std::string>>>* vocabulary)
      : vocabulary_(vocabulary) {}
  SupplierMatch Recognize(const DocumentView&) const override { return {}; }
  LayoutMemory Memory(int64_t, const std::string&) const override { return {}; }
  std::map<std::string, std::vector<std::string>> LearnedLabels(const std::string& type) const override {
    auto t = vocabulary_->find(type);
    return t == vocabulary_->end() ? std::map<std::string, std::vector<std::string>>{} : t->second;
  }

 private:
  const std::map<std::string, std::map<std::string, std::vector<std::string>>>* vocabulary_;
};

Result<HeldOutFigures> Judge(const std::string& model_dir, const std::string& schema_dir,
                             const std::vector<TrainingDocument>& documents, const SupplierKnowledge& knowledge) {
  ExtractorOptions load;
  load.schema_dir = schema_dir;
  load.model_dir = model_dir;
  auto extractor = Extractor::Load(load);
  if (!extractor.ok()) return extractor.status();
  std::vector<EvaluatedDocument> evaluated;
  for (const TrainingDocument& document : documents) {
    EvaluatedDocument& e = evaluated.emplace_back();
    e.name = document.name;
    e.truth = document.truth;
    auto extraction = ExtractAndDecide(**extractor, document.pages, &knowledge);
    if (!extraction.ok()) return extraction.status();
    e.predicted = ToCanonicalDocument(*extraction);
    e.auto_accepted = !extraction->review_required;
  }
  EvaluationReport report = Evaluate(evaluated);
  HeldOutFigures figures;
  figures.documents = static_cast<int>(documents.size());
  figures.field_accuracy = report.overall.field_accuracy.share().value_or(0);
  figures.header_f1 = report.overall.header_fields.all.f1();
  figures.line_f1 = report.overall.line_fields.all.f1();
  figures.type_accuracy = report.overall.type_accuracy.share().value_or(0);
  return figures;
}

Json ToJson(const HeldOutFigures& f) {
  return {{"documents", f.documents},
          {"field_accuracy", f.field_accuracy},
          {"header_f1", f.header_f1},
          {"line_f1", f.line_f1},
          {"type_accuracy", f.type_accuracy}};
}

// The classifier must still know every type the store has no examples of:
// the shipped corpus it was trained on comes along.
std::vector<std::pair<std::string, std::string>> ShippedClassifierCorpus() {
  std::vector<std::pair<std::string, std::string>> examples;
  std::ifstream in(JoinPath(DefaultModelDirectory(), kClassifierCorpusFile));
  for (std::string line; std::getline(in, line);) {
    size_t space = line.find(' ');
    if (space == std::string::npos || space == 0) continue;
    examples.push_back({line.substr(0, space), line.substr(space + 1)});
  }
  return examples;
}

}  // namespace

Result<std::vector<TrainingExample>> AllTrainingExamples(ReviewStore* reviews) {
  std::vector<TrainingExample> examples;
  for (int offset = 0;; offset += 500) {
    auto page = reviews->ListTrainingExamples(500, offset);
    if (!page.ok()) return page.status();
    examples.insert(examples.end(), page->begin(), page->end());
    if (page->size() < 500) return examples;
  }
}

Result<std::optional<ModelVersionRecord>> ActiveModels(ModelRegistry* models) {
  auto versions = models->ListModelVersions();
  if (!versions.ok()) return versions.status();
  for (const ModelVersionRecord& m : *versions)
    if (m.kind == kExtractorModelKind && m.document_type.empty() && m.status == "active")
      return std::optional<ModelVersionRecord>(m);
  return std::optional<ModelVersionRecord>();
}

std::string ModelFolder(const std::string& data_dir, const ModelVersionRecord& model) {
  return JoinPath(data_dir, model.path);
}

Retrainer::Retrainer(DocumentStore* documents, ReviewStore* reviews, ModelRegistry* models,
                     const std::string& data_dir)
    : documents_(documents), reviews_(reviews), models_(models), data_dir_(data_dir) {}

Result<RetrainingReport> Retrainer::Retrain(const RetrainingOptions& options) {
  auto start = std::chrono::steady_clock::now();
  RetrainingReport report;
  // Every example with its pages.
  auto all_examples = AllTrainingExamples(reviews_);
  if (!all_examples.ok()) return all_examples.status();
  const std::vector<TrainingExample>& examples = *all_examples;
  report.examples = static_cast<int>(examples.size());
  if (report.examples < options.min_examples)
    return Status::InvalidArgument("only " + std::to_string(report.examples) + " training examples; at least " +
                                   std::to_string(options.min_examples) + " are needed to retrain");
  std::vector<TrainingDocument> all;
  for (const TrainingExample& example : examples) {
    auto truth = ParseCanonicalDocument(example.canonical_json);
    auto pages = documents_->LoadPages(example.document_id);
    if (!truth.ok() || !pages.ok() || pages->empty()) continue;
    TrainingDocument& document = all.emplace_back();
    document.name = "document " + std::to_string(example.document_id);
    document.pages = std::move(pages).value();
    document.truth = std::move(truth).value();
  }
  ExtractorOptions schemas_only;
  schemas_only.schema_dir = options.schema_dir;
  auto extractor = Extractor::LoadSchemasOnly(schemas_only);
  if (!extractor.ok()) return extractor.status();
  // One supplier in five is held out (one document in five without a supplier).
  std::set<std::string> suppliers;
  for (const TrainingDocument& d : all)
    if (std::string s = TrainingSupplier(d, (*extractor)->schemas()); !s.empty()) suppliers.insert(s);
  std::set<std::string> held_suppliers;
  int rank = 0;
  for (const std::string& s : suppliers)
    if (rank++ % kHeldOutEvery == kHeldOutEvery - 1) held_suppliers.insert(s);
  std::vector<TrainingDocument> train, held;
  for (size_t i = 0; i < all.size(); ++i) {
    std::string s = TrainingSupplier(all[i], (*extractor)->schemas());
    bool out = !s.empty() ? held_suppliers.count(s) > 0 : i % kHeldOutEvery == kHeldOutEvery - 1;
    (out ? held : train).push_back(std::move(all[i]));
  }
  if (held.empty() || train.empty()) {
    // Too few suppliers to hold one out: every fifth document instead.
    for (auto& d : held) train.push_back(std::move(d));
    held.clear();
    std::vector<TrainingDocument> kept;
    for (size_t i = 0; i < train.size(); ++i)
      (i % kHeldOutEvery == kHeldOutEvery - 1 ? held : kept).push_back(std::move(train[i]));
    train = std::move(kept);
  }
  report.trained_on = static_cast<int>(train.size());

  // Learned label words of the types configured without any, from the training documents alone.
  std::map<std::string, std::vector<LayoutExample>> layouts;
  std::map<std::string, std::vector<std::string>> layout_suppliers;
  for (const TrainingDocument& d : train) {
    const DocumentSchema* schema = (*extractor)->schemas().Find(d.truth.document_type);
    if (schema == nullptr || !HasUnlabelledField(*schema)) continue;
    auto candidates = (*extractor)->Candidates(d.pages, d.truth.document_type);
    layouts[d.truth.document_type].push_back(LearnLayoutExample(candidates, d.pages, d.truth.fields, {}));
    layout_suppliers[d.truth.document_type].push_back(TrainingSupplier(d, (*extractor)->schemas()));
  }
  TrainingOptions training;
  training.schema_dir = options.schema_dir;
  training.target_precision = options.target_precision;
  training.extra_classifier_examples = ShippedClassifierCorpus();
  for (const auto& [type, examples_of_type] : layouts) {
    const DocumentSchema* schema = (*extractor)->schemas().Find(type);
    auto vocabulary = LearnVocabularyOfUnlabelledFields(*schema, examples_of_type, layout_suppliers[type]);
    if (!vocabulary.empty()) training.learned_labels[type] = std::move(vocabulary);
  }

  // The new set gets the next number in the registry.
  auto registered = models_->ListModelVersions();
  if (!registered.ok()) return registered.status();
  const std::string relative = "models/" + std::to_string(registered->size() + 1);
  const std::string folder = JoinPath(data_dir_, relative);
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  auto trained = TrainExtractorModels(**extractor, train, folder, training);
  if (!trained.ok()) return trained.status();

  auto active = ActiveModels(models_);
  if (!active.ok()) return active.status();
  const std::string current_dir = *active ? ModelFolder(data_dir_, **active) : DefaultModelDirectory();
  report.current_version = *active ? (*active)->version : "shipped";
  VocabularyOnly vocabulary(&training.learned_labels);
  auto candidate = Judge(folder, options.schema_dir, held, vocabulary);
  if (!candidate.ok()) return candidate.status();
  auto current = Judge(current_dir, options.schema_dir, held, vocabulary);
  // A current set that no longer loads (files gone, older features) is beaten by any.
  report.candidate = *candidate;
  if (current.ok()) report.current = *current;
  report.promoted = !current.ok() || candidate->field_accuracy >= current->field_accuracy;

  ModelVersionRecord& model = report.model;
  model.kind = kExtractorModelKind;
  model.version = trained->classifier_version + "+" + trained->scorer_version;
  model.path = relative;
  model.training_examples = report.trained_on;
  Json evaluation = {{"held_out_documents", static_cast<int>(held.size())},
                     {"candidate", ToJson(report.candidate)},
                     {"current_version", report.current_version},
                     {"target_precision", options.target_precision}};
  evaluation["current"] = current.ok() ? ToJson(report.current) : Json(current.status().message());
  model.evaluation_json = evaluation.dump();
  model.status = "rejected";
  auto id = models_->AddModelVersion(model);
  if (!id.ok()) return id.status();
  model.id = *id;
  if (report.promoted) {
    QUAI_RETURN_IF_ERROR(models_->ActivateModelVersion(model.id));
    model.status = "active";
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace quai
