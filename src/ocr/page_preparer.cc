#include "ocr/page_preparer.h"

#include <cmath>

namespace quai {
namespace {

constexpr double kPi = 3.14159265358979323846;

PixPtr Binarize(Pix* gray) {
  // A fixed threshold is enough to find rules and skew on scanned office paper;
  // Tesseract does its own (Otsu) thresholding for recognition.
  return PixPtr(pixThresholdToBinary(gray, 160));
}

// Thin horizontal runs of at least `length` pixels: rules, not text. Thick
// runs (filled boxes, logos) are kept.
PixPtr HorizontalRules(Pix* binary, int length, int max_thickness) {
  PixPtr runs(pixOpenBrick(nullptr, binary, length, 1));
  PixPtr thick(pixOpenBrick(nullptr, runs.get(), 1, max_thickness));
  return PixPtr(pixSubtract(nullptr, runs.get(), thick.get()));
}

PixPtr VerticalRules(Pix* binary, int length, int max_thickness) {
  PixPtr runs(pixOpenBrick(nullptr, binary, 1, length));
  PixPtr thick(pixOpenBrick(nullptr, runs.get(), max_thickness, 1));
  return PixPtr(pixSubtract(nullptr, runs.get(), thick.get()));
}

}  // namespace

double FindSkewDegrees(Pix* gray) {
  PixPtr binary = Binarize(gray);
  if (!binary) return 0;
  l_float32 angle = 0, confidence = 0;
  // Coarse sweep over +-12 degrees on a 4x reduced image, then a binary search at 2x.
  if (pixFindSkewSweepAndSearch(binary.get(), &angle, &confidence, 4, 2, 12.0f, 1.0f, 0.01f) != 0) return 0;
  if (confidence < 3.0f || std::fabs(angle) < 0.1f) return 0;
  return angle;
}

PixPtr RotateByDegrees(Pix* gray, double degrees) {
  PixPtr rotated(pixRotate(gray, static_cast<float>(degrees * kPi / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
                           pixGetWidth(gray), pixGetHeight(gray)));
  return rotated;
}

PixPtr RemoveTableLines(Pix* gray, int dpi) {
  PixPtr binary = Binarize(gray);
  if (!binary) return nullptr;
  const int rule_length = std::max(20, dpi * 35 / 100);   // ~9 mm
  const int max_thickness = std::max(3, dpi * 4 / 100);    // ~1 mm
  const int dot_gap = std::max(4, dpi * 4 / 100);
  PixPtr mask = HorizontalRules(binary.get(), rule_length, max_thickness);
  PixPtr vertical = VerticalRules(binary.get(), rule_length, max_thickness);
  pixOr(mask.get(), mask.get(), vertical.get());
  // Dotted rules: keep only small specks, join them along a row or column, and
  // keep what then forms a long thin line. Text survives because its specks (dots
  // of i, full stops) are not lined up over a centimetre.
  const int speck = std::max(3, dpi * 2 / 100);
  PixPtr specks(pixSelectBySize(binary.get(), speck, speck, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, nullptr));
  if (specks) {
    PixPtr joined_h(pixCloseBrick(nullptr, specks.get(), dot_gap, 1));
    PixPtr dotted_h = HorizontalRules(joined_h.get(), rule_length, max_thickness);
    PixPtr joined_v(pixCloseBrick(nullptr, specks.get(), 1, dot_gap));
    PixPtr dotted_v = VerticalRules(joined_v.get(), rule_length, max_thickness);
    pixOr(mask.get(), mask.get(), dotted_h.get());
    pixOr(mask.get(), mask.get(), dotted_v.get());
  }
  // Grow the mask a little to take the anti-aliased edges of the lines too.
  PixPtr grown(pixDilateBrick(nullptr, mask.get(), 3, 3));
  PixPtr cleaned(pixCopy(nullptr, gray));
  pixSetMasked(cleaned.get(), grown.get(), 255);
  return cleaned;
}

Result<PreparedPage> PreparePage(const PageImage& page, OcrEngine* engine, const PagePreparation& preparation,
                                 int forced_rotation) {
  PreparedPage prepared;
  prepared.image.dpi = page.dpi;
  int rotation = forced_rotation >= 0 ? forced_rotation : 0;
  if (forced_rotation < 0 && preparation.detect_orientation) {
    auto orientation = engine->DetectOrientation(page);
    if (!orientation.ok()) return orientation.status();
    // OSD reports how far the page is turned clockwise; turning it back is the rest of a full turn.
    int correction = (360 - orientation->degrees) % 360;
    if (correction != 0 && orientation->confidence >= kMinOrientationConfidence)
      rotation = correction;
    else if (correction != 0 && orientation->confidence >= kMinSuggestedOrientationConfidence)
      prepared.uncertain_rotation = correction;
  }
  prepared.image.pix.reset(rotation != 0 ? pixRotateOrth(page.pix.get(), rotation / 90) : pixCopy(nullptr, page.pix.get()));
  if (!prepared.image.pix) return Status::Internal("out of memory preparing the page");
  prepared.rotation = rotation;
  if (preparation.deskew) {
    double degrees = FindSkewDegrees(prepared.image.pix.get());
    if (degrees != 0) {
      PixPtr straight = RotateByDegrees(prepared.image.pix.get(), degrees);
      if (straight) {
        prepared.image.pix = std::move(straight);
        prepared.skew_degrees = degrees;
      }
    }
  }
  if (preparation.remove_lines) {
    PixPtr cleaned = RemoveTableLines(prepared.image.pix.get(), prepared.image.dpi);
    if (cleaned) prepared.image.pix = std::move(cleaned);
  }
  pixSetResolution(prepared.image.pix.get(), prepared.image.dpi, prepared.image.dpi);
  return prepared;
}

}  // namespace quai
