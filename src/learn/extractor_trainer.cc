#include "learn/extractor_trainer.h"

#include <atomic>
#include <optional>
#include <chrono>
#include <thread>
#include <fstream>
#include <filesystem>
#include <functional>
#include <set>

#include "check/document_checks.h"
#include "core/file_system.h"
#include "extract/article_memory.h"
#include "extract/corroboration.h"
#include "extract/supplier_recognizer.h"
#include "learn/line_pairing.h"
#include "learn/threshold_choice.h"
#include "learn/value_comparison.h"

namespace quai {
namespace {

// Runs body(0..n-1) on one thread per core.
void ParallelFor(size_t n, const std::function<void(size_t)>& body) {
  const size_t threads = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) body(i);
    });
  for (std::thread& thread : pool) thread.join();
}

// How many other documents of its supplier each training document remembers,
// in turn: a third see no memory (suppliers never seen), the others 1 to 5.
constexpr int kMemoryCycle[] = {0, 1, 0, 3, 5, 2};
// Folds of suppliers for out-of-fold calibration.
constexpr int kCalibrationFolds = 3;

// The knowledge of one simulated supplier: its memory and the learned labels.
class FixedKnowledge final : public SupplierKnowledge {
 public:
  FixedKnowledge(const LayoutMemory* memory, const std::map<std::string, std::vector<std::string>>* labels,
                 std::string supplier_field)
      : memory_(memory), labels_(labels), supplier_field_(std::move(supplier_field)) {}
  // Known when it has a memory; recognised as the supplier table would have
  // it (SupplierRecognizer over this one supplier: the VAT number and name its
  // remembered documents had; no IBAN, which the schemas do not read).
  SupplierMatch Recognize(const DocumentView& view) const override {
    if (memory_->empty()) return {};
    KnownSupplier supplier;
    supplier.id = 1;
    for (const LayoutExample& example : memory_->examples)
      for (const FieldAnchor& a : example.anchors) {
        if (a.field == "supplier_vat_number" && !a.value.empty())
          supplier.identifiers.push_back({"vat", CompactIdentifier(a.value)});
        if (a.field == supplier_field_ && supplier.name.empty()) supplier.name = a.value;
      }
    SupplierMatch match = SupplierRecognizer({supplier}).Recognize(view);
    match.id = 1;
    match.known = true;
    match.name = supplier.name;
    return match;
  }
  LayoutMemory Memory(int64_t, const std::string&) const override { return *memory_; }
  std::map<std::string, std::vector<std::string>> LearnedLabels(const std::string&) const override { return *labels_; }

 private:
  const LayoutMemory* memory_;
  const std::map<std::string, std::vector<std::string>>* labels_;
  std::string supplier_field_;
};

bool IsScanned(const TrainingDocument& document) {
  for (const Page& page : document.pages)
    if (page.text_source == TextSource::kOcr) return true;
  return false;
}

// Fewer values than this for a field: its threshold is the one of all fields of its kind.
// Below that many values, one unlucky error decides; the schema's threshold is
// also a floor, so that a calibration on few layouts never lowers it.
constexpr size_t kMinValuesPerField = 100;
// A line field with this many cells gets its own calibration map.
constexpr size_t kMinCellsPerLineMap = 300;
// A text source with this many corroborated header values gets their own map
// (as with kMinValuesPerField, fewer and one unlucky error decides).
constexpr size_t kMinCorroboratedValues = 100;
// A text source with this many candidates gets its own map of header-field confidences.
constexpr size_t kMinCandidatesPerFieldMap = 2000;
// Boosting rounds of the fold models (they only score for calibration; the
// final model takes the full 300).
constexpr int kFoldRounds = 200;
// The calibration reads at most this many documents (spread over the set).
constexpr size_t kMaxCalibrationDocuments = 800;

const std::map<std::string, std::vector<std::string>>& LabelsOf(const TrainingOptions& options,
                                                               const std::string& type) {
  static const std::map<std::string, std::vector<std::string>> none;
  auto it = options.learned_labels.find(type);
  return it == options.learned_labels.end() ? none : it->second;
}

