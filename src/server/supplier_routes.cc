// What quai has learned (any logged-in user reads): the supplier table with
// each supplier's accuracy over time, one supplier with its latest outcomes,
// its layout memory per document type and what it taught (conventions), and
// the drift signals. Reviewers and administrators keep the learning loop
// clean (the Suppliers screen): rename a supplier, merge two, forget one
// wrongly learned convention; each change is an entry of the security log.
#include <algorithm>
#include <cmath>
#include <map>

#include "extract/extractor.h"
#include "extract/layout_memory.h"
#include "extract/supplier_recognizer.h"
#include "learn/supplier_conventions.h"
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

// Accuracy per calendar month ("2026-03"), oldest first: what the screen draws over time.
Json AccuracyByMonth(const std::vector<SupplierOutcome>& newest_first) {
  std::map<std::string, std::pair<int, int>> months;  // month -> (fields, corrected)
  for (const SupplierOutcome& outcome : newest_first) {
    auto& [fields, corrected] = months[outcome.at.substr(0, 7)];
    fields += outcome.fields;
    corrected += std::min(outcome.corrected, outcome.fields);
  }
  Json list = Json::array();
  for (const auto& [month, counts] : months)
    list.push_back({{"month", month},
                    {"fields", counts.first},
                    {"accuracy", counts.first > 0 ? Rounded(1.0 - static_cast<double>(counts.second) / counts.first)
                                                  : Json(nullptr)}});
  return list;
}

Json SupplierJson(const StoredSupplier& supplier, const std::vector<SupplierOutcome>& outcomes) {
  Json identifiers = Json::array();
  Json aliases = Json::array();
  for (const SupplierIdentifier& id : supplier.identifiers) {
    if (id.kind == kSupplierAliasKind)
      aliases.push_back(id.value);
    else
      identifiers.push_back({{"kind", id.kind}, {"value", id.value}});
  }
  return {{"id", supplier.id},
          {"name", supplier.name},
          {"identifiers", identifiers},
          {"aliases", aliases},
          {"last_document_at", outcomes.empty() ? Json(nullptr) : Json(outcomes.front().at)},
          {"documents_seen", supplier.documents_seen},
          {"documents_validated", supplier.documents_validated},
          {"created_at", supplier.created_at},
          {"accuracy",
           {{"recent", AccuracyOver(outcomes, kRecentOutcomes)},
            {"overall", AccuracyOver(outcomes, outcomes.size())},
            {"documents", outcomes.size()},
            {"by_month", AccuracyByMonth(outcomes)}}}};
}

Json OptionalId(const std::optional<int64_t>& id) { return id ? Json(*id) : Json(nullptr); }

LearningStore* Learning(ServerContext& context) { return context.workspace->services().learning(); }

// Every layout example there is is read when forgetting (the memory reads the newest few).
constexpr int kAllExamples = 1'000'000;

std::vector<std::string> UnitFields(const DocumentSchema& schema) {
  std::vector<std::string> units;
  for (const FieldSpec& field : schema.lines)
    if (field.type == ValueType::kUnit) units.push_back(field.name);
  return units;
}

Json ConventionJson(const LearnedConvention& c) {
  Json json = {{"key", c.key}, {"kind", c.kind}, {"field", c.field}, {"value", c.value}};
  if (c.kind == "identifier") return json;
  json["document_type"] = c.document_type;
  json["documents"] = c.documents;
  if (c.kind != "unit") {
    json["page"] = c.page;
    json["box"] = {Rounded(c.x0), Rounded(c.y0), Rounded(c.x1), Rounded(c.y1)};
  }
  return json;
}

// What the supplier taught: its identifiers and aliases, then per document
// type the labels, columns and units of its layout examples.
Result<std::vector<LearnedConvention>> Conventions(ServerContext& context, const StoredSupplier& supplier) {
  std::vector<LearnedConvention> all;
  for (const SupplierIdentifier& id : supplier.identifiers) {
    LearnedConvention c;
    c.kind = "identifier";
    c.field = id.kind;
    c.value = id.value;
    c.key = "identifier/" + id.kind + "/" + id.value;
    all.push_back(std::move(c));
  }
  const Extractor* extractor = context.workspace->services().extractor();
  if (extractor == nullptr) return all;
  for (const DocumentSchema& schema : extractor->schemas().schemas()) {
    auto records = Learning(context)->ListLayoutExamples(supplier.id, schema.document_type, kLayoutMemoryDocuments);
    if (!records.ok()) return records.status();
    std::vector<LayoutExample> examples;
    for (const LayoutExampleRecord& r : *records)
      if (auto example = ParseLayoutExample(r.anchors_json); example.ok()) examples.push_back(std::move(*example));
    for (LearnedConvention& c : ConventionsOf(schema.document_type, examples, UnitFields(schema)))
      all.push_back(std::move(c));
  }
  return all;
}

