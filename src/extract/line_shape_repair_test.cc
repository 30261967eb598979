#include "extract/line_shape_repair.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "extract/corroboration.h"

namespace quai {
namespace {

DocumentSchema Lots() {
  DocumentSchema schema;
  schema.document_type = "delivery_note";
  FieldSpec& lot = schema.lines.emplace_back();
  lot.name = "lot_number";
  lot.type = ValueType::kCode;
  return schema;
}

// Validated documents whose lot numbers are all one letter and seven digits.
LayoutMemory LotMemory() {
  LayoutMemory memory;
  memory.supplier_id = 4;
  for (const char* lot : {"L2602992", "L2604405", "L2510881", "L2603362", "L2601174"})
    memory.examples.push_back({0, {}, {{{"lot_number", lot}}}, {}});
  return memory;
}

LineItem Lot(const std::string& value, bool from_ocr) {
  LineItem item;
  FieldCandidate& c = item.fields["lot_number"];
  c.field = "lot_number";
  c.value = value;
  c.printed = value;
  c.from_ocr = from_ocr;
  return item;
}

TEST(RepairLineCodesByLearnedShapes, ReadsAnOcrSlipIntoTheSuppliersShape) {
  std::vector<LineItem> items = {Lot("L26O2S92", true), Lot("L2603118", true), Lot("LOT-4471", true)};
  EXPECT_EQ(RepairLineCodesByLearnedShapes(LotMemory(), Lots(), &items), 1);
  FieldCandidate& repaired = items[0].fields["lot_number"];
  EXPECT_EQ(repaired.value, "L2602592");
  EXPECT_TRUE(repaired.repaired);
  EXPECT_NE(repaired.evidence.find("the shape of every lot_number of this supplier (A9999999)"), std::string::npos);
  // In the shape already, or no confusion explains the difference: as read.
  EXPECT_EQ(items[1].fields["lot_number"].value, "L2603118");
  EXPECT_EQ(items[2].fields["lot_number"].value, "LOT-4471");
  // A repair is not a confirmation: the cell still needs its own confidence.
  EXPECT_FALSE(CellCorroborated(repaired, "A9999999"));
}

TEST(RepairLineCodesByLearnedShapes, NeverChangesATextLayer) {
  std::vector<LineItem> items = {Lot("L26O2S92", false)};
  EXPECT_EQ(RepairLineCodesByLearnedShapes(LotMemory(), Lots(), &items), 0);
  EXPECT_EQ(items[0].fields["lot_number"].value, "L26O2S92");
  EXPECT_FALSE(items[0].fields["lot_number"].repaired);
}

TEST(RepairLineCodesByLearnedShapes, NeedsAShapeEveryValidatedValueHad) {
  LayoutMemory memory = LotMemory();
  memory.examples.push_back({0, {}, {{{"lot_number", "260802W"}}}, {}});  // a second shape
  std::vector<LineItem> items = {Lot("L26O2S92", true)};
  EXPECT_EQ(RepairLineCodesByLearnedShapes(memory, Lots(), &items), 0);
  EXPECT_EQ(RepairLineCodesByLearnedShapes(LayoutMemory{}, Lots(), &items), 0);
  EXPECT_EQ(items[0].fields["lot_number"].value, "L26O2S92");
}

}  // namespace
}  // namespace quai
