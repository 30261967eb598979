// ErpChecks: the check stage's cross-checks of a document against the ERP's
// master data as quai keeps it (storage/master_data_store.h): pairs the
// document with its supplier, orders and order lines (erp_pairing.h), then
// checks the rules of erp_rules.h, each finding with its configured severity
// and the ERP values it was judged against. Delivery notes: po_not_found,
// po_closed, supplier_mismatch, article_not_on_po, unit_mismatch,
// quantity_over_open (cumulative: what the ERP booked plus what quai accepted
// since), expired, shelf_life_short, lot_missing. Invoices: the same order
// checks, price_mismatch, quantity_not_received, duplicate_invoice,
// vat_number_mismatch, iban_changed. When the last sync did not reach the ERP,
// erp_unavailable (info) and the checks run on the copy as it was; a
// document checked against no copy at all gets erp_unavailable alone. Records
// what a delivery note delivers on each order line. Thread-safe: the store is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "check/erp_rules.h"
#include "quai/extraction.h"
#include "storage/master_data_store.h"

namespace quai {

class ErpChecks {
 public:
  ErpChecks(MasterDataStore& store, ErpRules rules) : store_(store), rules_(std::move(rules)) {}
  // Appends its findings on `extraction` (document `document_id`, 0 when it
  // is not stored) as of `today` (YYYY-MM-DD). A store that fails is an error.
  Status Check(const Extraction& extraction, int64_t document_id, const std::string& today,
               std::vector<Finding>* findings) const;
  const ErpRules& rules() const { return rules_; }

 private:
  MasterDataStore& store_;
  ErpRules rules_;
};

}  // namespace quai
