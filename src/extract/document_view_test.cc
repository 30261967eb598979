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

TEST(DocumentView, NormalisesForMatching) {
  EXPECT_EQ(NormaliseForMatch("Réf.:"), "ref");
  EXPECT_EQ(NormaliseForMatch("N°"), "n\xC2\xB0");
  EXPECT_EQ(NormaliseForMatch("QTÉ"), "qte");
  EXPECT_EQ(NormaliseForMatch("Größe"), "grosse");
}

}  // namespace
}  // namespace quai
