#include "check/lot_keys.h"

#include <cctype>

#include "check/erp_pairing.h"
#include "extract/supplier_recognizer.h"

namespace quai {

std::string ArticleKey(const std::string& code) { return CompactIdentifier(code); }

std::string LotKey(const std::string& lot_number) {
  const std::string key = CompactIdentifier(lot_number);
  size_t start = 0;
  while (start < lot_number.size() && std::isspace(static_cast<unsigned char>(lot_number[start]))) ++start;
  std::string head;
  for (size_t i = start; i < lot_number.size() && std::isalpha(static_cast<unsigned char>(lot_number[i])); ++i)
    head += static_cast<char>(std::toupper(static_cast<unsigned char>(lot_number[i])));
  // "Lot L24-118" and "L24-118" are one lot; "LOTUS1" keeps its letters.
  for (const std::string word : {"LOT", "BATCH", "CHARGE"})
    if (head == word && key.size() > word.size()) return key.substr(word.size());
  return key;
}

std::string SupplierKey(const std::string& erp_supplier_id, const std::string& name) {
  if (!erp_supplier_id.empty()) return "erp:" + erp_supplier_id;
  return "name:" + SupplierNameKey(name);
}

namespace {

std::string Value(const std::map<std::string, ExtractedValue>& values, const std::string& name) {
  auto it = values.find(name);
  return it == values.end() ? "" : it->second.value;
}

}  // namespace

std::optional<LotEntry> CertificateLotEntry(const Extraction& certificate,
                                            const std::optional<DocumentPairing>& pairing) {
  const std::string lot = Value(certificate.fields, "lot_number");
  if (LotKey(lot).empty()) return std::nullopt;
  const std::string read_name = Value(certificate.fields, "supplier_name").empty()
                                    ? certificate.supplier.name
                                    : Value(certificate.fields, "supplier_name");
  std::string supplier_id, supplier_name = read_name;
  if (pairing && pairing->supplier.supplier) {
    supplier_id = pairing->supplier.supplier->supplier_id;
    supplier_name = pairing->supplier.supplier->name;
  }
  LotEntry entry;
  entry.role = "certificate";
  entry.supplier_key = SupplierKey(supplier_id, read_name);
  entry.supplier_name = supplier_name;
  entry.supplier_name_key = SupplierKey("", read_name);
  const std::string article = Value(certificate.fields, "article_code");
  // The certificate's code may be the supplier's or the internal one: both are tried.
  entry.article_key = ArticleKey(article);
  entry.supplier_article_key = ArticleKey(article);
  entry.article_code = article;
  entry.lot_key = LotKey(lot);
  entry.lot_number = lot;
  const auto orders = SplitPoNumbers(Value(certificate.fields, "po_number"));
  entry.po_number = orders.empty() ? "" : orders.front();
  entry.expiry_date = Value(certificate.fields, "expiry_date");
  return entry;
}

}  // namespace quai
