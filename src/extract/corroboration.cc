#include "extract/corroboration.h"

#include <algorithm>
#include <map>

namespace quai {
namespace {

bool IsTotal(const std::string& field) {
  return field == "total_excl_tax" || field == "total_tax" || field == "total_incl_tax";
}

}  // namespace

bool Corroborated(const Extraction& extraction, const std::string& field, const LayoutMemory& memory) {
  auto it = extraction.fields.find(field);
  if (it == extraction.fields.end() || it->second.value.empty()) return false;
  if (IsTotal(field) && TotalsAddUp(extraction)) return true;
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  int same = 0;
  for (int d = 0; d < documents; ++d)
    for (const FieldAnchor& a : memory.examples[d].anchors)
      if (a.field == field) {
        same += a.value == it->second.value;
        break;
      }
  return documents > 0 && 2 * same > documents;
}

std::string ColumnShape(const LayoutMemory& memory, const std::string& field) {
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  std::map<std::string, int> shapes;
  int values = 0;
  for (int d = 0; d < documents; ++d)
    for (const auto& line : memory.examples[d].lines)
      if (auto it = line.find(field); it != line.end() && !it->second.empty()) {
        ++shapes[ValueShape(it->second)];
        ++values;
      }
  for (const auto& [shape, count] : shapes)
    if (values >= 3 && 2 * count > values) return shape;
  return "";
}

bool CellCorroborated(const FieldCandidate& cell, const std::string& column_shape) {
  if (cell.value.empty()) return false;
  if (cell.remembered || cell.adds_up) return true;
  return !column_shape.empty() && ValueShape(cell.value) == column_shape;
}

}  // namespace quai