// Per-field precisions tried below the target for the thresholds of suppliers
// the memory knows.
constexpr double kLearnedFieldPrecisions[] = {0.99, 0.985, 0.98, 0.975, 0.97, 0.96, 0.95};
// Fewer accepted documents (of a text source) than this cannot show a precision.
constexpr int kMinAcceptedDocuments = 40;

// Each field's threshold at `precision`: over all its values, then per source
// (never below the former), then of its corroborated values per source (never
// above the source's); a field with few values takes the one of all fields of
// its kind, and none goes below its schema's threshold (`floors`).
std::map<std::string, double> ChooseThresholds(
    const std::map<std::string, std::vector<std::pair<double, bool>>>& by_field,
    const std::map<std::string, std::vector<std::pair<double, bool>>>& pooled,
    const std::map<std::string, double>& floors, double precision) {
  std::map<std::string, double> pooled_threshold, thresholds;
  for (const auto& [key, list] : pooled) pooled_threshold[key] = ThresholdForPrecision(list, precision, 1);
  auto floor_of = [&](const std::string& key) {
    auto it = floors.find(key);
    return it == floors.end() ? 0.0 : it->second;
  };
  auto pooled_of = [&](const std::string& key) {
    auto it = pooled_threshold.find(key);
    return it == pooled_threshold.end() ? 1.01 : it->second;
  };
  for (const auto& [key, list] : by_field) {
    if (key.find('@') != std::string::npos) continue;
    const std::string kind = key.rfind(kLineAnchorPrefix, 0) == 0 ? kLineAnchorPrefix : "";
    double threshold = list.size() >= kMinValuesPerField ? ThresholdForPrecision(list, precision, kMinValuesPerField)
                                                         : pooled_of(kind);
    thresholds[key] = std::max(threshold, floor_of(key));
  }
  // Per source ("@ocr"), then corroborated per source ("@ocr+checked", which
  // sorts after it): a corroborated value is held to its own threshold, never
  // above the one of its source (corroboration never asks more than the
  // reading alone), nor below the schema's.
  for (const auto& [key, list] : by_field) {
    size_t at = key.find('@');
    if (at == std::string::npos) continue;
    const std::string name = key.substr(0, at), source = key.substr(at);
    const std::string kind = name.rfind(kLineAnchorPrefix, 0) == 0 ? kLineAnchorPrefix : "";
    double threshold = list.size() >= kMinValuesPerField ? ThresholdForPrecision(list, precision, kMinValuesPerField)
                                                         : pooled_of(kind + source);
    const size_t checked = source.find(kCorroboratedSuffix);
    if (checked != std::string::npos) {
      auto plain = thresholds.find(name + source.substr(0, checked));
      thresholds[key] = std::min(std::max(threshold, floor_of(name)),
                                 plain == thresholds.end() ? 1.01 : plain->second);
      continue;
    }
    auto whole = thresholds.find(name);
    thresholds[key] = std::max(threshold, whole == thresholds.end() ? floor_of(name) : whole->second);
  }
  return thresholds;
}

