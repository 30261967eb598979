#include "intake/text_layer_lines.h"

#include <algorithm>

namespace quai {

void AssignLinesAndBlocks(std::vector<Word>* words) {
  int line = 0;
  int block = 0;
  double line_top = 0, line_bottom = 0, line_right = 0;
  for (size_t i = 0; i < words->size(); ++i) {
    Word& word = (*words)[i];
    if (i > 0) {
      double overlap = std::min(line_bottom, word.box.y1) - std::max(line_top, word.box.y0);
      double height = std::min(line_bottom - line_top, word.box.y1 - word.box.y0);
      bool same_line = overlap > 0.5 * height && word.box.x0 >= line_right - 1.0;
      if (!same_line) {
        double line_height = std::max(1.0, line_bottom - line_top);
        bool jump = word.box.y0 < line_top - 0.5 * line_height || word.box.y0 > line_bottom + 1.5 * line_height;
        ++line;
        if (jump) ++block;
        line_top = word.box.y0;
        line_bottom = word.box.y1;
      } else {
        line_top = std::min(line_top, word.box.y0);
        line_bottom = std::max(line_bottom, word.box.y1);
      }
    } else {
      line_top = word.box.y0;
      line_bottom = word.box.y1;
    }
    line_right = word.box.x1;
    word.line = line;
    word.block = block;
  }
}

}  // namespace quai
