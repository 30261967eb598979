// The ERP (admin): GET /api/v1/erp (connection with secrets hidden, last sync,
// counts), PUT /api/v1/erp/connection {kind, settings} (a secret sent back as
// "********" keeps the stored one), POST /api/v1/erp/sync?full=true (then the
// documents awaiting review are checked again), GET and PUT /api/v1/erp/rules.
// For reviewers: GET /api/v1/documents/{id}/orders (the orders the document
// pairs with, each line's ordered, received before, open and this document's
// quantity) and POST /api/v1/documents/{id}/findings/override {code, field,
// reason}. Connection and rule changes go to the security log.
#include <cstdio>

#include "check/erp_pairing.h"
#include "erp/erp_sync.h"
#include "erp/master_data_values.h"
#include "erp/units.h"
#include "extract/extraction_json.h"
#include "pipeline/workspace_services.h"
#include "review/erp_recheck.h"
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

using Json = nlohmann::json;

Json ErpJson(WorkspaceServices& services, Status* status) {
  MasterDataStore& store = *services.master_data();
  auto connection = store.GetErpConnection();
  auto state = store.GetErpSyncState();
  auto counts = store.CountMasterData();
  if (!connection.ok()) return *status = connection.status(), Json();
  if (!state.ok()) return *status = state.status(), Json();
  if (!counts.ok()) return *status = counts.status(), Json();
  Json shown = nullptr;
  if (connection->has_value()) {
    ErpConnection redacted = Redacted(**connection);
    shown = {{"kind", redacted.kind}, {"settings", redacted.settings}};
  }
  return {{"connection", shown},
          {"sync", {{"last_attempt_at", state->last_attempt_at}, {"last_success_at", state->last_success_at},
                    {"available", state->available}, {"last_error", state->last_error}}},
          {"counts", {{"suppliers", counts->suppliers}, {"articles", counts->articles}, {"orders", counts->orders},
                      {"order_lines", counts->order_lines}}},
          {"today", services.Today()}};
}

double Number(const std::map<std::string, ExtractedValue>& line, const char* name) {
  auto it = line.find(name);
  if (it == line.end()) return 0;
  auto number = ParseErpNumber(it->second.value, name);
  return number.ok() ? *number : 0;
}

// The orders a document pairs with, as the review screen shows them beside it.
Result<Json> OrdersOf(WorkspaceServices& services, int64_t id, const Json& document) {
  auto extraction = ExtractionFromJson(document);
  if (!extraction.ok()) return extraction.status();
  MasterDataStore& store = *services.master_data();
  auto pairing = ErpPairing(store).Pair(*extraction);
  if (!pairing.ok()) return pairing.status();
  Json orders = Json::array();
  for (const PurchaseOrder& order : pairing->orders) {
    auto before = store.ReceivedInQuai(order.po_number, id);
    if (!before.ok()) return before.status();
    Json lines = Json::array();
    for (size_t l = 0; l < order.lines.size(); ++l) {
      const PurchaseOrderLine& line = order.lines[l];
      double received = line.quantity_received + (*before)[line.line];
      double here = 0;
      Json document_lines = Json::array();
      for (size_t i = 0; i < pairing->lines.size(); ++i) {
        const LinePairing& pair = pairing->lines[i];
        if (!pair.paired || pair.po_number != order.po_number || pair.order_line != l) continue;
        document_lines.push_back(i);
        auto unit = extraction->lines[i].find("unit");
        auto converted = ConvertQuantity(Number(extraction->lines[i], "quantity"),
                                         unit == extraction->lines[i].end() ? "" : unit->second.value, line.unit,
                                         pair.article ? &*pair.article : nullptr);
        here += converted.value_or(0);
      }
      std::string description = line.description;
      if (description.empty() && !line.article_code.empty()) {  // the order line's own, else its article's
        auto article = store.FindArticle(line.article_code, order.supplier_id);
        if (!article.ok()) return article.status();
        if (*article) description = (*article)->description;
      }
      lines.push_back({{"line", line.line}, {"article_code", line.article_code}, {"description", description},
                       {"unit", line.unit}, {"quantity_ordered", line.quantity_ordered},
                       {"quantity_received_before", received}, {"quantity_open", line.quantity_ordered - received},
                       {"this_document", here}, {"unit_price", line.unit_price}, {"currency", line.currency},
                       {"document_lines", document_lines}});
    }
    orders.push_back({{"po_number", order.po_number}, {"supplier_id", order.supplier_id}, {"status", order.status},
                      {"order_date", order.order_date}, {"lines", lines}});
  }
  Json supplier = nullptr;
  if (pairing->supplier.supplier)
    supplier = {{"supplier_id", pairing->supplier.supplier->supplier_id}, {"name", pairing->supplier.supplier->name},
                {"paired_by", pairing->supplier.how}};
  return Json{{"supplier", supplier}, {"orders", orders}, {"po_numbers_missing", pairing->po_numbers_missing}};
}

}  // namespace

void AddErpRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kGet, "/api/v1/erp", Permission::kAdminister, [&context](Call& call) {
    Status status;
    Json erp = ErpJson(context.workspace->services(), &status);
    if (!status.ok()) return SendStatus(call.response, status);
    SendJson(call.response, 200, erp);
  });

  router.Add(Method::kPut, "/api/v1/erp/connection", Permission::kAdminister, [&context](Call& call) {
    Json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    if (!body.contains("kind") || !body["kind"].is_string() || !body.contains("settings") ||
        !body["settings"].is_object())
      return SendError(call.response, 400, "invalid_argument", "give the \"kind\" and the \"settings\" object");
    MasterDataStore& store = *context.workspace->services().master_data();
    auto stored = store.GetErpConnection();
    if (!stored.ok()) return SendStatus(call.response, stored.status());
    ErpConnection connection{body["kind"].get<std::string>(), {}};
    for (const auto& [name, value] : body["settings"].items()) {
      if (!value.is_string())
        return SendError(call.response, 400, "invalid_argument", "setting \"" + name + "\" must be a string");
      std::string text = value.get<std::string>();
      if (IsSecretSetting(name) && text == "********" && stored->has_value() &&
          (*stored)->settings.count(name))
        text = (*stored)->settings.at(name);  // the form sent back what it was shown
      connection.settings[name] = text;
    }
    if (Status valid = ValidateErpConnection(connection); !valid.ok()) return SendStatus(call.response, valid);
    if (Status saved = store.SaveErpConnection(connection); !saved.ok()) return SendStatus(call.response, saved);
    context.accounts->security_log().Record("erp_connection_changed", call.caller->user.name,
                                            ClientAddress(call.request, context.settings), connection.kind);
    Status status;
    Json erp = ErpJson(context.workspace->services(), &status);
    if (!status.ok()) return SendStatus(call.response, status);
    SendJson(call.response, 200, erp);
  });

  router.Add(Method::kPost, "/api/v1/erp/sync", Permission::kAdminister, [&context](Call& call) {
    WorkspaceServices& services = context.workspace->services();
    const bool full = call.request.Query("full") == "true";
    auto report = SyncErp(*services.master_data(), *services.file_system(), *services.clock(), full);
    if (!report.ok()) return SendStatus(call.response, report.status());
    auto rechecked = RecheckAwaitingReview(*context.review_desk, *services.reviews());
    if (!rechecked.ok()) return SendStatus(call.response, rechecked.status());
    SendJson(call.response, 200,
             {{"complete", report->complete},
              {"seconds", report->seconds},
              {"orders_written", report->change.orders_written},
              {"orders_deleted", report->change.orders_deleted},
              {"suppliers_changed", report->change.suppliers_written},
              {"articles_changed", report->change.articles_written},
              {"documents_checked_again", *rechecked}});
  });

  router.Add(Method::kGet, "/api/v1/erp/rules", Permission::kAdminister, [&context](Call& call) {
    const ErpChecks* checks = context.workspace->services().erp_checks();
    if (checks == nullptr) return SendJson(call.response, 200, ErpRules().ToJson());
    auto rules = checks->Rules();
    if (!rules.ok()) return SendStatus(call.response, rules.status());
    SendJson(call.response, 200, (*rules)->ToJson());
  });

  router.Add(Method::kPut, "/api/v1/erp/rules", Permission::kAdminister, [&context](Call& call) {
    Json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    WorkspaceServices& services = context.workspace->services();
    Status saved = services.SetErpRules(body);
    if (!saved.ok()) return SendStatus(call.response, saved);
    context.accounts->security_log().Record("erp_rules_changed", call.caller->user.name,
                                            ClientAddress(call.request, context.settings), "");
    auto rules = services.erp_checks()->Rules();
    if (!rules.ok()) return SendStatus(call.response, rules.status());
    SendJson(call.response, 200, (*rules)->ToJson());
  });

  router.Add(Method::kGet, "/api/v1/documents/{id}/orders", Permission::kReview, [&context](Call& call) {
    const int64_t id = call.Number("id");
    auto document = context.review_desk->Document(id);
    if (!document.ok()) return SendStatus(call.response, document.status());
    auto orders = OrdersOf(context.workspace->services(), id, *document);
    if (!orders.ok()) return SendStatus(call.response, orders.status());
    SendJson(call.response, 200, *orders);
  });

  router.Add(Method::kPost, "/api/v1/documents/{id}/findings/override", Permission::kReview, [&context](Call& call) {
    Json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    auto text = [&body](const char* name) {
      return body.contains(name) && body[name].is_string() ? body[name].get<std::string>() : std::string();
    };
    if (text("code").empty()) return SendError(call.response, 400, "invalid_argument", "give the finding's \"code\"");
    auto document = context.review_desk->OverrideFinding(call.Number("id"), text("code"), text("field"),
                                                         text("reason"), call.caller->user.name);
    if (!document.ok()) return SendStatus(call.response, document.status());
    SendJson(call.response, 200, *document);
  });
}

}  // namespace quai::server
