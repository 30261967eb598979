// Importing known values: a read document's values are set to the given ones
// as a person typing them would (type changed, fields corrected or removed,
// lines replaced when they differ), then it is validated. This is how
// `quai learn` turns documents with a `<stem>.json` into training examples:
// the same audit trail and the same examples as a validation in the review UI.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "learn/canonical_document.h"
#include "review/review_desk.h"

namespace quai {

// The validated document (as ReviewDesk::Document). Errors as the desk's,
// with the field that failed named.
Result<nlohmann::json> ImportValidatedValues(ReviewDesk& desk, int64_t id, const CanonicalDocument& values,
                                             const std::string& user);

}  // namespace quai
