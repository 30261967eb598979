// Extractor: the "classify" and "extract" stages of the flow for one
// document's pages: the document type (Classify), then every header field
// chosen among its candidates by the learned scorer and line items from tables,
// each with its calibrated confidence and what corroborates or doubts it
// (ExtractAs). No findings and no decision: those are the check and decide
// stages (check/document_checks.h, decide/decide.h; decide/extract_and_decide.h
// runs all four in order). Loads schemas and models once; Classify and
// ExtractAs are const and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "classify/document_classifier.h"
#include "extract/candidate_features.h"
#include "extract/extractor_calibration.h"
#include "extract/document_view.h"
#include "extract/field_scorer.h"
#include "extract/layout_memory.h"
#include "extract/line_item_extractor.h"
#include "extract/schema.h"
#include "extract/supplier_knowledge.h"
#include "quai/extraction.h"
#include "quai/status.h"

namespace quai {

// What validated documents add to one document's candidates: learned label
// words by field. (The layout memory is applied by the caller: extraction in
// ExtractAs, training with the memory it simulates.)
class TypeEvidenceFinder;

struct LearnedInputs {
  std::map<std::string, std::vector<std::string>> labels;
  // The order of day and month to read ambiguous numeric dates in; kUnknown:
  // what the document's own dates say (GuessDateOrder), else day first.
  DateOrder date_order = DateOrder::kUnknown;
};

struct ExtractorOptions {
  std::string schema_dir;  // empty: DefaultSchemaDirectory()
  std::string model_dir;   // empty: DefaultModelDirectory()
  // Training only: line cells keep their raw score (reading confidence raised
  // by layout memory) as confidence, uncalibrated and unclamped, to fit the
  // calibration on.
  bool raw_line_scores = false;
};

class Extractor {
 public:
  static Result<std::unique_ptr<Extractor>> Load(const ExtractorOptions& options);
  // For training: schemas only, no models (Extract is then unavailable).
  static Result<std::unique_ptr<Extractor>> LoadSchemasOnly(const ExtractorOptions& options);

  // The document type: the classifier's probabilities weighed against the
  // printed title and the fields and layout found (TypeEvidenceFinder), unless
  // a configured keyword rule forces it. Internal when no classifier is loaded.
  Result<TypePrediction> Classify(const std::vector<Page>& pages) const;
  // The values of `pages` read as `type` (Classify's, or a given type: training,
  // evaluation), with findings empty and review_required unset (true, no
  // reasons). A type without a schema gives an extraction without values.
  // `knowledge` (may be null): the suppliers and layout memory of a data
  // directory, which recognise the supplier and add what its validated
  // documents taught.
  Result<Extraction> ExtractAs(const std::vector<Page>& pages, const TypePrediction& type,
                               const SupplierKnowledge* knowledge = nullptr) const;

  // Candidates with features for `document_type` (training and diagnostics).
  std::map<std::string, std::vector<FieldCandidate>> Candidates(const std::vector<Page>& pages,
                                                               const std::string& document_type,
                                                               const LearnedInputs& learned = {}) const;
  // Line items of `document_type` as the table reader finds them (training, learning).
  std::vector<LineItem> LineItems(const std::vector<Page>& pages, const std::string& document_type,
                                  const LearnedInputs& learned = {}) const;
  const SchemaSet& schemas() const { return schemas_; }
  const CandidateFeatures& features() const { return *features_; }
  const DocumentClassifier* classifier() const { return classifier_.get(); }
  const std::vector<ClassificationRule>& rules() const { return rules_; }
  const ExtractorCalibration& calibration() const { return calibration_; }
  // Training: the calibration just fitted, before it is saved.
  void set_calibration(ExtractorCalibration calibration) { calibration_ = std::move(calibration); }

 private:
  SchemaSet schemas_;
  std::shared_ptr<const TypeEvidenceFinder> type_evidence_;  // schemas_'s labels, indexed once
  std::vector<ClassificationRule> rules_;
  std::unique_ptr<CandidateFeatures> features_;
  std::unique_ptr<DocumentClassifier> classifier_;
  std::unique_ptr<FieldScorer> scorer_;
  ExtractorCalibration calibration_;
  bool raw_line_scores_ = false;
};

// The printed title's type (TypeEvidenceFinder::FindTitle), "" when none.
// `title` receives the keyword; `prominent` (may be null) whether it is
// printed larger (1.3 times) than the page's usual rows. Exposed for tests.
std::string TitleType(const DocumentView& view, const SchemaSet& schemas, std::string* title,
                      bool* prominent = nullptr);

// Candidates of the supplier field that read close to the recognised
// supplier's validated name take that name (marked repaired). Exposed for tests.
void RepairSupplierName(const std::string& known, std::vector<FieldCandidate>* candidates);

// Keyword rules that force a type when a phrase is on the first page, from
// <config>/rules.json ({"rules": [{"document_type": ..., "phrases": [...]}]}).
// No file: no rules. See config/rules.example.json.
Result<std::vector<ClassificationRule>> LoadClassificationRules(const std::string& path);

// $QUAI_MODELS, else the shipped models: <prefix>/share/quai/models when installed,
// the source tree's models/ otherwise (core/shipped_files.h).
std::string DefaultModelDirectory();
inline constexpr const char* kClassifierFile = "document_classifier.qcl";
inline constexpr const char* kScorerFile = "field_scorer.qsc";
// The classifier's training text ("<type> <ClassifierText>" per line): a
// retraining on a data directory's examples keeps knowing the other types.
inline constexpr const char* kClassifierCorpusFile = "classifier_corpus.txt";

}  // namespace quai