// Removes one learned convention from every layout example of the supplier
// (or its identifier); how many examples changed (1 for an identifier).
Result<int> Forget(ServerContext& context, int64_t supplier_id, const LearnedConvention& convention) {
  LearningStore* learning = Learning(context);
  if (convention.kind == "identifier") {
    QUAI_RETURN_IF_ERROR(learning->RemoveSupplierIdentifier(supplier_id, {convention.field, convention.value}));
    return 1;
  }
  auto records = learning->ListLayoutExamples(supplier_id, convention.document_type, kAllExamples);
  if (!records.ok()) return records.status();
  int changed = 0;
  for (LayoutExampleRecord record : *records) {
    auto example = ParseLayoutExample(record.anchors_json);
    if (!example.ok() || !ForgetConvention(convention, &*example)) continue;
    record.anchors_json = LayoutExampleToJson(*example).dump(-1, ' ', false, Json::error_handler_t::replace);
    QUAI_RETURN_IF_ERROR(learning->SaveLayoutExample(record));
    ++changed;
  }
  return changed;
}

// A supplier name as a person typed it: spaces collapsed and trimmed.
std::string CleanName(const std::string& text) {
  std::string name;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (name.empty() || name.back() == ' ')) continue;
    name += space ? ' ' : c;
  }
  while (!name.empty() && name.back() == ' ') name.pop_back();
  return name;
}

