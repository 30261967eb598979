#include "extract/corroboration.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace quai {
namespace {

double Amount(const Extraction& extraction, const char* field) {
  auto it = extraction.fields.find(field);
  if (it == extraction.fields.end()) return NAN;
  char* end = nullptr;
  double v = std::strtod(it->second.value.c_str(), &end);
  return end != it->second.value.c_str() && *end == '\0' ? v : NAN;
}

bool IsTotal(const std::string& field) {
  return field == "total_excl_tax" || field == "total_tax" || field == "total_incl_tax";
}

}  // namespace

bool TotalsAddUp(const Extraction& extraction) {
  const double excl = Amount(extraction, "total_excl_tax"), tax = Amount(extraction, "total_tax"),
               incl = Amount(extraction, "total_incl_tax");
  if (std::isnan(excl) || std::isnan(tax) || std::isnan(incl) || incl <= 0) return false;
  return std::fabs(excl + tax - incl) < 0.005;
}

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
