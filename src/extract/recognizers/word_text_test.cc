#include "extract/recognizers/word_text.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

TEST(WordText, FoldsCaseAndAccentsForLookups) {
  EXPECT_EQ(FoldForLookup("F\xC3\xA9vrier"), "fevrier");       // Février
  EXPECT_EQ(FoldForLookup("M\xC3\x84RZ"), "marz");             // MÄRZ
  EXPECT_EQ(FoldForLookup("Stra\xC3\x9F" "e"), "strasse");     // Straße
  EXPECT_EQ(FoldForLookup("\xC5\x93uvre"), "oeuvre");          // œuvre
  EXPECT_EQ(FoldForLookup("AO\xC3\x9BT"), "aout");             // AOÛT
  EXPECT_EQ(FoldForLookup("\xE2\x82\xAC"), "\xE2\x82\xAC");    // € is kept
}

TEST(WordText, WalksInvalidUtf8ByteByByte) {
  std::string text = "a\xC3\xA9\xFF\xC3";
  size_t pos = 0;
  EXPECT_EQ(NextCodePoint(text, &pos), U'a');
  EXPECT_EQ(NextCodePoint(text, &pos), U'\u00E9');
  EXPECT_EQ(NextCodePoint(text, &pos), 0xFFu);
  EXPECT_EQ(NextCodePoint(text, &pos), 0xC3u);
  EXPECT_EQ(pos, text.size());
  EXPECT_EQ(FoldForLookup("\xFF\xC3"), "\xFF\xC3");
}

TEST(WordText, EncodesCodePoints) {
  std::string text;
  AppendUtf8(U'\u00E9', &text);
  AppendUtf8(U'\u202F', &text);
  AppendUtf8(U'A', &text);
  EXPECT_EQ(text, "\xC3\xA9\xE2\x80\xAF" "A");
}

TEST(WordText, KnowsTheSpacesPrintedBetweenThousands) {
  EXPECT_TRUE(IsGroupSpace(U' '));
  EXPECT_TRUE(IsGroupSpace(U'\u00A0'));
  EXPECT_TRUE(IsGroupSpace(U'\u202F'));
  EXPECT_FALSE(IsGroupSpace(U'.'));
}

TEST(WordText, TrimsPunctuationAroundValues) {
  EXPECT_EQ(TrimPunctuation("(12,50)"), "12,50");
  EXPECT_EQ(TrimPunctuation("\xC2\xAB" "L240312" "\xC2\xBB"), "L240312");  // «L240312»
  EXPECT_EQ(TrimPunctuation("#PO-1;"), "PO-1");
  EXPECT_EQ(TrimPunctuation("12.03.2026."), "12.03.2026");
  EXPECT_EQ(TrimPunctuation("St.", /*keep_final_dot=*/true), "St.");
  EXPECT_EQ(TrimPunctuation("pi\xC3\xA8" "ce(s)"), "pi\xC3\xA8" "ce(s)");
  EXPECT_EQ(TrimPunctuation("..."), "..");
  EXPECT_EQ(TrimPunctuation(""), "");
}

TEST(WordText, StripsLabelsGluedToValues) {
  EXPECT_EQ(StripAttachedLabel("N\xC2\xB0" "4500012345"), "4500012345");
  EXPECT_EQ(StripAttachedLabel("n\xC2\xBA" "45"), "45");
  EXPECT_EQ(StripAttachedLabel("Lot:L240312"), "L240312");
  EXPECT_EQ(StripAttachedLabel("Qt\xC3\xA9:12"), "12");
  EXPECT_EQ(StripAttachedLabel("PO#4500"), "4500");
  EXPECT_EQ(StripAttachedLabel("No.45"), "45");
  EXPECT_EQ(StripAttachedLabel("Nr.45"), "45");
  EXPECT_EQ(StripAttachedLabel("USt-IdNr.:DE1"), "DE1");
}

TEST(WordText, LeavesValuesWithoutLabelsAlone) {
  EXPECT_EQ(StripAttachedLabel("12:30"), "12:30");
  EXPECT_EQ(StripAttachedLabel("L240312"), "L240312");
  EXPECT_EQ(StripAttachedLabel("ABC.123"), "ABC.123");
  EXPECT_EQ(StripAttachedLabel("Lot:"), "Lot:");
  EXPECT_EQ(StripAttachedLabel("N\xC2\xB0"), "N\xC2\xB0");
}

TEST(WordText, JoinsWordsWithSingleSpaces) {
  EXPECT_EQ(JoinWords({"a", "b", "c"}, 0, 3), "a b c");
  EXPECT_EQ(JoinWords({"a", "b", "c"}, 1, 2), "b");
  EXPECT_EQ(JoinWords({"a"}, 0, 0), "");
}

}  // namespace
}  // namespace quai
