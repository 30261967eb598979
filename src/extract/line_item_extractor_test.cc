#include "extract/line_item_extractor.h"

#include <gtest/gtest.h>

#include <sstream>

#include "fixtures/fixtures.h"

namespace quai {
namespace {

// Lays out words of `cells` ("text@x") on one row at `y`.
void AddRow(Page* page, double y, const std::vector<std::string>& cells) {
  for (const std::string& cell : cells) {
    size_t at = cell.rfind('@');
    double x = std::stod(cell.substr(at + 1));
    std::istringstream words(cell.substr(0, at));
    for (std::string word; words >> word;) {
      Word w;
      w.text = word;
      w.box = {x, y, x + 6.0 * word.size(), y + 10};
      x += 6.0 * word.size() + 4;
      page->words.push_back(w);
    }
  }
}

class LineItems : public ::testing::Test {
 protected:
  void SetUp() override {
    auto schemas = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
    ASSERT_TRUE(schemas.ok());
    schemas_ = std::move(schemas).value();
  }
  std::vector<LineItem> Extract(const std::vector<Page>& pages, const std::string& type) {
    SchemaLexicons lexicons(*schemas_.Find(type));
    DocumentView view(pages);
    return LineItemExtractor(lexicons).Extract(view, RecognizerContext{});
  }
  SchemaSet schemas_;
};

TEST_F(LineItems, ReadsRowsUnderTheHeaderWithMultiLineDescriptions) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  AddRow(&pages[0], 300, {"Référence@40", "Désignation@130", "Qté@330", "Lot@400"});
  AddRow(&pages[0], 320, {"CH-3452@40", "Acétate d'éthyle@130", "6@335", "L25218-51@400"});
  AddRow(&pages[0], 332, {"qualité technique@130"});
  AddRow(&pages[0], 352, {"CH-1010@40", "Acide citrique@130", "1 250,5@330", "L25219-02@400"});
  AddRow(&pages[0], 400, {"Total@40", "HT@70", "1 256,50@330"});
  auto items = Extract(pages, "delivery_note");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].fields["supplier_article_code"].value, "CH-3452");
  EXPECT_EQ(items[0].fields["description"].value, "Acétate d'éthyle qualité technique");
  EXPECT_EQ(items[0].fields["quantity"].value, "6");
  EXPECT_EQ(items[0].fields["lot_number"].value, "L25218-51");
  EXPECT_EQ(items[1].fields["quantity"].value, "1250.5");
}

TEST_F(LineItems, TableContinuesOnTheNextPageWithoutItsHeader) {
  std::vector<Page> pages(2);
  for (auto& p : pages) {
    p.width = 595;
    p.height = 842;
  }
  AddRow(&pages[0], 600, {"Code@40", "Description@130", "Qty@330", "Amount@420"});
  AddRow(&pages[0], 620, {"A-100@40", "Widget@130", "2@335", "20.00@420"});
  AddRow(&pages[0], 780, {"B-200@40", "Gadget@130", "3@335", "45.00@420"});
  AddRow(&pages[1], 60, {"C-300@40", "Gizmo@130", "1@335", "9.50@420"});
  AddRow(&pages[1], 120, {"Total@300", "due@330", "74.50@420"});
  auto items = Extract(pages, "invoice");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[2].fields["supplier_article_code"].value, "C-300");
  EXPECT_EQ(items[2].fields["amount"].value, "9.50");
  EXPECT_EQ(items[2].fields["amount"].page, 1);
}

}  // namespace
}  // namespace quai
