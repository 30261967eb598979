// The lot book as JSON, one form for the API (GET /api/v1/lots...) and
// `quai lots ... --json`: a lot {id, lot_number, supplier, article_code,
// description, expiry_date, state, hold_reason, deliveries, certificates,
// updated_at}; a lot page adds documents [{document_id, file, role,
// document_type, version, line, po_number, quantity, unit, expiry_date,
// linked_at}] and events [{at, action, document_id, detail}].
#pragma once

#include <nlohmann/json.hpp>

#include "storage/receiving_store.h"

namespace quai {

nlohmann::json LotToJson(const Lot& lot);
nlohmann::json LotPageToJson(const LotPage& page);

}  // namespace quai
