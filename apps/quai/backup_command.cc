// quai backup DEST: a consistent copy of the data directory while quai runs
// (the database as one committed state, the originals it names — only those
// not in DEST already — and the trained models); quai restore BACKUP: puts one
// back into an empty data directory, then checks it as `quai verify` does
// (pipeline/data_directory_backup.h).
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "pipeline/data_directory_backup.h"
#include "pipeline/data_directory_check.h"
#include "pipeline/workspace_services.h"

namespace quai::cli {
CommandRunner AddBackupCommand(CLI::App* app, Options* options) {
  auto destination = std::make_shared<std::string>();
  auto* backup = app->add_subcommand("backup", "Copy the data directory (database, originals, models) to a folder");
  backup->add_option("destination", *destination,
                     "The backup folder; an earlier backup there is brought up to date (originals copied once)")
      ->required();
  backup->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");
  auto source = std::make_shared<std::string>();
  auto* restore = app->add_subcommand("restore", "Put a backup back into an empty data directory and check it");
  restore->add_option("backup", *source, "The backup folder (made by quai backup)")->required();
  restore->add_option("--data", options->data_dir, "The data directory to create (must hold no quai.db)");
  return [=]() -> int {
    const std::string data_dir = ResolveDataDir(options->data_dir);
    if (backup->parsed()) {
      Result<BackupReport> report = BackupDataDirectory(data_dir, *destination, *DefaultFileSystem(), *SystemClock());
      if (!report.ok()) return ReportFailure(report.status());
      std::printf("backed up %s to %s: %lld documents (schema %d), %lld originals copied, %lld already there, "
                  "%lld model files, %.1f MiB written\n",
                  data_dir.c_str(), destination->c_str(), static_cast<long long>(report->documents),
                  report->schema_version, static_cast<long long>(report->originals_copied),
                  static_cast<long long>(report->originals_kept), static_cast<long long>(report->model_files_copied),
                  static_cast<double>(report->bytes_copied) / (1024.0 * 1024.0));
      return kExitOk;
    }
    Result<BackupReport> report = RestoreDataDirectory(*source, data_dir, *DefaultFileSystem());
    if (!report.ok()) return ReportFailure(report.status());
    std::printf("restored %s into %s: %lld documents, %lld originals, %lld model files\n", source->c_str(),
                data_dir.c_str(), static_cast<long long>(report->documents),
                static_cast<long long>(report->originals_copied), static_cast<long long>(report->model_files_copied));
    Options opened = *options;
    opened.data_dir = data_dir;
    auto workspace = Workspace::Open(opened);
    if (!workspace.ok()) return ReportFailure(workspace.status());
    WorkspaceServices& services = (*workspace)->services();
    DataDirectoryCheck check((*workspace)->data_dir(), services.file_system(), services.accounts(), services.clock());
    auto checked = check.Run();
    if (!checked.ok()) return ReportFailure(checked.status());
    for (const std::string& problem : checked->problems) std::printf("%s\n", problem.c_str());
    std::printf("%s: %lld documents, %lld originals checked\n", checked->problems.empty() ? "consistent" : "INCONSISTENT",
                static_cast<long long>(checked->documents), static_cast<long long>(checked->originals_checked));
    return checked->problems.empty() ? kExitOk : kExitRefused;
  };
}

}  // namespace quai::cli
