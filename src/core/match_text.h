// Text as quai compares it when matching labels and keywords: lower case,
// Latin accents folded to ASCII ("Réf." -> "ref"), surrounding punctuation
// dropped, "N°" kept as "n°". Pure functions; thread-safe.
#pragma once

#include <string>

namespace quai {

std::string NormaliseForMatch(const std::string& text);

}  // namespace quai
