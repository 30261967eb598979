#include "ocr/page_preparer.h"

#include <algorithm>
#include <cmath>

namespace quai {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Thin horizontal runs of at least `length` pixels: rules, not text. Thick
// runs (filled boxes, logos, text joined by the dotted-line closing) are kept.
PixPtr HorizontalRules(Pix* binary, int length, int max_thickness) {
  PixPtr runs(pixOpenCompBrickExtendDwa(nullptr, binary, length, 1));
  PixPtr thick(pixOpenCompBrickExtendDwa(nullptr, runs.get(), 1, max_thickness));
  return PixPtr(pixSubtract(nullptr, runs.get(), thick.get()));
}

PixPtr VerticalRules(Pix* binary, int length, int max_thickness) {
  PixPtr runs(pixOpenCompBrickExtendDwa(nullptr, binary, 1, length));
  PixPtr thick(pixOpenCompBrickExtendDwa(nullptr, runs.get(), max_thickness, 1));
  return PixPtr(pixSubtract(nullptr, runs.get(), thick.get()));
}

}  // namespace

void StretchContrast(Pix* gray) {
  // Paper fills most of a page, so the 40th percentile of brightness is paper and
  // the 1st is ink. Grey, low-contrast scans are mapped so paper becomes white:
  // Tesseract's global threshold then separates ink from paper, and the white
  // borders that straightening brings in no longer look like a second paper tone.
  l_uint32 paper = 255, ink = 0;
  // Rank counts from the darkest: 40 % of the pixels are darker than `paper`.
  if (pixGetRankValue(gray, 4, 0.40f, &paper) != 0 || pixGetRankValue(gray, 4, 0.01f, &ink) != 0) return;
  if (paper >= 245 && ink <= 40) return;  // already black on white
  if (paper <= ink + 40) return;          // nothing that looks like text on paper
  pixGammaTRC(gray, gray, 1.0f, static_cast<int>(ink), static_cast<int>(paper));
}

PixPtr Threshold(Pix* gray) {
  // A fixed threshold is enough to find rules and skew on office paper;
  // Tesseract does its own (Otsu) thresholding for recognition.
  return PixPtr(pixThresholdToBinary(gray, 160));
}

double FindSkewDegrees(Pix* binary) {
  l_float32 angle = 0, confidence = 0;
  // Coarse sweep over +-12 degrees on a 4x reduced image, then a binary search at 2x.
  if (pixFindSkewSweepAndSearch(binary, &angle, &confidence, 4, 2, 12.0f, 1.0f, 0.01f) != 0) return 0;
  if (confidence < 3.0f || std::fabs(angle) < kMinSkewToCorrect) return 0;
  return angle;
}

PixPtr RotateByDegrees(Pix* gray, double degrees) {
  // Shearing is several times faster and as good for OCR at small angles; area
  // mapping keeps strokes smooth at larger ones. Passing the size embeds the page
  // so no corner is cut off.
  int type = std::fabs(degrees) <= 3.0 ? L_ROTATE_SHEAR : L_ROTATE_AREA_MAP;
  return PixPtr(pixRotate(gray, static_cast<float>(degrees * kPi / 180.0), type, L_BRING_IN_WHITE,
                          pixGetWidth(gray), pixGetHeight(gray)));
}

PixPtr FindTableLines(Pix* binary, int dpi) {
  // Half resolution: a quarter of the work, and a rule of one pixel still shows.
  PixPtr half(pixReduceRankBinary2(binary, 1, nullptr));
  if (!half) return nullptr;
  const int half_dpi = dpi / 2;
  const int rule_length = std::max(12, half_dpi * 35 / 100);  // ~9 mm
  const int max_thickness = std::max(2, half_dpi * 3 / 100);  // ~0.75 mm
  PixPtr mask = HorizontalRules(half.get(), rule_length, max_thickness);
  PixPtr vertical = VerticalRules(half.get(), rule_length, max_thickness);
  pixOr(mask.get(), mask.get(), vertical.get());
  // Dotted rules: keep only small specks, join them along a row or column, and
  // keep what then forms a long thin line. Text survives because its specks (dots
  // of i, full stops) are not lined up over a centimetre.
  const int speck = std::max(2, half_dpi * 2 / 100);
  const int dot_gap = std::max(3, half_dpi * 4 / 100);
  PixPtr specks(pixSelectBySize(half.get(), speck, speck, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, nullptr));
  if (specks) {
    PixPtr joined_h(pixCloseBrick(nullptr, specks.get(), dot_gap, 1));
    PixPtr dotted_h = HorizontalRules(joined_h.get(), rule_length, max_thickness);
    PixPtr joined_v(pixCloseBrick(nullptr, specks.get(), 1, dot_gap));
    PixPtr dotted_v = VerticalRules(joined_v.get(), rule_length, max_thickness);
    pixOr(mask.get(), mask.get(), dotted_h.get());
    pixOr(mask.get(), mask.get(), dotted_v.get());
  }
  // Back to full size, grown a little to take the anti-aliased edges too.
  PixPtr full(pixExpandBinaryReplicate(mask.get(), 2, 2));
  PixPtr grown(pixDilateBrick(nullptr, full.get(), 3, 3));
  return grown;
}

void RemoveTableLines(Pix* gray, Pix* binary, int dpi) {
  PixPtr mask = FindTableLines(binary, dpi);
  if (!mask) return;
  // The expanded mask may be a pixel larger than the page (odd sizes); pixSetMasked clips.
  pixSetMasked(gray, mask.get(), 255);
}

Result<PreparedPage> PreparePage(const PageImage& page, const PagePreparation& preparation, int rotation) {
  PreparedPage prepared;
  prepared.image.dpi = page.dpi;
  prepared.rotation = rotation;
  prepared.image.pix.reset(rotation != 0 ? pixRotateOrth(page.pix.get(), rotation / 90)
                                         : pixCopy(nullptr, page.pix.get()));
  if (!prepared.image.pix) return Status::Internal("out of memory preparing the page");
  if (preparation.min_ocr_dpi > 0 && page.dpi > 0 && page.dpi * 6 < preparation.min_ocr_dpi * 5) {
    float factor = static_cast<float>(preparation.min_ocr_dpi) / static_cast<float>(page.dpi);
    PixPtr larger(pixScaleGrayLI(prepared.image.pix.get(), factor, factor));
    if (!larger) return Status::Internal("out of memory enlarging the page");
    prepared.image.pix = std::move(larger);
    prepared.image.dpi = preparation.min_ocr_dpi;
  }
  StretchContrast(prepared.image.pix.get());
  if (!preparation.deskew && !preparation.remove_lines) return prepared;

  PixPtr binary = Threshold(prepared.image.pix.get());
  if (!binary) return Status::Internal("out of memory preparing the page");
  if (preparation.deskew) {
    double degrees = FindSkewDegrees(binary.get());
    if (degrees != 0) {
      PixPtr straight = RotateByDegrees(prepared.image.pix.get(), degrees);
      if (straight) {
        prepared.image.pix = std::move(straight);
        prepared.skew_degrees = degrees;
        if (preparation.remove_lines) binary = Threshold(prepared.image.pix.get());
      }
    }
  }
  if (preparation.remove_lines && binary)
    RemoveTableLines(prepared.image.pix.get(), binary.get(), prepared.image.dpi);
  pixSetResolution(prepared.image.pix.get(), prepared.image.dpi, prepared.image.dpi);
  return prepared;
}

}  // namespace quai
