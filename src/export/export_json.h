// Export targets and exports as JSON, one form for the API
// (GET /api/v1/exports/targets, /api/v1/exports, /documents/{id}/exports)
// and `quai export list --json`. A target's secrets are shown as "********".
#pragma once

#include <nlohmann/json.hpp>

#include "storage/receiving_store.h"

namespace quai {

nlohmann::json ExportTargetToJson(const ExportTarget& target);
nlohmann::json ExportRecordToJson(const ExportRecord& record);

}  // namespace quai
