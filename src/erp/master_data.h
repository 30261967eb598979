// The ERP's master data as quai keeps it: suppliers, articles, purchase orders
// and their lines, as read by a connector (erp_connector.h) and stored in
// quai's own store (storage/master_data_store.h), so that every document is
// checked against them without asking the ERP each time. Plain value types;
// quantities and prices are decimals as printed by the ERP ("12.5"), units as
// the ERP names them ("KG", "pce").
#pragma once

#include <map>
#include <string>
#include <vector>

namespace quai {

struct ErpSupplier {
  std::string supplier_id;          // the ERP's key ("S0042", "17")
  std::string name;
  std::string vat_number;           // "FR40303265045", may be empty
  std::string registration_number;  // SIRET / company registration, may be empty
  std::string iban;                 // the account the company pays, may be empty
  bool operator==(const ErpSupplier&) const = default;
};

struct ErpArticle {
  std::string article_code;           // the company's internal code
  std::string supplier_id;            // the supplier it is bought from (may be empty)
  std::string supplier_article_code;  // the supplier's code for it (may be empty)
  std::string description;
  std::string unit;                   // the unit it is ordered and stocked in
  // Other units it may be counted in: how many `unit` one of them is
  // ({"CARTON": 12} when a carton holds 12 pieces).
  std::map<std::string, double> conversions;
  int min_shelf_life_days = 0;        // 0: none required
  bool certificate_required = false;
  bool lot_managed = false;           // a lot number must be given on receipt
  bool operator==(const ErpArticle&) const = default;
};

struct PurchaseOrderLine {
  std::string po_number;
  std::string line;                   // the line's number or key on the order ("10", "1")
  std::string article_code;           // internal code (may be empty: a free-text line)
  std::string description;
  double quantity_ordered = 0;
  double quantity_received = 0;       // booked in the ERP so far
  std::string unit;
  double unit_price = 0;              // 0 when the ERP gives none
  std::string currency;
  std::string expected_date;          // ISO date, may be empty
  bool operator==(const PurchaseOrderLine&) const = default;
};

struct PurchaseOrder {
  std::string po_number;
  std::string supplier_id;
  std::string status;                 // "open", "closed", "cancelled" (normalised by the connector)
  std::string order_date;             // ISO date, may be empty
  std::vector<PurchaseOrderLine> lines;
  bool operator==(const PurchaseOrder&) const = default;
};

// What a connector read in one fetch. `complete`: the whole of the ERP's master
// data (what is not in it no longer exists); otherwise only what changed since
// the cursor it was given, and `deleted_po_numbers` what was removed.
struct MasterDataBatch {
  bool complete = true;
  std::vector<ErpSupplier> suppliers;
  std::vector<ErpArticle> articles;
  std::vector<PurchaseOrder> orders;
  std::vector<std::string> deleted_po_numbers;
  // Where the next incremental fetch starts (a timestamp, a file's hash...):
  // opaque to everyone but the connector that wrote it.
  std::string cursor;
};

}  // namespace quai
