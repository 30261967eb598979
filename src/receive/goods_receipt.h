// GoodsReceipt: what a delivery note books once accepted — each line with the
// purchase order line it is paired with (check/erp_pairing.h), its article,
// the quantity in the order's unit, its lot and expiry, and each order line's
// status after it (complete, partial with its backorder, over-delivered), with
// the RECADV notions of accepted and discrepant quantities. Built from the
// accepted values and quai's copy of the ERP (storage/master_data_store.h);
// without an ERP the lines carry what was read and no order status.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/erp_checks.h"
#include "quai/extraction.h"
#include "quai/status.h"

namespace quai {

struct ReceiptLine {
  int document_line = 0;  // from 0
  std::string po_number;  // "" when not paired with an order line
  std::string po_line;
  std::string article_code;           // internal (ERP's, or printed)
  std::string supplier_article_code;
  std::string description;
  std::string quantity_delivered;     // as read, in `unit_delivered`
  std::string unit_delivered;
  std::optional<double> quantity;     // in the order line's unit; none when it does not convert
  std::string unit;                   // the order line's unit ("" when not paired)
  std::string lot_number;
  std::string expiry_date;
  // RECADV: accepted is what the order line still had open (all of it when
  // within), discrepant the rest (over-delivered).
  std::optional<double> accepted_quantity;
  std::optional<double> discrepant_quantity;
  std::string discrepancy;            // "", "over_delivered", "not_on_order", "unit_mismatch"
  // The order line after this receipt: "complete", "partial" (with `backorder`
  // still to come) or "over_delivered"; "" when not paired.
  std::string po_line_status;
  std::optional<double> quantity_ordered;
  std::optional<double> received_before;  // ERP booked plus accepted in quai before this one
  std::optional<double> backorder;
  bool certificate_required = false;
};

struct GoodsReceipt {
  std::string supplier_id;  // the ERP's, "" when not paired
  std::string supplier_name;
  std::string delivery_note_number;
  std::string delivery_date;
  std::vector<std::string> po_numbers;
  std::vector<ReceiptLine> lines;
};

// The receipt of an accepted delivery note `document_id` (its values
// `extraction`); `erp` null when no ERP is connected.
Result<GoodsReceipt> BuildGoodsReceipt(const Extraction& extraction, const ErpChecks* erp, int64_t document_id);

nlohmann::json GoodsReceiptToJson(const GoodsReceipt& receipt);
Result<GoodsReceipt> GoodsReceiptFromJson(const nlohmann::json& json);

}  // namespace quai
