// The accepted version of a document's values (accepted_version.h): its goods
// receipt when it is a delivery note, its lot entries (a delivery's lots, a
// certificate's lot), keyed so that a certificate meets the lot it certifies.
// Built inside the acceptance's transaction: by the review desk when a person
// validates, by the store stage when a reading needs nobody.
#pragma once

#include <cstdint>
#include <string>

#include "check/erp_checks.h"
#include "check/lot_keys.h"
#include "quai/extraction.h"
#include "quai/status.h"
#include "receive/accepted_version.h"

namespace quai {

// `extraction` holds the values as accepted (corrections applied); `erp` is
// null when no ERP is connected; `source` "validated" or "auto_accepted".
// `values_json`: the extraction already as JSON text, when the caller has it
// (the store stage), else it is written here.
Result<AcceptedVersion> BuildAcceptedVersion(const Extraction& extraction, const ErpChecks* erp, int64_t document_id,
                                             const std::string& source, const std::string& accepted_by,
                                             std::string values_json = "");

}  // namespace quai
