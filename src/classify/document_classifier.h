// DocumentClassifier: tells a document's type (delivery note, certificate,
// invoice, safety data sheet, or other) from its page text and layout tokens,
// with fastText trained on the docgen development family (`quai train`). A
// document the model is unsure of is `other`, never forced into a type; a
// configured keyword rule may force a type. The model file carries a magic
// number and a format version around fastText's own bytes. Classify is
// thread-safe (fastText prediction is const); Train is not.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quai/document.h"
#include "quai/status.h"

namespace quai {

struct TypePrediction {
  std::string document_type;
  double confidence = 0;
  std::string evidence;  // "classifier" or "rule: '<phrase>'"
};

// A phrase that, when it appears on the first page, decides the type.
struct ClassificationRule {
  std::string document_type;
  std::vector<std::string> phrases;
};

class DocumentClassifier {
 public:
  ~DocumentClassifier();
  static Result<std::unique_ptr<DocumentClassifier>> Load(const std::string& path);
  // `examples`: (document type, ClassifierText of its pages).
  static Result<std::unique_ptr<DocumentClassifier>> Train(
      const std::vector<std::pair<std::string, std::string>>& examples, int seed = 7);
  Status Save(const std::string& path) const;

  // Below `min_confidence` the answer is "other".
  TypePrediction Classify(const std::vector<Page>& pages, const std::vector<ClassificationRule>& rules,
                          double min_confidence = 0.5) const;
  // The model's probability of every type it knows, most likely first (no
  // rule, no "other" floor): for weighing the page text against other evidence.
  std::vector<std::pair<std::string, double>> Probabilities(const std::vector<Page>& pages) const;
  // The type a configured rule's phrase on the first page decides, if any.
  static std::optional<TypePrediction> MatchRule(const std::vector<Page>& pages,
                                                 const std::vector<ClassificationRule>& rules);
  // What Classify answers from the model's Probabilities (no rule matched).
  static TypePrediction FromProbabilities(const std::vector<std::pair<std::string, double>>& probabilities,
                                          double min_confidence = 0.5);
  const std::string& version() const { return version_; }

 private:
  DocumentClassifier();
  struct Model;
  std::unique_ptr<Model> model_;
  std::string version_;
};

// What the classifier reads: the first two pages' words, normalised, with a
// few layout tokens (page count, rows that look like table rows).
std::string ClassifierText(const std::vector<Page>& pages);

}  // namespace quai
