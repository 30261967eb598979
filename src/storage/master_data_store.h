// MasterDataStore: quai's local copy of the ERP's master data (erp/master_data.h)
// and what it needs to check documents against it: the connection an
// administrator set, the state of the last sync, and what quai itself has
// received on each order line since (delivery notes validated or accepted but
// not yet booked in the ERP), so that a second partial delivery is judged on
// everything received before it. The copy is written by erp/erp_sync.h and
// read by the ERP checks (erp/erp_check.h), one indexed look-up at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "erp/erp_connection.h"
#include "erp/master_data.h"
#include "quai/status.h"

namespace quai {

struct ErpSyncState {
  std::string cursor;            // the connector's, for the next incremental fetch
  std::string last_attempt_at;   // ISO-8601 UTC; empty: never synced
  std::string last_success_at;
  std::string last_error;        // of the last attempt; empty when it succeeded
  bool available = false;        // the last attempt reached the ERP
  int64_t generation = 0;        // +1 at every sync that changed the copy
};

struct MasterDataCounts {
  int64_t suppliers = 0, articles = 0, orders = 0, order_lines = 0;
};

struct MasterDataChange {
  int64_t orders_written = 0;    // new or changed orders (with their lines)
  int64_t orders_deleted = 0;
  int64_t suppliers_written = 0;
  int64_t articles_written = 0;
};

// A quantity a document delivers on a purchase order line, in the line's unit.
struct ReceivedQuantity {
  std::string po_number;
  std::string line;
  double quantity = 0;
};

// Another invoice of the same supplier that may be this one again.
struct InvoiceTwin {
  int64_t document_id = 0;
  std::string original_name;
  std::string invoice_number;
};

class MasterDataStore {
 public:
  virtual ~MasterDataStore() = default;

  // The connection (secrets included: never hand it to a client as is).
  virtual Result<std::optional<ErpConnection>> GetErpConnection() = 0;
  virtual Status SaveErpConnection(const ErpConnection& connection) = 0;

  // The ERP rules as set by an administrator (check/erp_rules.h's JSON); ""
  // when none were set (the defaults apply).
  virtual Result<std::string> GetErpRulesJson() = 0;
  virtual Status SaveErpRulesJson(const std::string& rules_json) = 0;

  virtual Result<ErpSyncState> GetErpSyncState() = 0;
  virtual Status SaveErpSyncState(const ErpSyncState& state) = 0;
  // Sets the last attempt to `now` if it is still `expected` (what the caller
  // read): true for the one process of several that will sync this round.
  virtual Result<bool> ClaimErpSync(const std::string& expected, const std::string& now) = 0;

  // Writes a batch: suppliers and articles upserted; orders whose content
  // changed rewritten with their lines (unchanged ones untouched); when
  // `batch.complete`, what the batch lacks is deleted; otherwise
  // `deleted_po_numbers` are. Large batches go in several transactions.
  virtual Result<MasterDataChange> ApplyMasterData(const MasterDataBatch& batch) = 0;
  virtual Result<MasterDataCounts> CountMasterData() = 0;

  // Look-ups. Identifiers are compared compact and upper case.
  virtual Result<std::optional<PurchaseOrder>> FindPurchaseOrder(const std::string& po_number) = 0;
  virtual Result<std::optional<ErpSupplier>> FindErpSupplier(const std::string& supplier_id) = 0;
  // kind: "vat", "siret" (also matches a registration number it starts with: a SIREN), "iban".
  virtual Result<std::vector<ErpSupplier>> FindErpSuppliersByIdentifier(const std::string& kind,
                                                                       const std::string& value) = 0;
  virtual Result<std::vector<ErpSupplier>> ListErpSuppliers() = 0;
  // The article of this internal code (bought from `supplier_id` when it has
  // several suppliers; any when supplier_id is empty).
  virtual Result<std::optional<ErpArticle>> FindArticle(const std::string& article_code,
                                                        const std::string& supplier_id) = 0;
  // The articles `supplier_id` sells under its code `supplier_article_code`.
  virtual Result<std::vector<ErpArticle>> FindArticlesBySupplierCode(const std::string& supplier_id,
                                                                     const std::string& supplier_article_code) = 0;

  // What `document_id` delivers, replacing what it was said to deliver before
  // (empty: nothing, as when its values changed so that it pairs no line).
  virtual Status SaveReceivedQuantities(int64_t document_id, const std::vector<ReceivedQuantity>& received) = 0;
  // Per line of `po_number`, what the documents other than `document_id` that
  // were accepted or validated deliver (counted until the ERP books them).
  virtual Result<std::map<std::string, double>> ReceivedInQuai(const std::string& po_number,
                                                               int64_t document_id) = 0;
  // Invoices other than `document_id` from `supplier` with this number, or
  // with this total and date.
  virtual Result<std::vector<InvoiceTwin>> FindInvoiceTwins(int64_t document_id, const std::string& supplier,
                                                            const std::string& invoice_number,
                                                            const std::string& total, const std::string& date) = 0;
};

}  // namespace quai
