#include "storage/search_values.h"

#include <cctype>

namespace quai {

std::vector<SearchValue> SearchValuesOf(const Extraction& extraction) {
  std::vector<SearchValue> values;
  for (const auto& [field, value] : extraction.fields)
    if (!value.value.empty()) values.push_back({field, value.value});
  for (size_t i = 0; i < extraction.lines.size(); ++i)
    for (const auto& [field, value] : extraction.lines[i])
      if (!value.value.empty()) values.push_back({"lines[" + std::to_string(i) + "]." + field, value.value});
  return values;
}

std::string CompactKey(const std::string& identifier) {
  std::string compact;
  for (unsigned char c : identifier)
    if (std::isalnum(c)) compact += static_cast<char>(std::toupper(c));
  return compact;
}

}  // namespace quai
