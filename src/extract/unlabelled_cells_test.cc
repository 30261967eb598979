#include "extract/unlabelled_cells.h"

#include <gtest/gtest.h>

#include "fixtures/fixtures.h"
#include "fixtures/pages.h"

namespace quai {
namespace {

using testing::AddRow;

class UnlabelledCells : public ::testing::Test {
 protected:
  void SetUp() override {
    auto schemas = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
    ASSERT_TRUE(schemas.ok());
    schemas_ = std::move(schemas).value();
    pages_.resize(1);
    pages_[0].width = 595;
    pages_[0].height = 842;
    // The unit and price headings are printed on a row of their own, far above: the table reader does not read them.
    AddRow(&pages_[0], 100, {"Unit@340", "Rate@380"});
    AddRow(&pages_[0], 300, {"Our ref.@40", "Item description@110", "Quantity@290", "Line total@450"});
  }
  std::vector<LineItem> Read(const std::string& type) {
    const DocumentSchema& schema = *schemas_.Find(type);
    SchemaLexicons lexicons(schema);
    DocumentView view(pages_);
    RecognizerContext context;
    context.number_style = NumberStyle::kDecimalComma;
    auto items = LineItemExtractor(lexicons).Extract(view, context);
    ReadUnlabelledCells(view, schema, context, &items);
    return items;
  }
  SchemaSet schemas_;
  std::vector<Page> pages_;
};

TEST_F(UnlabelledCells, APriceTheArithmeticPlacesIsRead) {
  AddRow(&pages_[0], 320, {"RV9560-14@40", "PVAc adhesive@110", "400@300", "KG@340", "2,82@380", "1.128,00@450"});
  AddRow(&pages_[0], 340, {"RV7122-67@40", "Double-wall carton@110", "3.635@300", "PCS@340", "0,87@380", "3.162,45@450"});
  auto items = Read("invoice");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].fields["unit_price"].value, "2.82");
  EXPECT_EQ(items[1].fields["quantity"].value, "3635");
  EXPECT_FALSE(items[1].fields.count("unit"));  // the invoice schema reads no unit
  EXPECT_EQ(items[1].fields["unit_price"].value, "0.87");
  EXPECT_NE(items[1].fields["unit_price"].evidence.find("gives the line's amount"), std::string::npos);
  EXPECT_GT(items[1].fields["unit_price"].confidence, 0);
}

TEST_F(UnlabelledCells, NothingIsPlacedWhereTheArithmeticDoesNotTellOneNumber) {
  // 2 × 10,00 and 2 × 10,00 again: two numbers fit; 3 × 7,00 is not 20,00: none does.
  AddRow(&pages_[0], 320, {"A-1@40", "Widget@110", "2@300", "10,00@340", "10,00@380", "20,00@450"});
  AddRow(&pages_[0], 340, {"A-2@40", "Gadget@110", "3@300", "7,00@380", "20,00@450"});
  auto items = Read("invoice");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_FALSE(items[0].fields.count("unit_price"));
  EXPECT_FALSE(items[1].fields.count("unit_price"));
  EXPECT_FALSE(items[1].fields.count("unit"));  // "7,00" after the quantity is no unit
}

TEST_F(UnlabelledCells, ADeliveryNoteReadsTheUnitAfterTheQuantityAndHasNoPriceToPlace) {
  AddRow(&pages_[0], 320, {"A-1@40", "Widget@110", "2@300", "pcs@340", "10,00@380", "20,00@450"});
  auto items = Read("delivery_note");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].fields["unit"].value, "pcs");
  EXPECT_FALSE(items[0].fields.count("unit_price"));
}

}  // namespace
}  // namespace quai
