// kDate and kExpiryDate: dates in a line of words, normalised to YYYY-MM-DD.
// Reads numeric forms (12/03/2026, 12.03.26, 2026-03-12), month names in
// fr/en/de/nl/it (12 mars 2026, March 12, 2026, 12. März 2026, 12-MAR-2026,
// 1er mars 2026) and, for expiry dates only, a month and year meaning the last
// day of that month (03/2027, 2027-03, MAR 2027). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/recognizers/recognizer.h"

namespace quai {

enum class DateKind {
  kDate,        // a full date only
  kExpiryDate,  // a full date, or a month and year (its last day)
};

// Numeric dates are day first unless impossible (13 or more in the second
// place reads month first), or month first when `month_first` (then 13 or
// more in the first place reads day first); two-digit years are 20xx;
// impossible dates (31/02/2026, 32/13/2026) are refused.
std::vector<ValueMatch> FindDates(const std::vector<std::string>& words, DateKind kind, bool month_first = false);

// Whether a document prints its numeric dates month first (US style): some
// of them can only be read so (03/23/2028) and none can only be read day
// first (23/03/2028). Then its 09/03/2026 is 3 September, not 9 March.
bool GuessMonthFirst(const std::vector<std::string>& document_words);

// True when one token reads as a full date ("12/03/2026", "2026-03-12",
// "12-MAR-2026"), for recognisers that must not take dates for codes.
bool LooksLikeDate(std::string_view token);

// Days in `month` (1..12) of `year`, leap years included.
int DaysInMonth(int year, int month);

}  // namespace quai
