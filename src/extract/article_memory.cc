#include "extract/article_memory.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "extract/label_lexicon.h"

namespace quai {
namespace {

// Names this long or longer may differ by more than confusions.
constexpr size_t kMinLooseLength = 12;
constexpr double kMinNameSimilarity = 0.85;
constexpr size_t kMaxLostDigits = 2;
// A close reading of two remembered values is read as the nearer only when it
// is nearer by this much.
constexpr double kMinSimilarityLead = 0.03;

std::string FoldCaseAndSpaces(const std::string& value) {
  std::string folded;
  for (unsigned char ch : value)
    if (!std::isspace(ch)) folded += static_cast<char>(std::tolower(ch));
  return folded;
}

std::string Digits(const std::string& value) {
  std::string digits;
  for (unsigned char ch : value)
    if (std::isdigit(ch)) digits += static_cast<char>(ch);
  return digits;
}

// Whether `part` is `whole` with some characters left out.
bool IsSubsequence(const std::string& part, const std::string& whole) {
  size_t i = 0;
  for (char ch : whole)
    if (i < part.size() && part[i] == ch) ++i;
  return i == part.size();
}

// The remembered value `read` is a close reading of, when exactly one is
// nearest; null otherwise.
const std::string* NearestRemembered(const std::string& read, const std::set<std::string>& known) {
  const std::string* best = nullptr;
  double best_similarity = -1, second = -1;
  for (const std::string& k : known) {
    if (!CloseReadingOf(read, k)) continue;
    double similarity = FoldCaseAndSpaces(read) == FoldCaseAndSpaces(k) ? 1.0 : Similarity(k, read);
    if (similarity > best_similarity) {
      second = best_similarity;
      best_similarity = similarity;
      best = &k;
    } else {
      second = std::max(second, similarity);
    }
  }
  return best != nullptr && best_similarity - second >= kMinSimilarityLead ? best : nullptr;
}

}  // namespace

bool CloseReadingOf(const std::string& read, const std::string& known) {
  if (read.empty() || known.empty()) return false;
  if (FoldCaseAndSpaces(read) == FoldCaseAndSpaces(known)) return true;
  if (ReadWithConfusions(read, known)) return true;
  if (known.size() < kMinLooseLength) return false;
  const std::string read_digits = Digits(read), known_digits = Digits(known);
  if (read_digits.size() > known_digits.size() || known_digits.size() - read_digits.size() > kMaxLostDigits ||
      !IsSubsequence(read_digits, known_digits))
    return false;
  return Similarity(known, read) >= kMinNameSimilarity;
}

int RepairByRememberedArticles(const LayoutMemory& memory, const DocumentSchema& schema,
                               std::vector<LineItem>* items) {
  if (memory.empty()) return 0;
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  int marked = 0;
  for (const FieldSpec& field : schema.lines) {
    if (!field.article) continue;
    std::set<std::string> known;
    for (int d = 0; d < documents; ++d)
      for (const auto& line : memory.examples[d].lines)
        if (auto it = line.find(field.name); it != line.end() && !it->second.empty()) known.insert(it->second);
    if (known.empty()) continue;
    for (LineItem& item : *items) {
      auto cell = item.fields.find(field.name);
      if (cell == item.fields.end()) continue;
      FieldCandidate& c = cell->second;
      if (known.count(c.value)) {
        c.remembered = true;
        ++marked;
        continue;
      }
      const std::string* best = NearestRemembered(c.value, known);
      if (best == nullptr) continue;
      c.value = *best;
      c.repaired = true;
      c.remembered = true;
      ++marked;
    }
  }
  return marked;
}

void RepairByRememberedValues(const LayoutMemory& memory, const DocumentSchema& schema,
                              std::map<std::string, std::vector<FieldCandidate>>* candidates) {
  if (memory.empty()) return;
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  for (const FieldSpec& field : schema.fields) {
    auto list = candidates->find(field.name);
    if (!field.article || list == candidates->end()) continue;
    std::set<std::string> known;
    for (int d = 0; d < documents; ++d)
      for (const FieldAnchor& a : memory.examples[d].anchors)
        if (a.field == field.name && !a.value.empty()) known.insert(a.value);
    for (FieldCandidate& c : list->second) {
      if (known.count(c.value)) continue;
      const std::string* best = NearestRemembered(c.value, known);
      if (best == nullptr) continue;
      c.value = *best;
      c.repaired = true;
    }
  }
}

}  // namespace quai
