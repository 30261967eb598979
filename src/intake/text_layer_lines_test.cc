#include "intake/text_layer_lines.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

Word At(double x0, double y0, double x1, double y1) {
  Word w;
  w.text = "w";
  w.box = {x0, y0, x1, y1};
  return w;
}

TEST(TextLayerLines, WordsSideBySideShareALine) {
  std::vector<Word> words = {At(10, 100, 40, 110), At(45, 101, 80, 111), At(10, 114, 40, 124)};
  AssignLinesAndBlocks(&words);
  EXPECT_EQ(words[0].line, 0);
  EXPECT_EQ(words[1].line, 0);
  EXPECT_EQ(words[2].line, 1);
  EXPECT_EQ(words[2].block, 0);
}

TEST(TextLayerLines, LargeGapStartsANewBlock) {
  std::vector<Word> words = {At(10, 100, 40, 110), At(10, 200, 40, 210)};
  AssignLinesAndBlocks(&words);
  EXPECT_EQ(words[1].line, 1);
  EXPECT_EQ(words[1].block, 1);
}

TEST(TextLayerLines, GoingBackLeftOnTheSameHeightIsANewLine) {
  // A second column read after the first: same height, but to the left of the previous word.
  std::vector<Word> words = {At(300, 100, 340, 110), At(10, 100, 40, 110)};
  AssignLinesAndBlocks(&words);
  EXPECT_EQ(words[1].line, 1);
}

}  // namespace
}  // namespace quai
