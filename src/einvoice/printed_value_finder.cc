#include "einvoice/printed_value_finder.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>

#include "extract/recognizers/recognizer.h"

namespace quai {
namespace {

std::string Folded(const std::string& text) {
  std::string folded;
  for (unsigned char c : text)
    if (!std::isspace(c)) folded += static_cast<char>(std::tolower(c));
  return folded;
}

Box Union(const std::vector<const Word*>& words, size_t first, size_t end) {
  Box box = words[first]->box;
  for (size_t i = first + 1; i < end; ++i) {
    box.x0 = std::min(box.x0, words[i]->box.x0);
    box.y0 = std::min(box.y0, words[i]->box.y0);
    box.x1 = std::max(box.x1, words[i]->box.x1);
    box.y1 = std::max(box.y1, words[i]->box.y1);
  }
  return box;
}

// Words of each line, reading order kept.
std::map<int, std::vector<const Word*>> Lines(const Page& page) {
  std::map<int, std::vector<const Word*>> lines;
  for (const Word& word : page.words) lines[word.line].push_back(&word);
  return lines;
}

// Consecutive words whose folded text is the folded value.
std::optional<Box> FindText(const std::vector<const Word*>& words, const std::string& folded_value) {
  for (size_t first = 0; first < words.size(); ++first) {
    std::string joined;
    for (size_t end = first; end < words.size(); ++end) {
      joined += Folded(words[end]->text);
      if (joined == folded_value) return Union(words, first, end + 1);
      if (joined.size() >= folded_value.size() || folded_value.compare(0, joined.size(), joined) != 0) break;
    }
  }
  return std::nullopt;
}

std::optional<Box> FindRecognised(const std::vector<const Word*>& words, const std::string& value, PrintedKind kind,
                                  const RecognizerContext& context) {
  std::vector<std::string> texts;
  for (const Word* word : words) texts.push_back(word->text);
  const double wanted = std::fabs(std::strtod(value.c_str(), nullptr));
  for (const ValueMatch& match : FindValues(kind == PrintedKind::kAmount ? ValueType::kAmount : ValueType::kDate,
                                            texts, context)) {
    const bool same = kind == PrintedKind::kDate
                          ? match.value == value
                          : std::fabs(std::fabs(std::strtod(match.value.c_str(), nullptr)) - wanted) < 0.005;
    if (same && match.end_word > match.first_word)
      return Union(words, static_cast<size_t>(match.first_word), static_cast<size_t>(match.end_word));
  }
  return std::nullopt;
}

}  // namespace

std::optional<PrintedAt> FindPrinted(const std::vector<Page>& pages, const std::string& value, PrintedKind kind) {
  const std::string folded = Folded(value);
  if (folded.empty()) return std::nullopt;
  for (const Page& page : pages)
    for (const auto& [line, words] : Lines(page))
      if (auto box = FindText(words, folded)) return PrintedAt{page.number, *box};
  if (kind == PrintedKind::kText) return std::nullopt;
  std::vector<std::string> all;
  for (const Page& page : pages)
    for (const Word& word : page.words) all.push_back(word.text);
  RecognizerContext context;
  context.number_style = GuessNumberStyle(all);
  for (const Page& page : pages)
    for (const auto& [line, words] : Lines(page))
      if (auto box = FindRecognised(words, value, kind, context)) return PrintedAt{page.number, *box};
  return std::nullopt;
}

}  // namespace quai
