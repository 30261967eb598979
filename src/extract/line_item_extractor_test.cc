#include "extract/line_item_extractor.h"

#include <gtest/gtest.h>

#include "fixtures/fixtures.h"
#include "fixtures/pages.h"

namespace quai {
namespace {

using testing::AddRow;

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

TEST_F(LineItems, AUnitBesideOrGluedToTheQuantityIsTheLinesUnit) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  AddRow(&pages[0], 300, {"Référence@40", "Désignation@130", "Quantité@330", "Lot@420"});
  AddRow(&pages[0], 320, {"CH-3452@40", "Acétate d'éthyle@130", "928,5kg@330", "L25218-51@420"});
  AddRow(&pages[0], 340, {"CH-1010@40", "Acide citrique@130", "12 uds@330", "L25219-02@420"});
  AddRow(&pages[0], 360, {"CH-1011@40", "Gants nitrile@130", "4@330", "L25219-03@420"});
  auto items = Extract(pages, "delivery_note");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].fields["quantity"].value, "928.5");
  EXPECT_EQ(items[0].fields["unit"].value, "kg");
  EXPECT_EQ(items[1].fields["quantity"].value, "12");
  EXPECT_EQ(items[1].fields["unit"].value, "uds");
  EXPECT_FALSE(items[2].fields.count("unit"));
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

TEST_F(LineItems, AHeaderLabelNeverSpansAColumnGap) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  // "Item" and "Description" are two headers, not the label "item description".
  AddRow(&pages[0], 300, {"Item@40", "Description@130", "Qty@330"});
  AddRow(&pages[0], 320, {"LA8498@40", "Two-part epoxy@130", "97@335"});
  auto items = Extract(pages, "delivery_note");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].fields["supplier_article_code"].value, "LA8498");
  EXPECT_EQ(items[0].fields["description"].value, "Two-part epoxy");
}

TEST_F(LineItems, WordsCloseAfterADescriptionHeaderBelongToIt) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  // "article" reads as a code label but is part of "Désignation article".
  AddRow(&pages[0], 300, {"Code@40", "Désignation article@100", "Qté@330"});
  AddRow(&pages[0], 320, {"DL-63785@40", "Méthanol qualité HPLC@100", "45@335"});
  auto items = Extract(pages, "delivery_note");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].fields["supplier_article_code"].value, "DL-63785");
  EXPECT_EQ(items[0].fields["description"].value, "Méthanol qualité HPLC");
}

TEST_F(LineItems, ALongNumberUnderAShortHeaderBelongsToItsColumn) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  // Right-aligned "1050,000" reaches left of "Qté": its centre is in the description's band.
  AddRow(&pages[0], 300, {"Désignation@40", "Qté@330", "Lot@400"});
  AddRow(&pages[0], 320, {"Beurre de cacao@40", "1050,000@300", "L25218@400"});
  AddRow(&pages[0], 340, {"Sirop de glucose@40", "47,000@312", "L25219@400"});
  auto items = Extract(pages, "delivery_note");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].fields["description"].value, "Beurre de cacao");
  EXPECT_EQ(items[0].fields["quantity"].value, "1050.000");
}

TEST_F(LineItems, ARowOfScanNoiseDoesNotEndTheTable) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  AddRow(&pages[0], 300, {"Désignation@40", "Qté@330", "Lot@400"});
  AddRow(&pages[0], 320, {"Acide citrique@40", "12@335", "L1@400"});
  AddRow(&pages[0], 333, {"|@380"});
  AddRow(&pages[0], 346, {"Acide nitrique@40", "4@335", "L2@400"});
  auto items = Extract(pages, "delivery_note");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].fields["lot_number"].value, "L2");
}

TEST_F(LineItems, CentredTextUnderTheTableDoesNotExtendADescription) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  AddRow(&pages[0], 300, {"Code@40", "Désignation@100", "Qté@330"});
  AddRow(&pages[0], 320, {"DL-1@40", "Méthanol@100", "45@335"});
  AddRow(&pages[0], 334, {"Page 1 of 2@180"});
  auto items = Extract(pages, "delivery_note");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].fields["description"].value, "Méthanol");
}

TEST_F(LineItems, UnreadWordsBeforeALabelStartItsHeader) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  // "Désignation article" with its first word misread: "article" alone names the column.
  AddRow(&pages[0], 300, {"Code@40", "Désiguaiun article@100", "Qté@330"});
  AddRow(&pages[0], 320, {"DL-63785@40", "Masque FFP2 sans soupape@100", "45@335"});
  auto items = Extract(pages, "delivery_note");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].fields["description"].value, "Masque FFP2 sans soupape");
}

TEST_F(LineItems, ARowWhoseQuantityOcrGarbledStillStartsAnItem) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  AddRow(&pages[0], 300, {"Code@40", "Description@100", "Qty@330", "Unit price@400", "Amount@480"});
  AddRow(&pages[0], 320, {"LA1@40", "Neoprene@100", "14@335", "15,14@400", "211,96@480"});
  AddRow(&pages[0], 334, {"LA2@40", "Sealant@100", "1i1@335", "6,19@400", "687,09@480"});
  AddRow(&pages[0], 348, {"LA3@40", "Thinner@100", "50@335", "8,24@400", "412,00@480"});
  auto items = Extract(pages, "invoice");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].fields["description"].value, "Sealant");
  EXPECT_EQ(items[1].fields["amount"].value, "687.09");
  EXPECT_EQ(items[2].fields["quantity"].value, "50");
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

