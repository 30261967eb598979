// quai export add KIND --name NAME --set key=value ...: a target validated
// (and, unless --validated-only, straight-through) documents are exported to
// (tryton, webhook, files: export/export_target.h); quai export targets: the
// targets, secrets hidden; quai export remove NAME; quai export list
// [--document ID] [--state STATE] [--json]: each export with its state,
// attempts, last error and the target's answer; quai export retry ID|--dead:
// send dead exports again; quai export secret: a new webhook signing secret.
// The exports themselves are sent by `quai serve` and `quai worker`.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "export/export_json.h"
#include "export/export_target.h"
#include "export/webhook_sender.h"
#include "pipeline/workspace_services.h"

namespace quai::cli {
namespace {

using Json = nlohmann::json;

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start < list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    if (end > start) items.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

Result<std::pair<std::string, std::string>> KeyValue(const std::string& option, const std::string& text) {
  auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0)
    return Status::InvalidArgument(option + " " + text + ": expected key=value");
  return std::make_pair(text.substr(0, equals), text.substr(equals + 1));
}

Result<const ExportTarget*> TargetNamed(const std::vector<ExportTarget>& targets, const std::string& name) {
  for (const ExportTarget& target : targets)
    if (target.name == name) return &target;
  return Status::NotFound("there is no export target named '" + name + "' (quai export targets)");
}

}  // namespace

