// What a document says once it is accepted — validated by a person, or
// straight through when no person needed to look — frozen as a numbered
// version: the values as accepted, the goods receipt a delivery note books
// (goods_receipt.h) and the lot entries it adds to the lot book (a delivery's
// lots, a certificate's claim on a lot). A version is written in the same
// transaction as the acceptance, with one export per configured target (the
// transactional outbox: storage/receiving_store.h), so that nothing accepted
// is ever lost between the validation and the exports. A later acceptance
// with other values is a new version (a correction: receipts are never edited
// in place); one with the same values is no new version. Plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quai {

// One lot entry of an accepted document, keyed for matching: the keys are
// compact upper case (receive/lot_keys.h), so "LOT 24-118" and "lot24118" meet.
struct LotEntry {
  std::string role;  // "delivery" or "certificate"
  int line = -1;     // the document's line (delivery); -1 for a certificate
  std::string supplier_key;   // "erp:S0042" when the ERP knows the supplier, "name:ACME CHIMIE" otherwise
  std::string supplier_name;
  // "name:" and the supplier's name key even when the ERP knows it: a
  // certificate the ERP cannot pair still meets its delivery by name.
  std::string supplier_name_key;
  std::string article_key;           // internal article code when known (ERP or printed), else ""
  std::string supplier_article_key;  // the supplier's code, else ""
  std::string article_code;          // as printed or as the ERP names it, for people
  std::string description;
  std::string lot_key;
  std::string lot_number;  // as printed
  std::string po_number;   // the order it is delivered on or certified for, "" when none
  std::string quantity;    // in the receipt's unit (delivery), "" when none
  std::string unit;
  std::string expiry_date;
  bool certificate_required = false;  // the ERP article (or the rules) require a certificate for its lots
};

struct AcceptedVersion {
  std::string source;         // "validated" or "auto_accepted"
  std::string document_type;
  std::string values_json;    // the extraction JSON as accepted
  std::string receipt_json;   // goods_receipt.h's JSON for a delivery note; "" otherwise
  std::vector<LotEntry> lots;
  std::string accepted_by;    // the person; "quai" when straight through
};

// A version as stored.
struct DocumentVersion {
  int64_t id = 0;
  int64_t document_id = 0;
  int version = 0;  // 1, 2, ... per document
  AcceptedVersion accepted;
  std::string digest;      // of what is exported: equal digests are the same version
  std::string created_at;  // ISO-8601 UTC
};

}  // namespace quai
