// Test-only: draws barcode symbols onto synthetic page scans for barcode_reader_test.
// Code128 (with FNC1 for GS1-128) and QR come from zxing-cpp's writer; GS1 DataMatrix,
// which zxing-cpp 1.4 cannot write (no FNC1), from a small ECC200 encoder here.
// Plain functions; every Pix returned is owned by the caller. Not linked into quai.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "intake/page_image.h"
#include "barcode/barcode_regions.h"

namespace quai::barcode_testing {

// A symbol's modules, row after row; true is dark. Linear symbols have one row.
struct Modules {
  int width = 0;
  int height = 0;
  std::vector<bool> dark;
  bool at(int x, int y) const { return dark[static_cast<size_t>(y) * width + x]; }
};

// Code128; with `gs1`, FNC1 leads and every <GS> in `text` becomes FNC1 (GS1-128).
Modules Code128(std::string_view text, bool gs1);
// QR Code of `text` (byte mode, zxing's default error correction).
Modules QrCode(std::string_view text);
// Square ECC200 DataMatrix (10x10 to 26x26) in ASCII encodation; with `gs1`, FNC1 leads
// and every <GS> becomes FNC1 (GS1 DataMatrix). Empty Modules if the text does not fit.
Modules DataMatrix(std::string_view text, bool gs1);
// zxing-cpp's own DataMatrix of `text` (no FNC1 possible): to check DataMatrix() against.
Modules ZxingDataMatrix(std::string_view text);

// A white 8-bpp page, A4 at 300 dpi unless told otherwise.
PixPtr BlankPage(int width = 2480, int height = 3508);

// Draws `modules` black on `page` with its top-left corner at (x, y): `module_px` pixels
// per module, linear symbols `bar_height_px` tall. Returns the pixels it covers.
PixelRect Draw(const Modules& modules, int module_px, int bar_height_px, int x, int y, Pix* page);

// Grey rectangles shaped like lines of 10-point text, to give the reader something to
// ignore: `lines` lines from (x, y) down, each `width` pixels wide.
void DrawTextLines(int x, int y, int width, int lines, Pix* page);

// What a scanner makes of `page`: turned `degrees` clockwise about the centre and
// slightly blurred (3 x 3 mean). Returns a new page.
PixPtr Scan(Pix* page, double degrees);

// Where `rect` of an unscanned page ends up after Scan(page, degrees): the bounding box
// of its four corners turned like the page.
PixelRect AfterScan(const PixelRect& rect, Pix* page, double degrees);

}  // namespace quai::barcode_testing
