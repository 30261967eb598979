// Corroboration: something beyond its own reading confirms a header value.
// The totals add up (excluding tax + tax = including tax), or most of the
// supplier's validated documents had this very value (its name, its VAT
// number, its currency). An OCR misread rarely does either, so corroborated
// values have auto-accept thresholds of their own ("total_tax@ocr+checked"),
// chosen on the training documents like the others. Pure; thread-safe.
#pragma once

#include <string>

#include "extract/layout_memory.h"
#include "extract/line_arithmetic.h"
#include "quai/extraction.h"

namespace quai {

inline constexpr const char* kCorroboratedSuffix = "+checked";

// Whether `field`'s value in `extraction` is corroborated (see above).
bool Corroborated(const Extraction& extraction, const std::string& field, const LayoutMemory& memory);

}  // namespace quai
