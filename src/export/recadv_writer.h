// An EANCOM RECADV (receiving advice, UN/EDIFACT D.96A, EANCOM 2002 EAN003)
// interchange for a goods receipt: UNA, UNB/UNZ envelope, one message (UNH,
// BGM 632, DTM 137 and 50, RFF DQ and ON, NAD BY and SU, CPS, then per line
// LIN with PIA codes, QTY 48 received, 194 accepted and 195 not accepted,
// DTM 361 expiry, RFF ON the order line, PCI 17 with GIN BX the lot; UNS,
// CNT; UNT), escaped with the release character. Parties are named by their
// GLN: the company's (sender_gln: buyer and delivery party), the supplier's
// (supplier_gln.<ERP supplier id> in the target's settings).
#pragma once

#include <string>

#include "quai/status.h"
#include "receive/goods_receipt.h"

namespace quai {

struct RecadvParties {
  std::string sender_gln;    // the company receiving the goods (buyer), UNB sender and NAD BY, DP
  std::string receiver_gln;  // the one the advice is sent to (supplier or WMS), UNB recipient
  std::string supplier_gln;  // NAD SU
  std::string interchange_reference;  // UNB control reference, up to 14 characters
  std::string document_number;        // BGM: the receipt's number
  std::string prepared_at;            // ISO-8601 UTC date-time
};

// InvalidArgument naming the missing GLN when a party has none.
Result<std::string> WriteRecadv(const GoodsReceipt& receipt, const RecadvParties& parties);

}  // namespace quai
