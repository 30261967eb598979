// Exports and the lot book.
// Admin: GET /api/v1/exports/targets, POST /api/v1/exports/targets {name,
// kind, settings, document_types, include_auto_accepted, field_mapping,
// max_attempts, enabled}, PUT and DELETE /api/v1/exports/targets/{id} (a
// secret sent back as "********" keeps the stored one; changes go to the
// security log); GET /api/v1/exports?state=&document=&target=&limit=&offset=.
// Reviewers: POST /api/v1/exports/{id}/retry (a dead export sent again);
// GET /api/v1/documents/{id}/exports (where the document went, when, and the
// target's answer) and GET /api/v1/documents/{id}/receipt (its accepted
// versions: goods receipt and lots). Everyone who reads: GET /api/v1/lots?q=
// &state=&document=, GET /api/v1/lots/{id} (its delivery notes, certificates,
// the supplier's safety data sheets for the product, the orders and the
// receipt lines) and GET /api/v1/certificates/unlinked.
#include <algorithm>
#include <cstdlib>

#include "check/erp_pairing.h"
#include "export/export_json.h"
#include "export/export_target.h"
#include "receive/lot_json.h"
#include "pipeline/workspace_services.h"
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

using Json = nlohmann::json;

// The target a request describes, over `stored` (a PUT) or from nothing (a POST).
Result<ExportTarget> TargetFromJson(const Json& body, const ExportTarget* stored) {
  ExportTarget target = stored != nullptr ? *stored : ExportTarget();
  auto text = [&body](const char* name, std::string* out) -> Status {
    if (!body.contains(name)) return Status::Ok();
    if (!body[name].is_string()) return Status::InvalidArgument(std::string("\"") + name + "\" must be a string");
    *out = body[name].get<std::string>();
    return Status::Ok();
  };
  QUAI_RETURN_IF_ERROR(text("name", &target.name));
  QUAI_RETURN_IF_ERROR(text("kind", &target.kind));
  if (body.contains("settings")) {
    if (!body["settings"].is_object()) return Status::InvalidArgument("\"settings\" must be an object of strings");
    std::map<std::string, std::string> settings;
    for (const auto& [name, value] : body["settings"].items()) {
      if (!value.is_string()) return Status::InvalidArgument("setting \"" + name + "\" must be a string");
      std::string given = value.get<std::string>();
      if (IsSecretExportSetting(name) && given == "********" && stored != nullptr && stored->settings.count(name))
        given = stored->settings.at(name);  // the form sent back what it was shown
      settings[name] = given;
    }
    target.settings = std::move(settings);
  }
  if (body.contains("document_types")) {
    if (!body["document_types"].is_array()) return Status::InvalidArgument("\"document_types\" must be a list");
    target.document_types.clear();
    for (const Json& type : body["document_types"]) {
      if (!type.is_string()) return Status::InvalidArgument("\"document_types\" must be a list of type names");
      target.document_types.push_back(type.get<std::string>());
    }
  }
  if (body.contains("field_mapping")) {
    if (!body["field_mapping"].is_object()) return Status::InvalidArgument("\"field_mapping\" must be an object");
    target.field_mapping.clear();
    for (const auto& [from, to] : body["field_mapping"].items()) {
      if (!to.is_string()) return Status::InvalidArgument("\"field_mapping\" values must be strings");
      target.field_mapping[from] = to.get<std::string>();
    }
  }
  if (body.contains("include_auto_accepted")) {
    if (!body["include_auto_accepted"].is_boolean())
      return Status::InvalidArgument("\"include_auto_accepted\" must be true or false");
    target.include_auto_accepted = body["include_auto_accepted"].get<bool>();
  }
  if (body.contains("max_attempts")) {
    if (!body["max_attempts"].is_number_integer()) return Status::InvalidArgument("\"max_attempts\" must be a number");
    target.max_attempts = body["max_attempts"].get<int>();
  }
  if (body.contains("enabled")) {
    if (!body["enabled"].is_boolean()) return Status::InvalidArgument("\"enabled\" must be true or false");
    target.enabled = body["enabled"].get<bool>();
    if (target.enabled) target.disabled_reason.clear();
  }
  QUAI_RETURN_IF_ERROR(ValidateExportTarget(target));
  return target;
}

int QueryNumber(const HttpRequest& request, const char* name, int fallback) {
  const std::string text = request.Query(name);
  if (text.empty()) return fallback;
  return std::atoi(text.c_str());
}

}  // namespace

