#include "receive/acceptance.h"

#include "extract/extraction_json.h"
#include "check/erp_pairing.h"
#include "receive/goods_receipt.h"

namespace quai {
namespace {

std::string Value(const std::map<std::string, ExtractedValue>& values, const std::string& name) {
  auto it = values.find(name);
  return it == values.end() ? "" : it->second.value;
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace

Result<AcceptedVersion> BuildAcceptedVersion(const Extraction& extraction, const ErpChecks* erp, int64_t document_id,
                                             const std::string& source, const std::string& accepted_by,
                                             std::string values_json) {
  AcceptedVersion accepted;
  accepted.source = source;
  accepted.accepted_by = accepted_by;
  accepted.document_type = extraction.document_type;
  accepted.values_json = !values_json.empty() ? std::move(values_json)
                                              : ExtractionToJson(extraction).dump(
                                                    -1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string read_name =
      Value(extraction.fields, "supplier_name").empty() ? extraction.supplier.name : Value(extraction.fields, "supplier_name");

  if (extraction.document_type == "delivery_note") {
    auto receipt = BuildGoodsReceipt(extraction, erp, document_id);
    if (!receipt.ok()) return receipt.status();
    accepted.receipt_json = GoodsReceiptToJson(*receipt).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const std::string supplier_key = SupplierKey(receipt->supplier_id, read_name);
    for (const ReceiptLine& line : receipt->lines) {
      if (LotKey(line.lot_number).empty()) continue;
      LotEntry& entry = accepted.lots.emplace_back();
      entry.role = "delivery";
      entry.line = line.document_line;
      entry.supplier_key = supplier_key;
      entry.supplier_name = receipt->supplier_name;
      entry.supplier_name_key = SupplierKey("", read_name);
      entry.article_key = ArticleKey(line.article_code);
      entry.supplier_article_key = ArticleKey(line.supplier_article_code);
      entry.article_code = line.article_code.empty() ? line.supplier_article_code : line.article_code;
      entry.description = line.description;
      entry.lot_key = LotKey(line.lot_number);
      entry.lot_number = line.lot_number;
      entry.po_number = line.po_number.empty() && receipt->po_numbers.size() == 1 ? receipt->po_numbers.front()
                                                                                 : line.po_number;
      entry.quantity = line.quantity ? Number(*line.quantity) : line.quantity_delivered;
      entry.unit = line.quantity ? line.unit : line.unit_delivered;
      entry.expiry_date = line.expiry_date;
      entry.certificate_required = line.certificate_required;
    }
  } else if (extraction.document_type == "certificate_of_conformity") {
    std::optional<DocumentPairing> pairing;
    if (erp != nullptr) {
      auto paired = erp->Pair(extraction);
      if (!paired.ok()) return paired.status();
      pairing = std::move(paired).value();
    }
    if (auto entry = CertificateLotEntry(extraction, pairing)) accepted.lots.push_back(std::move(*entry));
  }
  return accepted;
}

}  // namespace quai
