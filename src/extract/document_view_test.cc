#include "extract/document_view.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

Word At(const std::string& text, double x0, double y0, double x1, int block) {
  Word w;
  w.text = text;
  w.box = {x0, y0, x1, y0 + 10};
  w.block = block;
  return w;
}

TEST(DocumentView, WordsAtTheSameHeightFormOneRowWhateverTheirBlock) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  pages[0].words = {At("N°", 50, 100, 60, 0), At("PO:", 62, 101, 80, 0), At("4500012345", 300, 100, 360, 3),
                    At("Date:", 50, 120, 80, 1)};
  DocumentView view(pages);
  ASSERT_EQ(view.rows().size(), 2u);
  const ViewRow& row = view.rows()[0];
  ASSERT_EQ(row.words.size(), 3u);
  EXPECT_EQ(row.words[2]->text, "4500012345");
  // The wide gap before the value starts a second segment.
  EXPECT_EQ(row.segment_starts, (std::vector<int>{0, 2}));
  EXPECT_EQ(row.tokens[1], "po");
}

TEST(DocumentView, ASmallMarkJoinsTheRowItSitsInWithoutSplittingIt) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  // A scanned line whose words sit a point apart, with a flat dash among them.
  Word dash = At("—", 118, 104, 124, 0);
  dash.box.y1 = 105;
  pages[0].words = {At("Foam", 50, 101, 80, 0), At("ear", 84, 102, 100, 0), At("plugs", 102, 100, 116, 0), dash,
                    At("box", 126, 100, 140, 0), At("pairs", 142, 101, 170, 0), At("Next", 50, 130, 80, 0)};
  DocumentView view(pages);
  ASSERT_EQ(view.rows().size(), 2u);
  std::string text;
  for (const Word* w : view.rows()[0].words) text += (text.empty() ? "" : " ") + w->text;
  EXPECT_EQ(text, "Foam ear plugs — box pairs");
}

TEST(DocumentView, NormalisesForMatching) {
  EXPECT_EQ(NormaliseForMatch("Réf.:"), "ref");
  EXPECT_EQ(NormaliseForMatch("N°"), "n\xC2\xB0");
  EXPECT_EQ(NormaliseForMatch("QTÉ"), "qte");
  EXPECT_EQ(NormaliseForMatch("Größe"), "grosse");
}

}  // namespace
}  // namespace quai
