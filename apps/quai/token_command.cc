// quai token create: an API token for scripts and integrations
// (Authorization: Bearer …), printed once, alone on the last line.
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "review/accounts.h"

namespace quai::cli {

CommandRunner AddTokenCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("token", "Manage API tokens");
  command->require_subcommand(1);
  auto user = std::make_shared<std::string>();
  auto label = std::make_shared<std::string>();
  auto* create = command->add_subcommand("create", "Create an API token; prints it on the last line");
  create->add_option("--user", *user, "The user the token acts as")->required();
  create->add_option("--label", *label, "What the token is for (shown in listings)");
  create->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");

  return [=]() -> int {
    return WithAccounts(*options, [&](Accounts& accounts) -> int {
      Result<std::string> token = accounts.CreateApiToken(*user, *label);
      if (!token.ok()) {
        std::cerr << "quai: " << token.status().message() << "\n";
        return ExitCodeFor(token.status());
      }
      std::printf("API token for %s (shown only now; send it as \"Authorization: Bearer <token>\"):\n%s\n",
                  user->c_str(), token->c_str());
      return kExitOk;
    });
  };
}

}  // namespace quai::cli
