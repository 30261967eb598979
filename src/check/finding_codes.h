// Every finding code quai reports, in one place: the `code` of a Finding (and
// of `quai extract --json`'s findings, the API's and the UI's). A code is part
// of the contract: renaming one breaks integrations that act on it. Each names
// the check that reports it (check/document_checks.h).
#pragma once

namespace quai::finding_codes {

// UnreadLinesCheck: a row under the table looks like a line item that was not read. Blocking.
inline constexpr char kLineNotRead[] = "line_not_read";
// TotalsCheck: total excluding tax + tax ≠ total including tax. Blocking.
inline constexpr char kTotalsMismatch[] = "totals_mismatch";
// TotalsCheck: two totals read and the third not, so they cannot be checked. Blocking.
inline constexpr char kTotalsIncomplete[] = "totals_incomplete";
// LineAmountsCheck: a line's quantity × unit price is not its amount. Not blocking
// (the line's cells are under any threshold already).
inline constexpr char kLineAmountMismatch[] = "line_amount_mismatch";
// LineAmountsCheck: the line amounts do not add up to the total excluding tax. Blocking.
inline constexpr char kLinesTotalMismatch[] = "lines_total_mismatch";
// RequiredFieldsCheck: a required header field was not found. Blocking.
inline constexpr char kRequiredFieldMissing[] = "required_field_missing";

}  // namespace quai::finding_codes
