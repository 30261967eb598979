// quai eval DIR...: extracts every document that has a `<stem>.json` truth
// beside it and scores the result: precision, recall and F1 per type and field,
// line items, type accuracy, auto-accepted share and how many of those were
// fully right, the reliability of the confidences and the best straight-through
// rate a single threshold would give at the target precision; by scans and
// born-digital apart.
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "core/file_system.h"
#include "decide/extract_and_decide.h"
#include "learn/evaluation.h"
#include "pipeline/page_reading.h"

namespace quai::cli {

static PredictionConfidences ToConfidences(const Extraction& e) {
  PredictionConfidences confidences;
  for (const auto& [name, v] : e.fields) confidences.fields[name] = v.confidence;
  for (const auto& line : e.lines) {
    std::map<std::string, double> values;
    for (const auto& [name, v] : line) values[name] = v.confidence;
    confidences.lines.push_back(std::move(values));
  }
  confidences.review_reasons = e.review_reasons;
  return confidences;
}

CommandRunner AddEvalCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("eval", "Score extraction against <stem>.json truths: P/R/F1, type accuracy, auto-accept");
  auto folders = std::make_shared<std::vector<std::string>>();
  auto json = std::make_shared<bool>(false);
  auto cache = std::make_shared<std::string>();
  auto extractor_options = std::make_shared<ExtractorOptions>();
  command->add_option("folders", *folders, "Folders of documents, each with <stem>.json beside it")->required();
  command->add_flag("--json", *json, "The report as JSON");
  command->add_option("--page-cache", *cache, "Folder caching each file's pages, to read scans only once");
  AddExtractorOptions(command, extractor_options.get());
  AddCommonOptions(command, options);
  return [=]() -> int {
    auto setup = OpenReadingSetup(*options, *extractor_options);
    if (!setup.ok()) {
      std::cerr << "quai: " << setup.status().message() << "\n";
      return kExitStorage;
    }
    const Extractor* extractor = setup->extractor.get();
    auto documents = ReadDocumentsWithTruth(*folders, *options, *cache);
    if (!documents.ok()) {
      std::cerr << "quai: " << documents.status().message() << "\n";
      return kExitUsage;
    }
    std::vector<EvaluatedDocument> evaluated;
    for (const auto& document : *documents) {
      EvaluatedDocument d;
      d.name = BaseName(document.path);
      d.truth = document.truth;
      bool scanned = false;
      for (const Page& p : document.read.pages) scanned |= p.text_source == TextSource::kOcr;
      d.group = scanned ? "scan" : "born-digital";
      if (document.read.error.empty()) {
        auto extraction = ExtractAndDecide(*extractor, document.read.pages, setup->knowledge.get());
        if (extraction.ok()) {
          d.predicted = ToCanonicalDocument(*extraction);
          d.auto_accepted = !extraction->review_required;
          d.confidences = ToConfidences(*extraction);
        }
      } else {
        d.group = "refused";
      }
      evaluated.push_back(std::move(d));
    }
    EvaluationReport report = Evaluate(evaluated, extractor->calibration().target_precision);
    if (*json)
      std::cout << EvaluationReportToJson(report).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    else
      std::cout << FormatEvaluationReport(report);
    return kExitOk;
  };
}

}  // namespace quai::cli