// Line-cell calibration and auto-accept thresholds, from the held-out
// documents read with the models just written (and their simulated memory).
// Returns how many values the thresholds were chosen on.
Result<int> CalibrateExtractor(const std::vector<TrainingDocument>& documents,
                               const std::vector<LayoutMemory>& memories, const std::vector<int>& fold,
                               const std::vector<std::string>& fold_dirs, const std::string& model_dir,
                               const TrainingOptions& options,
                               std::map<std::string, std::vector<CalibrationPoint>> field_maps) {
  // Each fold's extractor: the fold model, line cells kept raw.
  std::vector<std::unique_ptr<Extractor>> raw(fold_dirs.size());
  for (size_t f = 0; f < fold_dirs.size(); ++f) {
    if (fold_dirs[f].empty()) continue;
    std::error_code error;
    std::string classifier = JoinPath(model_dir, kClassifierFile);
    if (!std::filesystem::exists(classifier)) classifier = JoinPath(DefaultModelDirectory(), kClassifierFile);
    std::filesystem::copy_file(classifier, JoinPath(fold_dirs[f], kClassifierFile),
                               std::filesystem::copy_options::overwrite_existing, error);
    if (error) return Status::IoError(fold_dirs[f] + ": cannot copy the classifier (" + error.message() + ")");
    ExtractorOptions load;
    load.schema_dir = options.schema_dir;
    load.model_dir = fold_dirs[f];
    load.raw_line_scores = true;
    auto r = Extractor::Load(load);
    if (!r.ok()) return r.status();
    raw[f] = std::move(r).value();
  }
  ExtractorCalibration calibration;
  calibration.target_precision = options.target_precision;
  calibration.fields = std::move(field_maps);
  for (auto& extractor : raw)
    if (extractor) extractor->set_calibration(calibration);  // header confidences by text source
  // Every value read: header fields calibrated already; line cells raw until
  // their maps are fitted below.
  struct Value {
    std::string name;  // "po_number" or "lines.quantity"
    bool ocr = false;
    double confidence = 0;
    bool right = false;
    bool corroborated = false;  // something beyond its reading confirms the value
    size_t document = 0;        // index in `chosen`
    bool gated = true;          // false: the supplier field of a confirmed supplier (no threshold decides it)
    bool doubted = false;       // a line cell the extractor doubts: at most kDoubtedConfidence once mapped
    ExtractedValue* read = nullptr;  // in the document's extraction, which takes the final confidence
  };
  std::vector<Value> read_values;
  // At most kMaxCalibrationDocuments documents, spread over the set, read on every core.
  const size_t step = std::max<size_t>(1, (documents.size() + kMaxCalibrationDocuments - 1) / kMaxCalibrationDocuments);
  std::vector<size_t> chosen;
  for (size_t d = 0; d < documents.size(); d += step)
    if (raw[fold[d]]) chosen.push_back(d);
  std::vector<std::optional<Result<Extraction>>> extractions(chosen.size());
  ParallelFor(chosen.size(), [&](size_t i) {
    size_t d = chosen[i];
    const auto& labels = LabelsOf(options, documents[d].truth.document_type);
    const DocumentSchema* schema = raw[fold[d]]->schemas().Find(documents[d].truth.document_type);
    FixedKnowledge knowledge(&memories[d], &labels, schema != nullptr ? schema->supplier_field : "supplier_name");
    extractions[i] = raw[fold[d]]->ExtractAs(documents[d].pages, {documents[d].truth.document_type, 1.0, ""}, &knowledge);
    // Its findings, which hold a document whatever the thresholds.
    if (extractions[i]->ok()) RunChecks(schema, &**extractions[i]);
  });
  // Each chosen document as the thresholds see it (values filled in below).
  std::vector<RatedDocument> rated(chosen.size());
  for (size_t i = 0; i < chosen.size(); ++i) {
    const size_t d = chosen[i];
    Result<Extraction>& e = *extractions[i];
    if (!e.ok()) return e.status();
    const bool ocr = IsScanned(documents[d]);
    // Thresholds are chosen by the document's text source as a whole.
    e->page_sources.assign(e->page_sources.size(), ocr ? TextSource::kOcr : TextSource::kTextLayer);
    const CanonicalDocument& truth = documents[d].truth;
    for (const auto& [name, value] : truth.fields)
      rated[i].missed += !value.empty() && !e->fields.contains(name);
    const DocumentSchema* schema = raw[fold[d]]->schemas().Find(e->document_type);
    rated[i].schema = schema;
    for (auto& [name, v] : e->fields) {
      auto it = truth.fields.find(name);
      read_values.push_back({name, ocr, v.confidence, it != truth.fields.end() && ValuesMatch(name, it->second, v.value),
                             v.corroborated, i,
                             !(e->supplier.name_confirmed && schema != nullptr && name == schema->supplier_field),
                             false, &v});
    }
    // Line cells, right when their paired truth line has the value.
    std::vector<LineValues> predicted;
    for (const auto& line : e->lines) {
      LineValues& values = predicted.emplace_back();
      for (const auto& [name, v] : line) values[name] = v.value;
    }
    std::vector<int> pairs = PairLines(truth.lines, predicted);
    std::vector<int> truth_of(predicted.size(), -1);
    for (size_t t = 0; t < pairs.size(); ++t) {
      if (pairs[t] >= 0) truth_of[pairs[t]] = static_cast<int>(t);
      for (const auto& [name, value] : truth.lines[t])
        rated[i].missed += !value.empty() && (pairs[t] < 0 || !predicted[pairs[t]].contains(name));
    }
    for (size_t p = 0; p < e->lines.size(); ++p)
      for (auto& [name, v] : e->lines[p]) {
        bool right = false;
        if (truth_of[p] >= 0) {
          auto it = truth.lines[truth_of[p]].find(name);
          right = it != truth.lines[truth_of[p]].end() && ValuesMatch(name, it->second, v.value);
        }
        read_values.push_back(
            {kLineAnchorPrefix + name, ocr, v.confidence, right, v.corroborated, i, true, v.doubted, &v});
      }
  }
  // Line-cell maps: shared, per field, per field and source.
  std::vector<std::pair<double, double>> line_scores;
  std::map<std::string, std::vector<std::pair<double, double>>> line_scores_by_field;
  for (const Value& v : read_values) {
    if (v.name.rfind(kLineAnchorPrefix, 0) != 0) continue;
    // A doubted cell ends at kDoubtedConfidence whatever its map: the maps are of the others.
    if (v.doubted) continue;
    const std::string field = v.name.substr(std::string(kLineAnchorPrefix).size());
    line_scores.push_back({v.confidence, v.right ? 1.0 : 0.0});
    line_scores_by_field[field].push_back({v.confidence, v.right ? 1.0 : 0.0});
    line_scores_by_field[field + ExtractorCalibration::Source(v.ocr)].push_back({v.confidence, v.right ? 1.0 : 0.0});
  }
  if (!line_scores.empty()) calibration.lines = FitIsotonic(line_scores);
  for (auto& [name, scores] : line_scores_by_field)
    if (scores.size() >= kMinCellsPerLineMap) calibration.line_fields[name] = FitIsotonic(std::move(scores));
  // Corroborated header values: how often they were right by confidence, per
  // source; each takes the higher of its confidence and that.
  std::map<std::string, std::vector<std::pair<double, double>>> corroborated_scores;
  for (const Value& v : read_values)
    if (v.corroborated && v.gated && v.name.rfind(kLineAnchorPrefix, 0) != 0)
      corroborated_scores[ExtractorCalibration::Source(v.ocr) + kCorroboratedSuffix].push_back(
          {v.confidence, v.right ? 1.0 : 0.0});
  for (auto& [key, scores] : corroborated_scores)
    if (scores.size() >= kMinCorroboratedValues) calibration.fields[key] = FitIsotonic(std::move(scores));
  for (Value& v : read_values)
    if (v.corroborated && v.gated && v.name.rfind(kLineAnchorPrefix, 0) != 0)
      v.confidence = calibration.CorroboratedConfidence(v.ocr, v.confidence);
  // Values by field, and by field and source ("po_number@ocr"); pooled by
  // kind ("" header, "lines.") and by kind and source: of all documents, and
  // of those read with a memory of their supplier.
  struct ValueLists {
    std::map<std::string, std::vector<std::pair<double, bool>>> by_field, pooled;
  };
  ValueLists all, learned;
  for (Value& v : read_values) {
    const bool line = v.name.rfind(kLineAnchorPrefix, 0) == 0;
    if (line)
      v.confidence = ApplyCalibration(
          calibration.LineMap(v.name.substr(std::string(kLineAnchorPrefix).size()), v.ocr), v.confidence);
    if (v.doubted) v.confidence = std::min(v.confidence, kDoubtedConfidence);
    v.read->confidence = v.confidence;
    ++rated[v.document].values;
    rated[v.document].right += v.right;
    const bool with_memory = !memories[chosen[v.document]].examples.empty();
    const std::string source = ExtractorCalibration::Source(v.ocr), kind = line ? kLineAnchorPrefix : "";
    for (ValueLists* lists : {&all, with_memory ? &learned : nullptr}) {
      if (lists == nullptr) continue;
      for (const std::string& key : {v.name, v.name + source}) lists->by_field[key].push_back({v.confidence, v.right});
      for (const std::string& key : {kind, kind + source}) lists->pooled[key].push_back({v.confidence, v.right});
      if (v.corroborated) {
        lists->by_field[v.name + source + kCorroboratedSuffix].push_back({v.confidence, v.right});
        lists->pooled[kind + source + kCorroboratedSuffix].push_back({v.confidence, v.right});
      }
    }
  }
  const int values = static_cast<int>(read_values.size());
  // The schema's threshold of a field, by name (the strictest where types share a name).
  std::map<std::string, double> floors;
  SchemaSet schemas;
  for (auto& extractor : raw)
    if (extractor) schemas = extractor->schemas();
  for (const DocumentSchema& schema : schemas.schemas()) {
    for (const FieldSpec& f : schema.fields) floors[f.name] = std::max(floors[f.name], f.auto_accept);
    for (const FieldSpec& f : schema.lines)
      floors[kLineAnchorPrefix + f.name] = std::max(floors[kLineAnchorPrefix + f.name], f.auto_accept);
  }
  calibration.thresholds = ChooseThresholds(all.by_field, all.pooled, floors, options.target_precision);
  // Thresholds for suppliers the memory knows, chosen on the documents read
  // with a memory: at the target precision per field, or lower where the
  // fields of the documents all thresholds then accept are still right at the
  // target precision — on scans and on text layers each, over enough accepted
  // documents to tell.
  for (size_t i = 0; i < chosen.size(); ++i) rated[i].extraction = std::move(**extractions[i]);
  std::vector<std::vector<RatedDocument>> by_source(2);  // scans, text layers
  for (size_t i = 0; i < chosen.size(); ++i)
    if (!memories[chosen[i]].examples.empty())
      by_source[IsScanned(documents[chosen[i]]) ? 0 : 1].push_back(std::move(rated[i]));
  std::vector<ThresholdChoice> choices;
  choices.push_back({options.target_precision, {}});
  for (double p : kLearnedFieldPrecisions)
    if (p < options.target_precision) choices.push_back({p, {}});
  for (ThresholdChoice& choice : choices)
    choice.thresholds = ChooseThresholds(learned.by_field, learned.pooled, floors, choice.precision);
  if (int best = BestThresholdChoice(choices, by_source, options.target_precision, kMinAcceptedDocuments); best >= 0) {
    calibration.learned_thresholds = std::move(choices[best].thresholds);
    calibration.learned_field_precision = choices[best].precision;
  }
  QUAI_RETURN_IF_ERROR(SaveExtractorCalibration(calibration, JoinPath(model_dir, kCalibrationFile)));
  return values;
}

}  // namespace

