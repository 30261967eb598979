// quai verify: checks a data directory's consistency (pipeline/data_directory_check.h):
// every original present and the SHA-256 it is filed under, every document in
// one state its jobs agree with, no job, export, event, example or supplier
// count doubled, nothing left that no process will move on, the security log's
// chain intact. Exit 0 when clean; 1 with one line per problem on stdout.
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "pipeline/data_directory_check.h"
#include "pipeline/workspace_services.h"

namespace quai::cli {

CommandRunner AddVerifyCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand(
      "verify", "Check the data directory: originals, document states, jobs, exports, events, the security log");
  command->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");
  auto stale_minutes = std::make_shared<int64_t>(10);
  command->add_option("--stale-lease-minutes", *stale_minutes,
                      "Report a running job whose lease ended this long ago (default 10)")
      ->check(CLI::NonNegativeNumber);
  auto quiet = std::make_shared<bool>(false);
  command->add_flag("--quiet,-q", *quiet, "Print only the problems");
  return [=]() -> int {
    const std::string data_dir = ResolveDataDir(options->data_dir);
    // Never creates one: a mistyped path is an error, not an empty directory.
    if (!DefaultFileSystem()->Exists(JoinPath(data_dir, "quai.db"))) {
      std::cerr << "quai: no data directory at " << data_dir << " (no quai.db)\n";
      return kExitStorage;
    }
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) {
      std::cerr << "quai: " << workspace.status().message() << "\n";
      return kExitStorage;
    }
    WorkspaceServices& services = (*workspace)->services();
    DataDirectoryCheck check((*workspace)->data_dir(), services.file_system(), services.accounts(), services.clock());
    check.set_stale_lease_ms(*stale_minutes * 60 * 1000);
    auto report = check.Run();
    if (!report.ok()) {
      std::cerr << "quai: " << report.status().message() << "\n";
      return kExitStorage;
    }
    for (const std::string& problem : report->problems) std::printf("%s\n", problem.c_str());
    if (!*quiet || !report->problems.empty())
      std::fprintf(report->problems.empty() ? stdout : stderr,
                   "%s: %lld documents, %lld originals checked, %lld security log entries; %zu problem%s\n",
                   report->problems.empty() ? "consistent" : "INCONSISTENT",
                   static_cast<long long>(report->documents), static_cast<long long>(report->originals_checked),
                   static_cast<long long>(report->security_events), report->problems.size(),
                   report->problems.size() == 1 ? "" : "s");
    return report->problems.empty() ? kExitOk : kExitRefused;
  };
}

}  // namespace quai::cli
