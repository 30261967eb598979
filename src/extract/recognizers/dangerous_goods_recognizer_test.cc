#include "extract/recognizers/dangerous_goods_recognizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "extract/recognizers/recognizer_test_support.h"

namespace quai {
namespace {

using testing_support::Values;
using testing_support::Words;

std::vector<ValueMatch> Hazards(std::string_view line) { return FindHazardStatements(Words(line)); }
std::vector<ValueMatch> UnNumbers(std::string_view line) { return FindUnNumbers(Words(line)); }

TEST(DangerousGoodsRecognizer, ReadsARunOfHazardStatementsAsOneList) {
  std::vector<ValueMatch> matches = Hazards("H225 H319");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].value, "H225, H319");
  EXPECT_EQ(matches[0].end_word, 2);
  EXPECT_THAT(Values(Hazards("H225, H319, H336")), ::testing::ElementsAre("H225, H319, H336"));
  EXPECT_THAT(Values(Hazards("H225,H319;EUH066")), ::testing::ElementsAre("H225, H319, EUH066"));
  EXPECT_THAT(Values(Hazards("H225 / H319")), ::testing::ElementsAre("H225, H319"));
}

TEST(DangerousGoodsRecognizer, KeepsCombinedStatementsTogether) {
  EXPECT_THAT(Values(Hazards("H302+H312")), ::testing::ElementsAre("H302+H312"));
  EXPECT_THAT(Values(Hazards("H302 + H312 + H332")), ::testing::ElementsAre("H302+H312+H332"));
  EXPECT_THAT(Values(Hazards("H302+ H312")), ::testing::ElementsAre("H302+H312"));
  EXPECT_THAT(Values(Hazards("H225 H302+H312 H319")), ::testing::ElementsAre("H225, H302+H312, H319"));
}

TEST(DangerousGoodsRecognizer, ReadsEuStatementsAndSuffixes) {
  EXPECT_THAT(Values(Hazards("EUH066")), ::testing::ElementsAre("EUH066"));
  EXPECT_THAT(Values(Hazards("H360FD H350i")), ::testing::ElementsAre("H360FD, H350i"));
}

TEST(DangerousGoodsRecognizer, EndsARunAtTheFirstOtherWord) {
  std::vector<ValueMatch> matches = Hazards("H225: Liquide et vapeurs tr\xC3\xA8s inflammables. H319");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].value, "H225");
  EXPECT_EQ(matches[0].printed, "H225:");
  EXPECT_EQ(matches[1].value, "H319");
  EXPECT_EQ(matches[1].first_word, 6);
}

TEST(DangerousGoodsRecognizer, RepairsAMisreadDigit) {
  std::vector<ValueMatch> matches = Hazards("H3l9");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].value, "H319");
  EXPECT_TRUE(matches[0].repaired);
  EXPECT_EQ(matches[0].printed, "H3l9");
}

TEST(DangerousGoodsRecognizer, RefusesWhatIsNotAHazardStatement) {
  for (std::string_view line : {"H12", "H1234", "H999", "H100", "Hello", "HCl", "P280", "H", "EUH", "H2O"}) {
    EXPECT_TRUE(Hazards(line).empty()) << line;
  }
}

TEST(DangerousGoodsRecognizer, KeepsTheUnNumberAsPrinted) {
  EXPECT_THAT(Values(UnNumbers("UN 1824")), ::testing::ElementsAre("UN 1824"));
  EXPECT_THAT(Values(UnNumbers("UN1824")), ::testing::ElementsAre("UN1824"));
  EXPECT_THAT(Values(UnNumbers("UN-1824")), ::testing::ElementsAre("UN-1824"));
  EXPECT_THAT(Values(UnNumbers("(UN1824)")), ::testing::ElementsAre("UN1824"));
}

TEST(DangerousGoodsRecognizer, WritesUnNumbersBehindLongerLabelsAsUnSpaceNumber) {
  EXPECT_THAT(Values(UnNumbers("UN-Nr. 1824")), ::testing::ElementsAre("UN 1824"));
  EXPECT_THAT(Values(UnNumbers("UN No. 1824")), ::testing::ElementsAre("UN 1824"));
  EXPECT_THAT(Values(UnNumbers("UN number: 1824")), ::testing::ElementsAre("UN 1824"));
  EXPECT_THAT(Values(UnNumbers("VN-nummer 1824")), ::testing::ElementsAre("UN 1824"));
  std::vector<ValueMatch> matches = UnNumbers("N\xC2\xB0 ONU : 1824");  // N° ONU : 1824
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].value, "UN 1824");
  EXPECT_EQ(matches[0].first_word, 1);
  EXPECT_EQ(matches[0].printed, "ONU : 1824");
}

TEST(DangerousGoodsRecognizer, RepairsAMisreadUnDigit) {
  std::vector<ValueMatch> matches = UnNumbers("UN 18Z4");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].value, "UN 1824");
  EXPECT_TRUE(matches[0].repaired);
}

TEST(DangerousGoodsRecognizer, RefusesNumbersOfOtherLengthsAndOtherWords) {
  for (std::string_view line : {"UN 182", "UN 18245", "UNE 1824", "un 1824", "1824", "UNITED 1824", "UN"}) {
    EXPECT_TRUE(UnNumbers(line).empty()) << line;
  }
}

}  // namespace
}  // namespace quai
