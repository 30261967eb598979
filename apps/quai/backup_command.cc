// quai backup DEST: a consistent copy of the data directory while quai runs
// (the database as one committed state, the originals it names — only those
// not in DEST already — and the trained models); quai restore BACKUP: puts one
// back into an empty data directory, then checks it as `quai verify` does
// (pipeline/data_directory_backup.h). On PostgreSQL (--db or $QUAI_DATABASE)
// the database goes through pg_dump and pg_restore (pipeline/postgres_backup.h);
// a backup is restored only into the kind of database it was made from.
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "core/sha256.h"
#include "pipeline/data_directory_backup.h"
#include "pipeline/data_directory_check.h"
#include "pipeline/environment.h"
#include "pipeline/postgres_backup.h"
#include "pipeline/workspace_services.h"

namespace quai::cli {
namespace {

// After a restore on PostgreSQL (where `quai verify` does not run): the
// database opens, and every document it holds has its original, the SHA-256
// it is filed under.
int CheckRestoredOriginals(WorkspaceServices& services, const std::string& data_dir) {
  int64_t documents = 0;
  std::vector<std::string> problems;
  for (DocumentFilter page{.status = std::nullopt, .limit = 500, .offset = 0};; page.offset += page.limit) {
    auto listed = services.documents()->ListDocuments(page);
    if (!listed.ok()) return ReportFailure(listed.status());
    for (const DocumentRecord& document : *listed) {
      ++documents;
      const std::string path = BackupOriginalPath(data_dir, document.sha256);
      auto bytes = services.file_system()->ReadFile(path, 4LL << 30);
      if (!bytes.ok())
        problems.push_back("document " + std::to_string(document.id) + " (" + document.original_name +
                           "): its original is missing: " + bytes.status().message());
      else if (Sha256Hex(*bytes) != document.sha256)
        problems.push_back("document " + std::to_string(document.id) + " (" + document.original_name +
                           "): its original " + path + " is not the SHA-256 it is filed under");
    }
    if (static_cast<int>(listed->size()) < page.limit) break;
  }
  for (const std::string& problem : problems) std::printf("%s\n", problem.c_str());
  std::printf("%s: %lld documents, %lld originals checked\n", problems.empty() ? "consistent" : "INCONSISTENT",
              static_cast<long long>(documents), static_cast<long long>(documents));
  return problems.empty() ? kExitOk : kExitRefused;
}

}  // namespace

CommandRunner AddBackupCommand(CLI::App* app, Options* options) {
  auto destination = std::make_shared<std::string>();
  auto* backup = app->add_subcommand("backup", "Copy the data directory (database, originals, models) to a folder");
  backup->add_option("destination", *destination,
                     "The backup folder; an earlier backup there is brought up to date (originals copied once)")
      ->required();
  backup->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");
  backup->add_option("--db", options->database,
                     "The installation's PostgreSQL database, postgresql://user@host/db (default: $QUAI_DATABASE, "
                     "else quai.db in the data directory)");
  auto source = std::make_shared<std::string>();
  auto* restore = app->add_subcommand("restore", "Put a backup back into an empty data directory and check it");
  restore->add_option("backup", *source, "The backup folder (made by quai backup)")->required();
  restore->add_option("--data", options->data_dir, "The data directory to create (must hold no quai.db)");
  restore->add_option("--db", options->database,
                      "For a backup of a PostgreSQL installation: the empty database (or schema, by its "
                      "search_path) to restore into (default: $QUAI_DATABASE)");
  return [=]() -> int {
    const std::string data_dir = ResolveDataDir(options->data_dir);
    const std::string database = ResolveDatabase(options->database);
    if (!database.empty() && !IsPostgresDatabase(database))
      return ReportFailure(Status::InvalidArgument("--db must be a postgresql:// URI, or be left out for SQLite"));
    if (backup->parsed()) {
      Result<BackupReport> report =
          database.empty() ? BackupDataDirectory(data_dir, *destination, *DefaultFileSystem(), *SystemClock())
                           : BackupPostgresInstallation(database, data_dir, *destination, *DefaultFileSystem(),
                                                        *SystemClock());
      if (!report.ok()) return ReportFailure(report.status());
      std::printf("backed up %s to %s: %lld documents (schema %d), %lld originals copied, %lld already there, "
                  "%lld model files, %.1f MiB written\n",
                  data_dir.c_str(), destination->c_str(), static_cast<long long>(report->documents),
                  report->schema_version, static_cast<long long>(report->originals_copied),
                  static_cast<long long>(report->originals_kept), static_cast<long long>(report->model_files_copied),
                  static_cast<double>(report->bytes_copied) / (1024.0 * 1024.0));
      return kExitOk;
    }
    Result<std::string> backend = BackupBackend(*source, *DefaultFileSystem());
    if (!backend.ok()) return ReportFailure(backend.status());
    if (*backend == "postgresql" && database.empty())
      return ReportFailure(Status::FailedPrecondition(
          *source + " is a backup of a PostgreSQL installation: give the empty database to restore it into with "
                    "--db postgresql://user@host/db (or $QUAI_DATABASE)"));
    if (*backend == "sqlite" && !database.empty())
      return ReportFailure(Status::FailedPrecondition(
          *source + " is a backup of an embedded (SQLite) installation: restore it without --db (and without "
                    "$QUAI_DATABASE), then move it to PostgreSQL with quai migrate --to postgresql://…"));
    Result<BackupReport> report =
        database.empty() ? RestoreDataDirectory(*source, data_dir, *DefaultFileSystem())
                         : RestorePostgresInstallation(*source, data_dir, database, *DefaultFileSystem());
    if (!report.ok()) return ReportFailure(report.status());
    std::printf("restored %s into %s: %lld documents, %lld originals, %lld model files\n", source->c_str(),
                data_dir.c_str(), static_cast<long long>(report->documents),
                static_cast<long long>(report->originals_copied), static_cast<long long>(report->model_files_copied));
    Options opened = *options;
    opened.data_dir = data_dir;
    auto workspace = Workspace::Open(opened);
    if (!workspace.ok()) return ReportFailure(workspace.status());
    WorkspaceServices& services = (*workspace)->services();
    if (!database.empty()) return CheckRestoredOriginals(services, (*workspace)->data_dir());
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
