#include "extract/barcode_candidates.h"

#include <gtest/gtest.h>

#include <sstream>

namespace quai {
namespace {

std::vector<Page> PageWithRow(const std::string& text, std::vector<Barcode> barcodes = {}) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  std::istringstream words(text);
  double x = 40;
  for (std::string w; words >> w; x += 8.0 * w.size() + 5) {
    Word word;
    word.text = w;
    word.box = {x, 500, x + 8.0 * w.size(), 510};
    pages[0].words.push_back(word);
  }
  pages[0].barcodes = std::move(barcodes);
  return pages;
}

TEST(Gs1Candidates, ReadsThePrintedLineUnderALabel) {
  auto pages = PageWithRow("(01) 13555530507849 (17) 271100 (10) L25320-29");
  DocumentView view(pages);
  auto values = FindGs1Values(view);
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].field, "expiry_date");
  EXPECT_EQ(values[0].value, "2027-11-30");  // day 00: the last day of the month
  EXPECT_EQ(values[1].field, "lot_number");
  EXPECT_EQ(values[1].value, "L25320-29");
  EXPECT_FALSE(values[1].from_bars);
}

TEST(Gs1Candidates, DecodedBarsBecomeHeaderCandidatesWithBarcodeEvidence) {
  Barcode bars;
  bars.format = "Code128";
  bars.gs1 = true;
  bars.text = std::string("400PO-2025-26824");
  bars.box = {100, 700, 300, 730};
  auto pages = PageWithRow("Certificate", {bars});
  DocumentView view(pages);
  DocumentSchema schema;
  schema.fields.push_back({"po_number", ValueType::kPoNumber, false, 0.97, {}, 1, ""});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  AddGs1Candidates(FindGs1Values(view), schema, &candidates);
  ASSERT_EQ(candidates["po_number"].size(), 1u);
  const FieldCandidate& c = candidates["po_number"][0];
  EXPECT_EQ(c.value, "PO-2025-26824");
  EXPECT_EQ(c.evidence, "barcode GS1 (400)");
  EXPECT_EQ(c.row, -1);
  EXPECT_DOUBLE_EQ(c.box.x0, 100);
}

TEST(Gs1Candidates, OrdinaryTextIsNotGs1) {
  auto pages = PageWithRow("Total (HT) 1 250,00 EUR");
  DocumentView view(pages);
  EXPECT_TRUE(FindGs1Values(view).empty());
}

}  // namespace
}  // namespace quai
