#include "extract/line_shape_repair.h"

#include <string>

#include "extract/corroboration.h"

namespace quai {

int RepairLineCodesByLearnedShapes(const LayoutMemory& memory, const DocumentSchema& schema,
                                   std::vector<LineItem>* items) {
  int changed = 0;
  for (const FieldSpec& field : schema.lines) {
    if (field.type != ValueType::kCode) continue;
    const std::string shape = UnanimousShape(memory, field.name, true);
    if (shape.empty()) continue;
    for (LineItem& item : *items) {
      auto cell = item.fields.find(field.name);
      if (cell == item.fields.end()) continue;
      FieldCandidate& c = cell->second;
      if (!c.from_ocr || c.remembered || ValueShape(c.value) == shape) continue;
      std::string fitted;
      if (!FitToShape(c.value, shape, &fitted)) continue;
      c.evidence += ", OCR '" + c.value + "' read as " + fitted + ": the shape of every " + field.name +
                    " of this supplier (" + shape + ")";
      c.value = fitted;
      c.repaired = true;
      ++changed;
    }
  }
  return changed;
}

}  // namespace quai
