// Text as quai compares it when matching labels and keywords: lower case,
// Latin accents folded to ASCII ("Réf." -> "ref"), surrounding punctuation
// dropped, "N°" kept as "n°". Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace quai {

std::string NormaliseForMatch(const std::string& text);
// `text` without the spaces, tabs and line breaks around it (a word as OCR
// gave it: " K251749").
std::string TrimSpaces(std::string_view text);

}  // namespace quai
