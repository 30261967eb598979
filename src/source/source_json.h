// A source as the API and `quai source list --json` show it: its settings and
// status, and whether it has a secret — never the secret itself.
#pragma once

#include <nlohmann/json.hpp>

#include "storage/source_store.h"

namespace quai {

nlohmann::json SourceToJson(const SourceRecord& source);

}  // namespace quai
