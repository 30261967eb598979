#include "extract/corroboration.h"

#include <algorithm>

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

}  // namespace quai