// A delivery-note table: header, `first` and `second` rows, and a signature
// line below; the items read and, in `unread`, the rows left unread.
std::vector<LineItem> ReadDeliveryTable(const std::vector<std::string>& first, const std::vector<std::string>& second,
                                        int* unread) {
  auto schemas = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
  EXPECT_TRUE(schemas.ok());
  if (!schemas.ok()) return {};
  SchemaLexicons lexicons(*schemas->Find("delivery_note"));
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  AddRow(&pages[0], 300, {"R\xC3\xA9" "f\xC3\xA9rence@40", "D\xC3\xA9signation@130", "Qt\xC3\xA9@330", "Lot@400"});
  AddRow(&pages[0], 320, first);
  AddRow(&pages[0], 340, second);
  AddRow(&pages[0], 420, {"Signature@40", "du@100", "client@120"});
  DocumentView view(pages);
  return LineItemExtractor(lexicons).Extract(view, RecognizerContext{}, unread);
}

const std::vector<std::string> kReadableRow = {"CH-3452@40", "Ac\xC3\xA9tate d'\xC3\xA9thyle@130", "6@335",
                                               "L25218-51@400"};

TEST(LineItemRows, ARowThatEndsTheTableWithNumbersUnderItsColumnsIsCountedUnread) {
  int unread = -1;
  // A quantity the reader cannot read, with a lot: the table ends there.
  EXPECT_EQ(ReadDeliveryTable(kReadableRow, {"Acide citrique@130", ",,5@335", "12345@400"}, &unread).size(), 1u);
  EXPECT_EQ(unread, 1);
  // The table's own end: a total row, a sentence.
  EXPECT_EQ(ReadDeliveryTable(kReadableRow, {"Total@40", "HT@70", "1 256,50@330"}, &unread).size(), 1u);
  EXPECT_EQ(unread, 0);
  ReadDeliveryTable(kReadableRow, {"Marchandise@40", "re\xC3\xA7ue@120", "en@160", "bon@180", "\xC3\xA9tat@210"}, &unread);
  EXPECT_EQ(unread, 0);
}

TEST(LineItemRows, ALegalFooterRunningAcrossThePageIsNotAnUnreadItem) {
  auto schemas = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
  ASSERT_TRUE(schemas.ok());
  SchemaLexicons lexicons(*schemas->Find("delivery_note"));
  auto read = [&](const std::vector<std::string>& last_row) {
    std::vector<Page> pages(1);
    pages[0].width = 595;
    pages[0].height = 842;
    AddRow(&pages[0], 300, {"R\xC3\xA9" "f\xC3\xA9rence@40", "D\xC3\xA9signation@130", "Qt\xC3\xA9@330", "Lot@400"});
    AddRow(&pages[0], 320, kReadableRow);
    AddRow(&pages[0], 400, {"Marchandise@40", "re\xC3\xA7ue@120", "en@160", "bon@180", "\xC3\xA9tat@210"});
    AddRow(&pages[0], 420, last_row);
    int unread = -1;
    LineItemExtractor(lexicons).Extract(DocumentView(pages), RecognizerContext{}, &unread);
    return unread;
  };
  // A sentence whose numbers fall under the quantity and lot columns by chance.
  EXPECT_EQ(read({"SARL au capital de 60 000 \xE2\x82\xAC RCS Toulouse 440 182 954 SIRET 440182954 00019 TVA@40"}), 0);
  // The same numbers in those columns, far apart: an item that was not read.
  EXPECT_EQ(read({"Acide@130", "60@335", "440182954@400"}), 1);
}

TEST(LineItemRows, AFirstRowReadingValuesButNoQuantityIsCountedUnread) {
  int unread = -1;
  // "75 L" read as "755-4": the code and the lot are read, the quantity is not.
  EXPECT_EQ(
      ReadDeliveryTable({"OC-230-52@40", "Vernis acrylique@130", "755-4@335", "2522145@400"}, kReadableRow, &unread)
          .size(),
      1u);
  EXPECT_EQ(unread, 1);
  // A line of text under the header is no item.
  EXPECT_EQ(ReadDeliveryTable({"Livraison@40", "partielle@100"}, kReadableRow, &unread).size(), 1u);
  EXPECT_EQ(unread, 0);
}

TEST(LineItemRows, AnItemWhoseDescriptionHoldsALabelWordIsNotASmallHeader) {
  auto schemas = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
  ASSERT_TRUE(schemas.ok());
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  AddRow(&pages[0], 300, {"Réf@40", "Désignation@130", "Qté@330", "Unité@380", "Lot@430"});
  AddRow(&pages[0], 320, {"ESO5964@40", "Film étirable manuel@130", "174@335", "rouleau@380", "OF67544@430"});
  // Read as two runs of words: "lot" is a label, but the row prints a quantity.
  AddRow(&pages[0], 340, {"ESO4294 Palette bois EPAL lot de 15@40", "82 pce@335"});
  AddRow(&pages[0], 400, {"Nombre@40", "de@90", "colis@110", ":@150", "12@160"});
  SchemaLexicons lexicons(*schemas->Find("delivery_note"));
  DocumentView view(pages);
  auto items = LineItemExtractor(lexicons).Extract(view, RecognizerContext{});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].fields["quantity"].value, "82");
}

}  // namespace
}  // namespace quai
