#include "barcode/barcode_reader.h"

// zxing-cpp 1.4 returns std::wstring from Result::text() unless told to use UTF-8.
#define ZX_USE_UTF8
#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <ZXing/Result.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <memory>
#include <vector>

#include "barcode/barcode_regions.h"

// How zxing-cpp 1.4.0 (Debian 12) is driven, and why:
//  - Never on the whole page. Its DataMatrix detector only follows the image's two centre
//    lines (the off-centre scan is compiled out), so a symbol elsewhere is missed; and a
//    pass over an A4 page at 300 dpi costs 15-80 ms of CPU depending on the options.
//    Each region from FindBarcodeRegions is decoded alone, its symbol near the centre.
//  - Linear symbols one at a time (maxNumberOfSymbols 1), each blanked out before the next
//    try. Asked for several, 1.4.0 compares results with Result::operator==, whose
//    assert(lineCount() == 1) aborts the process (Debian keeps asserts) as soon as two
//    linear symbols with the same text are on one image, or one is found at two scales
//    (zxing-cpp issue #740). For the same reason tryDownscale stays off.

namespace quai {
namespace {

// Bounds on repeated decoding inside one region, for pages of many labels.
constexpr int kMaxSymbolsPerRegion = 12;

struct PixFree {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using OwnedPix = std::unique_ptr<Pix, PixFree>;

// A window on 8-bit gray pixels, row after row.
struct GrayView {
  uint8_t* data = nullptr;
  int width = 0, height = 0, stride = 0;
  uint8_t& at(int x, int y) const { return data[static_cast<ptrdiff_t>(y) * stride + x]; }
  ZXing::ImageView ToZxing() const {
    return ZXing::ImageView(data, width, height, ZXing::ImageFormat::Lum, stride);
  }
};

// A decoded symbol in page pixels.
struct Found {
  Barcode barcode;
  PixelRect rect;
};

const char* FormatName(ZXing::BarcodeFormat format) {
  switch (format) {
    case ZXing::BarcodeFormat::Code128: return "Code128";
    case ZXing::BarcodeFormat::DataMatrix: return "DataMatrix";
    case ZXing::BarcodeFormat::QRCode: return "QRCode";
    case ZXing::BarcodeFormat::EAN13: return "EAN13";
    case ZXing::BarcodeFormat::EAN8: return "EAN8";
    case ZXing::BarcodeFormat::UPCA: return "UPCA";
    case ZXing::BarcodeFormat::UPCE: return "UPCE";
    case ZXing::BarcodeFormat::Code39: return "Code39";
    case ZXing::BarcodeFormat::ITF: return "ITF";
    default: return ZXing::ToString(format);
  }
}

ZXing::DecodeHints MatrixHints(ZXing::Binarizer binarizer) {
  return ZXing::DecodeHints()
      .setFormats(ZXing::BarcodeFormat::DataMatrix | ZXing::BarcodeFormat::QRCode)
      .setBinarizer(binarizer)
      .setTryHarder(true)
      .setTryRotate(true)
      .setTryDownscale(false);
}

ZXing::DecodeHints LinearHints(bool sideways) {
  return ZXing::DecodeHints()
      .setFormats(ZXing::BarcodeFormat::Code128 | ZXing::BarcodeFormat::EAN13 | ZXing::BarcodeFormat::EAN8 |
                  ZXing::BarcodeFormat::UPCA | ZXing::BarcodeFormat::UPCE | ZXing::BarcodeFormat::Code39 |
                  ZXing::BarcodeFormat::ITF)
      .setTryHarder(true)
      .setTryRotate(sideways)
      .setTryDownscale(false)
      .setMaxNumberOfSymbols(1);
}

PixelRect QuadBounds(const ZXing::Position& quad, const GrayView& view) {
  int x0 = view.width, y0 = view.height, x1 = 0, y1 = 0;
  for (const ZXing::PointI& p : quad) {
    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y);
    x1 = std::max(x1, p.x + 1), y1 = std::max(y1, p.y + 1);
  }
  x0 = std::clamp(x0, 0, view.width), x1 = std::clamp(x1, x0, view.width);
  y0 = std::clamp(y0, 0, view.height), y1 = std::clamp(y1, y0, view.height);
  return {x0, y0, x1 - x0, y1 - y0};
}

// Reads one line of pixels across the bars: row `index` over [from, to) when `rows`,
// else column `index` over [from, to). Ink is true.
void ReadLine(const GrayView& view, bool rows, int index, int from, int to, int threshold,
              std::vector<bool>* line) {
  line->resize(to - from);
  for (int i = from; i < to; ++i) {
    (*line)[i - from] = (rows ? view.at(i, index) : view.at(index, i)) < threshold;
  }
}

int Transitions(const std::vector<bool>& line) {
  int count = 0;
  for (size_t i = 1; i < line.size(); ++i) count += line[i] != line[i - 1];
  return count;
}

// zxing places a linear symbol on the one or two scan lines that decoded it: the span from
// start to stop pattern, a pixel or two across. The bars' length is measured here by
// stepping away from the scan line over a narrow middle part of the symbol while each next
// line still crosses about as many bars and differs little from the line before; their
// slant by how far the bars shift between the first and last such line. Length, slant and
// span give the bounding box of the symbol, skewed or not.
PixelRect LinearBounds(const ZXing::Position& quad, const GrayView& view) {
  const PixelRect line = QuadBounds(quad, view);
  const bool rows = line.width >= line.height;  // bars are vertical: scan lines are rows
  const int from = rows ? line.x : line.y, to = rows ? line.right() : line.bottom();
  const int length = to - from;
  const int limit = rows ? view.height : view.width;
  const int middle = rows ? line.y + line.height / 2 : line.x + line.width / 2;
  if (length < 30 || middle < 0 || middle >= limit) return line;
  // A narrow part, so that slanted bars leave it late: an eighth, at least 40 pixels.
  const int part = std::max(length / 8, std::min(length, 40));
  const int part_from = from + (length - part) / 2, part_to = part_from + part;

  int darkest = 255, lightest = 0;
  for (int i = part_from; i < part_to; ++i) {
    const int v = rows ? view.at(i, middle) : view.at(middle, i);
    darkest = std::min(darkest, v), lightest = std::max(lightest, v);
  }
  const int threshold = (darkest + lightest + 1) / 2;
  std::vector<bool> reference, previous, current;
  ReadLine(view, rows, middle, part_from, part_to, threshold, &reference);
  const int reference_transitions = Transitions(reference);
  const int allowed_differences = (part_to - part_from) / 5;

  int low = middle, high = middle;
  for (int step : {-1, +1}) {
    previous = reference;
    for (int index = middle + step; index >= 0 && index < limit; index += step) {
      ReadLine(view, rows, index, part_from, part_to, threshold, &current);
      int differences = 0;
      for (size_t i = 0; i < current.size(); ++i) differences += current[i] != previous[i];
      if (differences > allowed_differences || 10 * Transitions(current) < 6 * reference_transitions) break;
      (step < 0 ? low : high) = index;
      std::swap(previous, current);
    }
  }

  // Slant: the shift that best lines up the bars near both ends (up to about 11 degrees).
  double slope = 0;
  const int inset = std::min(3, (high - low) / 4);
  const int span = (high - inset) - (low + inset);
  if (span >= 8) {
    std::vector<bool> first, last;
    ReadLine(view, rows, low + inset, part_from, part_to, threshold, &first);
    ReadLine(view, rows, high - inset, part_from, part_to, threshold, &last);
    const int max_shift = span / 5 + 1;
    double best_mismatch = 2;
    for (int shift = -max_shift; shift <= max_shift; ++shift) {
      int compared = 0, mismatched = 0;
      for (int i = std::max(0, -shift); i < static_cast<int>(first.size()) && i + shift < static_cast<int>(last.size()); ++i) {
        ++compared;
        mismatched += first[i] != last[i + shift];
      }
      const double mismatch = compared > 0 ? static_cast<double>(mismatched) / compared : 2;
      if (mismatch < best_mismatch || (mismatch == best_mismatch && std::abs(shift) < std::abs(slope * span))) {
        best_mismatch = mismatch;
        slope = static_cast<double>(shift) / span;
      }
    }
  }

  // Along a scan line the symbol measures width / cos; across it, bar length / cos.
  const double bar_length = high - low + 1;
  const double cos2 = 1 / (1 + slope * slope);
  const double centre_along = (from + to) / 2.0, centre_across = (low + high + 1) / 2.0;
  const double half_along = cos2 * (length + bar_length * std::abs(slope)) / 2;
  const double half_across = cos2 * (bar_length + length * std::abs(slope)) / 2;
  const int along0 = static_cast<int>(std::lround(centre_along - half_along));
  const int along1 = static_cast<int>(std::lround(centre_along + half_along));
  const int across0 = static_cast<int>(std::lround(centre_across - half_across));
  const int across1 = static_cast<int>(std::lround(centre_across + half_across));
  PixelRect box = rows ? PixelRect{along0, across0, along1 - along0, across1 - across0}
                       : PixelRect{across0, along0, across1 - across0, along1 - along0};
  const int x0 = std::clamp(box.x, 0, view.width), y0 = std::clamp(box.y, 0, view.height);
  return {x0, y0, std::clamp(box.right(), x0, view.width) - x0, std::clamp(box.bottom(), y0, view.height) - y0};
}

void Blank(const GrayView& view, const PixelRect& rect, int margin) {
  const int x0 = std::max(0, rect.x - margin), x1 = std::min(view.width, rect.right() + margin);
  const int y0 = std::max(0, rect.y - margin), y1 = std::min(view.height, rect.bottom() + margin);
  for (int y = y0; y < y1; ++y) std::fill(&view.at(x0, y), &view.at(x0, y) + std::max(0, x1 - x0), 255);
}

Barcode ToBarcode(const ZXing::Result& result) {
  Barcode barcode;
  barcode.format = FormatName(result.format());
  barcode.text = result.text();
  const std::string identifier = result.symbologyIdentifier();
  barcode.gs1 = result.contentType() == ZXing::ContentType::GS1 || identifier == "]C1" ||
                identifier == "]d2" || identifier == "]Q3";
  return barcode;
}

// Decodes every symbol in `region` of `gray`. The region is copied so that symbols
// already read can be blanked out before looking for the next.
void DecodeRegion(Pix* gray, const BarcodeRegion& candidate, std::vector<Found>* found) {
  const PixelRect& region = candidate.rect;
  std::vector<uint8_t> pixels(static_cast<size_t>(region.width) * region.height);
  GrayView view{pixels.data(), region.width, region.height, region.width};
  const l_uint32* data = pixGetData(gray);
  const int wpl = pixGetWpl(gray);
  for (int y = 0; y < region.height; ++y) {
    const l_uint32* row = data + static_cast<ptrdiff_t>(region.y + y) * wpl;
    uint8_t* out = &view.at(0, y);
    for (int x = 0; x < region.width; ++x) out[x] = GET_DATA_BYTE(row, region.x + x);
  }
  auto record = [&](const ZXing::Result& result, const PixelRect& local) {
    found->push_back({ToBarcode(result), {local.x + region.x, local.y + region.y, local.width, local.height}});
  };

  // The region's kind only says what made it stand out: a DataMatrix of large modules can
  // look like bars, and a barcode's dense stretch like a matrix. Both decoders run.
  // Matrix symbols: several per call are safe, but DataMatrix gives one per call, so
  // repeat until nothing new turns up. Where the region looked like a matrix symbol and
  // the local-average binarizer sees none, a threshold for the whole crop gets a second
  // try: it copes better with a noisy scan.
  ZXing::Binarizer binarizer = ZXing::Binarizer::LocalAverage;
  for (int round = 0; round < kMaxSymbolsPerRegion; ++round) {
    ZXing::Results results = ZXing::ReadBarcodes(view.ToZxing(), MatrixHints(binarizer));
    if (results.empty() && round == 0 && candidate.matrix) {
      binarizer = ZXing::Binarizer::GlobalHistogram;
      results = ZXing::ReadBarcodes(view.ToZxing(), MatrixHints(binarizer));
    }
    if (results.empty()) break;
    for (const ZXing::Result& result : results) {
      const PixelRect local = QuadBounds(result.position(), view);
      record(result, local);
      Blank(view, local, std::max(2, local.width / 10));
    }
  }
  // Linear symbols one at a time (see the note at the top), each blanked out once read.
  const bool sideways = candidate.sideways_bars || !candidate.upright_bars;
  for (int round = 0; round < kMaxSymbolsPerRegion; ++round) {
    ZXing::Results results = ZXing::ReadBarcodes(view.ToZxing(), LinearHints(sideways));
    if (results.empty()) break;
    const PixelRect local = LinearBounds(results.front().position(), view);
    record(results.front(), local);
    Blank(view, local, std::max(2, std::min(local.width, local.height) / 20));
  }
}

double Overlap(const PixelRect& a, const PixelRect& b) {
  const int w = std::min(a.right(), b.right()) - std::max(a.x, b.x);
  const int h = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const double smaller = std::min(static_cast<double>(a.width) * a.height, static_cast<double>(b.width) * b.height);
  return smaller > 0 ? w * static_cast<double>(h) / smaller : 0;
}

// The page as 8-bit gray with no colormap, whatever the depth it came in: the
// page's own image when it is one, borrowed and not cloned (leptonica 1.82's
// reference count is not atomic, and one page may be read from several threads
// at once: clones made and destroyed concurrently corrupted it), else a copy
// converted into `converted`.
Pix* ToGray(Pix* pix, OwnedPix* converted) {
  if (pixGetDepth(pix) == 8 && pixGetColormap(pix) == nullptr) return pix;
  converted->reset(pixConvertTo8(pix, 0));
  return converted->get();
}

}  // namespace

Result<std::vector<Barcode>> ReadBarcodes(const PageImage& page) {
  if (page.pix == nullptr) return Status::InvalidArgument("barcodes: page has no image");
  if (page.dpi <= 0) return Status::InvalidArgument("barcodes: page has no resolution (dpi " + std::to_string(page.dpi) + ")");
  OwnedPix converted;
  Pix* gray = ToGray(page.pix.get(), &converted);
  if (gray == nullptr) return Status::Internal("barcodes: cannot convert the page to 8-bit gray");

  std::vector<Found> found;
  try {
    for (const BarcodeRegion& region : FindBarcodeRegions(gray, page.dpi)) {
      DecodeRegion(gray, region, &found);
    }
  } catch (const std::exception& e) {
    return Status::Internal(std::string("barcodes: zxing failed: ") + e.what());
  } catch (...) {
    return Status::Internal("barcodes: zxing failed");
  }

  // Regions may share a symbol after their quiet zones were added, and one may hold only
  // a slice of a symbol that another holds whole: the same text over the same place is
  // one symbol, as large as all its sightings together.
  std::vector<Found> unique;
  for (Found& candidate : found) {
    auto same = std::find_if(unique.begin(), unique.end(), [&](const Found& kept) {
      return kept.barcode.format == candidate.barcode.format && kept.barcode.text == candidate.barcode.text &&
             Overlap(kept.rect, candidate.rect) > 0.5;
    });
    if (same == unique.end()) {
      unique.push_back(std::move(candidate));
    } else {
      const int x = std::min(same->rect.x, candidate.rect.x), y = std::min(same->rect.y, candidate.rect.y);
      same->rect = {x, y, std::max(same->rect.right(), candidate.rect.right()) - x,
                    std::max(same->rect.bottom(), candidate.rect.bottom()) - y};
    }
  }
  std::sort(unique.begin(), unique.end(), [](const Found& a, const Found& b) {
    return a.rect.y != b.rect.y ? a.rect.y < b.rect.y : a.rect.x < b.rect.x;
  });

  const double points_per_pixel = 72.0 / page.dpi;
  std::vector<Barcode> barcodes;
  barcodes.reserve(unique.size());
  for (Found& f : unique) {
    f.barcode.box = {f.rect.x * points_per_pixel, f.rect.y * points_per_pixel, f.rect.right() * points_per_pixel,
                     f.rect.bottom() * points_per_pixel};
    barcodes.push_back(std::move(f.barcode));
  }
  return barcodes;
}

}  // namespace quai
