#include "check/erp_checks.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "check/erp_pairing.h"
#include "check/finding_codes.h"
#include "check/lot_keys.h"
#include "erp/master_data_values.h"
#include "erp/units.h"
#include "extract/supplier_recognizer.h"

namespace quai {
namespace fc = finding_codes;
namespace {

std::string Value(const std::map<std::string, ExtractedValue>& values, const std::string& name) {
  auto it = values.find(name);
  return it == values.end() ? "" : it->second.value;
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", std::abs(value) < 1e-9 ? 0.0 : value);
  return text;
}

std::optional<std::chrono::sys_days> ParseDay(const std::string& iso) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
  std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!day.ok()) return std::nullopt;
  return std::chrono::sys_days(day);
}

std::string FormatDay(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

std::string Field(size_t line, const char* name) { return "lines[" + std::to_string(line) + "]." + name; }

// One order line and what this document puts on it.
struct LineTotal {
  const PurchaseOrderLine* po_line = nullptr;
  const ErpArticle* article = nullptr;
  size_t first_document_line = 0;
  double quantity = 0;  // in the order line's unit
};

}  // namespace

Result<std::shared_ptr<const SupplierNameIndex>> ErpChecks::Names(int64_t generation) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (names_generation_ != generation || !names_) {
    auto suppliers = store_.ListErpSuppliers();
    if (!suppliers.ok()) return suppliers.status();
    names_ = std::make_shared<const SupplierNameIndex>(std::move(suppliers).value());
    names_generation_ = generation;
  }
  return names_;
}

Result<std::optional<DocumentPairing>> ErpChecks::Pair(const Extraction& extraction) const {
  auto connection = store_.GetErpConnection();
  if (!connection.ok()) return connection.status();
  if (!connection->has_value()) return std::optional<DocumentPairing>();
  auto state = store_.GetErpSyncState();
  if (!state.ok()) return state.status();
  if (state->last_success_at.empty()) return std::optional<DocumentPairing>();
  auto names = Names(state->generation);
  if (!names.ok()) return names.status();
  auto paired = ErpPairing(store_, names->get()).Pair(extraction);
  if (!paired.ok()) return paired.status();
  return std::optional<DocumentPairing>(std::move(paired).value());
}

Result<std::shared_ptr<const ErpRules>> ErpChecks::Rules() const {
  if (fixed_) return fixed_;
  auto text = store_.GetErpRulesJson();
  if (!text.ok()) return text.status();
  std::lock_guard<std::mutex> lock(mutex_);
  if (*text == parsed_text_) return parsed_;
  ErpRules rules;
  if (!text->empty()) {
    auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded()) return Status::Internal("the stored ERP rules are not JSON");
    auto parsed = ErpRules::FromJson(json);
    if (!parsed.ok()) return parsed.status();
    rules = std::move(parsed).value();
  }
  parsed_ = std::make_shared<const ErpRules>(std::move(rules));
  parsed_text_ = *text;
  return parsed_;
}

Status ErpChecks::CheckCertificate(const Extraction& extraction, std::vector<Finding>* findings) const {
  auto pairing = Pair(extraction);
  if (!pairing.ok()) return pairing.status();
  std::optional<LotEntry> entry = CertificateLotEntry(extraction, *pairing);
  if (!entry) return Status::Ok();  // no lot read: required_field_missing says so
  auto why_not = lots_->CertificateMatch(*entry);
  if (!why_not.ok()) return why_not.status();
  if (why_not->empty()) return Status::Ok();
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  const std::string supplier_id = *pairing && (*pairing)->supplier.supplier ? (*pairing)->supplier.supplier->supplier_id : "";
  RuleSetting rule = (*rules)->For(fc::kCertificateUnmatched, supplier_id, entry->article_code);
  if (rule.severity == "off") return Status::Ok();
  findings->push_back({fc::kCertificateUnmatched, "lot_number", rule.severity == "block",
                       "this certificate matches no delivery: " + *why_not, rule.severity,
                       {{"lot_number", entry->lot_number}, {"article_code", entry->article_code},
                        {"po_number", entry->po_number}}});
  return Status::Ok();
}

