// Where accepted documents are exported, as an administrator configured it
// (`quai export add KIND`, the Exports screen, PUT /api/v1/exports/targets):
// the ERP (Tryton: an incoming shipment with its moves and lots), a webhook
// (JSON signed as Standard Webhooks describes) or a folder of files (JSON,
// CSV, XML and EANCOM RECADV). Each target says which document types and
// which acceptances (validated only, or straight-through too) it takes, and
// renames fields as the receiving system wants them. Plain value types.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "quai/status.h"

namespace quai {

struct ExportTarget {
  int64_t id = 0;
  std::string name;  // unique, chosen by the administrator ("wms", "erp")
  std::string kind;  // "tryton", "webhook", "files"
  // tryton: url, database, user, password; webhook: url, secret (whsec_...),
  // timeout_seconds; files: folder, formats ("json,csv,xml,recadv"),
  // sender_gln, receiver_gln, supplier_gln.<ERP supplier id> or supplier_gln
  // (RECADV).
  std::map<std::string, std::string> settings;
  std::vector<std::string> document_types;  // empty: every type
  bool include_auto_accepted = true;        // false: validated by a person only
  // quai's field name -> the target's ("po_number" -> "PurchaseOrder"; line
  // fields as "lines.quantity" -> "Qty").
  std::map<std::string, std::string> field_mapping;
  int max_attempts = 10;  // sends before an export is dead
  bool enabled = true;
  std::string disabled_reason;  // why it was disabled (a webhook answered 410)
  std::string created_at;
};

const std::vector<std::string>& ExportTargetKinds();  // tryton, webhook, files
// Settings that are secrets (never shown back): password, secret, token.
bool IsSecretExportSetting(const std::string& name);
// Checks kind, name, settings each kind needs and their values; the error names the problem.
Status ValidateExportTarget(const ExportTarget& target);
// The target with its secrets as "********".
ExportTarget RedactedExportTarget(const ExportTarget& target);
// Whether the target takes a document of `document_type` accepted by `source`.
bool TargetTakes(const ExportTarget& target, const std::string& document_type, const std::string& source);

}  // namespace quai
