// quai user add|list|reset-password|unlock|disable|enable: the people who may use the review desk.
// A new or reset password is random, printed once, alone on the last line.
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "core/clock.h"
#include "pipeline/workspace_services.h"
#include "quai/workspace.h"
#include "review/accounts.h"

namespace quai::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return kExitUsage;
    case StatusCode::kNotFound:
      return kExitNotFound;
    default:
      return kExitStorage;
  }
}

int ReportFailure(const Status& status) {
  std::cerr << "quai: " << status.message() << "\n";
  return ExitCodeFor(status);
}

int WithAccounts(const Options& options, const std::function<int(Accounts&)>& run) {
  auto workspace = Workspace::Open(options);
  if (!workspace.ok()) {
    std::cerr << "quai: " << workspace.status().message() << "\n";
    return kExitStorage;
  }
  Accounts accounts((*workspace)->services().accounts(), (*workspace)->services().clock());
  return run(accounts);
}

CommandRunner AddUserCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("user", "Manage the users of the review desk");
  command->require_subcommand(1);
  auto name = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>();

  auto* add = command->add_subcommand("add", "Add a user; prints a one-time password on the last line");
  add->add_option("name", *name, "User name (letters, digits, . _ @ -)")->required();
  add->add_option("--role", *role, "admin, reviewer, viewer or integration")
      ->required()
      ->check(CLI::IsMember({"admin", "reviewer", "viewer", "integration"}));
  auto* list = command->add_subcommand("list", "List the users");
  auto* reset = command->add_subcommand("reset-password", "Give a user a new password, printed on the last line");
  reset->add_option("name", *name, "User name")->required();
  auto* unlock = command->add_subcommand("unlock", "Forget a user's failed logins (they no longer slow the next one)");
  unlock->add_option("name", *name, "User name")->required();
  auto* disable = command->add_subcommand("disable", "Stop a user: no login; its sessions and API tokens stop working");
  disable->add_option("name", *name, "User name")->required();
  auto* enable = command->add_subcommand("enable", "Let a disabled user log in again (its API tokens work again)");
  enable->add_option("name", *name, "User name")->required();
  for (CLI::App* sub : {add, list, reset, unlock, disable, enable}) {
    sub->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");
  }

  return [=]() -> int {
    return WithAccounts(*options, [&](Accounts& accounts) -> int {
      if (add->parsed()) {
        Role parsed = Role::kViewer;
        ParseRole(*role, &parsed);
        Result<std::string> password = accounts.AddUser(*name, parsed);
        if (!password.ok()) {
          std::cerr << "quai: " << password.status().message() << "\n";
          return ExitCodeFor(password.status());
        }
        std::printf("user %s added as %s; its one-time password (shown only now):\n%s\n", name->c_str(),
                    RoleName(parsed), password->c_str());
        return kExitOk;
      }
      if (reset->parsed()) {
        Result<std::string> password = accounts.ResetPassword(*name);
        if (!password.ok()) {
          std::cerr << "quai: " << password.status().message() << "\n";
          return ExitCodeFor(password.status());
        }
        std::printf("new password for %s (its sessions are closed; shown only now):\n%s\n", name->c_str(),
                    password->c_str());
        return kExitOk;
      }
      if (unlock->parsed()) {
        Status unlocked = accounts.Unlock(*name);
        if (!unlocked.ok()) {
          std::cerr << "quai: " << unlocked.message() << "\n";
          return ExitCodeFor(unlocked);
        }
        std::printf("failed logins of %s forgotten\n", name->c_str());
        return kExitOk;
      }
      if (disable->parsed() || enable->parsed()) {
        Status changed = disable->parsed() ? accounts.DisableUser(*name) : accounts.EnableUser(*name);
        if (!changed.ok()) {
          std::cerr << "quai: " << changed.message() << "\n";
          return ExitCodeFor(changed);
        }
        std::printf("%s %s\n", name->c_str(), disable->parsed() ? "disabled (its sessions ended)" : "enabled");
        return kExitOk;
      }
      Result<std::vector<User>> users = accounts.ListUsers();
      if (!users.ok()) {
        std::cerr << "quai: " << users.status().message() << "\n";
        return ExitCodeFor(users.status());
      }
      std::printf("%-32s %-12s %-21s %s\n", "NAME", "ROLE", "CREATED", "STATE");
      for (const User& user : *users) {
        std::printf("%-32s %-12s %-21s %s\n", user.name.c_str(), RoleName(user.role), user.created_at.c_str(),
                    user.disabled ? "disabled" : "active");
      }
      return kExitOk;
    });
  };
}

}  // namespace quai::cli
