// Test support for the value recognisers: lines of words from a string split
// at ASCII spaces (other spaces, like U+00A0, stay inside words as in real
// text layers), and look-ups of a match by its words. Tests only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/recognizers/recognizer.h"

namespace quai {
namespace testing_support {

inline std::vector<std::string> Words(std::string_view line) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < line.size()) {
    size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    if (end > start) words.emplace_back(line.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// The values of the matches, in order.
inline std::vector<std::string> Values(const std::vector<ValueMatch>& matches) {
  std::vector<std::string> values;
  for (const ValueMatch& match : matches) values.push_back(match.value);
  return values;
}

// The match covering exactly words[first..end), or nullptr.
inline const ValueMatch* MatchAt(const std::vector<ValueMatch>& matches, int first, int end) {
  for (const ValueMatch& match : matches) {
    if (match.first_word == first && match.end_word == end) return &match;
  }
  return nullptr;
}

// The longest match of `type` in `line` that starts at its first word, or an empty match.
inline ValueMatch FirstMatch(ValueType type, std::string_view line,
                             NumberStyle style = NumberStyle::kUnknown) {
  RecognizerContext context;
  context.number_style = style;
  std::vector<ValueMatch> matches = FindValues(type, Words(line), context);
  if (matches.empty() || matches[0].first_word != 0) return ValueMatch();
  return matches[0];
}

}  // namespace testing_support
}  // namespace quai
