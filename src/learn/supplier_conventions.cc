#include "learn/supplier_conventions.h"

#include <algorithm>
#include <map>

#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

std::string LabelOf(const FieldAnchor& anchor) { return !anchor.left.empty() ? anchor.left : anchor.above; }

// The most frequent key of `counts` (the first in order on a tie).
template <typename K>
K MostFrequent(const std::map<K, int>& counts) {
  K best{};
  int most = 0;
  for (const auto& [key, count] : counts)
    if (count > most) {
      best = key;
      most = count;
    }
  return best;
}

bool SameUnit(const std::string& a, const std::string& b) { return FoldForLookup(a) == FoldForLookup(b); }

}  // namespace

std::vector<LearnedConvention> ConventionsOf(const std::string& document_type,
                                             const std::vector<LayoutExample>& examples,
                                             const std::vector<std::string>& unit_fields) {
  struct Place {
    int documents = 0;
    std::map<std::string, int> labels;
    std::map<int, int> pages;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  };
  std::map<std::string, Place> labels, columns;
  std::map<std::pair<std::string, std::string>, int> units;  // (field, folded unit) -> documents
  std::map<std::pair<std::string, std::string>, std::string> unit_spelling;
  for (const LayoutExample& example : examples) {
    std::map<std::string, bool> counted;
    for (const FieldAnchor& anchor : example.anchors) {
      const bool column = anchor.field.rfind(kLineAnchorPrefix, 0) == 0;
      const std::string field = column ? anchor.field.substr(std::string(kLineAnchorPrefix).size()) : anchor.field;
      Place& place = (column ? columns : labels)[field];
      if (counted[anchor.field]) continue;  // one anchor per field and document
      counted[anchor.field] = true;
      ++place.documents;
      if (!column && !LabelOf(anchor).empty()) ++place.labels[LabelOf(anchor)];
      ++place.pages[anchor.page + 1];
      place.x0 += anchor.x0;
      place.y0 += anchor.y0;
      place.x1 += anchor.x1;
      place.y1 += anchor.y1;
    }
    std::map<std::pair<std::string, std::string>, bool> seen;
    for (const auto& line : example.lines)
      for (const std::string& field : unit_fields)
        if (auto unit = line.find(field); unit != line.end() && !unit->second.empty()) {
          const auto key = std::make_pair(field, FoldForLookup(unit->second));
          if (seen[key]) continue;
          seen[key] = true;
          ++units[key];
          unit_spelling.emplace(key, unit->second);
        }
  }
  std::vector<LearnedConvention> conventions;
  auto add_places = [&](const std::map<std::string, Place>& places, const std::string& kind) {
    for (const auto& [field, place] : places) {
      LearnedConvention c;
      c.kind = kind;
      c.document_type = document_type;
      c.field = field;
      c.key = kind + "/" + document_type + "/" + field;
      c.value = MostFrequent(place.labels);
      c.page = MostFrequent(place.pages);
      c.documents = place.documents;
      const double n = place.documents;
      c.x0 = place.x0 / n;
      c.y0 = place.y0 / n;
      c.x1 = place.x1 / n;
      c.y1 = place.y1 / n;
      conventions.push_back(std::move(c));
    }
  };
  add_places(labels, "label");
  add_places(columns, "column");
  for (const auto& [key, documents] : units) {
    LearnedConvention c;
    c.kind = "unit";
    c.document_type = document_type;
    c.field = key.first;
    c.value = unit_spelling[key];
    c.key = "unit/" + document_type + "/" + c.field + "/" + c.value;
    c.documents = documents;
    conventions.push_back(std::move(c));
  }
  return conventions;
}

Result<LearnedConvention> ParseConventionKey(const std::string& key) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t slash = key.find('/', start);
    parts.push_back(key.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  // The last part (a unit, an identifier, an alias) may itself hold slashes.
  auto rest = [&](size_t from) {
    std::string joined = parts[from];
    for (size_t i = from + 1; i < parts.size(); ++i) joined += "/" + parts[i];
    return joined;
  };
  LearnedConvention c;
  c.key = key;
  c.kind = parts[0];
  if ((c.kind == "label" || c.kind == "column") && parts.size() == 3) {
    c.document_type = parts[1];
    c.field = parts[2];
  } else if (c.kind == "unit" && parts.size() >= 4) {
    c.document_type = parts[1];
    c.field = parts[2];
    c.value = rest(3);
  } else if (c.kind == "identifier" && parts.size() >= 3) {
    c.field = parts[1];
    c.value = rest(2);
  } else {
    return Status::InvalidArgument("'" + key + "' names no learned convention");
  }
  if (c.field.empty() || (c.kind != "identifier" && c.document_type.empty()) ||
      ((c.kind == "unit" || c.kind == "identifier") && c.value.empty()))
    return Status::InvalidArgument("'" + key + "' names no learned convention");
  return c;
}

bool ForgetConvention(const LearnedConvention& convention, LayoutExample* example) {
  bool changed = false;
  if (convention.kind == "label" || convention.kind == "column") {
    const std::string anchor_field =
        convention.kind == "column" ? kLineAnchorPrefix + convention.field : convention.field;
    const size_t before = example->anchors.size();
    std::erase_if(example->anchors, [&](const FieldAnchor& a) { return a.field == anchor_field; });
    changed = example->anchors.size() != before;
    if (convention.kind == "label") changed |= example->values.erase(convention.field) > 0;
  } else if (convention.kind == "unit") {
    for (auto& line : example->lines)
      if (auto unit = line.find(convention.field); unit != line.end() && SameUnit(unit->second, convention.value)) {
        line.erase(unit);
        changed = true;
      }
  }
  return changed;
}

}  // namespace quai
