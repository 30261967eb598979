#include <algorithm>
#include "classify/document_classifier.h"

#include <fasttext/fasttext.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "core/sha256.h"
#include "core/match_text.h"

namespace quai {
namespace {

constexpr char kMagic[8] = {'Q', 'U', 'A', 'I', 'C', 'L', 'S', '1'};
constexpr uint32_t kFormatVersion = 1;
constexpr char kLabelPrefix[] = "__label__";

std::string TempPath(const char* what) {
  char pattern[64];
  std::snprintf(pattern, sizeof(pattern), "/tmp/quai-%s-XXXXXX", what);
  int fd = mkstemp(pattern);
  if (fd >= 0) close(fd);
  return pattern;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

struct DocumentClassifier::Model {
  fasttext::FastText fasttext;
  std::string bytes;  // fastText's own model file
};

DocumentClassifier::DocumentClassifier() : model_(std::make_unique<Model>()) {}
DocumentClassifier::~DocumentClassifier() = default;

std::string ClassifierText(const std::vector<Page>& pages) {
  std::string text = "__pages_" + std::to_string(std::min<size_t>(pages.size(), 5)) + " ";
  int count = 0;
  for (size_t p = 0; p < pages.size() && p < 2; ++p) {
    for (const Word& w : pages[p].words) {
      std::string token = NormaliseForMatch(w.text);
      if (token.empty()) continue;
      // Digits carry no type information and blow up the vocabulary.
      bool digits = token.find_first_of("0123456789") != std::string::npos;
      text += digits ? "__num" : token;
      text += ' ';
      if (++count >= 600) break;
    }
  }
  return text;
}

Result<std::unique_ptr<DocumentClassifier>> DocumentClassifier::Train(
    const std::vector<std::pair<std::string, std::string>>& examples, int seed) {
  if (examples.empty()) return Status::InvalidArgument("no classifier training examples");
  std::string input = TempPath("classifier-train");
  {
    std::ofstream out(input);
    for (const auto& [type, text] : examples) out << kLabelPrefix << type << ' ' << text << '\n';
  }
  std::unique_ptr<DocumentClassifier> classifier(new DocumentClassifier());
  fasttext::Args args;
  args.input = input;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  // Documents are long and differ in a few title and label words, so the
  // model needs many passes; word bigrams carry "bon de livraison" and "total
  // ttc". Sub-word n-grams learned far slower here for no gain on OCR'd pages
  // (measured on the docgen families), so they are off, which also keeps the
  // file small.
  args.dim = 24;
  // 150 passes over the 500 documents of the shipped corpus; a larger set
  // (a company's examples on top) needs fewer passes for as many updates:
  // the retraining time stays flat.
  args.epoch = static_cast<int>(std::clamp<size_t>(150 * 500 / std::max<size_t>(examples.size(), 1), 75, 150));
  args.lr = 0.5;
  args.wordNgrams = 2;
  args.minCount = 2;
  args.minn = 0;
  args.maxn = 0;
  args.bucket = 20000;
  args.thread = 1;  // deterministic
  args.seed = seed;
  args.verbose = 0;
  std::string output = TempPath("classifier-model");
  try {
    classifier->model_->fasttext.train(args);
    classifier->model_->fasttext.saveModel(output);
  } catch (const std::exception& e) {
    std::remove(input.c_str());
    return Status::Internal(std::string("fastText training failed: ") + e.what());
  }
  std::remove(input.c_str());
  classifier->model_->bytes = ReadAll(output);
  std::remove(output.c_str());
  classifier->version_ = "classifier-" + Sha256Hex(classifier->model_->bytes).substr(0, 12);
  return classifier;
}

Status DocumentClassifier::Save(const std::string& path) const {
  std::ofstream out(path + ".tmp", std::ios::binary | std::ios::trunc);
  out.write(kMagic, sizeof(kMagic));
  out.write(reinterpret_cast<const char*>(&kFormatVersion), sizeof(kFormatVersion));
  out.write(model_->bytes.data(), static_cast<std::streamsize>(model_->bytes.size()));
  out.close();
  if (!out) return Status::IoError(path + ": cannot write the classifier");
  if (std::rename((path + ".tmp").c_str(), path.c_str()) != 0) return Status::IoError(path + ": cannot rename");
  return Status::Ok();
}

Result<std::unique_ptr<DocumentClassifier>> DocumentClassifier::Load(const std::string& path) {
  std::string bytes = ReadAll(path);
  if (bytes.empty()) return Status::NotFound(path + ": no classifier model");
  if (bytes.size() < 12 || std::memcmp(bytes.data(), kMagic, 8) != 0)
    return Status::InvalidArgument(path + ": not a quai classifier model");
  uint32_t version = 0;
  std::memcpy(&version, bytes.data() + 8, 4);
  if (version != kFormatVersion)
    return Status::InvalidArgument(path + ": classifier format " + std::to_string(version) + ", this quai reads " +
                                   std::to_string(kFormatVersion));
  std::unique_ptr<DocumentClassifier> classifier(new DocumentClassifier());
  classifier->model_->bytes = bytes.substr(12);
  try {
    // fastText's own file starts with its magic number and version, which its
    // stream loader expects to have been read already.
    if (classifier->model_->bytes.size() < 8) return Status::InvalidArgument(path + ": truncated classifier model");
    std::istringstream in(classifier->model_->bytes.substr(8));
    classifier->model_->fasttext.loadModel(in);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(path + ": corrupt classifier model (" + e.what() + ")");
  }
  classifier->version_ = "classifier-" + Sha256Hex(classifier->model_->bytes).substr(0, 12);
  return classifier;
}

std::optional<TypePrediction> DocumentClassifier::MatchRule(const std::vector<Page>& pages,
                                                           const std::vector<ClassificationRule>& rules) {
  if (rules.empty() || pages.empty()) return std::nullopt;
  std::string first_page = " ";
  for (const Word& w : pages[0].words) first_page += NormaliseForMatch(w.text) + " ";
  for (const auto& rule : rules)
    for (const auto& phrase : rule.phrases) {
      std::string needle;
      std::istringstream words(phrase);
      for (std::string w; words >> w;) needle += NormaliseForMatch(w) + " ";
      if (!needle.empty() && first_page.find(" " + needle) != std::string::npos)
        return TypePrediction{rule.document_type, 1.0, "rule: '" + phrase + "'"};
    }
  return std::nullopt;
}

TypePrediction DocumentClassifier::FromProbabilities(const std::vector<std::pair<std::string, double>>& probabilities,
                                                     double min_confidence) {
  if (probabilities.empty()) return {"other", 0.0, "classifier"};
  const auto& [label, confidence] = probabilities.front();
  if (confidence < min_confidence) return {"other", 1.0 - confidence, "classifier: unsure (" + label + ")"};
  return {label, confidence, "classifier"};
}

TypePrediction DocumentClassifier::Classify(const std::vector<Page>& pages,
                                            const std::vector<ClassificationRule>& rules,
                                            double min_confidence) const {
  if (auto rule = MatchRule(pages, rules)) return *rule;
  return FromProbabilities(Probabilities(pages), min_confidence);
}

std::vector<std::pair<std::string, double>> DocumentClassifier::Probabilities(const std::vector<Page>& pages) const {
  std::istringstream in(ClassifierText(pages) + "\n");
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  model_->fasttext.predictLine(in, predictions, -1, 0.0);
  std::vector<std::pair<std::string, double>> probabilities;
  for (const auto& [probability, label] : predictions)
    probabilities.emplace_back(label.substr(std::strlen(kLabelPrefix)), probability);
  return probabilities;
}

}  // namespace quai