constexpr size_t kMaxNameBytes = 200;

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
      return SendError(call.response, 404, "not_found", "no supplier with id " + std::to_string(id));  // kept: clients read it
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
    auto conventions = Conventions(context, **supplier);
    if (!conventions.ok()) return SendStatus(call.response, conventions.status());
    Json listed_conventions = Json::array();
    for (const LearnedConvention& c : *conventions) listed_conventions.push_back(ConventionJson(c));
    body["conventions"] = std::move(listed_conventions);
    SendJson(call.response, 200, body);
  });

  auto find = [&context](Call& call, const char* param) -> std::optional<StoredSupplier> {
    const int64_t id = call.Number(param);
    auto supplier = Learning(context)->FindSupplier(id);
    if (!supplier.ok()) {
      SendStatus(call.response, supplier.status());
      return std::nullopt;
    }
    if (!supplier->has_value()) {
      SendError(call.response, 404, "supplier_not_found", "no supplier with id " + std::to_string(id));
      return std::nullopt;
    }
    return **supplier;
  };
  auto log = [&context](Call& call, const char* what, const std::string& detail) {
    context.accounts->security_log().Record(what, call.caller->user.name,
                                            ClientAddress(call.request, context.settings), detail);
  };
  auto send_one = [&context](Call& call, int64_t id) {
    auto supplier = Learning(context)->FindSupplier(id);
    if (!supplier.ok() || !supplier->has_value()) return SendStatus(call.response, supplier.status());
    auto outcomes = Learning(context)->ListSupplierOutcomes(id, kAllOutcomes);
    if (!outcomes.ok()) return SendStatus(call.response, outcomes.status());
    SendJson(call.response, 200, SupplierJson(**supplier, *outcomes));
  };

  // Rename: {"name": "..."}; the old name stays an alias, so its documents are still recognised.
  router.Add(Method::kPut, "/api/v1/suppliers/{id}", Permission::kReview, [&context, find, log, send_one](Call& call) {
    Json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    auto supplier = find(call, "id");
    if (!supplier) return;
    if (!body.contains("name") || !body["name"].is_string())
      return SendError(call.response, 400, "supplier_name_missing", "\"name\" must be a string");
    const std::string name = CleanName(body["name"].get<std::string>());
    if (name.empty()) return SendError(call.response, 400, "supplier_name_empty", "the supplier's name is empty");
    if (name.size() > kMaxNameBytes)
      return SendError(call.response, 400, "supplier_name_too_long",
                       "the supplier's name is longer than " + std::to_string(kMaxNameBytes) + " bytes");
    // Another supplier's name: that is a merge, not a rename.
    auto all = Learning(context)->ListSuppliers();
    if (!all.ok()) return SendStatus(call.response, all.status());
    for (const StoredSupplier& other : *all)
      if (other.id != supplier->id && FoldSupplierName(other.name) == FoldSupplierName(name))
        return SendError(call.response, 409, "supplier_name_taken",
                         "supplier " + std::to_string(other.id) + " is named '" + other.name + "': merge them instead");
    const std::string before = supplier->name;
    if (name != before) {
      supplier->name = name;
      supplier->identifiers = {{kSupplierAliasKind, before}};
      Status updated = Learning(context)->UpdateSupplier(*supplier);
      if (!updated.ok()) return SendStatus(call.response, updated);
      // The new name is no alias of itself.
      Status unaliased = Learning(context)->RemoveSupplierIdentifier(supplier->id, {kSupplierAliasKind, name});
      if (!unaliased.ok()) return SendStatus(call.response, unaliased);
      log(call, "supplier_renamed", "supplier " + std::to_string(supplier->id) + ": '" + before + "' -> '" + name + "'");
    }
    send_one(call, supplier->id);
  });

  // Merge: {"merged_id": n}; everything learned from it moves to {id}, its name becomes an alias.
  router.Add(Method::kPost, "/api/v1/suppliers/{id}/merge", Permission::kReview,
             [&context, find, log, send_one](Call& call) {
               Json body;
               if (!ParseJsonObject(call.request, call.response, &body)) return;
               auto kept = find(call, "id");
               if (!kept) return;
               if (!body.contains("merged_id") || !body["merged_id"].is_number_integer())
                 return SendError(call.response, 400, "supplier_merge_missing", "\"merged_id\" must be a supplier id");
               const int64_t merged_id = body["merged_id"].get<int64_t>();
               if (merged_id == kept->id)
                 return SendError(call.response, 400, "supplier_merge_itself", "a supplier cannot be merged into itself");
               auto merged = Learning(context)->FindSupplier(merged_id);
               if (!merged.ok()) return SendStatus(call.response, merged.status());
               if (!merged->has_value())
                 return SendError(call.response, 404, "supplier_not_found",
                                  "no supplier with id " + std::to_string(merged_id));
               Status moved = Learning(context)->MergeSuppliers(kept->id, merged_id);
               if (!moved.ok()) return SendStatus(call.response, moved);
               StoredSupplier alias = *kept;
               alias.identifiers = {{kSupplierAliasKind, (*merged)->name}};
               auto after = Learning(context)->FindSupplier(kept->id);
               if (!after.ok() || !after->has_value()) return SendStatus(call.response, after.status());
               alias.documents_validated = (*after)->documents_validated;
               alias.letterhead = (*after)->letterhead;
               if ((*merged)->name != kept->name) {
                 Status aliased = Learning(context)->UpdateSupplier(alias);
                 if (!aliased.ok()) return SendStatus(call.response, aliased);
               }
               log(call, "suppliers_merged",
                   "supplier " + std::to_string(merged_id) + " '" + (*merged)->name + "' merged into supplier " +
                       std::to_string(kept->id) + " '" + kept->name + "'");
               send_one(call, kept->id);
             });

  // Forget one convention: ?key= as GET /api/v1/suppliers/{id} lists it.
  router.Add(Method::kDelete, "/api/v1/suppliers/{id}/conventions", Permission::kReview,
             [&context, find, log](Call& call) {
               auto supplier = find(call, "id");
               if (!supplier) return;
               const std::string key = call.request.Query("key");
               auto convention = ParseConventionKey(key);
               if (!convention.ok())
                 return SendError(call.response, 400, "convention_key_invalid", convention.status().message());
               auto known = Conventions(context, *supplier);
               if (!known.ok()) return SendStatus(call.response, known.status());
               bool listed = false;
               for (const LearnedConvention& c : *known) listed |= c.key == key;
               // Beyond the newest examples the screen lists, older ones may still hold it.
               auto changed = Forget(context, supplier->id, *convention);
               if (!changed.ok()) return SendStatus(call.response, changed.status());
               if (!listed && *changed == 0)
                 return SendError(call.response, 404, "convention_not_found",
                                  "supplier " + std::to_string(supplier->id) + " has not learned '" + key + "'");
               log(call, "supplier_convention_forgotten",
                   "supplier " + std::to_string(supplier->id) + " '" + supplier->name + "': " + key);
               SendJson(call.response, 200, {{"forgotten", key}, {"examples_changed", *changed}});
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
