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
// what a delivery note delivers on each order line. Certificates of
// conformity, when the lot book is given (set_lot_book): certificate_unmatched
// when no delivered lot matches its lot, article and order (with or without
// an ERP). Thread-safe: the stores are.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "check/erp_pairing.h"
#include "check/erp_rules.h"
#include "quai/extraction.h"
#include "storage/master_data_store.h"
#include "storage/receiving_store.h"

namespace quai {

class ErpChecks {
 public:
  // With the rules an administrator set in the store (MasterDataStore::
  // GetErpRulesJson, read at every check so that every process follows a
  // change at once), or the defaults when none are set.
  explicit ErpChecks(MasterDataStore& store) : store_(store) {}
  // With fixed rules (tests, a what-if).
  ErpChecks(MasterDataStore& store, ErpRules rules)
      : store_(store), fixed_(std::make_shared<const ErpRules>(std::move(rules))) {}
  // Appends its findings on `extraction` (document `document_id`, 0 when it
  // is not stored) as of `today` (YYYY-MM-DD). A store that fails is an error.
  Status Check(const Extraction& extraction, int64_t document_id, const std::string& today,
               std::vector<Finding>* findings) const;
  // The lot book certificates are matched against (null: not checked). Set
  // before the checks are shared between threads.
  void set_lot_book(ReceivingStore* lots) { lots_ = lots; }
  // The rules in force; stored rules that no longer parse are an error.
  Result<std::shared_ptr<const ErpRules>> Rules() const;
  // The document paired with the ERP's copy; nullopt when no ERP is
  // connected or it never answered (nothing to pair with).
  Result<std::optional<DocumentPairing>> Pair(const Extraction& extraction) const;
  MasterDataStore& store() const { return store_; }

 private:
  // The suppliers' name index as of sync `generation`.
  Result<std::shared_ptr<const SupplierNameIndex>> Names(int64_t generation) const;
  Status CheckCertificate(const Extraction& extraction, std::vector<Finding>* findings) const;
  MasterDataStore& store_;
  ReceivingStore* lots_ = nullptr;
  std::shared_ptr<const ErpRules> fixed_;
  // The stored rules last parsed, and their text.
  mutable std::mutex mutex_;
  mutable std::string parsed_text_ = "\x01";
  mutable std::shared_ptr<const ErpRules> parsed_;
  // The suppliers' name index, as of sync generation `names_generation_`.
  mutable std::shared_ptr<const SupplierNameIndex> names_;
  mutable int64_t names_generation_ = -1;
};

}  // namespace quai
