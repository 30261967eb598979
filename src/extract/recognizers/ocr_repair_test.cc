#include "extract/recognizers/ocr_repair.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

std::string Repair(std::string_view text, RepairScope scope = RepairScope::kDigitRun) {
  std::string repaired;
  RepairDigitConfusions(text, scope, &repaired);
  return repaired;
}

TEST(OcrRepair, RepairsLetterOInsideDigitsOnlyWhereShapeDemands) {
  EXPECT_EQ(Repair("2O26"), "2026");
  EXPECT_EQ(Repair("1O,5"), "10,5");
  EXPECT_EQ(Repair("12/O3/2O26"), "12/03/2026");
  // Words and codes keep their letters.
  EXPECT_EQ(Repair("SO"), "SO");
  EXPECT_EQ(Repair("Lot"), "Lot");
  EXPECT_EQ(Repair("BIO"), "BIO");
  EXPECT_EQ(Repair("L240312"), "L240312");
  EXPECT_EQ(Repair("2Okg"), "2Okg");
}

TEST(OcrRepair, RepairsEachConfusableDigit) {
  EXPECT_EQ(Repair("l2"), "12");
  EXPECT_EQ(Repair("1I"), "11");
  EXPECT_EQ(Repair("1|0"), "110");
  EXPECT_EQ(Repair("1S0"), "150");
  EXPECT_EQ(Repair("1B0"), "180");
  EXPECT_EQ(Repair("1Z0"), "120");
  EXPECT_EQ(Repair("1o0"), "100");
}

TEST(OcrRepair, ReportsWhetherAnythingChanged) {
  std::string repaired;
  EXPECT_TRUE(RepairDigitConfusions("2O26", RepairScope::kDigitRun, &repaired));
  EXPECT_FALSE(RepairDigitConfusions("2026", RepairScope::kDigitRun, &repaired));
  EXPECT_EQ(repaired, "2026");
  EXPECT_FALSE(RepairDigitConfusions("", RepairScope::kDigitRun, &repaired));
}

TEST(OcrRepair, RepairsOnlyRunsWhereDigitsDominate) {
  EXPECT_EQ(Repair("OO1"), "OO1");
  EXPECT_EQ(Repair("OI"), "OI");
}

TEST(OcrRepair, LeavesALetterPrefixBeforeDigitsAlone) {
  EXPECT_EQ(Repair("B12"), "B12");
  EXPECT_EQ(Repair("S20"), "S20");
  EXPECT_EQ(Repair("Z10"), "Z10");
  EXPECT_EQ(Repair("O5"), "05");
}

TEST(OcrRepair, RepairsLetterOsReadForDecimals) {
  EXPECT_EQ(Repair("250,OO"), "250,00");
  EXPECT_EQ(Repair("25O,OO"), "250,00");
  EXPECT_EQ(Repair("O,5"), "0,5");
  EXPECT_EQ(Repair("A,OO"), "A,OO");
  EXPECT_EQ(Repair(",OO"), ",OO");
}

TEST(OcrRepair, RepairsIdentifiersOnlyBetweenDigits) {
  EXPECT_EQ(Repair("45OO12", RepairScope::kInsideDigits), "450012");
  EXPECT_EQ(Repair("PO-2026-0O42", RepairScope::kInsideDigits), "PO-2026-0042");
  EXPECT_EQ(Repair("O12", RepairScope::kInsideDigits), "O12");
  EXPECT_EQ(Repair("12O", RepairScope::kInsideDigits), "12O");
  EXPECT_EQ(Repair("B0512", RepairScope::kInsideDigits), "B0512");
  EXPECT_EQ(Repair("PO12", RepairScope::kInsideDigits), "PO12");
}

TEST(OcrRepair, LeavesRunsGluedToAccentedLettersAlone) {
  EXPECT_EQ(Repair("\xC3\xA9" "1O"), "\xC3\xA9" "1O");  // é1O
  EXPECT_EQ(Repair("1\xC2\xA0" "25O"), "1\xC2\xA0" "250");  // no-break space is not a letter
}

}  // namespace
}  // namespace quai
