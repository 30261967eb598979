// The document as every target receives it: one JSON object per version of a
// document, the same for the webhook body, the JSON file and the source of
// the CSV, XML and RECADV files:
//   {"type": "document.accepted", "key", "document": {"id", "file", "sha256",
//    "type", "version", "supersedes_version", "supersedes_key", "source",
//    "accepted_by", "accepted_at"}, "fields": {name: value}, "lines": [{name:
//    value}], "receipt": goods_receipt.h's JSON or null, "lots": [...]}
// Field names pass through the target's mapping ("po_number" ->
// "PurchaseOrder", "lines.quantity" -> "Qty"); unmapped names stay.
#pragma once

#include <nlohmann/json.hpp>

#include "export/export_target.h"
#include "quai/document.h"
#include "quai/status.h"
#include "receive/accepted_version.h"

namespace quai {

// `supersedes`: the version this one corrects that the target received (0: none).
Result<nlohmann::json> BuildExportPayload(const DocumentRecord& document, const DocumentVersion& version,
                                          const ExportTarget& target, const std::string& key, int supersedes,
                                          const std::string& supersedes_key);

}  // namespace quai
