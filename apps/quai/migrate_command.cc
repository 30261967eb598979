// quai migrate --to postgresql://...: copies an embedded installation's
// database (quai.db in the data directory) into an empty PostgreSQL database
// (storage/migrate/sqlite_to_postgres.h) and prints, per table, the rows and
// checksums on both sides. Nothing is committed unless every table's count and
// checksum are identical. The originals stay in the data directory: point
// every quai process at it and at the database (--data DIR --db URI).
// Exit 0 when copied; 3 when either database cannot be used or the copy differs.
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "core/file_system.h"
#include "pipeline/environment.h"
#include "storage/migrate/sqlite_to_postgres.h"

namespace quai::cli {

CommandRunner AddMigrateCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand(
      "migrate", "Copy the data directory's embedded database into an empty PostgreSQL database");
  command->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");
  auto to = std::make_shared<std::string>();
  command->add_option("--to", *to, "The PostgreSQL database: postgresql://user@host:5432/database")->required();
  return [=]() -> int {
    const std::string data_dir = ResolveDataDir(options->data_dir);
    const std::string source = JoinPath(data_dir, "quai.db");
    if (!DefaultFileSystem()->Exists(source)) {
      std::cerr << "quai: no data directory at " << data_dir << " (no quai.db)\n";
      return kExitStorage;
    }
    if (!IsPostgresDatabase(*to)) {
      std::cerr << "quai: --to must be a postgresql:// URI\n";
      return kExitUsage;
    }
    auto target = ParsePostgresUri(*to);
    if (!target.ok()) {
      std::cerr << "quai: --to: " << target.status().message() << "\n";
      return kExitUsage;
    }
    MigrationReport report;
    auto copied = MigrateSqliteToPostgres(source, *target, nullptr, &report);
    if (!report.tables.empty()) {
      std::printf("%-26s %12s %12s  %-16s %-16s %s\n", "table", "sqlite rows", "postgres rows", "sqlite sum",
                  "postgres sum", "");
      for (const TableCopyReport& table : report.tables)
        std::printf("%-26s %12lld %12lld  %-16s %-16s %s\n", table.table.c_str(),
                    static_cast<long long>(table.source_rows), static_cast<long long>(table.target_rows),
                    table.source_checksum.substr(0, 16).c_str(), table.target_checksum.substr(0, 16).c_str(),
                    table.same() ? "same" : "DIFFERENT");
    }
    if (!copied.ok()) {
      std::cerr << "quai: " << copied.status().message() << "\n";
      return kExitStorage;
    }
    int64_t rows = 0;
    for (const TableCopyReport& table : copied->tables) rows += table.target_rows;
    std::printf("copied %lld rows in %zu tables; every count and checksum identical. The originals stay in %s: "
                "run quai with --data %s --db <the URI>\n",
                static_cast<long long>(rows), copied->tables.size(), data_dir.c_str(), data_dir.c_str());
    return kExitOk;
  };
}

}  // namespace quai::cli