void AddExportRoutes(Router& router, ServerContext& context) {
  auto store = [&context]() { return context.workspace->services().receiving(); };

  router.Add(Method::kGet, "/api/v1/exports/targets", Permission::kAdminister, [store](Call& call) {
    auto targets = store()->ListExportTargets();
    if (!targets.ok()) return SendStatus(call.response, targets.status());
    Json list = Json::array();
    for (const ExportTarget& target : *targets) list.push_back(ExportTargetToJson(target));
    SendJson(call.response, 200, {{"targets", list}});
  });

  auto save = [store, &context](Call& call, const ExportTarget* stored) {
    Json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    auto target = TargetFromJson(body, stored);
    if (!target.ok()) return SendStatus(call.response, target.status());
    auto id = store()->SaveExportTarget(*target);
    if (!id.ok()) return SendStatus(call.response, id.status());
    context.accounts->security_log().Record("export_target_changed", call.caller->user.name,
                                            ClientAddress(call.request, context.settings),
                                            target->name + " (" + target->kind + ")");
    auto saved = store()->FindExportTarget(*id);
    if (!saved.ok()) return SendStatus(call.response, saved.status());
    SendJson(call.response, stored != nullptr ? 200 : 201, ExportTargetToJson(**saved));
  };
  router.Add(Method::kPost, "/api/v1/exports/targets", Permission::kAdminister,
             [save](Call& call) { save(call, nullptr); });
  router.Add(Method::kPut, "/api/v1/exports/targets/{id}", Permission::kAdminister, [store, save](Call& call) {
    auto stored = store()->FindExportTarget(call.Number("id"));
    if (!stored.ok()) return SendStatus(call.response, stored.status());
    if (!*stored) return SendError(call.response, 404, "not_found", "there is no such export target");
    save(call, &**stored);
  });
  router.Add(Method::kDelete, "/api/v1/exports/targets/{id}", Permission::kAdminister, [store, &context](Call& call) {
    Status removed = store()->RemoveExportTarget(call.Number("id"));
    if (!removed.ok()) return SendStatus(call.response, removed);
    context.accounts->security_log().Record("export_target_removed", call.caller->user.name,
                                            ClientAddress(call.request, context.settings),
                                            std::to_string(call.Number("id")));
    SendJson(call.response, 200, {{"removed", call.Number("id")}});
  });

  router.Add(Method::kGet, "/api/v1/exports", Permission::kAdminister, [store](Call& call) {
    ExportFilter filter;
    filter.document_id = QueryNumber(call.request, "document", 0);
    filter.target_id = QueryNumber(call.request, "target", 0);
    filter.limit = QueryNumber(call.request, "limit", 100);
    filter.offset = QueryNumber(call.request, "offset", 0);
    if (filter.limit > 500) filter.limit = 500;
    const std::string state = call.request.Query("state");
    if (!state.empty()) {
      ExportState parsed;
      if (!ParseExportState(state, &parsed))
        return SendError(call.response, 400, "invalid_argument", "state must be pending, delivered, dead or superseded");
      filter.state = parsed;
    }
    auto exports = store()->ListExports(filter);
    if (!exports.ok()) return SendStatus(call.response, exports.status());
    Json list = Json::array();
    for (const ExportRecord& e : *exports) list.push_back(ExportRecordToJson(e));
    SendJson(call.response, 200, {{"exports", list}});
  });

  router.Add(Method::kPost, "/api/v1/exports/{id}/retry", Permission::kReview, [store, &context](Call& call) {
    Status retried = store()->RetryExport(call.Number("id"));
    if (!retried.ok()) return SendStatus(call.response, retried);
    context.workspace->WakeExporters();
    auto again = store()->FindExport(call.Number("id"));
    if (!again.ok()) return SendStatus(call.response, again.status());
    SendJson(call.response, 200, ExportRecordToJson(**again));
  });

  router.Add(Method::kGet, "/api/v1/documents/{id}/exports", Permission::kRead, [store, &context](Call& call) {
    auto document = FindDocumentById(context, call);
    if (!document.ok()) return SendStatus(call.response, document.status());
    ExportFilter filter;
    filter.document_id = document->id;
    filter.limit = 500;
    auto exports = store()->ListExports(filter);
    if (!exports.ok()) return SendStatus(call.response, exports.status());
    Json list = Json::array();
    for (const ExportRecord& e : *exports) list.push_back(ExportRecordToJson(e));
    SendJson(call.response, 200, {{"exports", list}});
  });

  router.Add(Method::kGet, "/api/v1/documents/{id}/receipt", Permission::kRead, [store, &context](Call& call) {
    auto document = FindDocumentById(context, call);
    if (!document.ok()) return SendStatus(call.response, document.status());
    auto versions = store()->ListDocumentVersions(document->id);
    if (!versions.ok()) return SendStatus(call.response, versions.status());
    Json list = Json::array();
    for (const DocumentVersion& v : *versions) {
      Json receipt = v.accepted.receipt_json.empty() ? Json(nullptr)
                                                     : Json::parse(v.accepted.receipt_json, nullptr, false);
      list.push_back({{"version", v.version}, {"source", v.accepted.source}, {"accepted_by", v.accepted.accepted_by},
                      {"accepted_at", v.created_at}, {"document_type", v.accepted.document_type},
                      {"receipt", receipt.is_discarded() ? Json(nullptr) : receipt}});
    }
    LotSearch search;
    search.document_id = document->id;
    search.limit = 500;
    auto lots = store()->SearchLots(search);
    if (!lots.ok()) return SendStatus(call.response, lots.status());
    Json lot_list = Json::array();
    for (const Lot& lot : *lots) lot_list.push_back(LotToJson(lot));
    auto unlinked = store()->UnlinkedCertificates(document->id);
    if (!unlinked.ok()) return SendStatus(call.response, unlinked.status());
    Json unlinked_list = Json::array();
    for (const UnlinkedCertificate& c : *unlinked)
      unlinked_list.push_back({{"lot_number", c.lot_number}, {"article_code", c.article_code},
                               {"po_number", c.po_number}, {"reason", c.reason}});
    SendJson(call.response, 200, {{"versions", list}, {"lots", lot_list}, {"unlinked_certificates", unlinked_list}});
  });

  router.Add(Method::kGet, "/api/v1/lots", Permission::kRead, [store](Call& call) {
    LotSearch search;
    search.text = call.request.Query("q");
    search.state = call.request.Query("state");
    search.document_id = QueryNumber(call.request, "document", 0);
    search.limit = QueryNumber(call.request, "limit", 50);
    search.offset = QueryNumber(call.request, "offset", 0);
    auto lots = store()->SearchLots(search);
    if (!lots.ok()) return SendStatus(call.response, lots.status());
    Json list = Json::array();
    for (const Lot& lot : *lots) list.push_back(LotToJson(lot));
    SendJson(call.response, 200, {{"lots", list}});
  });

  router.Add(Method::kGet, "/api/v1/lots/{id}", Permission::kRead, [store, &context](Call& call) {
    auto page = store()->FindLot(call.Number("id"));
    if (!page.ok()) return SendStatus(call.response, page.status());
    if (!*page) return SendError(call.response, 404, "not_found", "there is no such lot");
    Json out = LotPageToJson(**page);
    Json orders = Json::array();
    for (const LotLink& l : (*page)->links)
      if (!l.po_number.empty() && std::find(orders.begin(), orders.end(), Json(l.po_number)) == orders.end())
        orders.push_back(l.po_number);
    // The supplier's safety data sheets whose product shares words with the article's description.
    Json sheets = Json::array();
    ReviewSearchFilter filter;
    filter.document_type = "safety_data_sheet";
    filter.limit = 200;
    auto found = context.workspace->services().reviews()->SearchReviews(filter);
    if (!found.ok()) return SendStatus(call.response, found.status());
    const Lot& lot = (*page)->lot;
    for (const ReviewSummaryRecord& sheet : found->documents) {
      if (sheet.status == "rejected") continue;
      Json values = Json::parse(sheet.values_json.empty() ? "{}" : sheet.values_json, nullptr, false);
      const Json fields = values.is_object() ? values.value("fields", Json::object()) : Json::object();
      const Json product = fields.is_object() ? fields.value("product_name", Json::object()) : Json();
      const std::string name = product.is_object() ? product.value("value", "") : "";
      const bool same_supplier = SupplierNameSimilarity(sheet.supplier, lot.supplier_name) >= 0.5;
      const bool same_product = !name.empty() && (SupplierNameSimilarity(name, lot.description) >= 0.5 ||
                                                  SupplierNameSimilarity(name, lot.article_code) >= 0.5);
      if (same_supplier && same_product)
        sheets.push_back({{"document_id", sheet.document.id}, {"file", sheet.document.original_name},
                          {"product_name", name}, {"status", sheet.status}});
    }
    out["orders"] = orders;
    out["safety_data_sheets"] = sheets;
    SendJson(call.response, 200, out);
  });

  router.Add(Method::kGet, "/api/v1/certificates/unlinked", Permission::kRead, [store](Call& call) {
    auto unlinked = store()->UnlinkedCertificates(0);
    if (!unlinked.ok()) return SendStatus(call.response, unlinked.status());
    Json list = Json::array();
    for (const UnlinkedCertificate& c : *unlinked)
      list.push_back({{"document_id", c.document_id}, {"lot_number", c.lot_number}, {"article_code", c.article_code},
                      {"po_number", c.po_number}, {"reason", c.reason}});
    SendJson(call.response, 200, {{"certificates", list}});
  });
}

}  // namespace quai::server
