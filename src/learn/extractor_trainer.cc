#include "learn/extractor_trainer.h"

#include <chrono>
#include <functional>
#include <set>

#include "core/file_system.h"
#include "learn/line_pairing.h"
#include "learn/value_comparison.h"

namespace quai {
namespace {

// How many other documents of its supplier each training document remembers,
// in turn: a third see no memory (suppliers never seen), the others 1 to 5.
constexpr int kMemoryCycle[] = {0, 1, 0, 3, 5, 2};

// The knowledge of one simulated supplier: its memory and the learned labels.
class FixedKnowledge final : public SupplierKnowledge {
 public:
  FixedKnowledge(const LayoutMemory* memory, const std::map<std::string, std::vector<std::string>>* labels)
      : memory_(memory), labels_(labels) {}
  SupplierMatch Recognize(const DocumentView&) const override {
    SupplierMatch match;
    match.id = memory_->empty() ? 0 : 1;
    match.known = !memory_->empty();
    return match;
  }
  LayoutMemory Memory(int64_t, const std::string&) const override { return *memory_; }
  std::vector<std::string> LearnedLabels(const std::string&, const std::string& field) const override {
    auto it = labels_->find(field);
    return it == labels_->end() ? std::vector<std::string>{} : it->second;
  }

 private:
  const LayoutMemory* memory_;
  const std::map<std::string, std::vector<std::string>>* labels_;
};

// Fewer values than this for a field: its threshold is the one of all fields of its kind.
constexpr size_t kMinValuesPerField = 30;

const std::map<std::string, std::vector<std::string>>& LabelsOf(const TrainingOptions& options,
                                                               const std::string& type) {
  static const std::map<std::string, std::vector<std::string>> none;
  auto it = options.learned_labels.find(type);
  return it == options.learned_labels.end() ? none : it->second;
}

// Line-cell calibration and auto-accept thresholds, from the held-out
// documents read with the models just written (and their simulated memory).
// Returns how many values the thresholds were chosen on.
Result<int> CalibrateExtractor(const std::vector<TrainingDocument>& documents,
                               const std::vector<LayoutMemory>& memories, const std::vector<bool>& held_out,
                               const std::string& model_dir, const TrainingOptions& options) {
  ExtractorOptions load;
  load.schema_dir = options.schema_dir;
  load.model_dir = model_dir;
  load.raw_line_scores = true;
  auto raw = Extractor::Load(load);
  if (!raw.ok()) return raw.status();
  load.raw_line_scores = false;
  auto calibrated = Extractor::Load(load);
  if (!calibrated.ok()) return calibrated.status();
  auto read = [&](const Extractor& extractor, size_t d) {
    const auto& labels = LabelsOf(options, documents[d].truth.document_type);
    FixedKnowledge knowledge(&memories[d], &labels);
    return extractor.ExtractAs(documents[d].pages, documents[d].truth.document_type, 1.0, &knowledge);
  };
  // Each predicted line cell: its value and whether its paired truth line has it.
  auto line_cells = [](const Extraction& e, const CanonicalDocument& truth,
                       const std::function<void(const std::string&, double, bool)>& visit) {
    std::vector<LineValues> predicted;
    for (const auto& line : e.lines) {
      LineValues& values = predicted.emplace_back();
      for (const auto& [name, v] : line) values[name] = v.value;
    }
    std::vector<int> pairs = PairLines(truth.lines, predicted);
    std::vector<int> truth_of(predicted.size(), -1);
    for (size_t t = 0; t < pairs.size(); ++t)
      if (pairs[t] >= 0) truth_of[pairs[t]] = static_cast<int>(t);
    for (size_t p = 0; p < e.lines.size(); ++p)
      for (const auto& [name, v] : e.lines[p]) {
        bool right = false;
        if (truth_of[p] >= 0) {
          auto it = truth.lines[truth_of[p]].find(name);
          right = it != truth.lines[truth_of[p]].end() && ValuesMatch(name, it->second, v.value);
        }
        visit(name, v.confidence, right);
      }
  };
  ExtractorCalibration calibration;
  calibration.target_precision = options.target_precision;
  std::vector<std::pair<double, double>> line_scores;
  for (size_t d = 0; d < documents.size(); ++d) {
    if (!held_out[d]) continue;
    auto e = read(**raw, d);
    if (!e.ok()) return e.status();
    line_cells(*e, documents[d].truth,
               [&](const std::string&, double score, bool right) { line_scores.push_back({score, right ? 1.0 : 0.0}); });
  }
  if (!line_scores.empty()) calibration.lines = FitIsotonic(line_scores);
  (*calibrated)->set_calibration(calibration);
  std::map<std::string, std::vector<std::pair<double, bool>>> by_field;
  std::vector<std::pair<double, bool>> header_values, line_values;
  for (size_t d = 0; d < documents.size(); ++d) {
    if (!held_out[d]) continue;
    auto e = read(**calibrated, d);
    if (!e.ok()) return e.status();
    for (const auto& [name, v] : e->fields) {
      auto truth = documents[d].truth.fields.find(name);
      bool right = truth != documents[d].truth.fields.end() && ValuesMatch(name, truth->second, v.value);
      by_field[name].push_back({v.confidence, right});
      header_values.push_back({v.confidence, right});
    }
    line_cells(*e, documents[d].truth, [&](const std::string& name, double confidence, bool right) {
      by_field[kLineAnchorPrefix + name].push_back({confidence, right});
      line_values.push_back({confidence, right});
    });
  }
  const double header_threshold = ThresholdForPrecision(header_values, options.target_precision, 1);
  const double line_threshold = ThresholdForPrecision(line_values, options.target_precision, 1);
  for (const auto& [name, values] : by_field) {
    bool line = name.rfind(kLineAnchorPrefix, 0) == 0;
    calibration.thresholds[name] = values.size() >= kMinValuesPerField
                                       ? ThresholdForPrecision(values, options.target_precision, kMinValuesPerField)
                                       : (line ? line_threshold : header_threshold);
  }
  QUAI_RETURN_IF_ERROR(SaveExtractorCalibration(calibration, JoinPath(model_dir, kCalibrationFile)));
  return static_cast<int>(header_values.size() + line_values.size());
}

}  // namespace

std::string TrainingSupplier(const TrainingDocument& document) {
  if (!document.supplier.empty()) return document.supplier;
  auto name = document.truth.fields.find("supplier_name");
  return name == document.truth.fields.end() ? "" : name->second;
}

Result<TrainingSummary> TrainExtractorModels(const Extractor& extractor, const std::vector<TrainingDocument>& documents,
                                             const std::string& model_dir, const TrainingOptions& options) {
  auto start = std::chrono::steady_clock::now();
  TrainingSummary summary;
  std::vector<std::pair<std::string, std::string>> classifier_examples;
  ScorerTrainingData train, calibration;
  // One supplier in five calibrates the scorer instead of training it, so that
  // confidences are those of layouts the scorer has not seen, as in real use;
  // documents without a supplier are held out one in five.
  std::set<std::string> suppliers;
  for (const TrainingDocument& document : documents)
    if (std::string supplier = TrainingSupplier(document); !supplier.empty()) suppliers.insert(supplier);
  std::set<std::string> calibration_suppliers;
  int rank = 0;
  for (const std::string& name : suppliers)
    if (rank++ % 5 == 4) calibration_suppliers.insert(name);

  // Every document's candidates, and the layout its values show.
  std::vector<std::map<std::string, std::vector<FieldCandidate>>> candidates(documents.size());
  std::vector<LayoutExample> layouts(documents.size());
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> groups;  // (supplier, type) -> documents
  for (size_t d = 0; d < documents.size(); ++d) {
    const TrainingDocument& document = documents[d];
    classifier_examples.push_back({document.truth.document_type, ClassifierText(document.pages)});
    if (!options.train_scorer) continue;
    LearnedInputs learned;
    learned.labels = LabelsOf(options, document.truth.document_type);
    candidates[d] = extractor.Candidates(document.pages, document.truth.document_type, learned);
    layouts[d] = LearnLayoutExample(candidates[d], document.pages, document.truth.fields, document.pointers,
                                    extractor.LineItems(document.pages, document.truth.document_type, learned),
                                    document.truth.lines);
    if (std::string supplier = TrainingSupplier(document); !supplier.empty())
      groups[{supplier, document.truth.document_type}].push_back(d);
  }

  std::vector<size_t> position(documents.size(), 0);
  for (const auto& [key, members] : groups)
    for (size_t i = 0; i < members.size(); ++i) position[members[i]] = i;
  // The memory each document is read with: up to k other documents of the same
  // supplier and type, the ones just before it in turn (newest first).
  std::vector<LayoutMemory> memories(documents.size());
  std::vector<bool> held_out(documents.size(), false);
  for (size_t d = 0; d < documents.size(); ++d) {
    std::string supplier = TrainingSupplier(documents[d]);
    held_out[d] = !supplier.empty() ? calibration_suppliers.count(supplier) > 0 : d % 5 == 4;
    if (supplier.empty() || !options.train_scorer) continue;
    const auto& members = groups[{supplier, documents[d].truth.document_type}];
    size_t i = position[d];
    int k = std::min<int>(kMemoryCycle[i % std::size(kMemoryCycle)], static_cast<int>(members.size()) - 1);
    for (int back = 1; back <= k; ++back)
      memories[d].examples.push_back(layouts[members[(i + members.size() - back) % members.size()]]);
  }
  for (size_t d = 0; d < documents.size() && options.train_scorer; ++d) {
    const TrainingDocument& document = documents[d];
    ApplyLayoutMemory(memories[d], document.pages, &candidates[d]);
    ScorerTrainingData& target = held_out[d] ? calibration : train;
    summary.calibration_documents += held_out[d];
    for (const auto& [field, list] : candidates[d]) {
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
    candidates[d].clear();
  }
  summary.documents = static_cast<int>(documents.size());
  QUAI_RETURN_IF_ERROR(DefaultFileSystem()->CreateDirectories(model_dir));
  if (options.train_classifier) {
    auto classifier = DocumentClassifier::Train(classifier_examples);
    if (!classifier.ok()) return classifier.status();
    QUAI_RETURN_IF_ERROR((*classifier)->Save(JoinPath(model_dir, kClassifierFile)));
    summary.classifier_version = (*classifier)->version();
  }
  if (options.train_scorer) {
    auto scorer =
        FieldScorer::Train(train, calibration, CandidateFeatures::Names(), extractor.schemas().AllFieldNames());
    if (!scorer.ok()) return scorer.status();
    QUAI_RETURN_IF_ERROR((*scorer)->Save(JoinPath(model_dir, kScorerFile)));
    summary.scorer_version = (*scorer)->version();
    auto calibrated = CalibrateExtractor(documents, memories, held_out, model_dir, options);
    if (!calibrated.ok()) return calibrated.status();
    summary.calibration_values = *calibrated;
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace quai
