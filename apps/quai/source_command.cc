// quai source add folder|imap NAME ...: a watched folder or a mailbox quai
// takes documents from (source/watched_folder.h, source/mailbox.h), its
// settings checked before it is kept; quai source change NAME ...; quai source
// list [--json]: each with its status (last run, documents taken, errors),
// never its secret; quai source test NAME: connects and says what a pass
// would take, taking nothing; quai source enable|disable|remove NAME. The
// sources run in `quai serve`.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "pipeline/workspace_services.h"
#include "pipeline/workspace_sources.h"
#include "source/source_json.h"

namespace quai::cli {
namespace {

using Json = nlohmann::json;

struct SourceArguments {
  std::string kind, name, path, url, user, password_file;
  bool password_stdin = false;
  std::vector<std::string> settings;
};

// key=value; the value as JSON when it is JSON (numbers, true, lists), else text.
Status ApplySettings(const std::vector<std::string>& settings, Json* into) {
  for (const std::string& setting : settings) {
    const size_t equals = setting.find('=');
    if (equals == std::string::npos || equals == 0)
      return Status::InvalidArgument("--set " + setting + ": expected key=value");
    const std::string value = setting.substr(equals + 1);
    Json parsed = Json::parse(value, nullptr, false);
    (*into)[setting.substr(0, equals)] = parsed.is_discarded() || parsed.is_string() ? Json(value) : parsed;
  }
  return Status::Ok();
}

// The password or refresh token, from a file or stdin, never from the command line.
Result<std::optional<std::string>> ReadSecret(const SourceArguments& arguments) {
  std::string secret;
  if (!arguments.password_file.empty()) {
    std::ifstream file(arguments.password_file);
    if (!file) return Status::NotFound(arguments.password_file + ": cannot read the password file");
    std::getline(file, secret);
  } else if (arguments.password_stdin) {
    std::getline(std::cin, secret);
  } else {
    return std::optional<std::string>();
  }
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == '\n')) secret.pop_back();
  return std::optional<std::string>(secret);
}

void AddSettingOptions(CLI::App* command, SourceArguments* arguments) {
  command->add_option("--path", arguments->path, "folder: the folder watched (absolute)");
  command->add_option("--url", arguments->url, "imap: imaps://host[:port]/FOLDER");
  command->add_option("--user", arguments->user, "imap: the user name");
  command->add_option("--password-file", arguments->password_file,
                      "imap: a file whose first line is the password (or the OAuth2 refresh token)");
  command->add_flag("--password-stdin", arguments->password_stdin, "imap: read the password from standard input");
  command->add_option("--set", arguments->settings,
                      "A setting as key=value (repeatable). folder: stable_seconds=, poll_seconds=, "
                      "rescan_seconds=, subfolders=true, ignore=[\"*.tmp\"], after=move|delete, done_folder=, "
                      "refused_folder=, document_type=. imap: auth=password|xoauth2, token_url=, client_id=, "
                      "client_secret=, tls_verify=false, ca_file=, after=mark_seen|move|flag|delete, move_to=, "
                      "mode=poll|idle, interval_seconds=, batch_size=, max_attempts=, "
                      "rules={\"from\":[..],\"subject\":[..],\"attachments\":[\"*.pdf\"]}, "
                      "parts={\"inline_images\":true}");
}

void PutNamedSettings(const SourceArguments& arguments, Json* settings) {
  if (!arguments.path.empty()) (*settings)["path"] = arguments.path;
  if (!arguments.url.empty()) (*settings)["url"] = arguments.url;
  if (!arguments.user.empty()) (*settings)["user"] = arguments.user;
}

// Checks the record's settings by opening it as `quai serve` would.
Status CheckOpens(Workspace& workspace, const SourceRecord& record) {
  Result<std::unique_ptr<WatchedSource>> opened = OpenWatchedSource(record, WorkspaceSourceServices(workspace));
  return opened.ok() ? Status::Ok() : opened.status();
}

int WithSources(const Options& options, const std::function<int(Workspace&, SourceStore&)>& run) {
  auto workspace = Workspace::Open(options);
  if (!workspace.ok()) return ReportFailure(workspace.status());
  SourceStore* store = (*workspace)->services().sources();
  if (store == nullptr) return ReportFailure(Status::FailedPrecondition("this data directory keeps no sources"));
  return run(**workspace, *store);
}

Result<SourceRecord> Named(SourceStore& store, const std::string& name) {
  auto found = store.FindSource(name);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::NotFound("there is no source named '" + name + "' (quai source list)");
  return **found;
}

}  // namespace

