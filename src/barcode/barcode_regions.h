// BarcodeRegions: where on a page a barcode may be, found without decoding anything.
// A coarse map of the page, 8 x 8-pixel cells, counts ink and edges along rows and along
// columns. Linear symbols show as many edges across the bars and almost none along them
// (text has both); matrix symbols as ink over about half their area with edges both
// ways. Only the few places that look like that go to the decoder. Input: an 8-bpp page;
// output: rectangles in its pixels. A pure function: safe from any thread; the caller
// keeps the Pix.
#pragma once

#include <leptonica/allheaders.h>

#include <vector>

namespace quai {

struct PixelRect {
  int x = 0, y = 0, width = 0, height = 0;  // pixels, top-left origin
  int right() const { return x + width; }
  int bottom() const { return y + height; }
};

struct BarcodeRegion {
  PixelRect rect;
  bool upright_bars = false;   // may hold a linear symbol with vertical bars
  bool sideways_bars = false;  // may hold a linear symbol with horizontal bars
  bool matrix = false;         // may hold a DataMatrix or QR symbol
};

// The parts of `gray` (8 bpp, no colormap) where a square of about 3.4 mm looks like part
// of a symbol, "ink" being darker than the page's Otsu threshold. Each is grown by a quiet
// zone of 3 mm (or a tenth of its size if larger) and clipped to the page; overlapping
// ones are merged. Sorted top to bottom, then left to right. Symbols smaller than the
// square, or skewed more than about 14 degrees (linear), are not found.
std::vector<BarcodeRegion> FindBarcodeRegions(Pix* gray, int dpi);

}  // namespace quai
