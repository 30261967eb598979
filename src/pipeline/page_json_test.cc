#include "pipeline/page_json.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

TEST(PageJson, ReadsBackWhatItWrote) {
  Page page;
  page.number = 2;
  page.width = 595;
  page.height = 842;
  page.text_source = TextSource::kOcr;
  page.words.push_back({"K251749", {411, 345, 444, 351}, 0.68, 0, 18});
  std::vector<Page> read;
  ASSERT_TRUE(PagesFromJson(PagesToJson({page}), &read));
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].number, 2);
  EXPECT_EQ(read[0].text_source, TextSource::kOcr);
  ASSERT_EQ(read[0].words.size(), 1u);
  EXPECT_EQ(read[0].words[0].text, "K251749");
  EXPECT_DOUBLE_EQ(read[0].words[0].box.x1, 444);
  EXPECT_EQ(read[0].words[0].line, 18);
}

TEST(ExtractionJson, SaysWhatConfirmsOrContradictsAValue) {
  Extraction e;
  e.fields["total_tax"].value = "170.15";
  e.fields["total_tax"].corroborated = true;
  e.fields["po_number"].value = "CAI26/7068";
  e.fields["po_number"].doubted = true;
  e.fields["invoice_number"].value = "F-1";
  e.lines.push_back({{"lot_number", ExtractedValue{}}});
  e.lines[0]["lot_number"].value = "L2";
  e.lines[0]["lot_number"].doubted = true;
  const nlohmann::json json = ExtractionToJson(e);
  EXPECT_EQ(json["fields"]["total_tax"]["corroborated"], true);
  EXPECT_FALSE(json["fields"]["total_tax"].contains("doubted"));
  EXPECT_EQ(json["fields"]["po_number"]["doubted"], true);
  EXPECT_FALSE(json["fields"]["invoice_number"].contains("corroborated"));
  EXPECT_FALSE(json["fields"]["invoice_number"].contains("doubted"));
  EXPECT_EQ(json["lines"][0]["lot_number"]["doubted"], true);
}

// Pages stored by an older OCR engine kept Tesseract's leading space
// (" K251749"), which no recogniser reads as a lot number.
TEST(PageJson, DropsSpacesAroundStoredWords) {
  nlohmann::json json = nlohmann::json::array(
      {{{"number", 1}, {"text_source", "ocr"}, {"words", {{{"text", " K251749 "}, {"box", {1, 2, 3, 4}}}}}}});
  std::vector<Page> read;
  ASSERT_TRUE(PagesFromJson(json, &read));
  ASSERT_EQ(read[0].words.size(), 1u);
  EXPECT_EQ(read[0].words[0].text, "K251749");
}

TEST(PageJson, RefusesWhatIsNotAListOfPages) {
  std::vector<Page> read;
  EXPECT_FALSE(PagesFromJson(nlohmann::json::object(), &read));
}

}  // namespace
}  // namespace quai
