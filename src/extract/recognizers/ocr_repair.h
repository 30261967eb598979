// Repairs the characters OCR confuses with digits (O/o→0, I/l/|→1, S→5, B→8,
// Z→2) where the shape of a value demands a digit: inside a run of letters and
// digits that is otherwise digits ("2O26", "1O,5", "45OO12"). Words like "SO"
// or "Lot" are never touched. The caller keeps the printed text and marks its
// match repaired. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace quai {

enum class RepairScope {
  // Numbers and dates: every confusable in a run that holds a real digit and at
  // least as many digits as confusables ("1O" → "10", "l2" → "12"). A run that
  // is S, B or Z followed only by digits is left alone: it reads as a code.
  // Up to three O alone after a decimal separator are decimals ("250,OO").
  kDigitRun,
  // Identifiers: only confusables with a real digit on both sides in the run
  // ("45OO12" → "450012", but "B0512" and "PO12" stay).
  kInsideDigits,
};

// The digit a confusable character stands for, or '\0'.
char DigitForConfusable(char c);

// Writes `text` with the confusions repaired under `scope` to *repaired and
// returns true when at least one character changed; otherwise returns false
// (and *repaired holds the text unchanged).
bool RepairDigitConfusions(std::string_view text, RepairScope scope, std::string* repaired);

}  // namespace quai