CommandRunner AddSourceCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("source", "Watched folders and mailboxes quai takes documents from");
  command->require_subcommand(1);
  auto arguments = std::make_shared<SourceArguments>();
  auto as_json = std::make_shared<bool>(false);

  auto* add = command->add_subcommand("add", "Add a watched folder or a mailbox");
  add->add_option("kind", arguments->kind, "folder or imap")->required()->check(CLI::IsMember({"folder", "imap"}));
  add->add_option("name", arguments->name, "Its name: documents record folder:NAME or mail:NAME")->required();
  AddSettingOptions(add, arguments.get());
  auto* change = command->add_subcommand("change", "Change a source's settings or password");
  change->add_option("name", arguments->name, "The source")->required();
  AddSettingOptions(change, arguments.get());
  auto* list = command->add_subcommand("list", "The sources with their status (secrets never shown)");
  list->add_flag("--json", *as_json, "As JSON");
  auto* test = command->add_subcommand("test", "Connect and say what a pass would take now, taking nothing");
  test->add_option("name", arguments->name, "The source")->required();
  auto* enable = command->add_subcommand("enable", "Take documents from the source again");
  enable->add_option("name", arguments->name, "The source")->required();
  auto* disable = command->add_subcommand("disable", "Stop taking documents from the source (kept)");
  disable->add_option("name", arguments->name, "The source")->required();
  auto* remove = command->add_subcommand("remove", "Forget the source and what it took (documents stay)");
  remove->add_option("name", arguments->name, "The source")->required();
  for (CLI::App* sub : {add, change, list, test, enable, disable, remove}) AddCommonOptions(sub, options);

  return [=]() -> int {
    return WithSources(*options, [&](Workspace& workspace, SourceStore& store) -> int {
      if (add->parsed() || change->parsed()) {
        SourceRecord record;
        if (change->parsed()) {
          Result<SourceRecord> found = Named(store, arguments->name);
          if (!found.ok()) return ReportFailure(found.status());
          record = *found;
        } else {
          record.name = arguments->name;
          record.kind = *ParseSourceKind(arguments->kind);
        }
        Json settings = Json::parse(record.settings_json, nullptr, false);
        if (!settings.is_object()) settings = Json::object();
        PutNamedSettings(*arguments, &settings);
        Status applied = ApplySettings(arguments->settings, &settings);
        if (!applied.ok()) return ReportFailure(applied);
        record.settings_json = settings.dump();
        Result<std::optional<std::string>> secret = ReadSecret(*arguments);
        if (!secret.ok()) return ReportFailure(secret.status());
        if (secret->has_value()) record.secret = **secret;
        Status opens = CheckOpens(workspace, record);
        if (!opens.ok()) return ReportFailure(opens);
        if (add->parsed()) {
          Result<int64_t> added = store.AddSource(record);
          if (!added.ok()) return ReportFailure(added.status());
          std::printf("source %s added (%s); quai serve takes its documents\n", record.name.c_str(),
                      SourceKindName(record.kind));
        } else {
          Status changed = store.UpdateSource(record.name, record.settings_json, *secret, record.enabled);
          if (!changed.ok()) return ReportFailure(changed);
          std::printf("source %s changed\n", record.name.c_str());
        }
        return kExitOk;
      }
      if (list->parsed()) {
        auto sources = store.ListSources();
        if (!sources.ok()) return ReportFailure(sources.status());
        if (*as_json) {
          Json all = Json::array();
          for (const SourceRecord& source : *sources) all.push_back(SourceToJson(source));
          std::printf("%s\n", all.dump(2).c_str());
          return kExitOk;
        }
        if (sources->empty()) std::printf("no sources (quai source add folder|imap NAME ...)\n");
        for (const SourceRecord& source : *sources) {
          std::printf("%-20s %-6s %-8s taken %-6lld errors %-4lld last run %s%s%s\n", source.name.c_str(),
                      SourceKindName(source.kind), source.enabled ? "enabled" : "disabled",
                      static_cast<long long>(source.documents_taken), static_cast<long long>(source.errors),
                      source.last_run_at.empty() ? "never" : source.last_run_at.c_str(),
                      source.last_error.empty() ? "" : "  error: ", source.last_error.c_str());
        }
        return kExitOk;
      }
      Result<SourceRecord> record = Named(store, arguments->name);
      if (!record.ok()) return ReportFailure(record.status());
      if (test->parsed()) {
        Result<std::unique_ptr<WatchedSource>> opened = OpenWatchedSource(*record, WorkspaceSourceServices(workspace));
        if (!opened.ok()) return ReportFailure(opened.status());
        Result<std::vector<std::string>> lines = (*opened)->Test();
        if (!lines.ok()) return ReportFailure(lines.status());
        for (const std::string& line : *lines) std::printf("%s\n", line.c_str());
        return kExitOk;
      }
      if (enable->parsed() || disable->parsed()) {
        Status changed = store.UpdateSource(record->name, record->settings_json, std::nullopt, enable->parsed());
        if (!changed.ok()) return ReportFailure(changed);
        std::printf("source %s %s\n", record->name.c_str(), enable->parsed() ? "enabled" : "disabled");
        return kExitOk;
      }
      Status removed = store.RemoveSource(record->name);
      if (!removed.ok()) return ReportFailure(removed);
      std::printf("source %s removed; the documents it took stay\n", record->name.c_str());
      return kExitOk;
    });
  };
}

}  // namespace quai::cli
