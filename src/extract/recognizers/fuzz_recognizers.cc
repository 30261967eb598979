// libFuzzer entry for the value recognisers: the input is split into words at
// ASCII spaces and newlines, the style is guessed, and every ValueType is
// looked for. Any crash, hang, sanitizer report or disorder of the matches is
// a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "extract/recognizers/recognizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < size; ++i) {
    char c = static_cast<char>(data[i]);
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));

  quai::RecognizerContext context;
  context.number_style = quai::GuessNumberStyle(words);
  for (int type = static_cast<int>(quai::ValueType::kText); type <= static_cast<int>(quai::ValueType::kUnit); ++type) {
    std::vector<quai::ValueMatch> matches = quai::FindValues(static_cast<quai::ValueType>(type), words, context);
    for (size_t i = 0; i < matches.size(); ++i) {
      const quai::ValueMatch& match = matches[i];
      bool in_range = match.first_word >= 0 && match.first_word < match.end_word &&
                      match.end_word <= static_cast<int>(words.size());
      bool scored = match.shape_score >= 0.0 && match.shape_score <= 1.0;
      bool ordered = i == 0 || matches[i - 1].first_word < match.first_word ||
                     (matches[i - 1].first_word == match.first_word && matches[i - 1].end_word >= match.end_word);
      if (!in_range || !scored || !ordered || match.value.empty()) std::abort();
    }
  }
  return 0;
}
