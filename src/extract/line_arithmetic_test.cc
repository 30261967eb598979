#include "extract/line_arithmetic.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace quai {
namespace {

LineItem Cells(const char* quantity, const char* price, const char* amount) {
  LineItem item;
  for (auto [name, value] : {std::pair{"quantity", quantity}, {"unit_price", price}, {"amount", amount}}) {
    FieldCandidate& c = item.fields[name];
    c.field = name;
    c.value = value;
  }
  return item;
}

TEST(CheckLineArithmetic, ALineThatAddsUpIsMarked) {
  std::vector<LineItem> items = {Cells("265", "3.07", "813.55"), Cells("3", "488.10", "146.30")};
  EXPECT_EQ(CheckLineArithmetic(&items), 1);
  for (const auto& [name, cell] : items[0].fields) {
    EXPECT_TRUE(cell.adds_up) << name;
    EXPECT_NE(cell.evidence.find("quantity × price = amount"), std::string::npos);
  }
  for (const auto& [name, cell] : items[1].fields) EXPECT_FALSE(cell.adds_up) << name;
}

TEST(CheckLineArithmetic, RestoresADecimalPointOcrLost) {
  std::vector<LineItem> items = {Cells("12", "438", "52.56"), Cells("5", "2.50", "1250"), Cells("4", "438", "5256"),
                                 Cells("1", "12", "13")};
  EXPECT_EQ(CheckLineArithmetic(&items), 2);
  EXPECT_EQ(items[0].fields["unit_price"].value, "4.38");
  EXPECT_TRUE(items[0].fields["unit_price"].repaired);
  EXPECT_FALSE(items[0].fields["amount"].repaired);
  EXPECT_EQ(items[1].fields["amount"].value, "12.50");
  EXPECT_TRUE(items[1].fields["amount"].adds_up);
  // No one restored point makes 4 × 438 give 5256, nor 1 × 12 give 13: left as read.
  EXPECT_EQ(items[2].fields["unit_price"].value, "438");
  EXPECT_FALSE(items[2].fields["amount"].adds_up);
  EXPECT_EQ(items[3].fields["unit_price"].value, "12");
  EXPECT_FALSE(items[3].fields["quantity"].adds_up);
}

TEST(CheckLineArithmetic, LinesWithoutAllThreeCellsAreLeftAlone) {
  std::vector<LineItem> items = {Cells("2", "3.00", "6.00")};
  items[0].fields.erase("amount");
  EXPECT_EQ(CheckLineArithmetic(&items), 0);
  EXPECT_FALSE(items[0].fields["quantity"].adds_up);
}

std::map<std::string, ExtractedValue> Line(const char* quantity, const char* price, const char* amount) {
  std::map<std::string, ExtractedValue> line;
  line["quantity"].value = quantity;
  line["unit_price"].value = price;
  line["amount"].value = amount;
  for (auto& [name, v] : line) v.confidence = 0.8;
  return line;
}

TEST(LineAddsUp, SaysWhetherQuantityTimesPriceIsTheAmount) {
  EXPECT_EQ(LineAddsUp(Line("265", "3.07", "813.55")), true);
  EXPECT_EQ(LineAddsUp(Line("3", "488.10", "146.30")), false);
  auto unreadable = Line("3", "488,10", "1464.30");
  EXPECT_EQ(LineAddsUp(unreadable), std::nullopt);
  auto incomplete = Line("3", "488.10", "1464.30");
  incomplete.erase("amount");
  EXPECT_EQ(LineAddsUp(incomplete), std::nullopt);
}

TEST(LowerLinesNotAddingUp, LowersOnlyTheCellsOfLinesThatDoNotAddUp) {
  Extraction e;
  e.document_type = "invoice";
  e.lines = {Line("265", "3.07", "813.55"), Line("3", "488.10", "146.30")};
  LowerLinesNotAddingUp(&e);
  EXPECT_DOUBLE_EQ(e.lines[0]["amount"].confidence, 0.8);
  for (const char* name : {"quantity", "unit_price", "amount"}) EXPECT_LE(e.lines[1][name].confidence, 0.5) << name;
  EXPECT_TRUE(e.findings.empty());  // saying why is the check stage's
}

}  // namespace
}  // namespace quai
