#include "support/character_error_rate.h"

#include <algorithm>
#include <sstream>

namespace quai::testing {

std::u32string NormalisedCodePoints(const std::string& utf8) {
  std::u32string out;
  bool pending_space = false;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    char32_t cp;
    int length;
    if (c < 0x80) { cp = c; length = 1; }
    else if ((c >> 5) == 6) { cp = c & 0x1f; length = 2; }
    else if ((c >> 4) == 14) { cp = c & 0x0f; length = 3; }
    else { cp = c & 0x07; length = 4; }
    for (int k = 1; k < length && i + k < utf8.size(); ++k) cp = (cp << 6) | (utf8[i + k] & 0x3f);
    i += length;
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 || cp == '\f') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(U' ');
    pending_space = false;
    out.push_back(cp);
  }
  return out;
}

long SubstringEditDistance(const std::u32string& printed, const std::u32string& page) {
  const size_t m = printed.size(), n = page.size();
  if (m == 0) return 0;
  // row[j]: cost of aligning printed[0..i) ending at page position j; row 0 is free everywhere.
  std::vector<long> previous(n + 1, 0), current(n + 1, 0);
  for (size_t i = 1; i <= m; ++i) {
    current[0] = static_cast<long>(i);
    for (size_t j = 1; j <= n; ++j) {
      long substitute = previous[j - 1] + (printed[i - 1] == page[j - 1] ? 0 : 1);
      current[j] = std::min({substitute, previous[j] + 1, current[j - 1] + 1});
    }
    std::swap(previous, current);
  }
  return *std::min_element(previous.begin(), previous.end());
}

ErrorCount CountCharacterErrors(const std::vector<std::vector<std::string>>& printed_pages,
                                const std::vector<std::string>& ocr_pages) {
  ErrorCount count;
  for (size_t p = 0; p < printed_pages.size(); ++p) {
    std::u32string page = p < ocr_pages.size() ? NormalisedCodePoints(ocr_pages[p]) : std::u32string();
    for (const std::string& line : printed_pages[p]) {
      std::u32string printed = NormalisedCodePoints(line);
      if (printed.empty()) continue;
      count.characters += static_cast<long>(printed.size());
      count.errors += page.empty() ? static_cast<long>(printed.size()) : SubstringEditDistance(printed, page);
    }
  }
  return count;
}

std::vector<std::vector<std::string>> SplitPrintedText(const std::string& text) {
  std::vector<std::vector<std::string>> pages(1);
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line == "\f") {
      pages.emplace_back();
      continue;
    }
    pages.back().push_back(line);
  }
  return pages;
}

}  // namespace quai::testing
