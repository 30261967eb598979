// kHazardStatements and kUnNumber, the dangerous-goods values of safety data
// sheets: runs of CLP hazard statements ("H225", "EUH066", "H302+H312") and
// UN numbers ("UN 1824", "UN1824", "UN-Nr. 1824", "N° ONU 1824"). Pure
// functions, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "extract/recognizers/recognizer.h"

namespace quai {

// One match per run of hazard statements in the line, possibly over several
// words and separated by ",", ";", "/" or "+". The value lists the statements
// in printed order joined by ", "; a combined statement stays one item with
// its '+' ("H225, H302+H312, H319"). A misread digit is repaired ("H3l9").
std::vector<ValueMatch> FindHazardStatements(const std::vector<std::string>& words);

// "UN1824" and "UN 1824" keep their printed form; a number behind a longer
// label ("UN-Nr. 1824", "UN number: 1824", "ONU 1824", "VN-nummer 1824") is
// written "UN 1824".
std::vector<ValueMatch> FindUnNumbers(const std::vector<std::string>& words);

}  // namespace quai
