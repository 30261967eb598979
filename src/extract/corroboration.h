// Corroboration: something beyond its own reading confirms a value. A header
// value: the totals add up (excluding tax + tax = including tax), an invoice
// falls due 30, 45 or 60 days after its date (PaymentTermsFit), most of
// the supplier's validated documents had this very value (its name, its VAT
// number, its currency), or it is one of the supplier's articles (a
// certificate's article code that its delivery notes listed). A line cell: an
// article the supplier delivered before (on a document of any type), a line
// whose quantity times price is its amount, or a code printed
// in the one shape the supplier's validated lines show for its column
// ("25074-J": 99999-A; OCR that drops or adds a character, or reads a letter
// for a digit, breaks it; a digit read as another digit does not). An OCR
// misread rarely does any of these, so corroborated values have auto-accept
// thresholds of their own ("total_tax@ocr+checked", "lines.lot_number@ocr+checked"),
// chosen on the training documents like the others. Pure; thread-safe.
#pragma once

#include <map>
#include <string>

#include "extract/field_candidate.h"
#include "extract/layout_memory.h"
#include "extract/line_arithmetic.h"
#include "quai/extraction.h"

namespace quai {

inline constexpr const char* kCorroboratedSuffix = "+checked";

// Whether the invoice date and due date read are the usual net payment terms
// apart (30, 45 or 60 days): a misread digit in either rarely keeps them so.
bool PaymentTermsFit(const Extraction& extraction);

// What corroborates `field`'s value in `extraction` (see above), as its
// evidence says it ("the totals add up"); "" when nothing does.
std::string Corroboration(const Extraction& extraction, const std::string& field, const LayoutMemory& memory);

// The shape (ValueShape) more than half of the supplier's remembered values of
// line field `field` share, at least 3 of them; "" when none does.
std::string ColumnShape(const LayoutMemory& memory, const std::string& field);

// Doubt, the other way round: every one of at least kMinUnanimousValues values
// the supplier's validated documents had for an identifier has one shape, and
// the value read has another ("SiI-CC2370" where every certificate number was
// "AA-AA9999", "CHOCA439" in a column of "AAAA999"): OCR added or dropped a
// character. Such a value is doubted (confidence at most kDoubtedConfidence),
// so a person sees it. Shapes vary between suppliers, so this is per supplier.
inline constexpr int kMinUnanimousValues = 5;
inline constexpr double kDoubtedConfidence = 0.5;
// The one shape of header field `field`'s remembered values, or of line field
// `field`'s when `line`; "" when they are fewer or not all alike.
std::string UnanimousShape(const LayoutMemory& memory, const std::string& field, bool line);
// Whether `value` breaks `unanimous_shape` (never when that is "").
bool BreaksShape(const std::string& value, const std::string& unanimous_shape);
// A number the company issues (its PO numbers, FieldSpec::company_number) comes in the
// shapes its own system gives, whatever the supplier: one in a shape fewer than
// two of at least kMinCompanyValues validated values had ("CAI26/7068" where
// the company's were "AA/99/9999", "9999999999", ...) is doubted too.
// `shapes`: SupplierKnowledge::CompanyShapes.
inline constexpr int kMinCompanyValues = 20;
bool OutsideCompanyShapes(const std::string& value, const std::map<std::string, int>& shapes);

// Whether a line cell is corroborated (see above); `column_shape`: ColumnShape
// of its field when the field is a code, else "". A cell repaired into the
// shape is not corroborated by it.
bool CellCorroborated(const FieldCandidate& cell, const std::string& column_shape);

}  // namespace quai
