// quai audit list|verify: the security log (logins and their failures,
// logouts, account and token changes, refused actions, uploads), and a check
// of its hash chain: exit 0 when intact, 1 with the first broken entry.
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "review/accounts.h"

namespace quai::cli {

CommandRunner AddAuditCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("audit", "The security log and its tamper check");
  command->require_subcommand(1);
  auto after = std::make_shared<int64_t>(0);
  auto limit = std::make_shared<int>(100);
  auto* list = command->add_subcommand("list", "Print the security log, oldest first");
  list->add_option("--after", *after, "Only entries with a greater id");
  list->add_option("--limit", *limit, "At most this many entries (default 100)")->check(CLI::Range(1, 100000));
  auto* verify = command->add_subcommand("verify", "Recompute the hash chain; exit 1 at the first broken entry");
  for (CLI::App* sub : {list, verify})
    sub->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");

  return [=]() -> int {
    return WithAccounts(*options, [&](Accounts& accounts) -> int {
      SecurityLog& log = accounts.security_log();
      if (list->parsed()) {
        auto events = log.List(*after, *limit);
        if (!events.ok()) {
          std::cerr << "quai: " << events.status().message() << "\n";
          return ExitCodeFor(events.status());
        }
        for (const SecurityEvent& event : *events)
          std::printf("%-6lld %s %-18s %-20s %-16s %s\n", static_cast<long long>(event.id), event.at.c_str(),
                      event.kind.c_str(), event.actor.c_str(), event.client.c_str(), event.detail.c_str());
        return kExitOk;
      }
      auto verification = log.Verify();
      if (!verification.ok()) {
        std::cerr << "quai: " << verification.status().message() << "\n";
        return ExitCodeFor(verification.status());
      }
      if (verification->first_broken_id != 0) {
        std::printf("security log BROKEN at entry %lld: %s (%lld entries before it hold)\n",
                    static_cast<long long>(verification->first_broken_id), verification->problem.c_str(),
                    static_cast<long long>(verification->events));
        return kExitRefused;
      }
      std::printf("security log intact: %lld entries; last hash %s\n", static_cast<long long>(verification->events),
                  verification->last_hash.c_str());
      return kExitOk;
    });
  };
}

}  // namespace quai::cli
