// How GoogleTest prints the ERP's master data (master_data.h) when an
// expectation fails: field by field, instead of the bytes of the struct.
#pragma once

#include <ostream>

#include "erp/master_data.h"

namespace quai {

inline void PrintTo(const ErpSupplier& s, std::ostream* out) {
  *out << "{supplier_id: " << s.supplier_id << ", name: " << s.name << ", vat_number: " << s.vat_number
       << ", registration_number: " << s.registration_number << ", iban: " << s.iban << "}";
}

inline void PrintTo(const ErpArticle& a, std::ostream* out) {
  *out << "{article_code: " << a.article_code << ", supplier_id: " << a.supplier_id
       << ", supplier_article_code: " << a.supplier_article_code << ", description: " << a.description
       << ", unit: " << a.unit << ", conversions: {";
  for (const auto& [unit, factor] : a.conversions) *out << unit << ": " << factor << " ";
  *out << "}, min_shelf_life_days: " << a.min_shelf_life_days << ", certificate_required: " << a.certificate_required
       << ", lot_managed: " << a.lot_managed << "}";
}

inline void PrintTo(const PurchaseOrderLine& l, std::ostream* out) {
  *out << "{po_number: " << l.po_number << ", line: " << l.line << ", article_code: " << l.article_code
       << ", description: " << l.description << ", quantity_ordered: " << l.quantity_ordered
       << ", quantity_received: " << l.quantity_received << ", unit: " << l.unit << ", unit_price: " << l.unit_price
       << ", currency: " << l.currency << ", expected_date: " << l.expected_date << "}";
}

inline void PrintTo(const PurchaseOrder& o, std::ostream* out) {
  *out << "{po_number: " << o.po_number << ", supplier_id: " << o.supplier_id << ", status: " << o.status
       << ", order_date: " << o.order_date << ", lines: [";
  for (const auto& line : o.lines) {
    *out << "\n    ";
    PrintTo(line, out);
  }
  *out << "]}";
}

}  // namespace quai
