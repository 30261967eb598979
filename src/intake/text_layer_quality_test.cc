#include "intake/text_layer_quality.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace quai {
namespace {

std::vector<Word> Words(const std::string& text) {
  std::vector<Word> words;
  std::istringstream in(text);
  std::string token;
  while (in >> token) {
    Word word;
    word.text = token;
    words.push_back(word);
  }
  return words;
}

TEST(TextLayerQuality, KeepsATableOfContentsFullOfLeaderDots) {
  // As pdf.js's bug886717.pdf: 2,725 "words", most of them single dots.
  std::string page = "Contents";
  for (const char* entry : {"Abstract 3", "Foreword 5", "1.1 Research question 12", "2.2 Block ciphers 16"}) {
    page += std::string(" ") + entry;
    for (int i = 0; i < 60; ++i) page += " .";
  }
  EXPECT_TRUE(IsUsableTextLayer(Words(page)));
}

TEST(TextLayerQuality, KeepsFrenchWordsMadeOfAccentedLettersAlone) {
  EXPECT_TRUE(IsUsableTextLayer(Words("Livré à Lyon, réglé à 30 jours — où ? été")));
}

TEST(TextLayerQuality, KeepsTextInOtherScripts) {
  EXPECT_TRUE(IsUsableTextLayer(Words("Перв. примен. Инв. № подл.")));
  EXPECT_TRUE(IsUsableTextLayer(Words("开 票 通 知 单")));
}

TEST(TextLayerQuality, RefusesGlyphNumbersReadAsControlCharacters) {
  // A font without a usable encoding: TAMReview.pdf's layer is mostly C0 and C1 controls.
  EXPECT_FALSE(IsUsableTextLayer(Words("\x03\x03 \xc2\x87\xc2\x96 \xc2\x91x \xc2\x83\xc2\x8b and \x02ab \xc2\x95")));
  EXPECT_FALSE(IsUsableTextLayer(Words("\xc3\x84OHFM\x01QJEJ B\x01\xc3\x88OOF VO\x01jCMFTLJWFS Z\x01VO")));
}

TEST(TextLayerQuality, RefusesReplacementAndPrivateUseCharacters) {
  EXPECT_FALSE(IsUsableTextLayer(Words("\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbdab \xef\xbf\xbd\xef\xbf\xbd total")));
  EXPECT_FALSE(IsUsableTextLayer(Words("\xee\x80\x81\xee\x80\x82 \xee\x80\x83 \xee\x80\x84\xee\x80\x85 \xee\x80\x86")));
}

TEST(TextLayerQuality, RefusesUtf16ReadWithTheWrongByteOrder) {
  // "Multi color Black" with each byte pair swapped, as in OCRmyPDF's cmyk.pdf.
  EXPECT_FALSE(IsUsableTextLayer(Words("\xe4\xb4\x80\xe7\x94\x80\xe6\xb0\x80 \xe6\x8c\x80\xe6\xbc\x80\xe6\xb0\x80 "
                                       "\xe4\x88\x80\xe6\xb0\x80\xe6\x84\x80")));
  // One such character alone is ordinary Chinese (U+4E00, "one").
  EXPECT_EQ(KindOfCharacter(U'\u4E00'), CharacterKind::kReadable);
}

TEST(TextLayerQuality, RefusesAPageOfPunctuationOnlyOrTooFewWords) {
  EXPECT_FALSE(IsUsableTextLayer(Words(". . . , , - -- ...")));
  EXPECT_FALSE(IsUsableTextLayer(Words("OK 12")));
  EXPECT_FALSE(IsUsableTextLayer(Words("\xff\xfe broken \xc3")));  // invalid UTF-8 counts as garbage
}

}  // namespace
}  // namespace quai
