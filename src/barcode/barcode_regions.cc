#include "barcode/barcode_regions.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace quai {
namespace {

constexpr int kCell = 8;     // pixels; one byte of ink bits per cell row
constexpr int kRowStep = 2;  // every other row is sampled: plenty, and half the memory traffic
constexpr double kWindowMm = 3.4;

// What a window must show, as rates per pixel (see Features). Measured on 300-dpi pages
// of 10-point text, tables, logos and halftones, and on Code128, DataMatrix and QR
// symbols of 2-8 px modules, sharp or blurred, skewed up to 8 degrees.
constexpr double kMinBarEdges = 0.04;      // an edge every 25 px across the bars: modules up to ~12 px
constexpr double kMaxAlongAcross = 0.25;   // edges along / across the bars: tan(14 degrees)
constexpr double kMinBarInk = 0.20;        // not one or two ruled lines
constexpr double kMinMatrixInk = 0.42;     // text peaks at 0.47 in rare windows; symbols 0.45-0.65
constexpr double kMinMatrixEdges = 0.03;   // both ways: not a solid logo
// Quiet zone added around each region: 1-D symbols need 10 modules of white on each side.
constexpr double kQuietZoneMm = 3.0;
constexpr double kQuietZoneFraction = 0.10;

// Otsu's threshold between ink and paper, from a sample of the page: below it is ink.
int InkThreshold(Pix* gray) {
  const int width = pixGetWidth(gray), height = pixGetHeight(gray), wpl = pixGetWpl(gray);
  const l_uint32* data = pixGetData(gray);
  // Four histograms side by side, so that runs of equal pixels do not queue on one counter.
  std::array<std::array<uint32_t, 256>, 4> partial{};
  for (int y = 0; y < height; y += 4) {
    const auto* row = reinterpret_cast<const uint8_t*>(data + static_cast<ptrdiff_t>(y) * wpl);
    int x = 0;
    for (; x + 16 <= width; x += 16) {  // order within words does not matter here
      ++partial[0][row[x]], ++partial[1][row[x + 4]], ++partial[2][row[x + 8]], ++partial[3][row[x + 12]];
    }
    for (; x < width; x += 4) ++partial[0][row[x]];
  }
  std::array<double, 256> count{};
  for (int v = 0; v < 256; ++v) count[v] = partial[0][v] + partial[1][v] + partial[2][v] + partial[3][v];
  double total = 0, weighted_total = 0;
  for (int v = 0; v < 256; ++v) total += count[v], weighted_total += v * count[v];
  double below = 0, weighted_below = 0, best_variance = -1;
  int best = 128;
  for (int v = 0; v < 255; ++v) {
    below += count[v];
    weighted_below += v * count[v];
    const double above = total - below;
    if (below == 0 || above == 0) continue;
    const double difference = weighted_below / below - (weighted_total - weighted_below) / above;
    const double variance = below * above * difference * difference;
    if (variance > best_variance) best_variance = variance, best = v + 1;
  }
  return std::clamp(best, 48, 224);
}

// Per cell, over the sampled rows: ink pixels, edges along the rows (between neighbours
// inside the cell), and edges down the columns (against the previous sampled row). Each
// count is at most 8 * kCell / kRowStep = 32, so a byte holds it.
struct Features {
  int columns = 0, rows = 0;
  std::vector<uint8_t> ink, across_rows, down_columns;
};

// Ink bits of a cell row are packed in memory order, which leptonica permutes within
// each 32-bit word on little-endian machines (the leftmost pixel is the word's most
// significant byte). Counting ink or changes between rows does not care; counting edges
// between neighbours does, so its table follows pixel order.
constexpr int PixelOfPackedBit(int bit) {
  // Packing (below) puts the byte at memory offset m into bit m on a little-endian
  // machine and into bit 7 - m on a big-endian one.
  if constexpr (std::endian::native == std::endian::little) {
    return 4 * (bit / 4) + 3 - bit % 4;
  } else {
    return 7 - bit;
  }
}

struct ByteCounts {
  std::array<uint8_t, 256> ones{};
  std::array<uint8_t, 256> edges{};  // between neighbouring pixels of the cell row
  constexpr ByteCounts() {
    for (int packed = 0; packed < 256; ++packed) {
      int pixels = 0;
      for (int bit = 0; bit < 8; ++bit) {
        if ((packed >> bit) & 1) pixels |= 1 << PixelOfPackedBit(bit);
      }
      for (int i = 0; i < 8; ++i) ones[packed] += (pixels >> i) & 1;
      for (int i = 0; i < 7; ++i) edges[packed] += ((pixels >> i) & 1) != ((pixels >> (i + 1)) & 1);
    }
  }
};
constexpr ByteCounts kByteCounts;

// Eight 0/1 bytes into one byte, one bit each.
inline unsigned Pack(const uint8_t* ones) {
  uint64_t v;
  std::memcpy(&v, ones, sizeof v);
  return static_cast<unsigned>((v * 0x0102040810204080ULL) >> 56);
}

Features Measure(Pix* gray, int threshold) {
  Features f;
  f.columns = pixGetWidth(gray) / kCell;
  f.rows = pixGetHeight(gray) / kCell;
  const size_t cells = static_cast<size_t>(f.columns) * f.rows;
  f.ink.assign(cells, 0);
  f.across_rows.assign(cells, 0);
  f.down_columns.assign(cells, 0);
  const int wpl = pixGetWpl(gray);
  const l_uint32* data = pixGetData(gray);
  const int used = f.columns * kCell;
  const auto t = static_cast<uint8_t>(threshold);
  std::vector<uint8_t> dark(used), previous(f.columns, 0), current(f.columns, 0);
  for (int y = 0; y < f.rows * kCell; y += kRowStep) {
    const auto* pixels = reinterpret_cast<const uint8_t*>(data + static_cast<ptrdiff_t>(y) * wpl);
    for (int i = 0; i < used; ++i) dark[i] = pixels[i] < t;  // vectorised by the compiler
    const size_t base = static_cast<size_t>(y / kCell) * f.columns;
    for (int column = 0; column < f.columns; ++column) {
      const unsigned bits = Pack(&dark[column * kCell]);
      current[column] = static_cast<uint8_t>(bits);
      f.ink[base + column] += kByteCounts.ones[bits];
      f.across_rows[base + column] += kByteCounts.edges[bits];
      if (y > 0) f.down_columns[base + column] += kByteCounts.ones[bits ^ previous[column]];
    }
    std::swap(previous, current);
  }
  return f;
}

enum Kind : uint8_t { kUpright = 1, kSideways = 2, kMatrix = 4 };

// True if `a` and `b` overlap or lie within `gap` pixels of each other.
bool Touch(const PixelRect& a, const PixelRect& b, int gap) {
  return a.x <= b.right() + gap && b.x <= a.right() + gap && a.y <= b.bottom() + gap && b.y <= a.bottom() + gap;
}

void MergeTouching(std::vector<BarcodeRegion>* regions, int gap) {
  for (bool merged = true; merged;) {
    merged = false;
    for (size_t i = 0; i < regions->size() && !merged; ++i) {
      for (size_t j = i + 1; j < regions->size(); ++j) {
        BarcodeRegion& a = (*regions)[i];
        const BarcodeRegion& b = (*regions)[j];
        if (!Touch(a.rect, b.rect, gap)) continue;
        const int x = std::min(a.rect.x, b.rect.x), y = std::min(a.rect.y, b.rect.y);
        a.rect = {x, y, std::max(a.rect.right(), b.rect.right()) - x, std::max(a.rect.bottom(), b.rect.bottom()) - y};
        a.upright_bars |= b.upright_bars;
        a.sideways_bars |= b.sideways_bars;
        a.matrix |= b.matrix;
        regions->erase(regions->begin() + j);
        merged = true;
        break;
      }
    }
  }
}

}  // namespace

