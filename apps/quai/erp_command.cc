// quai erp connect KIND --set key=value ...: connects the data directory to
// the company's ERP (files, tryton, sql, rest: erp/erp_connection.h) and
// tries it at once; quai erp sync [--full]: brings the copy of its master
// data up to date, then checks again the delivery notes and invoices waiting
// for a person; quai erp status: the connection (secrets hidden), the last
// sync and the copy's counts; quai erp findings [--json]: every delivery note
// and invoice with its findings, for scripts; quai erp rules [--set FILE]:
// the rules in force, or new ones.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "erp/erp_connection.h"
#include "erp/erp_sync.h"
#include "pipeline/workspace_services.h"
#include "review/erp_recheck.h"
#include "review/review_desk.h"

namespace quai::cli {
namespace {

using Json = nlohmann::json;

int Fail(const Status& status) {
  std::cerr << "quai: " << status.message() << "\n";
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kFailedPrecondition: return kExitUsage;
    case StatusCode::kUnavailable: return kExitRefused;
    default: return kExitStorage;
  }
}

int Sync(WorkspaceServices& services, bool full) {
  auto report = SyncErp(*services.master_data(), *services.file_system(), *services.clock(), full);
  if (!report.ok()) return Fail(report.status());
  std::printf("synced in %.2f s (%s): %lld orders written, %lld deleted, %lld suppliers and %lld articles changed\n",
              report->seconds, report->complete ? "complete" : "changes only",
              static_cast<long long>(report->change.orders_written),
              static_cast<long long>(report->change.orders_deleted),
              static_cast<long long>(report->change.suppliers_written),
              static_cast<long long>(report->change.articles_written));
  std::printf("copy: %lld suppliers, %lld articles, %lld orders, %lld order lines\n",
              static_cast<long long>(report->counts.suppliers), static_cast<long long>(report->counts.articles),
              static_cast<long long>(report->counts.orders), static_cast<long long>(report->counts.order_lines));
  ReviewDesk desk(services.documents(), services.reviews(), services.clock());
  desk.set_erp_checks(services.erp_checks(), [&services] { return services.Today(); });
  auto rechecked = RecheckAwaitingReview(desk, *services.reviews());
  if (!rechecked.ok()) return Fail(rechecked.status());
  std::printf("checked again: %d documents awaiting review\n", *rechecked);
  return kExitOk;
}

int PrintStatus(WorkspaceServices& services) {
  MasterDataStore& store = *services.master_data();
  auto connection = store.GetErpConnection();
  auto state = store.GetErpSyncState();
  auto counts = store.CountMasterData();
  if (!connection.ok()) return Fail(connection.status());
  if (!state.ok()) return Fail(state.status());
  if (!counts.ok()) return Fail(counts.status());
  if (!connection->has_value()) {
    std::printf("no ERP connected (quai erp connect KIND --set key=value ...)\n");
    return kExitOk;
  }
  ErpConnection shown = Redacted(**connection);
  std::printf("connection: %s\n", shown.kind.c_str());
  for (const auto& [name, value] : shown.settings) std::printf("  %s = %s\n", name.c_str(), value.c_str());
  std::printf("last attempt: %s (%s)\n", state->last_attempt_at.empty() ? "never" : state->last_attempt_at.c_str(),
              state->available ? "answered" : "did not answer");
  std::printf("last success: %s\n", state->last_success_at.empty() ? "never" : state->last_success_at.c_str());
  if (!state->last_error.empty()) std::printf("last error: %s\n", state->last_error.c_str());
  std::printf("copy: %lld suppliers, %lld articles, %lld orders, %lld order lines\n",
              static_cast<long long>(counts->suppliers), static_cast<long long>(counts->articles),
              static_cast<long long>(counts->orders), static_cast<long long>(counts->order_lines));
  return kExitOk;
}

int PrintFindings(WorkspaceServices& services, bool json) {
  constexpr int kPage = 500;
  for (int offset = 0;; offset += kPage) {
    ReviewSearchFilter filter;
    filter.oldest_first = true;
    filter.limit = kPage;
    filter.offset = offset;
    auto page = services.reviews()->SearchReviews(filter);
    if (!page.ok()) return Fail(page.status());
    for (const auto& summary : page->documents) {
      Json values = Json::parse(summary.values_json.empty() ? "{}" : summary.values_json, nullptr, false);
      Json findings = values.is_object() && values.contains("findings") ? values["findings"] : Json::array();
      if (json) {
        std::cout << Json{{"id", summary.document.id}, {"original_name", summary.document.original_name},
                          {"document_type", summary.document_type}, {"status", summary.status},
                          {"findings", findings}}
                         .dump(-1, ' ', false, Json::error_handler_t::replace)
                  << "\n";
        continue;
      }
      std::printf("#%lld %s (%s, %s)\n", static_cast<long long>(summary.document.id),
                  summary.document.original_name.c_str(), summary.document_type.c_str(), summary.status.c_str());
      for (const Json& f : findings)
        std::printf("  %-5s %-22s %-28s %s\n", f.value("severity", "").c_str(), f.value("code", "").c_str(),
                    f.value("field", "").c_str(), f.value("message", "").c_str());
    }
    if (static_cast<int>(page->documents.size()) < kPage) break;
  }
  return kExitOk;
}

}  // namespace

