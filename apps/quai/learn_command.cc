// quai learn DIR...: imports documents with known values (a `<stem>.json` in
// the canonical format beside each) as validated training examples of the data
// directory: each is stored and read like an ingest, its values set and
// validated as a person would in the review UI (user "quai-learn" unless
// --user), and learned from at once (supplier, layout memory) by running the
// learn job the validation queued, as the review desk does. Run again (after a
// crash, or twice), a document already validated with the same values is not
// validated again, and one already learned from is not learned twice. The same store
// of examples that validations in the UI feed; `quai train --data` retrains
// from it.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "core/clock.h"
#include "learn/learner.h"
#include "pipeline/learning_jobs.h"
#include "pipeline/workspace_services.h"
#include "review/value_import.h"

namespace quai::cli {
namespace {

struct FileWithTruth {
  std::string path;
  std::string truth_path;
};

Result<std::vector<FileWithTruth>> FilesWithTruth(const std::vector<std::string>& folders) {
  auto files = CollectInputFiles(folders);
  if (!files.ok()) return files.status();
  std::vector<FileWithTruth> found;
  for (const std::string& file : *files) {
    size_t dot = file.rfind('.');
    if (dot != std::string::npos && file.substr(dot) == ".json") continue;
    std::string truth = (dot == std::string::npos ? file : file.substr(0, dot)) + ".json";
    if (std::ifstream(truth)) found.push_back({file, truth});
  }
  if (found.empty()) return Status::InvalidArgument("no document with a <stem>.json beside it in the given folders");
  return found;
}

// Where a document stands against its values: a run resumed after a crash,
// or run twice, neither validates again nor learns twice.
enum class LearnState { kNotValidated, kValidatedNotLearned, kLearned };

LearnState StateOf(Workspace& workspace, int64_t id, const CanonicalDocument& truth) {
  auto example = workspace.services().reviews()->FindTrainingExample(id);
  if (!example.ok() || !example->has_value()) return LearnState::kNotValidated;
  auto stored = ParseCanonicalDocument((*example)->canonical_json);
  if (!stored.ok() || CanonicalDocumentToJson(*stored) != CanonicalDocumentToJson(truth))
    return LearnState::kNotValidated;
  JobFilter filter;
  filter.kind = JobKind::kLearn;
  filter.document_id = id;
  filter.limit = 1;
  auto jobs = workspace.services().jobs()->ListJobs(filter);
  if (jobs.ok() && !jobs->empty() && jobs->front().state == JobState::kDone) return LearnState::kLearned;
  return LearnState::kValidatedNotLearned;
}

// Waits until a worker has read the document (processed), up to `wait`.
Status WaitUntilRead(Workspace& workspace, int64_t id, std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    auto document = workspace.FindDocument(std::to_string(id));
    if (!document.ok()) return document.status();
    if (document->status == DocumentStatus::kProcessed) return Status::Ok();
    if (document->status == DocumentStatus::kRefused) return Status::InvalidArgument(document->error);
    if (std::chrono::steady_clock::now() >= deadline)
      return Status::LimitExceeded("document " + std::to_string(id) + " is still waiting to be read");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace

CommandRunner AddLearnCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand(
      "learn", "Import documents with their <stem>.json values as validated training examples of the data directory");
  auto folders = std::make_shared<std::vector<std::string>>();
  auto user = std::make_shared<std::string>("quai-learn");
  command->add_option("folders", *folders, "Files or folders of documents, each with <stem>.json beside it")->required();
  command->add_option("--user", *user, "Name the validations are recorded under (default: quai-learn)");
  AddCommonOptions(command, options);
  return [=]() -> int {
    auto files = FilesWithTruth(*folders);
    if (!files.ok()) {
      std::cerr << "quai: " << files.status().message() << "\n";
      return kExitUsage;
    }
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) {
      std::cerr << "quai: " << workspace.status().message() << "\n";
      return kExitStorage;
    }
    Workspace& ws = **workspace;
    const Extractor* extractor = ws.services().extractor();
    if (extractor == nullptr || ws.services().learner() == nullptr) {
      std::cerr << "quai: cannot learn without models: " << ws.extraction_problem() << "\n";
      return kExitStorage;
    }
    ReviewDesk desk(ws.services().documents(), ws.services().reviews(), extractor->schemas(), ws.services().clock());
    std::vector<std::string> paths;
    for (const auto& f : *files) paths.push_back(f.path);
    std::fprintf(stderr, "reading %zu documents...\n", paths.size());
    auto report = ws.Ingest(paths, "learn", nullptr);
    if (!report.ok()) {
      std::cerr << "quai: " << report.status().message() << "\n";
      return kExitStorage;
    }
    int learned = 0, failed = 0, new_suppliers = 0, corrected = 0, fields = 0;
    for (size_t i = 0; i < files->size(); ++i) {
      const IngestedFile& file = report->files[i];
      const std::string& path = (*files)[i].path;
      auto fail = [&](const std::string& why) {
        ++failed;
        std::printf("failed   %s: %s\n", path.c_str(), why.c_str());
      };
      if (file.outcome == IngestOutcome::kRefused || file.document_id == 0) {
        fail(file.error);
        continue;
      }
      // Stored before and being read by a worker sharing the data directory:
      // its values are set once its pages are there.
      Status read = WaitUntilRead(ws, file.document_id, std::chrono::minutes(10));
      if (!read.ok()) {
        fail(read.message());
        continue;
      }
      std::ifstream in((*files)[i].truth_path);
      std::stringstream text;
      text << in.rdbuf();
      auto truth = ParseCanonicalDocument(text.str());
      if (!truth.ok()) {
        fail((*files)[i].truth_path + ": " + truth.status().message());
        continue;
      }
      const LearnState state = StateOf(ws, file.document_id, *truth);
      if (state == LearnState::kLearned) {
        std::printf("already  #%lld %s: validated with these values and learned\n",
                    static_cast<long long>(file.document_id), path.c_str());
        continue;
      }
      if (state == LearnState::kNotValidated) {
        auto imported = ImportValidatedValues(desk, file.document_id, *truth, *user);
        if (!imported.ok()) {
          fail((*files)[i].truth_path + ": " + imported.status().message());
          continue;
        }
      }
      // The validation queued its learn job; it runs here, as the review desk's does.
      auto result = LearnNow(ws, file.document_id, std::chrono::minutes(1));
      if (!result.ok()) {
        fail(result.status().message());
        continue;
      }
      nlohmann::json what = nlohmann::json::parse(*result, nullptr, false);
      if (!what.is_object()) {
        fail("nothing was learned (the document is no longer validated)");
        continue;
      }
      const bool new_supplier = what["supplier"].is_object() && what["supplier"].value("new", false);
      const std::string supplier_name = what["supplier"].is_object() ? what["supplier"].value("name", "") : "";
      ++learned;
      new_suppliers += new_supplier;
      fields += what.value("fields", 0);
      corrected += what.value("corrected", 0);
      std::printf("learned  #%lld %s: %s, supplier %s%s, %d of %d values located, %d corrected\n",
                  static_cast<long long>(file.document_id), path.c_str(), truth->document_type.c_str(),
                  supplier_name.empty() ? "(none)" : supplier_name.c_str(), new_supplier ? " (new)" : "",
                  what.value("anchors", 0), static_cast<int>(truth->fields.size()), what.value("corrected", 0));
    }
    std::printf("learned %d documents (%d new suppliers); %d of %d values had been read differently; %d failed\n",
                learned, new_suppliers, corrected, fields, failed);
    return failed > 0 ? kExitRefused : kExitOk;
  };
}

}  // namespace quai::cli
