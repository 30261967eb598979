#include "receive/goods_receipt.h"

#include <cmath>
#include <map>

#include "check/erp_rules.h"
#include "check/finding_codes.h"
#include "erp/master_data_values.h"
#include "erp/units.h"

namespace quai {
namespace {

using Json = nlohmann::json;

std::string Value(const std::map<std::string, ExtractedValue>& values, const std::string& name) {
  auto it = values.find(name);
  return it == values.end() ? "" : it->second.value;
}

// Quantities are compared to a millionth: 0.1 + 0.2 delivered is 0.3 ordered.
constexpr double kEpsilon = 1e-6;

Json Optional(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

std::optional<double> OptionalNumber(const Json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string Text(const Json& json, const char* key) {
  auto it = json.find(key);
  return it != json.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

Result<GoodsReceipt> BuildGoodsReceipt(const Extraction& extraction, const ErpChecks* erp, int64_t document_id) {
  GoodsReceipt receipt;
  receipt.supplier_name = Value(extraction.fields, "supplier_name");
  if (receipt.supplier_name.empty()) receipt.supplier_name = extraction.supplier.name;
  receipt.delivery_note_number = Value(extraction.fields, "delivery_note_number");
  receipt.delivery_date = Value(extraction.fields, "delivery_date");
  receipt.po_numbers = SplitPoNumbers(Value(extraction.fields, "po_number"));

  std::optional<DocumentPairing> pairing;
  std::shared_ptr<const ErpRules> rules;
  if (erp != nullptr) {
    auto paired = erp->Pair(extraction);
    if (!paired.ok()) return paired.status();
    pairing = std::move(paired).value();
    auto in_force = erp->Rules();
    if (!in_force.ok()) return in_force.status();
    rules = *in_force;
  }
  if (pairing && pairing->supplier.supplier) {
    receipt.supplier_id = pairing->supplier.supplier->supplier_id;
    receipt.supplier_name = pairing->supplier.supplier->name;
  }

  // What each order line had received before this document, and what this
  // document puts on it: the status after it is judged on the sum.
  std::map<std::string, std::map<std::string, double>> before_in_quai;
  std::map<std::pair<std::string, std::string>, double> this_document;
  const PurchaseOrderLine* no_line = nullptr;
  std::vector<const PurchaseOrderLine*> po_lines(extraction.lines.size(), no_line);
  std::vector<std::optional<ErpArticle>> articles(extraction.lines.size());
  for (size_t i = 0; i < extraction.lines.size(); ++i) {
    const auto& values = extraction.lines[i];
    ReceiptLine& line = receipt.lines.emplace_back();
    line.document_line = static_cast<int>(i);
    line.supplier_article_code = Value(values, "supplier_article_code");
    line.article_code = Value(values, "internal_article_code");
    line.description = Value(values, "description");
    line.quantity_delivered = Value(values, "quantity");
    line.unit_delivered = Value(values, "unit");
    line.lot_number = Value(values, "lot_number");
    line.expiry_date = Value(values, "expiry_date");
    if (!pairing) continue;
    const LinePairing& pair = pairing->lines[i];
    articles[i] = pair.article;
    if (pair.article) {
      line.article_code = pair.article->article_code;
      if (line.description.empty()) line.description = pair.article->description;
    }
    if (!pair.paired) {
      if (!pairing->orders.empty()) line.discrepancy = "not_on_order";
      continue;
    }
    const PurchaseOrder* order = nullptr;
    for (const auto& o : pairing->orders)
      if (o.po_number == pair.po_number) order = &o;
    if (order == nullptr || pair.order_line >= order->lines.size()) continue;
    const PurchaseOrderLine& po_line = order->lines[pair.order_line];
    po_lines[i] = &po_line;
    line.po_number = po_line.po_number;
    line.po_line = po_line.line;
    line.unit = po_line.unit;
    if (line.article_code.empty()) line.article_code = po_line.article_code;
    auto quantity = ParseErpNumber(line.quantity_delivered, "quantity");
    if (quantity.ok())
      line.quantity = ConvertQuantity(*quantity, line.unit_delivered, po_line.unit, pair.article ? &*pair.article : nullptr);
    if (!line.quantity) {
      line.discrepancy = "unit_mismatch";
      continue;
    }
    if (!before_in_quai.count(po_line.po_number)) {
      auto received = erp->store().ReceivedInQuai(po_line.po_number, document_id);
      if (!received.ok()) return received.status();
      before_in_quai[po_line.po_number] = *received;
    }
    this_document[{po_line.po_number, po_line.line}] += *line.quantity;
  }

  // Each paired line's share: lines on the same order line are taken in
  // document order, the first ones accepted up to what was open.
  std::map<std::pair<std::string, std::string>, double> taken;
  for (size_t i = 0; i < receipt.lines.size(); ++i) {
    ReceiptLine& line = receipt.lines[i];
    if (po_lines[i] == nullptr || !line.quantity) continue;
    const PurchaseOrderLine& po_line = *po_lines[i];
    const auto key = std::make_pair(po_line.po_number, po_line.line);
    const double before = po_line.quantity_received + before_in_quai[po_line.po_number][po_line.line];
    const double after = before + this_document[key];
    line.quantity_ordered = po_line.quantity_ordered;
    line.received_before = before;
    const double open_for_line = std::max(0.0, po_line.quantity_ordered - before - taken[key]);
    taken[key] += *line.quantity;
    // Within the over-delivery tolerance the whole quantity is accepted.
    const std::string article_code = articles[i] ? articles[i]->article_code : po_line.article_code;
    const RuleSetting rule = rules ? rules->For(finding_codes::kQuantityOverOpen, receipt.supplier_id, article_code)
                                   : RuleSetting();
    const double excess = *line.quantity - open_for_line;
    if (excess > kEpsilon && !WithinLimit(excess, po_line.quantity_ordered, rule.over)) {
      line.accepted_quantity = open_for_line;
      line.discrepant_quantity = excess;
      line.discrepancy = "over_delivered";
    } else {
      line.accepted_quantity = *line.quantity;
      line.discrepant_quantity = 0.0;
    }
    if (after > po_line.quantity_ordered + kEpsilon) {
      line.po_line_status = "over_delivered";
      line.backorder = 0.0;
    } else if (after >= po_line.quantity_ordered - kEpsilon) {
      line.po_line_status = "complete";
      line.backorder = 0.0;
    } else {
      line.po_line_status = "partial";
      line.backorder = po_line.quantity_ordered - after;
    }
  }
  for (size_t i = 0; i < receipt.lines.size(); ++i) {
    const std::optional<ErpArticle>& article = articles[i];
    bool required = article && article->certificate_required;
    if (!required && rules) {
      const RuleSetting rule = rules->For(finding_codes::kCertificateMissing, receipt.supplier_id,
                                          article ? article->article_code : receipt.lines[i].article_code);
      required = rule.severity != "off";
    }
    receipt.lines[i].certificate_required = required;
  }
  return receipt;
}

Json GoodsReceiptToJson(const GoodsReceipt& receipt) {
  Json lines = Json::array();
  for (const ReceiptLine& line : receipt.lines) {
    lines.push_back({{"document_line", line.document_line},
                     {"po_number", line.po_number},
                     {"po_line", line.po_line},
                     {"article_code", line.article_code},
                     {"supplier_article_code", line.supplier_article_code},
                     {"description", line.description},
                     {"quantity_delivered", line.quantity_delivered},
                     {"unit_delivered", line.unit_delivered},
                     {"quantity", Optional(line.quantity)},
                     {"unit", line.unit},
                     {"lot_number", line.lot_number},
                     {"expiry_date", line.expiry_date},
                     {"accepted_quantity", Optional(line.accepted_quantity)},
                     {"discrepant_quantity", Optional(line.discrepant_quantity)},
                     {"discrepancy", line.discrepancy},
                     {"po_line_status", line.po_line_status},
                     {"quantity_ordered", Optional(line.quantity_ordered)},
                     {"received_before", Optional(line.received_before)},
                     {"backorder", Optional(line.backorder)},
                     {"certificate_required", line.certificate_required}});
  }
  return {{"supplier_id", receipt.supplier_id},
          {"supplier_name", receipt.supplier_name},
          {"delivery_note_number", receipt.delivery_note_number},
          {"delivery_date", receipt.delivery_date},
          {"po_numbers", receipt.po_numbers},
          {"lines", std::move(lines)}};
}

Result<GoodsReceipt> GoodsReceiptFromJson(const Json& json) {
  if (!json.is_object() || !json.contains("lines") || !json["lines"].is_array())
    return Status::InvalidArgument("a goods receipt must be an object with lines");
  GoodsReceipt receipt;
  receipt.supplier_id = Text(json, "supplier_id");
  receipt.supplier_name = Text(json, "supplier_name");
  receipt.delivery_note_number = Text(json, "delivery_note_number");
  receipt.delivery_date = Text(json, "delivery_date");
  if (json.contains("po_numbers") && json["po_numbers"].is_array())
    for (const Json& number : json["po_numbers"])
      if (number.is_string()) receipt.po_numbers.push_back(number.get<std::string>());
  for (const Json& item : json["lines"]) {
    if (!item.is_object()) return Status::InvalidArgument("a goods receipt line must be an object");
    ReceiptLine& line = receipt.lines.emplace_back();
    line.document_line = item.value("document_line", 0);
    line.po_number = Text(item, "po_number");
    line.po_line = Text(item, "po_line");
    line.article_code = Text(item, "article_code");
    line.supplier_article_code = Text(item, "supplier_article_code");
    line.description = Text(item, "description");
    line.quantity_delivered = Text(item, "quantity_delivered");
    line.unit_delivered = Text(item, "unit_delivered");
    line.quantity = OptionalNumber(item, "quantity");
    line.unit = Text(item, "unit");
    line.lot_number = Text(item, "lot_number");
    line.expiry_date = Text(item, "expiry_date");
    line.accepted_quantity = OptionalNumber(item, "accepted_quantity");
    line.discrepant_quantity = OptionalNumber(item, "discrepant_quantity");
    line.discrepancy = Text(item, "discrepancy");
    line.po_line_status = Text(item, "po_line_status");
    line.quantity_ordered = OptionalNumber(item, "quantity_ordered");
    line.received_before = OptionalNumber(item, "received_before");
    line.backorder = OptionalNumber(item, "backorder");
    line.certificate_required = item.value("certificate_required", false);
  }
  return receipt;
}

}  // namespace quai
