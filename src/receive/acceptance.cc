#include "receive/acceptance.h"

#include <cctype>

#include "extract/extraction_json.h"
#include "check/erp_pairing.h"
#include "extract/supplier_recognizer.h"
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

std::string ArticleKey(const std::string& code) { return CompactIdentifier(code); }

std::string LotKey(const std::string& lot_number) {
  std::string key = CompactIdentifier(lot_number);
  // "Lot L24-118" and "L24-118" are one lot; "LOTUS1" keeps its letters.
  for (const char* word : {"LOT", "BATCH", "CHARGE"}) {
    const std::string prefix = word;
    size_t start = 0;
    while (start < lot_number.size() && std::isspace(static_cast<unsigned char>(lot_number[start]))) ++start;
    std::string head;
    for (size_t i = start; i < lot_number.size() && std::isalpha(static_cast<unsigned char>(lot_number[i])); ++i)
      head += static_cast<char>(std::toupper(static_cast<unsigned char>(lot_number[i])));
    if (head == prefix && key.size() > prefix.size()) return key.substr(prefix.size());
  }
  return key;
}

std::string SupplierKey(const std::string& erp_supplier_id, const std::string& name) {
  if (!erp_supplier_id.empty()) return "erp:" + erp_supplier_id;
  return "name:" + SupplierNameKey(name);
}

Result<AcceptedVersion> BuildAcceptedVersion(const Extraction& extraction, const ErpChecks* erp, int64_t document_id,
                                             const std::string& source, const std::string& accepted_by) {
  AcceptedVersion accepted;
  accepted.source = source;
  accepted.accepted_by = accepted_by;
  accepted.document_type = extraction.document_type;
  accepted.values_json = ExtractionToJson(extraction).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
    const std::string lot = Value(extraction.fields, "lot_number");
    if (!LotKey(lot).empty()) {
      std::string supplier_id, supplier_name = read_name;
      if (erp != nullptr) {
        auto pairing = erp->Pair(extraction);
        if (!pairing.ok()) return pairing.status();
        if (*pairing && (*pairing)->supplier.supplier) {
          supplier_id = (*pairing)->supplier.supplier->supplier_id;
          supplier_name = (*pairing)->supplier.supplier->name;
        }
      }
      LotEntry& entry = accepted.lots.emplace_back();
      entry.role = "certificate";
      entry.supplier_key = SupplierKey(supplier_id, read_name);
      entry.supplier_name = supplier_name;
      entry.supplier_name_key = SupplierKey("", read_name);
      const std::string article = Value(extraction.fields, "article_code");
      // The certificate's code may be the supplier's or the internal one: both are tried.
      entry.article_key = ArticleKey(article);
      entry.supplier_article_key = ArticleKey(article);
      entry.article_code = article;
      entry.lot_key = LotKey(lot);
      entry.lot_number = lot;
      const auto orders = SplitPoNumbers(Value(extraction.fields, "po_number"));
      entry.po_number = orders.empty() ? "" : orders.front();
      entry.expiry_date = Value(extraction.fields, "expiry_date");
    }
  }
  return accepted;
}

}  // namespace quai
