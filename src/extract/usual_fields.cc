#include "extract/usual_fields.h"

#include <algorithm>
#include <map>
#include <set>

namespace quai {

std::vector<std::string> UsualFields(const LayoutMemory& memory) {
  const size_t documents = std::min<size_t>(memory.examples.size(), kLayoutMemoryDocuments);
  if (documents < static_cast<size_t>(kUsualFieldMinDocuments)) return {};
  std::map<std::string, size_t> line_count;
  size_t with_lines = 0;
  for (size_t i = 0; i < documents; ++i) {
    const LayoutExample& example = memory.examples[i];
    if (example.lines.empty()) continue;
    ++with_lines;
    std::set<std::string> columns;
    for (const auto& line : example.lines)
      for (const auto& [field, value] : line)
        if (!value.empty()) columns.insert(field);
    for (const std::string& field : columns) ++line_count[field];
  }
  std::vector<std::string> usual;
  if (with_lines >= static_cast<size_t>(kUsualFieldMinDocuments))
    for (const auto& [field, n] : line_count)
      if (n == with_lines) usual.push_back(kLineAnchorPrefix + field);
  std::sort(usual.begin(), usual.end());
  return usual;
}

}  // namespace quai
