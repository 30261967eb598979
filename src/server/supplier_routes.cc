// What quai has learned, read-only (any logged-in user): the supplier table
// with each supplier's accuracy over time, one supplier with its latest
// outcomes and its layout memory per document type, and the drift signals.
// Everything comes from the workspace's LearningStore; nothing here
// changes it.
#include <algorithm>
#include <cmath>

#include "extract/extractor.h"
#include "extract/layout_memory.h"
#include "pipeline/workspace_services.h"
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

using Json = nlohmann::json;

// Accuracy "recent" is over this many of the newest validated documents.
constexpr int kRecentOutcomes = 5;
// GET /api/v1/suppliers/{id} lists this many of the newest outcomes.
constexpr int kListedOutcomes = 50;
// Every outcome of a supplier, for "overall" (one row per validated document).
constexpr int kAllOutcomes = 1'000'000;

Json Rounded(double value) { return std::round(value * 10000) / 10000; }

// 1 - corrected/fields over `count` outcomes from the newest; null when they hold no field.
Json AccuracyOver(const std::vector<SupplierOutcome>& newest_first, size_t count) {
  int fields = 0, corrected = 0;
  for (size_t k = 0; k < std::min(count, newest_first.size()); ++k) {
    fields += newest_first[k].fields;
    corrected += newest_first[k].corrected;
  }
  if (fields <= 0) return nullptr;
  return Rounded(1.0 - static_cast<double>(std::min(corrected, fields)) / fields);
}

Json SupplierJson(const StoredSupplier& supplier, const std::vector<SupplierOutcome>& outcomes) {
  Json identifiers = Json::array();
  for (const SupplierIdentifier& id : supplier.identifiers)
    identifiers.push_back({{"kind", id.kind}, {"value", id.value}});
  return {{"id", supplier.id},
          {"name", supplier.name},
          {"identifiers", identifiers},
          {"documents_seen", supplier.documents_seen},
          {"documents_validated", supplier.documents_validated},
          {"created_at", supplier.created_at},
          {"accuracy",
           {{"recent", AccuracyOver(outcomes, kRecentOutcomes)},
            {"overall", AccuracyOver(outcomes, outcomes.size())},
            {"documents", outcomes.size()}}}};
}

Json OptionalId(const std::optional<int64_t>& id) { return id ? Json(*id) : Json(nullptr); }

LearningStore* Learning(ServerContext& context) { return context.workspace->services().learning(); }

}  // namespace

void AddSupplierRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kGet, "/api/v1/suppliers", Permission::kRead, [&context](Call& call) {
    LearningStore* learning = Learning(context);
    auto suppliers = learning->ListSuppliers();
    if (!suppliers.ok()) return SendStatus(call.response, suppliers.status());
    Json list = Json::array();
    for (const StoredSupplier& supplier : *suppliers) {
      auto outcomes = learning->ListSupplierOutcomes(supplier.id, kAllOutcomes);
      if (!outcomes.ok()) return SendStatus(call.response, outcomes.status());
      list.push_back(SupplierJson(supplier, *outcomes));
    }
    SendJson(call.response, 200, {{"suppliers", list}});
  });

  router.Add(Method::kGet, "/api/v1/suppliers/{id}", Permission::kRead, [&context](Call& call) {
    LearningStore* learning = Learning(context);
    const int64_t id = call.Number("id");
    auto supplier = learning->FindSupplier(id);
    if (!supplier.ok()) return SendStatus(call.response, supplier.status());
    if (!supplier->has_value())
      return SendError(call.response, 404, "not_found", "no supplier with id " + std::to_string(id));
    auto outcomes = learning->ListSupplierOutcomes(id, kAllOutcomes);
    if (!outcomes.ok()) return SendStatus(call.response, outcomes.status());
    Json body = SupplierJson(**supplier, *outcomes);
    Json listed = Json::array();
    for (size_t k = 0; k < outcomes->size() && k < static_cast<size_t>(kListedOutcomes); ++k) {
      const SupplierOutcome& outcome = (*outcomes)[k];
      listed.push_back({{"document_id", outcome.document_id},
                        {"at", outcome.at},
                        {"fields", outcome.fields},
                        {"corrected", outcome.corrected}});
    }
    body["outcomes"] = std::move(listed);
    // The layout memory the supplier's next document of each type is read with
    // (kLayoutMemoryDocuments at most). Without models nothing was ever learned.
    Json layouts = Json::object();
    if (const Extractor* extractor = context.workspace->services().extractor(); extractor != nullptr) {
      for (const std::string& type : extractor->schemas().DocumentTypes()) {
        auto examples = learning->ListLayoutExamples(id, type, kLayoutMemoryDocuments);
        if (!examples.ok()) return SendStatus(call.response, examples.status());
        layouts[type] = examples->size();
      }
    }
    body["layouts"] = std::move(layouts);
    SendJson(call.response, 200, body);
  });

  router.Add(Method::kGet, "/api/v1/drift", Permission::kRead, [&context](Call& call) {
    int limit = 50, offset = 0;
    if (!ParseIntParam(call.request, call.response, "limit", 50, 1, 500, &limit)) return;
    if (!ParseIntParam(call.request, call.response, "offset", 0, 0, 1'000'000'000, &offset)) return;
    auto signals = Learning(context)->ListDriftSignals(limit, offset);
    if (!signals.ok()) return SendStatus(call.response, signals.status());
    Json list = Json::array();
    for (const DriftSignal& signal : *signals) {
      Json detail = Json::parse(signal.detail_json, nullptr, /*allow_exceptions=*/false);
      list.push_back({{"id", signal.id},
                      {"at", signal.at},
                      {"kind", signal.kind},
                      {"supplier_id", OptionalId(signal.supplier_id)},
                      {"document_id", OptionalId(signal.document_id)},
                      {"detail", detail.is_object() ? detail : Json(nullptr)}});
    }
    SendJson(call.response, 200, {{"signals", list}, {"limit", limit}, {"offset", offset}});
  });
}

}  // namespace quai::server
