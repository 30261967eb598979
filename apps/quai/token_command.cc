// quai token create|list|revoke: API tokens for scripts and integrations
// (Authorization: Bearer …). A new token is printed once, alone on the last
// line; listings show everything but the secret, which is kept only as a hash.
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
  auto expires_days = std::make_shared<int>(0);
  auto id = std::make_shared<int64_t>(0);
  auto* create = command->add_subcommand("create", "Create an API token; prints it on the last line");
  create->add_option("--user", *user, "The user the token acts as")->required();
  create->add_option("--label", *label, "What the token is for (shown in listings)");
  create->add_option("--expires-days", *expires_days, "Days until the token stops working (default: never)")
      ->check(CLI::Range(1, 3650));
  auto* list = command->add_subcommand("list", "List the API tokens (id, user, label, created, expires, revoked)");
  auto* revoke = command->add_subcommand("revoke", "Revoke an API token by its id (see list): it stops working at once");
  revoke->add_option("id", *id, "The token's id")->required();
  for (CLI::App* sub : {create, list, revoke})
    sub->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");

  return [=]() -> int {
    return WithAccounts(*options, [&](Accounts& accounts) -> int {
      if (list->parsed()) {
        Result<std::vector<ApiToken>> tokens = accounts.ListApiTokens();
        if (!tokens.ok()) {
          std::cerr << "quai: " << tokens.status().message() << "\n";
          return ExitCodeFor(tokens.status());
        }
        std::printf("%-6s %-20s %-24s %-21s %-21s %s\n", "ID", "USER", "LABEL", "CREATED", "EXPIRES", "REVOKED");
        for (const ApiToken& token : *tokens)
          std::printf("%-6lld %-20s %-24s %-21s %-21s %s\n", static_cast<long long>(token.id), token.user_name.c_str(),
                      token.label.c_str(), token.created_at.c_str(),
                      token.expires_at.empty() ? "never" : token.expires_at.c_str(),
                      token.revoked_at.empty() ? "-" : token.revoked_at.c_str());
        return kExitOk;
      }
      if (revoke->parsed()) {
        Status revoked = accounts.RevokeApiToken(*id);
        if (!revoked.ok()) {
          std::cerr << "quai: " << revoked.message() << "\n";
          return ExitCodeFor(revoked);
        }
        std::printf("API token %lld revoked\n", static_cast<long long>(*id));
        return kExitOk;
      }
      Result<std::string> token = accounts.CreateApiToken(*user, *label, *expires_days);
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
