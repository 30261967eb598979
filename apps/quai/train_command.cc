// quai train DIR...: trains the document classifier and the field scorer from
// documents with their `<stem>.json` values beside them, into a model folder.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "core/file_system.h"
#include "learn/extractor_trainer.h"
#include "learn/retrainer.h"
#include "pipeline/workspace_services.h"
#include "pipeline/page_reading.h"
#include "quai/workspace.h"

namespace quai::cli {

Result<std::vector<DocumentWithTruth>> ReadDocumentsWithTruth(const std::vector<std::string>& folders,
                                                              const Options& options, const std::string& page_cache) {
  auto files = CollectInputFiles(folders);
  if (!files.ok()) return files.status();
  std::vector<DocumentWithTruth> found;
  for (const std::string& file : *files) {
    size_t dot = file.rfind('.');
    std::string truth_path = (dot == std::string::npos ? file : file.substr(0, dot)) + ".json";
    std::ifstream in(truth_path);
    if (!in) continue;
    std::stringstream text;
    text << in.rdbuf();
    auto truth = ParseCanonicalDocument(text.str());
    if (!truth.ok()) return truth.status().WithContext(truth_path);
    found.push_back({file, std::move(truth).value(), {}});
  }
  if (found.empty()) return Status::InvalidArgument("no document with a <stem>.json truth in the given folders");
  std::vector<std::string> paths;
  for (const auto& document : found) paths.push_back(document.path);
  std::fprintf(stderr, "reading %zu documents...\n", paths.size());
  auto pages = ReadPagesOfFiles(paths, options, page_cache);
  for (size_t i = 0; i < found.size(); ++i) found[i].read = std::move(pages[i]);
  return found;
}

int RetrainDataDirectory(const Options& options, const std::string& schema_dir, double target_precision) {
  auto workspace = Workspace::Open(options);
  if (!workspace.ok()) {
    std::cerr << "quai: " << workspace.status().message() << "\n";
    return kExitStorage;
  }
  Workspace& ws = **workspace;
  Retrainer retrainer(ws.services().documents(), ws.services().reviews(),
                      ws.services().models(), ws.data_dir());
  RetrainingOptions retraining;
  retraining.schema_dir = schema_dir;
  retraining.target_precision = target_precision;
  std::fprintf(stderr, "retraining from the training examples of %s...\n", ws.data_dir().c_str());
  auto report = retrainer.Retrain(retraining);
  if (!report.ok()) {
    std::cerr << "quai: " << report.status().message() << "\n";
    return kExitRefused;
  }
  PrintRetrainingReport(*report);
  return kExitOk;
}

void PrintRetrainingReport(const RetrainingReport& r) {
  std::printf("trained model set #%lld (%s) on %d of %d training examples in %.1f s\n",
              static_cast<long long>(r.model.id), r.model.version.c_str(), r.trained_on, r.examples, r.seconds);
  std::printf("held out %d documents:  %-10s field accuracy %.4f, header F1 %.4f, line F1 %.4f, type %.4f\n",
              r.candidate.documents, "new", r.candidate.field_accuracy, r.candidate.header_f1, r.candidate.line_f1,
              r.candidate.type_accuracy);
  std::printf("%26s%-10s field accuracy %.4f, header F1 %.4f, line F1 %.4f, type %.4f\n", "",
              r.current_version == "shipped" ? "shipped" : "current", r.current.field_accuracy, r.current.header_f1,
              r.current.line_f1, r.current.type_accuracy);
  std::printf(r.promoted ? "promoted: the new models are active\n"
                         : "not promoted: the new models are worse on the held-out documents; the current ones stay\n");
}

CommandRunner AddTrainCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("train", "Train the classifier and field scorer from documents with known values");
  auto folders = std::make_shared<std::vector<std::string>>();
  auto output = std::make_shared<std::string>();
  auto cache = std::make_shared<std::string>();
  auto extractor_options = std::make_shared<ExtractorOptions>();
  command->add_option("folders", *folders,
                      "Folders of documents, each with <stem>.json beside it; none with --data: retrain from the "
                      "data directory's training examples, promoting the new models only if not worse");
  command->add_option("--out", *output, "Model folder to write (default: the --models folder)");
  command->add_option("--page-cache", *cache, "Folder caching each file's pages, to read scans only once");
  auto target = std::make_shared<double>(kDefaultTargetPrecision);
  command->add_option("--target-precision", *target,
                      "Share of auto-accepted values that must be right; sets each field's threshold (default 0.995)")
      ->check(CLI::Range(0.5, 1.0));
  AddExtractorOptions(command, extractor_options.get());
  AddCommonOptions(command, options);
  return [=]() -> int {
    if (folders->empty()) {
      if (options->data_dir.empty()) {
        std::cerr << "quai: give folders of documents with their <stem>.json, or --data DIR to retrain from its "
                     "training examples\n";
        return kExitUsage;
      }
      return RetrainDataDirectory(*options, extractor_options->schema_dir, *target);
    }
    auto extractor = Extractor::LoadSchemasOnly(*extractor_options);
    if (!extractor.ok()) {
      std::cerr << "quai: " << extractor.status().message() << "\n";
      return kExitStorage;
    }
    auto documents = ReadDocumentsWithTruth(*folders, *options, *cache);
    if (!documents.ok()) {
      std::cerr << "quai: " << documents.status().message() << "\n";
      return kExitUsage;
    }
    std::vector<TrainingDocument> training;
    for (auto& document : *documents) {
      if (!document.read.error.empty()) {
        std::fprintf(stderr, "skipped: %s\n", document.read.error.c_str());
        continue;
      }
      training.push_back({document.path, std::move(document.read.pages), std::move(document.truth), {}, {}});
    }
    std::string out = !output->empty() ? *output
                      : !extractor_options->model_dir.empty() ? extractor_options->model_dir
                                                              : DefaultModelDirectory();
    std::fprintf(stderr, "training on %zu documents...\n", training.size());
    TrainingOptions training_options;
    training_options.schema_dir = extractor_options->schema_dir;
    training_options.target_precision = *target;
    auto summary = TrainExtractorModels(**extractor, training, out, training_options);
    if (!summary.ok()) {
      std::cerr << "quai: " << summary.status().message() << "\n";
      return kExitRefused;
    }
    std::printf("trained on %d documents (all of them calibrate, out of fold), %ld candidates (%ld right) in %.1f s\n",
                summary->documents, summary->candidates, summary->positives, summary->seconds);
    std::printf("wrote %s/%s (%s) and %s/%s (%s)\n", out.c_str(), kClassifierFile, summary->classifier_version.c_str(),
                out.c_str(), kScorerFile, summary->scorer_version.c_str());
    std::printf("calibrated on %d held-out values: %s/%s (thresholds for %.1f %% precision)\n",
                summary->calibration_values, out.c_str(), kCalibrationFile, 100 * *target);
    return kExitOk;
  };
}

}  // namespace quai::cli
