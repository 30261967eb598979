// PagePreparer: makes a raster page fit for OCR. In order: turn it upright
// (Tesseract's orientation detection, 0/90/180/270), straighten small tilts
// (leptonica's skew search, up to +-12 degrees), and erase ruled and dotted
// table lines, which otherwise glue rows together into noise. Each step can be
// switched off (PagePreparation). Stateless apart from the engine it is given;
// one thread at a time per engine.
#pragma once

#include "intake/page_image.h"
#include "ocr/ocr_engine.h"
#include "quai/options.h"
#include "quai/status.h"

namespace quai {

struct PreparedPage {
  PageImage image;          // upright, straightened, lines erased; what OCR reads and boxes refer to
  int rotation = 0;         // degrees clockwise applied: 0/90/180/270
  double skew_degrees = 0;  // rotation applied after that, counter-clockwise positive
  // A turn (degrees clockwise) that orientation detection suggested with too
  // little confidence to apply; the caller may read the page both ways. 0: none.
  int uncertain_rotation = 0;
};

// Orientation scores under this are not applied outright (pages with little
// text score low); over kMinSuggestedOrientationConfidence they are suggested.
inline constexpr double kMinOrientationConfidence = 2.0;
inline constexpr double kMinSuggestedOrientationConfidence = 0.2;

// `forced_rotation` (degrees clockwise to apply) skips orientation detection.
Result<PreparedPage> PreparePage(const PageImage& page, OcrEngine* engine, const PagePreparation& preparation,
                                 int forced_rotation = -1);

// The steps, exposed for tests and benchmarks.
// Returns the angle in degrees to rotate by to straighten the page, 0 when unsure.
double FindSkewDegrees(Pix* gray);
PixPtr RotateByDegrees(Pix* gray, double degrees);
// Erases horizontal and vertical rules, solid or dotted, longer than ~1 cm.
PixPtr RemoveTableLines(Pix* gray, int dpi);

}  // namespace quai