std::vector<BarcodeRegion> FindBarcodeRegions(Pix* gray, int dpi) {
  std::vector<BarcodeRegion> regions;
  const int window = std::max(3, static_cast<int>(kWindowMm * dpi / 25.4 / kCell + 0.5));  // in cells
  const Features f = Measure(gray, InkThreshold(gray));
  if (f.columns < window || f.rows < window) return regions;

  // Classify every window (named by its top-left cell) by its rates per pixel. Window
  // sums slide: per column over `window` cell rows, then along the row of columns.
  const int window_columns = f.columns - window + 1, window_rows = f.rows - window + 1;
  const double pixels = static_cast<double>(window * kCell) * (window * kCell);
  const double sampled = pixels / kRowStep;
  std::vector<uint8_t> kinds(static_cast<size_t>(window_columns) * window_rows, 0);
  std::vector<int> ink(f.columns, 0), across(f.columns, 0), down(f.columns, 0);
  auto add_row = [&](int r, int sign) {
    const size_t base = static_cast<size_t>(r) * f.columns;
    for (int c = 0; c < f.columns; ++c) {
      ink[c] += sign * f.ink[base + c];
      across[c] += sign * f.across_rows[base + c];
      down[c] += sign * f.down_columns[base + c];
    }
  };
  for (int r = 0; r < window - 1; ++r) add_row(r, +1);
  for (int r = 0; r < window_rows; ++r) {
    add_row(r + window - 1, +1);
    if (r > 0) add_row(r - 1, -1);
    int ink_sum = 0, across_sum = 0, down_sum = 0;
    for (int c = 0; c < window; ++c) ink_sum += ink[c], across_sum += across[c], down_sum += down[c];
    for (int c = 0; c < window_columns; ++c) {
      if (c > 0) {
        ink_sum += ink[c + window - 1] - ink[c - 1];
        across_sum += across[c + window - 1] - across[c - 1];
        down_sum += down[c + window - 1] - down[c - 1];
      }
      const double ink_rate = ink_sum / sampled;
      const double across_rate = across_sum / sampled;  // edges per pixel along rows
      const double down_rate = down_sum / pixels;       // edges per pixel down columns
      uint8_t kind = 0;
      if (ink_rate >= kMinBarInk && across_rate >= kMinBarEdges && down_rate <= kMaxAlongAcross * across_rate) {
        kind |= kUpright;
      }
      if (ink_rate >= kMinBarInk && down_rate >= kMinBarEdges && across_rate <= kMaxAlongAcross * down_rate) {
        kind |= kSideways;
      }
      if (ink_rate >= kMinMatrixInk && across_rate >= kMinMatrixEdges && down_rate >= kMinMatrixEdges) {
        kind |= kMatrix;
      }
      kinds[static_cast<size_t>(r) * window_columns + c] = kind;
    }
  }

  // Each 8-connected group of windows of one kind is one candidate; the union of its
  // windows is the candidate's extent.
  std::vector<int> stack;
  for (uint8_t kind : {kUpright, kSideways, kMatrix}) {
    for (int start = 0; start < static_cast<int>(kinds.size()); ++start) {
      if (!(kinds[start] & kind)) continue;
      int c0 = window_columns, r0 = window_rows, c1 = 0, r1 = 0;
      kinds[start] &= ~kind;
      stack.assign(1, start);
      while (!stack.empty()) {
        const int at = stack.back();
        stack.pop_back();
        const int c = at % window_columns, r = at / window_columns;
        c0 = std::min(c0, c), r0 = std::min(r0, r), c1 = std::max(c1, c), r1 = std::max(r1, r);
        for (int dr = -1; dr <= 1; ++dr) {
          for (int dc = -1; dc <= 1; ++dc) {
            const int nc = c + dc, nr = r + dr;
            if (nc < 0 || nr < 0 || nc >= window_columns || nr >= window_rows) continue;
            const int next = nr * window_columns + nc;
            if (kinds[next] & kind) kinds[next] &= ~kind, stack.push_back(next);
          }
        }
      }
      regions.push_back({{c0 * kCell, r0 * kCell, (c1 + window - c0) * kCell, (r1 + window - r0) * kCell},
                         kind == kUpright, kind == kSideways, kind == kMatrix});
    }
  }
  // Pieces of one symbol touch; text that passed for a symbol here and there stays in
  // windows that do not reach two positions each way.
  MergeTouching(&regions, kCell);
  const double pixels_per_mm = dpi / 25.4;
  const int min_side = (window + 1) * kCell;
  const int page_width = pixGetWidth(gray), page_height = pixGetHeight(gray);
  std::vector<BarcodeRegion> kept;
  for (BarcodeRegion region : regions) {
    const PixelRect& found = region.rect;
    if (found.width < min_side || found.height < min_side) continue;
    const int margin_x = static_cast<int>(std::max(kQuietZoneMm * pixels_per_mm, kQuietZoneFraction * found.width));
    const int margin_y = static_cast<int>(std::max(kQuietZoneMm * pixels_per_mm, kQuietZoneFraction * found.height));
    const int x0 = std::max(0, found.x - margin_x), y0 = std::max(0, found.y - margin_y);
    const int x1 = std::min(page_width, found.right() + margin_x);
    const int y1 = std::min(page_height, found.bottom() + margin_y);
    region.rect = {x0, y0, x1 - x0, y1 - y0};
    kept.push_back(region);
  }
  regions.swap(kept);
  std::sort(regions.begin(), regions.end(), [](const BarcodeRegion& a, const BarcodeRegion& b) {
    return a.rect.y != b.rect.y ? a.rect.y < b.rect.y : a.rect.x < b.rect.x;
  });
  return regions;
}

}  // namespace quai
