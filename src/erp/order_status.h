// The status of a purchase order in quai's words: "open" (goods may still
// arrive), "closed" (fully received or done) or "cancelled", from the word an
// ERP uses. Used by every connector so that the checks see one vocabulary.
#pragma once

#include <string>
#include <string_view>

namespace quai {

// Case, surrounding spaces and the separators '_' '-' ignored:
//   open, confirmed, processing, partially received, partial, in progress → "open"
//   done, closed, received, completed                                     → "closed"
//   cancel, cancelled, canceled                                            → "cancelled"
// Any other word comes back lower-cased ("draft", "quotation"), so that a rule
// can tell it is not open without the sync failing on it.
std::string NormalisedOrderStatus(std::string_view erp_status);

}  // namespace quai