CommandRunner AddExportCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("export", "Where validated documents are exported, and how each export went");
  command->require_subcommand(1);
  auto kind = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  auto settings = std::make_shared<std::vector<std::string>>();
  auto types = std::make_shared<std::string>();
  auto mapping = std::make_shared<std::vector<std::string>>();
  auto validated_only = std::make_shared<bool>(false);
  auto max_attempts = std::make_shared<int>(10);
  auto* add = command->add_subcommand("add", "Add an export target (or replace the one of that name)");
  add->add_option("kind", *kind, "tryton, webhook or files")->required();
  add->add_option("--name", *name, "The target's name (letters, digits, - _ .)")->required();
  add->add_option("--set", *settings,
                  "A setting as key=value (repeatable): url=, secret=, timeout_seconds= (webhook); folder=, "
                  "formats=json,csv,xml,recadv, sender_gln=, receiver_gln= (files); url=, database=, user=, "
                  "password= (tryton)");
  add->add_option("--types", *types, "Document types it takes, comma-separated (default: all)");
  add->add_flag("--validated-only", *validated_only, "Only documents a person validated, not straight-through ones");
  add->add_option("--map", *mapping, "Rename a field as from=to (repeatable; line fields as lines.quantity=Qty)");
  add->add_option("--max-attempts", *max_attempts, "Sends before an export is dead (default 10)");
  auto* targets = command->add_subcommand("targets", "The export targets (secrets hidden)");
  auto* remove = command->add_subcommand("remove", "Remove an export target (its exports stay listed)");
  remove->add_option("name", *name, "The target's name")->required();
  auto document = std::make_shared<int64_t>(0);
  auto state = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto limit = std::make_shared<int>(100);
  auto* list = command->add_subcommand("list", "Exports, newest first, with their state and the target's answer");
  list->add_option("--document", *document, "Only this document's");
  list->add_option("--state", *state, "pending, delivered, dead or superseded");
  list->add_option("--limit", *limit, "At most this many (default 100)");
  list->add_flag("--json", *json, "JSON Lines: one export per line");
  auto ids = std::make_shared<std::vector<int64_t>>();
  auto all_dead = std::make_shared<bool>(false);
  auto* retry = command->add_subcommand("retry", "Send dead exports again");
  retry->add_option("ids", *ids, "Export ids (quai export list --state dead)");
  retry->add_flag("--dead", *all_dead, "Every dead export");
  auto* secret = command->add_subcommand("secret", "Print a new webhook signing secret (whsec_...)");
  for (CLI::App* sub : {add, targets, remove, list, retry})
    sub->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");
  return [=]() -> int {
    if (secret->parsed()) {
      auto made = NewWebhookSecret();
      if (!made.ok()) return ReportFailure(made.status());
      std::printf("%s\n", made->c_str());
      return kExitOk;
    }
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) return ReportFailure(workspace.status());
    ReceivingStore* store = (*workspace)->services().receiving();
    if (store == nullptr) return ReportFailure(Status::FailedPrecondition("this store keeps no exports"));
    auto existing = store->ListExportTargets();
    if (!existing.ok()) return ReportFailure(existing.status());
    if (add->parsed()) {
      ExportTarget target;
      target.name = *name;
      target.kind = *kind;
      for (const std::string& setting : *settings) {
        auto pair = KeyValue("--set", setting);
        if (!pair.ok()) return ReportFailure(pair.status());
        target.settings[pair->first] = pair->second;
      }
      for (const std::string& rename : *mapping) {
        auto pair = KeyValue("--map", rename);
        if (!pair.ok()) return ReportFailure(pair.status());
        target.field_mapping[pair->first] = pair->second;
      }
      target.document_types = SplitList(*types);
      target.include_auto_accepted = !*validated_only;
      target.max_attempts = *max_attempts;
      if (auto same = TargetNamed(*existing, target.name); same.ok()) target.id = (*same)->id;
      if (Status valid = ValidateExportTarget(target); !valid.ok()) return ReportFailure(valid);
      auto id = store->SaveExportTarget(target);
      if (!id.ok()) return ReportFailure(id.status());
      std::printf("export target %s (%s) saved as %lld: documents accepted from now on are exported to it\n",
                  target.name.c_str(), target.kind.c_str(), static_cast<long long>(*id));
      return kExitOk;
    }
    if (targets->parsed()) {
      if (existing->empty()) std::printf("no export targets (quai export add KIND --name NAME --set key=value ...)\n");
      for (const ExportTarget& raw : *existing) {
        const ExportTarget target = RedactedExportTarget(raw);
        std::printf("%s (%s)%s%s\n", target.name.c_str(), target.kind.c_str(), target.enabled ? "" : " disabled: ",
                    target.enabled ? "" : target.disabled_reason.c_str());
        for (const auto& [key, value] : target.settings) std::printf("  %s = %s\n", key.c_str(), value.c_str());
        std::string taken;
        for (const auto& type : target.document_types) taken += (taken.empty() ? "" : ", ") + type;
        std::printf("  takes: %s, %s; up to %d attempts\n", taken.empty() ? "every type" : taken.c_str(),
                    target.include_auto_accepted ? "validated and straight-through" : "validated only",
                    target.max_attempts);
        for (const auto& [from, to] : target.field_mapping) std::printf("  %s -> %s\n", from.c_str(), to.c_str());
      }
      return kExitOk;
    }
    if (remove->parsed()) {
      auto target = TargetNamed(*existing, *name);
      if (!target.ok()) return ReportFailure(target.status());
      Status removed = store->RemoveExportTarget((*target)->id);
      if (!removed.ok()) return ReportFailure(removed);
      std::printf("export target %s removed\n", name->c_str());
      return kExitOk;
    }
    if (list->parsed()) {
      ExportFilter filter;
      filter.document_id = *document;
      filter.limit = *limit;
      if (!state->empty()) {
        ExportState parsed;
        if (!ParseExportState(*state, &parsed))
          return ReportFailure(Status::InvalidArgument("--state must be pending, delivered, dead or superseded"));
        filter.state = parsed;
      }
      auto exports = store->ListExports(filter);
      if (!exports.ok()) return ReportFailure(exports.status());
      for (const ExportRecord& e : *exports) {
        if (*json) {
          std::cout << ExportRecordToJson(e).dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
          continue;
        }
        std::printf("%lld  document %lld v%d -> %s  %s after %d attempt(s)%s%s\n", static_cast<long long>(e.id),
                    static_cast<long long>(e.document_id), e.version, e.target_name.c_str(),
                    ExportStateName(e.state), e.attempts, e.answer.empty() ? "" : "  answer: ",
                    e.answer.c_str());
        if (!e.last_error.empty() && e.state != ExportState::kDelivered)
          std::printf("    last error: %s\n", e.last_error.c_str());
      }
      return kExitOk;
    }
    // retry
    std::vector<int64_t> chosen = *ids;
    if (*all_dead) {
      ExportFilter filter;
      filter.state = ExportState::kDead;
      filter.limit = 10000;
      auto dead = store->ListExports(filter);
      if (!dead.ok()) return ReportFailure(dead.status());
      for (const ExportRecord& e : *dead) chosen.push_back(e.id);
    }
    if (chosen.empty()) return ReportFailure(Status::InvalidArgument("name the exports to send again, or --dead"));
    int failed = 0;
    for (int64_t id : chosen) {
      Status retried = store->RetryExport(id);
      if (retried.ok()) {
        std::printf("export %lld queued again\n", static_cast<long long>(id));
      } else {
        std::cerr << "quai: " << retried.message() << "\n";
        ++failed;
      }
    }
    return failed == 0 ? kExitOk : kExitRefused;
  };
}

}  // namespace quai::cli
