// How lots, articles and suppliers are compared in the lot book, so that a
// certificate meets the delivery of the lot it certifies however each printed
// it: lot numbers and codes compact and upper case ("lot 24/118-a" ->
// "24118A": a leading LOT/BATCH/CHARGE word is not part of the number), a
// supplier by the ERP's key when the ERP copy pairs it, else by its name's
// words (legal forms aside).
#pragma once

#include <optional>
#include <string>

#include "check/erp_pairing.h"
#include "quai/extraction.h"
#include "receive/accepted_version.h"

namespace quai {

std::string LotKey(const std::string& lot_number);
std::string ArticleKey(const std::string& code);
// "erp:S0042" when the ERP knows the supplier, else "name:" and its name key.
std::string SupplierKey(const std::string& erp_supplier_id, const std::string& name);

// The lot entry of a certificate of conformity (role "certificate"), paired
// with the ERP by `pairing` when it is given; nullopt when it names no lot.
std::optional<LotEntry> CertificateLotEntry(const Extraction& certificate, const std::optional<DocumentPairing>& pairing);

}  // namespace quai