std::string TrainingSupplier(const TrainingDocument& document, const SchemaSet& schemas) {
  if (!document.supplier.empty()) return document.supplier;
  const DocumentSchema* schema = schemas.Find(document.truth.document_type);
  auto name = document.truth.fields.find(schema != nullptr ? schema->supplier_field : "supplier_name");
  return name == document.truth.fields.end() ? "" : name->second;
}

Result<TrainingSummary> TrainExtractorModels(const Extractor& extractor, const std::vector<TrainingDocument>& documents,
                                             const std::string& model_dir, const TrainingOptions& options) {
  auto start = std::chrono::steady_clock::now();
  TrainingSummary summary;
  std::vector<std::pair<std::string, std::string>> classifier_examples;
  ScorerTrainingData train;
  // Suppliers are dealt into folds. Each fold is scored by a model trained on
  // the others, so every confidence is calibrated on layouts the scoring model
  // has not seen, as in real use; documents without a supplier are dealt one by one.
  std::map<std::string, int> fold_of_supplier;
  for (const TrainingDocument& document : documents)
    if (std::string supplier = TrainingSupplier(document, extractor.schemas()); !supplier.empty()) fold_of_supplier.emplace(supplier, 0);
  int rank = 0;
  for (auto& [name, fold] : fold_of_supplier) fold = rank++ % kCalibrationFolds;
  // Every document's candidates, and the layout its values show.
  std::vector<std::map<std::string, std::vector<FieldCandidate>>> candidates(documents.size());
  std::vector<LayoutExample> layouts(documents.size());
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> groups;  // (supplier, type) -> documents
  // The extractor is thread-safe: documents are read on every core.
  ParallelFor(documents.size(), [&](size_t d) {
    if (!options.train_scorer) return;
    const TrainingDocument& document = documents[d];
    LearnedInputs learned;
    learned.labels = LabelsOf(options, document.truth.document_type);
    candidates[d] = extractor.Candidates(document.pages, document.truth.document_type, learned);
    layouts[d] = LearnLayoutExample(candidates[d], document.pages, document.truth.fields, document.pointers,
                                    extractor.LineItems(document.pages, document.truth.document_type, learned),
                                    document.truth.lines);
  });
  for (size_t d = 0; d < documents.size(); ++d) {
    const TrainingDocument& document = documents[d];
    classifier_examples.push_back({document.truth.document_type, ClassifierText(document.pages)});
    if (!options.train_scorer) continue;
    if (std::string supplier = TrainingSupplier(document, extractor.schemas()); !supplier.empty())
      groups[{supplier, document.truth.document_type}].push_back(d);
  }

  std::vector<size_t> position(documents.size(), 0);
  for (const auto& [key, members] : groups)
    for (size_t i = 0; i < members.size(); ++i) position[members[i]] = i;
  // The memory each document is read with: up to k other documents of the same
  // supplier and type, the ones just before it in turn (newest first).
  std::vector<LayoutMemory> memories(documents.size());
  std::vector<int> fold(documents.size(), 0);
  for (size_t d = 0; d < documents.size(); ++d) {
    std::string supplier = TrainingSupplier(documents[d], extractor.schemas());
    fold[d] = !supplier.empty() ? fold_of_supplier[supplier] : static_cast<int>(d % kCalibrationFolds);
    if (supplier.empty() || !options.train_scorer) continue;
    const auto& members = groups[{supplier, documents[d].truth.document_type}];
    size_t i = position[d];
    int k = std::min<int>(kMemoryCycle[i % std::size(kMemoryCycle)], static_cast<int>(members.size()) - 1);
    for (int back = 1; back <= k; ++back)
      memories[d].examples.push_back(layouts[members[(i + members.size() - back) % members.size()]]);
    // Its articles: from as many documents of each of the supplier's types.
    const DocumentSchema* schema = extractor.schemas().Find(documents[d].truth.document_type);
    for (const DocumentSchema& other : extractor.schemas().schemas()) {
      auto group = groups.find({supplier, other.document_type});
      if (schema == nullptr || k == 0 || group == groups.end()) continue;
      const auto& others = group->second;
      for (int back = 1; back <= std::min<int>(k, static_cast<int>(others.size())); ++back) {
        const size_t o = others[(i + others.size() - back) % others.size()];
        if (o != d) AddArticles(layouts[o], other, *schema, &memories[d].articles);
      }
    }
  }
  for (size_t d = 0; d < documents.size() && options.train_scorer; ++d) {
    const TrainingDocument& document = documents[d];
    ApplyLayoutMemory(memories[d], document.pages, &candidates[d]);
    ScorerTrainingData& target = train;
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
    classifier_examples.insert(classifier_examples.end(), options.extra_classifier_examples.begin(),
                               options.extra_classifier_examples.end());
    {
      std::ofstream corpus(JoinPath(model_dir, kClassifierCorpusFile), std::ios::trunc);
      for (const auto& [type, text] : classifier_examples) corpus << type << ' ' << text << '\n';
      if (!corpus) return Status::IoError(JoinPath(model_dir, kClassifierCorpusFile) + ": cannot write");
    }
    auto classifier = DocumentClassifier::Train(classifier_examples);
    if (!classifier.ok()) return classifier.status();
    QUAI_RETURN_IF_ERROR((*classifier)->Save(JoinPath(model_dir, kClassifierFile)));
    summary.classifier_version = (*classifier)->version();
  }
  if (options.train_scorer) {
    // One model per fold, trained on the other folds, scores the fold's candidates.
    const auto field_names = extractor.schemas().AllFieldNames();
    std::vector<std::unique_ptr<FieldScorer>> fold_scorers;
    std::vector<std::pair<double, double>> out_of_fold;
    std::map<std::string, std::vector<std::pair<double, double>>> out_of_fold_by_source;
    static const int kFromOcr = CandidateFeatures::Index("from_ocr");
    for (int f = 0; f < kCalibrationFolds; ++f) {
      ScorerTrainingData others, own;
      for (size_t i = 0; i < train.features.size(); ++i) {
        ScorerTrainingData& to = fold[train.document_ids[i]] == f ? own : others;
        to.features.push_back(train.features[i]);
        to.labels.push_back(train.labels[i]);
        to.document_ids.push_back(train.document_ids[i]);
      }
      if (own.features.empty() || others.features.empty()) {
        fold_scorers.emplace_back();
        continue;
      }
      auto scorer = FieldScorer::Train(others, {}, CandidateFeatures::Names(), field_names, kFoldRounds);
      if (!scorer.ok()) return scorer.status();
      auto raw = (*scorer)->Predict(own.features);
      if (!raw.ok()) return raw.status();
      for (size_t i = 0; i < raw->size(); ++i) {
        out_of_fold.push_back({(*raw)[i], own.labels[i]});
        out_of_fold_by_source[ExtractorCalibration::Source(own.features[i][kFromOcr] > 0.5)].push_back(
            {(*raw)[i], own.labels[i]});
      }
      fold_scorers.push_back(std::move(scorer).value());
    }
    std::vector<CalibrationPoint> calibration = FitIsotonic(out_of_fold);
    auto scorer = FieldScorer::Train(train, {}, CandidateFeatures::Names(), field_names);
    if (!scorer.ok()) return scorer.status();
    (*scorer)->set_calibration(calibration);
    QUAI_RETURN_IF_ERROR((*scorer)->Save(JoinPath(model_dir, kScorerFile)));
    summary.scorer_version = (*scorer)->version();
    summary.calibration_documents = static_cast<int>(documents.size());
    // The fold models, with the same calibration, read their own folds for the
    // line calibration and the thresholds.
    std::vector<std::string> fold_dirs(kCalibrationFolds);
    for (int f = 0; f < kCalibrationFolds; ++f) {
      if (!fold_scorers[f]) continue;
      fold_scorers[f]->set_calibration(calibration);
      fold_dirs[f] = JoinPath(model_dir, ".fold-" + std::to_string(f));
      QUAI_RETURN_IF_ERROR(DefaultFileSystem()->CreateDirectories(fold_dirs[f]));
      QUAI_RETURN_IF_ERROR(fold_scorers[f]->Save(JoinPath(fold_dirs[f], kScorerFile)));
    }
    std::map<std::string, std::vector<CalibrationPoint>> field_maps;
    for (auto& [source, pairs] : out_of_fold_by_source)
      if (pairs.size() >= kMinCandidatesPerFieldMap) field_maps[source] = FitIsotonic(std::move(pairs));
    auto calibrated =
        CalibrateExtractor(documents, memories, fold, fold_dirs, model_dir, options, std::move(field_maps));
    for (const std::string& dir : fold_dirs)
      if (std::error_code error; !dir.empty()) std::filesystem::remove_all(dir, error);
    if (!calibrated.ok()) return calibrated.status();
    summary.calibration_values = *calibrated;
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace quai