Status ErpChecks::Check(const Extraction& extraction, int64_t document_id, const std::string& today,
                        std::vector<Finding>* findings) const {
  const std::string& type = extraction.document_type;
  if (type == "certificate_of_conformity" && lots_ != nullptr) return CheckCertificate(extraction, findings);
  const bool delivery = type == "delivery_note", invoice = type == "invoice";
  if (!delivery && !invoice) return Status::Ok();
  auto connection = store_.GetErpConnection();
  if (!connection.ok()) return connection.status();
  if (!connection->has_value()) return Status::Ok();  // no ERP connected: nothing to check against
  auto state = store_.GetErpSyncState();
  if (!state.ok()) return state.status();
  auto rules_in_force = Rules();
  if (!rules_in_force.ok()) return rules_in_force.status();
  const ErpRules& rules = **rules_in_force;

  std::string supplier_id;
  auto add = [&](const char* code, const std::string& field, const std::string& message,
                 std::map<std::string, std::string> erp = {}, const std::string& article_code = "") {
    RuleSetting rule = rules.For(code, supplier_id, article_code);
    if (rule.severity == "off") return;
    findings->push_back({code, field, rule.severity == "block", message, rule.severity, std::move(erp)});
  };
  if (!state->available) {
    add(fc::kErpUnavailable, "",
        state->last_success_at.empty()
            ? "the ERP has not answered yet (" + state->last_error + "): checked again when it does"
            : "the ERP did not answer at the last sync (" + state->last_error + "): checked against its copy of " +
                  state->last_success_at + ", again when it answers");
    if (state->last_success_at.empty()) return Status::Ok();
  }

  auto names = Names(state->generation);
  if (!names.ok()) return names.status();
  auto paired = ErpPairing(store_, names->get()).Pair(extraction);
  if (!paired.ok()) return paired.status();
  const DocumentPairing& pairing = *paired;
  if (pairing.supplier.supplier) supplier_id = pairing.supplier.supplier->supplier_id;
  const std::string supplier_name = pairing.supplier.supplier ? pairing.supplier.supplier->name : "";

  if (!pairing.supplier.supplier)
    add(fc::kSupplierNotFound, "supplier_name",
        pairing.supplier.candidates > 1
            ? "the supplier could be any of " + std::to_string(pairing.supplier.candidates) + " suppliers of the ERP"
            : "no supplier of the ERP has this name or the identifiers printed");

  // Orders.
  for (const auto& number : pairing.po_numbers_missing)
    add(fc::kPoNotFound, "po_number", "purchase order " + number + " is not in the ERP", {{"po_number", number}});
  for (const PurchaseOrder& order : pairing.orders) {
    if (order.status == "closed" || order.status == "cancelled")
      add(fc::kPoClosed, "po_number", "purchase order " + order.po_number + " is " + order.status + " in the ERP",
          {{"po_number", order.po_number}, {"status", order.status}});
    if (!supplier_id.empty() && order.supplier_id != supplier_id) {
      auto owner = store_.FindErpSupplier(order.supplier_id);
      if (!owner.ok()) return owner.status();
      std::string owner_name = *owner ? (*owner)->name : order.supplier_id;
      add(fc::kSupplierMismatch, "po_number",
          "purchase order " + order.po_number + " was placed with " + owner_name + ", not " + supplier_name,
          {{"po_number", order.po_number}, {"supplier", owner_name}, {"supplier_id", order.supplier_id}});
    }
  }

  // Lines: pairing, units, lots and dates.
  auto today_day = ParseDay(today);
  std::map<std::pair<std::string, std::string>, LineTotal> totals;
  for (size_t i = 0; i < extraction.lines.size(); ++i) {
    const auto& line = extraction.lines[i];
    const LinePairing& pair = pairing.lines[i];
    const ErpArticle* article = pair.article ? &*pair.article : nullptr;
    const std::string article_code = article ? article->article_code : "";
    const std::string description = Value(line, "description");
    const bool something_to_pair = !Value(line, "supplier_article_code").empty() ||
                                   !Value(line, "internal_article_code").empty() ||
                                   std::any_of(description.begin(), description.end(),
                                               [](unsigned char c) { return std::isalnum(c); });
    if (!pair.paired) {
      if (!pairing.orders.empty() && something_to_pair)
        add(fc::kArticleNotOnPo, Field(i, "supplier_article_code"),
            "line " + std::to_string(i + 1) + " (" + Value(line, "supplier_article_code") + " " +
                Value(line, "description") + ") is on none of the document's orders");
    } else {
      const PurchaseOrder* order = nullptr;
      for (const auto& o : pairing.orders)
        if (o.po_number == pair.po_number) order = &o;
      const PurchaseOrderLine& po_line = order->lines[pair.order_line];
      auto quantity = ParseErpNumber(Value(line, "quantity"), "quantity");
      std::string unit = Value(line, "unit");
      std::optional<double> converted =
          quantity.ok() ? ConvertQuantity(*quantity, unit, po_line.unit, article) : std::nullopt;
      if (quantity.ok() && !converted) {
        add(fc::kUnitMismatch, Field(i, "unit"),
            "line " + std::to_string(i + 1) + " is in " + unit + ", order line " + po_line.line + " of " +
                po_line.po_number + " in " + po_line.unit + ", which do not convert",
            {{"po_number", po_line.po_number}, {"line", po_line.line}, {"unit", po_line.unit}}, article_code);
      } else if (converted) {
        LineTotal& total = totals[{po_line.po_number, po_line.line}];
        if (total.po_line == nullptr) total = {&po_line, article, i, 0};
        total.quantity += *converted;
        if (invoice && !Value(line, "unit_price").empty() && po_line.unit_price > 0 && *converted > 0) {
          auto price = ParseErpNumber(Value(line, "unit_price"), "unit price");
          if (price.ok()) {
            double per_po_unit = *price * *quantity / *converted;
            double difference = per_po_unit - po_line.unit_price;
            RuleSetting rule = rules.For(fc::kPriceMismatch, supplier_id, article_code);
            bool within = difference >= 0 ? WithinLimit(difference, po_line.unit_price, rule.over)
                                          : WithinLimit(-difference, po_line.unit_price, rule.under);
            if (!within)
              add(fc::kPriceMismatch, Field(i, "unit_price"),
                  "unit price " + Number(per_po_unit) + " per " + po_line.unit + ", the order says " +
                      Number(po_line.unit_price),
                  {{"po_number", po_line.po_number}, {"line", po_line.line},
                   {"unit_price", Number(po_line.unit_price)}, {"currency", po_line.currency}},
                  article_code);
          }
        }
      }
    }
    if (!delivery) continue;
    // The lot: an article the ERP knows, even off the order.
    std::optional<ErpArticle> known = pair.article;
    if (!known && !supplier_id.empty() && !Value(line, "supplier_article_code").empty()) {
      auto found = store_.FindArticlesBySupplierCode(supplier_id, Value(line, "supplier_article_code"));
      if (!found.ok()) return found.status();
      if (found->size() == 1) known = found->front();
    }
    std::string expiry = Value(line, "expiry_date");
    auto expiry_day = ParseDay(expiry);
    if (expiry_day && today_day) {
      if (*expiry_day < *today_day) {
        add(fc::kExpired, Field(i, "expiry_date"), "lot " + Value(line, "lot_number") + " expired on " + expiry,
            {{"today", today}}, known ? known->article_code : "");
      } else if (known && known->min_shelf_life_days > 0 &&
                 *expiry_day < *today_day + std::chrono::days(known->min_shelf_life_days)) {
        add(fc::kShelfLifeShort, Field(i, "expiry_date"),
            "lot " + Value(line, "lot_number") + " expires on " + expiry + ", before " +
                FormatDay(*today_day + std::chrono::days(known->min_shelf_life_days)) + " (" +
                std::to_string(known->min_shelf_life_days) + " days of shelf life required)",
            {{"min_shelf_life_days", std::to_string(known->min_shelf_life_days)}}, known->article_code);
      }
    }
    if (known && known->lot_managed && Value(line, "lot_number").empty())
      add(fc::kLotMissing, Field(i, "lot_number"),
          "article " + known->article_code + " is managed by lot and line " + std::to_string(i + 1) + " gives none",
          {}, known->article_code);
  }

  // Quantities, cumulative over what was received before.
  std::map<std::string, std::map<std::string, double>> in_quai;
  for (const auto& order : pairing.orders) {
    auto received = store_.ReceivedInQuai(order.po_number, document_id);
    if (!received.ok()) return received.status();
    in_quai[order.po_number] = *received;
  }
  std::vector<ReceivedQuantity> delivered;
  for (const auto& [key, total] : totals) {
    const PurchaseOrderLine& po_line = *total.po_line;
    const std::string article_code = total.article ? total.article->article_code : po_line.article_code;
    double before = po_line.quantity_received + in_quai[po_line.po_number][po_line.line];
    std::map<std::string, std::string> erp = {
        {"po_number", po_line.po_number}, {"line", po_line.line},
        {"quantity_ordered", Number(po_line.quantity_ordered)}, {"quantity_received_before", Number(before)},
        {"quantity_open", Number(po_line.quantity_ordered - before)}, {"this_document", Number(total.quantity)},
        {"unit", po_line.unit}};
    if (delivery) {
      delivered.push_back({po_line.po_number, po_line.line, total.quantity});
      double excess = total.quantity - (po_line.quantity_ordered - before);
      RuleSetting rule = rules.For(fc::kQuantityOverOpen, supplier_id, article_code);
      if (!WithinLimit(excess, po_line.quantity_ordered, rule.over))
        add(fc::kQuantityOverOpen, Field(total.first_document_line, "quantity"),
            Number(total.quantity) + " " + po_line.unit + " delivered on line " + po_line.line + " of " +
                po_line.po_number + ", which has " + Number(po_line.quantity_ordered - before) + " " + po_line.unit +
                " open (" + Number(po_line.quantity_ordered) + " ordered, " + Number(before) + " received before)",
            erp, article_code);
    } else {
      double excess = total.quantity - before;
      RuleSetting rule = rules.For(fc::kQuantityNotReceived, supplier_id, article_code);
      if (!WithinLimit(excess, po_line.quantity_ordered, rule.over))
        add(fc::kQuantityNotReceived, Field(total.first_document_line, "quantity"),
            Number(total.quantity) + " " + po_line.unit + " invoiced on line " + po_line.line + " of " +
                po_line.po_number + ", of which " + Number(before) + " received",
            erp, article_code);
    }
  }
  if (delivery && document_id != 0) QUAI_RETURN_IF_ERROR(store_.SaveReceivedQuantities(document_id, delivered));

  if (!invoice) return Status::Ok();
  // Invoices: the same invoice again, and the supplier's identifiers.
  std::string number = Value(extraction.fields, "invoice_number");
  std::string name = Value(extraction.fields, "supplier_name");
  if (!number.empty() || !Value(extraction.fields, "total_incl_tax").empty()) {
    auto twins = store_.FindInvoiceTwins(document_id, name.empty() ? extraction.supplier.name : name, number,
                                         Value(extraction.fields, "total_incl_tax"),
                                         Value(extraction.fields, "invoice_date"));
    if (!twins.ok()) return twins.status();
    if (!twins->empty()) {
      const InvoiceTwin& twin = twins->front();
      add(fc::kDuplicateInvoice, twin.invoice_number == number ? "invoice_number" : "total_incl_tax",
          "document " + std::to_string(twin.document_id) + " (" + twin.original_name + ") is already invoice " +
              twin.invoice_number + " of this supplier",
          {{"document_id", std::to_string(twin.document_id)}, {"invoice_number", twin.invoice_number}});
    }
  }
  if (!pairing.supplier.supplier) return Status::Ok();
  const ErpSupplier& erp_supplier = *pairing.supplier.supplier;
  auto printed = [&](const char* kind, const std::string& wanted, bool* any) {
    bool found = false;
    for (const auto& id : extraction.printed_identifiers)
      if (id.kind == kind) {
        *any = true;
        found = found || CompactIdentifier(id.value) == CompactIdentifier(wanted);
      }
    return found;
  };
  if (!erp_supplier.vat_number.empty()) {
    bool any = false;
    bool on_page = printed("vat", erp_supplier.vat_number, &any);
    std::string read = CompactIdentifier(Value(extraction.fields, "supplier_vat_number"));
    if (!on_page && (any || !read.empty()))
      add(fc::kVatNumberMismatch, "supplier_vat_number",
          "the VAT number printed is not " + erp_supplier.name + "'s in the ERP (" + erp_supplier.vat_number + ")",
          {{"vat_number", erp_supplier.vat_number}, {"supplier_id", erp_supplier.supplier_id}});
  }
  if (!erp_supplier.iban.empty()) {
    bool any = false;
    if (!printed("iban", erp_supplier.iban, &any) && any)
      add(fc::kIbanChanged, "",
          "the IBAN printed is not the one the ERP has for " + erp_supplier.name +
              ": confirm the change with the supplier by phone before paying",
          {{"iban", erp_supplier.iban}, {"supplier_id", erp_supplier.supplier_id}});
  }
  return Status::Ok();
}

}  // namespace quai
