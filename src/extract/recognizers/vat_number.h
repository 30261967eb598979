// kVatNumber: EU and Swiss VAT numbers in a line of words, with or without
// spaces, dots and dashes ("FR 40 303 265 045", "DE136308783", "BE 0123.456.789",
// "NL123456789B01", "CHE-114.567.897 TVA/MWST"). Check digits are verified where
// defined; a failing check lowers shape_score to 0.2 instead of dropping the
// number (OCR may misread one digit). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/recognizers/recognizer.h"

namespace quai {

enum class VatCheck {
  kValid,       // the check digits agree
  kInvalid,     // shape or check digits wrong
  kNotDefined,  // the shape fits; this country's check is not verified
};

// Checks one compact VAT number ("FR40303265045", "ATU13585627", "CHE114567897":
// upper-case country prefix, no separators). Verified: AT, BE, DE, DK, EE, EL,
// ES, FI, FR (numeric key), GB/XI, HR, IT, LU, NL (both schemes), PL, PT, SE,
// SI, SK and CHE; the other EU countries are checked for shape only.
VatCheck CheckVatNumber(std::string_view compact);

// Every VAT number in the line. The value is the number as printed (words
// joined by single spaces), trimmed of surrounding punctuation and of a label
// glued to it ("TVA:"), with OCR confusions repaired where a digit must be.
std::vector<ValueMatch> FindVatNumbers(const std::vector<std::string>& words);

}  // namespace quai
