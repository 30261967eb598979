// PagePreparer: makes a raster page fit for OCR. In order: turn it by a given
// quarter-turn (the orientation is decided by the PageReader, which asks the
// OCR engine only when a first reading looks wrong), straighten small tilts
// (leptonica's skew search, up to +-12 degrees), and erase ruled and dotted
// table lines, which otherwise glue rows together into noise. Each step can be
// switched off (PagePreparation). Pure functions of their inputs; thread-safe.
// Costs matter here: everything but OCR must stay under a tenth of OCR, so the
// page is thresholded once and lines are searched at half resolution.
#pragma once

#include "intake/page_image.h"
#include "quai/options.h"
#include "quai/status.h"

namespace quai {

struct PreparedPage {
  PageImage image;          // upright, straightened, lines erased; what OCR reads and boxes refer to
  int rotation = 0;         // degrees clockwise applied: 0/90/180/270
  double skew_degrees = 0;  // small rotation applied after that, clockwise positive
};

// Tilts under this are left to Tesseract, which reads them as well unstraightened.
inline constexpr double kMinSkewToCorrect = 0.4;

// `rotation`: degrees clockwise to turn the page first (0, 90, 180, 270).
Result<PreparedPage> PreparePage(const PageImage& page, const PagePreparation& preparation, int rotation);

// The steps, exposed for tests and benchmarks. `binary` is the page
// thresholded (1 bpp). Returns the angle in degrees to rotate by to straighten
// the page, 0 when unsure.
double FindSkewDegrees(Pix* binary);
PixPtr Threshold(Pix* gray);
// Maps grey paper to white and ink to black, in place, when a scan is dull.
void StretchContrast(Pix* gray);
PixPtr RotateByDegrees(Pix* gray, double degrees);
// Mask (1 bpp, page size) of horizontal and vertical rules, solid or dotted,
// longer than ~9 mm.
PixPtr FindTableLines(Pix* binary, int dpi);
// Erases the lines in place on the grayscale page.
void RemoveTableLines(Pix* gray, Pix* binary, int dpi);

}  // namespace quai
