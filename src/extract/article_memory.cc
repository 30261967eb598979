#include "extract/article_memory.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extract/label_lexicon.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

// Names this long or longer (in characters) may differ by more than confusions.
constexpr size_t kMinLooseLength = 12;
constexpr double kMinNameSimilarity = 0.85;
// One-digit numbers of the remembered value that may have been read as letters.
constexpr size_t kMaxLostDigits = 2;
// A close reading of two remembered values is read as the nearer only when it
// is nearer by this much.
constexpr double kMinSimilarityLead = 0.03;

// Case and accents folded, spaces left out: "Cônes  200 µL" → "cones200µl".
std::string FoldCaseAndSpaces(const std::string& value) {
  std::string folded;
  for (unsigned char ch : FoldForLookup(value))
    if (!std::isspace(ch)) folded += static_cast<char>(ch);
  return folded;
}

// The numbers of a value, as printed: "M8 x 40" → {"8", "40"}.
std::vector<std::string> Numbers(const std::string& value) {
  std::vector<std::string> numbers;
  std::string current;
  for (unsigned char ch : value) {
    if (std::isdigit(ch)) {
      current += static_cast<char>(ch);
    } else if (!current.empty()) {
      numbers.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) numbers.push_back(current);
  return numbers;
}

size_t Characters(const std::string& utf8) {
  size_t n = 0;
  for (unsigned char ch : utf8) n += (ch & 0xC0) != 0x80;
  return n;
}

// Whether `read`'s numbers are `known`'s, some one-digit ones of `known` left
// out (at most kMaxLostDigits); `lost` receives how many.
bool SameNumbers(const std::string& read, const std::string& known, size_t* lost) {
  const std::vector<std::string> r = Numbers(read), k = Numbers(known);
  size_t i = 0;
  *lost = 0;
  for (const std::string& number : k) {
    if (i < r.size() && r[i] == number) {
      ++i;
    } else if (number.size() == 1 && ++*lost <= kMaxLostDigits) {
      continue;
    } else {
      return false;
    }
  }
  return i == r.size();
}

// How close a reading of `known` `read` is (1 when the same once folded), or
// -1 when it cannot be one (see CloseReadingOf). `folded_read`:
// FoldCaseAndSpaces(read), folded once by the caller.
double ReadingSimilarity(const std::string& read, const std::string& folded_read, const std::string& known) {
  if (read.empty() || known.empty()) return -1;
  if (folded_read == FoldCaseAndSpaces(known)) return 1;
  const bool confusions = ReadWithConfusions(read, known);
  if (!confusions) {
    if (Characters(known) < kMinLooseLength) return -1;
    size_t lost = 0;
    if (!SameNumbers(read, known, &lost)) return -1;
    // A digit read as a letter takes its place: a lost number with fewer characters was left out.
    if (lost > 0 && Characters(read) != Characters(known)) return -1;
  }
  const double similarity = Similarity(FoldForLookup(known), FoldForLookup(read));
  return confusions || similarity >= kMinNameSimilarity ? similarity : -1;
}

// The remembered value `read` is a close reading of, when exactly one is
// nearest; null otherwise.
const std::string* NearestRemembered(const std::string& read, const std::set<std::string>& known) {
  const std::string* best = nullptr;
  double best_similarity = -1, second = -1;
  const std::string folded = FoldCaseAndSpaces(read);
  for (const std::string& k : known) {
    const double similarity = ReadingSimilarity(read, folded, k);
    if (similarity < 0) continue;
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
  return ReadingSimilarity(read, FoldCaseAndSpaces(read), known) >= 0;
}

void AddArticles(const LayoutExample& example, const DocumentSchema& example_schema, const DocumentSchema& schema,
                 std::map<std::string, std::set<std::string>>* articles) {
  // The fields of `schema` holding each article property.
  std::map<std::string, std::vector<std::string>> names;
  for (const auto* list : {&schema.fields, &schema.lines})
    for (const FieldSpec& f : *list)
      if (!f.article.empty()) names[f.article].push_back(f.name);
  auto add = [&](const std::string& field, const std::string& value) {
    const FieldSpec* spec = example_schema.FindField(field);
    if (spec == nullptr || spec->article.empty() || value.empty()) return;
    if (auto it = names.find(spec->article); it != names.end())
      for (const std::string& name : it->second) (*articles)[name].insert(value);
  };
  for (const auto& [field, value] : HeaderValues(example)) add(field, value);
  for (const auto& line : example.lines)
    for (const auto& [field, value] : line) add(field, value);
}

std::set<std::string> RememberedArticles(const LayoutMemory& memory, const std::string& field) {
  std::set<std::string> known;
  if (auto it = memory.articles.find(field); it != memory.articles.end()) known = it->second;
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  for (int d = 0; d < documents; ++d) {
    for (const auto& line : memory.examples[d].lines)
      if (auto it = line.find(field); it != line.end() && !it->second.empty()) known.insert(it->second);
    const std::map<std::string, std::string> values = HeaderValues(memory.examples[d]);
    if (auto it = values.find(field); it != values.end() && !it->second.empty()) known.insert(it->second);
  }
  return known;
}

int RepairByRememberedArticles(const LayoutMemory& memory, const DocumentSchema& schema,
                               std::vector<LineItem>* items) {
  int marked = 0;
  for (const FieldSpec& field : schema.lines) {
    if (field.article.empty()) continue;
    const std::set<std::string> known = RememberedArticles(memory, field.name);
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
      if (!c.from_ocr) continue;  // a close reading is an OCR slip; a text layer has none
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
  for (const FieldSpec& field : schema.fields) {
    auto list = candidates->find(field.name);
    if ((field.article.empty() && !field.same_for_supplier) || list == candidates->end()) continue;
    const std::set<std::string> known = RememberedArticles(memory, field.name);
    if (known.empty()) continue;
    for (FieldCandidate& c : list->second) {
      if (known.count(c.value) || !c.from_ocr) continue;
      const std::string* best = NearestRemembered(c.value, known);
      if (best == nullptr) continue;
      c.value = *best;
      c.repaired = true;
    }
  }
}

}  // namespace quai