CommandRunner AddErpCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("erp", "Connect the ERP, sync its master data, see its findings");
  command->require_subcommand(1);
  auto kind = std::make_shared<std::string>();
  auto settings = std::make_shared<std::vector<std::string>>();
  auto full = std::make_shared<bool>(false);
  auto json = std::make_shared<bool>(false);
  auto no_sync = std::make_shared<bool>(false);
  auto* connect = command->add_subcommand("connect", "Set the ERP connection and sync once");
  connect->add_option("kind", *kind, "files, tryton, sql or rest")->required();
  connect->add_option("--set", *settings, "A setting as key=value (repeatable): folder=, url=, password=, ...");
  connect->add_flag("--no-sync", *no_sync, "Save the connection without trying it");
  auto* sync = command->add_subcommand("sync", "Bring the copy of the ERP's master data up to date");
  sync->add_flag("--full", *full, "Read everything, not only what changed");
  auto* status = command->add_subcommand("status", "The connection, the last sync and the copy's counts");
  auto* findings = command->add_subcommand("findings", "Every delivery note and invoice with its findings");
  findings->add_flag("--json", *json, "JSON Lines: one document per line");
  auto rules_file = std::make_shared<std::string>();
  auto* rules = command->add_subcommand("rules", "Print the ERP rules in force, or set them from a JSON file");
  rules->add_option("--set", *rules_file, "A rules file (docs/erp.md): checked, then used by every process");
  for (CLI::App* sub : {connect, sync, status, findings, rules}) {
    sub->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");
    sub->add_option("--today", options->today, "Judge dates as of this day (YYYY-MM-DD; default: today)");
  }
  return [=]() -> int {
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) return Fail(workspace.status());
    WorkspaceServices& services = (*workspace)->services();
    if (services.master_data() == nullptr) return Fail(Status::FailedPrecondition("this store keeps no ERP data"));
    if (connect->parsed()) {
      ErpConnection connection{*kind, {}};
      for (const std::string& setting : *settings) {
        auto equals = setting.find('=');
        if (equals == std::string::npos || equals == 0)
          return Fail(Status::InvalidArgument("--set " + setting + ": expected key=value"));
        connection.settings[setting.substr(0, equals)] = setting.substr(equals + 1);
      }
      if (Status valid = ValidateErpConnection(connection); !valid.ok()) return Fail(valid);
      if (Status saved = services.master_data()->SaveErpConnection(connection); !saved.ok()) return Fail(saved);
      std::printf("ERP connection saved: %s\n", connection.kind.c_str());
      return *no_sync ? kExitOk : Sync(services, true);
    }
    if (sync->parsed()) return Sync(services, *full);
    if (status->parsed()) return PrintStatus(services);
    if (rules->parsed()) {
      if (!rules_file->empty()) {
        auto text = services.file_system()->ReadFile(*rules_file, 1 << 20);
        if (!text.ok()) return Fail(text.status());
        Json parsed = Json::parse(*text, nullptr, false);
        if (parsed.is_discarded()) return Fail(Status::InvalidArgument(*rules_file + ": not valid JSON"));
        if (Status set = services.SetErpRules(parsed); !set.ok())
          return Fail(Status::InvalidArgument(*rules_file + ": " + set.message()));
      }
      auto in_force = services.erp_checks()->Rules();
      if (!in_force.ok()) return Fail(in_force.status());
      std::printf("%s\n", (*in_force)->ToJson().dump(2).c_str());
      return kExitOk;
    }
    return PrintFindings(services, *json);
  };
}

}  // namespace quai::cli
