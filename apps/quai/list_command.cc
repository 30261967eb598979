// quai list: stored documents, newest first.
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "pipeline/page_json.h"
#include "quai/workspace.h"

namespace quai::cli {

CommandRunner AddListCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("list", "List stored documents, newest first");
  auto status = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(100);
  auto json = std::make_shared<bool>(false);
  command->add_option("--status", *status, "Only documents in this state")
      ->check(CLI::IsMember({"received", "processed", "refused"}));
  command->add_option("--limit", *limit, "At most this many (default 100)")->check(CLI::PositiveNumber);
  command->add_flag("--json", *json, "JSON Lines, one document per line");
  AddCommonOptions(command, options);
  return [=]() -> int {
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) {
      std::cerr << "quai: " << workspace.status().message() << "\n";
      return kExitStorage;
    }
    DocumentQuery query;
    query.limit = *limit;
    if (!status->empty()) {
      DocumentStatus parsed;
      ParseDocumentStatus(*status, &parsed);
      query.status = parsed;
    }
    auto documents = (*workspace)->ListDocuments(query);
    if (!documents.ok()) {
      std::cerr << "quai: " << documents.status().message() << "\n";
      return kExitStorage;
    }
    if (*json) {
      for (const auto& record : *documents) std::cout << DocumentToJson(record).dump() << "\n";
      return kExitOk;
    }
    std::printf("%-6s %-10s %-5s %-16s %-20s %s\n", "ID", "STATUS", "PAGES", "TYPE", "RECEIVED", "NAME");
    for (const auto& r : *documents) {
      std::printf("%-6lld %-10s %-5d %-16s %-20s %s\n", static_cast<long long>(r.id), DocumentStatusName(r.status),
                  r.page_count, MediaTypeName(r.media_type), r.created_at.c_str(), r.original_name.c_str());
      if (!r.error.empty()) std::printf("       %s\n", r.error.c_str());
    }
    return kExitOk;
  };
}

}  // namespace quai::cli
