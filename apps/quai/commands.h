// The `quai` command's subcommands. main.cc parses the command line with CLI11
// and dispatches; each subcommand lives in its own file, registers its options
// with Add*Command and runs from the returned callback. Exit codes:
//   0 success; 1 one or more files refused or failed; 2 bad command line;
//   3 the data directory or database cannot be used; 4 no such document or user.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "extract/extractor.h"
#include "learn/retrainer.h"
#include "learn/stored_knowledge.h"
#include "quai/workspace.h"
#include "learn/canonical_document.h"
#include "pipeline/page_reading.h"
#include "quai/options.h"

namespace quai {
class Accounts;
}  // namespace quai

namespace quai::cli {

enum ExitCode { kExitOk = 0, kExitRefused = 1, kExitUsage = 2, kExitStorage = 3, kExitNotFound = 4 };

using CommandRunner = std::function<int()>;

// Options every subcommand accepts: --data, --jobs, limits, page preparation.
void AddCommonOptions(CLI::App* command, Options* options);

CommandRunner AddIngestCommand(CLI::App* app, Options* options);
CommandRunner AddOcrCommand(CLI::App* app, Options* options);
CommandRunner AddShowCommand(CLI::App* app, Options* options);
CommandRunner AddListCommand(CLI::App* app, Options* options);
CommandRunner AddExtractCommand(CLI::App* app, Options* options);
CommandRunner AddEvalCommand(CLI::App* app, Options* options);
CommandRunner AddTrainCommand(CLI::App* app, Options* options);
CommandRunner AddLearnCommand(CLI::App* app, Options* options);
CommandRunner AddModelsCommand(CLI::App* app, Options* options);
// `quai train --data DIR`: retrain from the data directory's examples (train_command.cc).
int RetrainDataDirectory(const Options& options, const std::string& schema_dir, double target_precision);
void PrintRetrainingReport(const RetrainingReport& report);
CommandRunner AddServeCommand(CLI::App* app, Options* options);
CommandRunner AddWorkerCommand(CLI::App* app, Options* options);
CommandRunner AddJobsCommand(CLI::App* app, Options* options);
CommandRunner AddErpCommand(CLI::App* app, Options* options);
CommandRunner AddExportCommand(CLI::App* app, Options* options);
CommandRunner AddLotsCommand(CLI::App* app, Options* options);
CommandRunner AddUserCommand(CLI::App* app, Options* options);
CommandRunner AddTokenCommand(CLI::App* app, Options* options);
CommandRunner AddAuditCommand(CLI::App* app, Options* options);
CommandRunner AddMigrateCommand(CLI::App* app, Options* options);
CommandRunner AddVerifyCommand(CLI::App* app, Options* options);
CommandRunner AddSourceCommand(CLI::App* app, Options* options);
// `quai backup` and `quai restore` (backup_command.cc): one runner for both.
CommandRunner AddBackupCommand(CLI::App* app, Options* options);

// Opens the data directory named by `options` and runs `run` with its
// accounts (user_command.cc); kExitStorage when it cannot be opened.
int WithAccounts(const Options& options, const std::function<int(Accounts&)>& run);
// The exit code for a failed operation: 2 bad argument, name taken or not
// possible now; 4 no such thing; 3 anything else (storage).
int ExitCodeFor(const Status& status);
// Prints "quai: <message>" on stderr and returns ExitCodeFor(status).
int ReportFailure(const Status& status);

// --models and --schemas.
void AddExtractorOptions(CLI::App* command, ExtractorOptions* options);

// What `extract` and `eval` read with: the models of --models (default: the
// shipped ones) and, when --data names a data directory, what its validated
// documents taught (suppliers, layout memory, learned labels).
struct ReadingSetup {
  std::unique_ptr<Workspace> workspace;  // null without --data
  std::unique_ptr<Extractor> extractor;
  std::unique_ptr<StoredKnowledge> knowledge;  // null without --data
};
Result<ReadingSetup> OpenReadingSetup(const Options& options, const ExtractorOptions& extractor_options);
// The files under `folders` that have a <stem>.json ground truth beside them,
// with their truth and their pages (read in parallel, through the page cache
// when one is given). InvalidArgument when there is none or a truth is bad.
struct DocumentWithTruth {
  std::string path;
  CanonicalDocument truth;
  DocumentPages read;  // read.error is set when the file was refused
};
Result<std::vector<DocumentWithTruth>> ReadDocumentsWithTruth(const std::vector<std::string>& folders,
                                                              const Options& options, const std::string& page_cache);

}  // namespace quai::cli
