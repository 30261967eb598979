#include "barcode/barcode_test_images.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace quai::barcode_testing {
namespace {

Modules FromBitMatrix(const ZXing::BitMatrix& matrix) {
  Modules modules;
  modules.width = matrix.width();
  modules.height = matrix.height();
  modules.dark.resize(static_cast<size_t>(modules.width) * modules.height);
  for (int y = 0; y < modules.height; ++y) {
    for (int x = 0; x < modules.width; ++x) modules.dark[static_cast<size_t>(y) * modules.width + x] = matrix.get(x, y);
  }
  return modules;
}

// ---- ECC200 DataMatrix (ISO/IEC 16022), square single-region sizes only ----

struct DataMatrixSize {
  int size;             // modules per side, finder pattern included
  int data_codewords;
  int ecc_codewords;
};
constexpr DataMatrixSize kDataMatrixSizes[] = {
    {10, 3, 5}, {12, 5, 7}, {14, 8, 10}, {16, 12, 12}, {18, 18, 14},
    {20, 22, 18}, {22, 30, 20}, {24, 36, 24}, {26, 44, 28},
};
constexpr int kFnc1 = 232;
constexpr int kPad = 129;

// GF(256) with the DataMatrix field polynomial x^8 + x^5 + x^3 + x^2 + 1.
struct GaloisField {
  std::array<int, 256> exp{};
  std::array<int, 256> log{};
  GaloisField() {
    int value = 1;
    for (int i = 0; i < 255; ++i) {
      exp[i] = value;
      log[value] = i;
      value <<= 1;
      if (value & 0x100) value ^= 0x12d;
    }
    exp[255] = exp[0];
  }
  int Multiply(int a, int b) const { return a == 0 || b == 0 ? 0 : exp[(log[a] + log[b]) % 255]; }
};

std::vector<int> ErrorCorrection(const std::vector<int>& data, int ecc_count) {
  static const GaloisField field;
  std::vector<int> generator = {1};  // highest degree first; roots alpha^1 .. alpha^n
  for (int i = 1; i <= ecc_count; ++i) {
    std::vector<int> next(generator.size() + 1, 0);
    for (size_t k = 0; k < generator.size(); ++k) {
      next[k] ^= generator[k];
      next[k + 1] ^= field.Multiply(generator[k], field.exp[i]);
    }
    generator = next;
  }
  std::vector<int> message = data;
  message.resize(data.size() + ecc_count, 0);
  for (size_t i = 0; i < data.size(); ++i) {
    const int coefficient = message[i];
    if (coefficient == 0) continue;
    for (size_t j = 1; j < generator.size(); ++j) message[i + j] ^= field.Multiply(generator[j], coefficient);
  }
  return std::vector<int>(message.begin() + data.size(), message.end());
}

std::vector<int> AsciiCodewords(std::string_view text, bool gs1) {
  std::vector<int> codewords;
  if (gs1) codewords.push_back(kFnc1);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool pair = i + 1 < text.size() && c >= '0' && c <= '9' && text[i + 1] >= '0' && text[i + 1] <= '9';
    if (pair) {
      codewords.push_back(130 + (c - '0') * 10 + (text[i + 1] - '0'));
      ++i;
    } else if (gs1 && c == '\x1d') {
      codewords.push_back(kFnc1);
    } else {
      codewords.push_back(static_cast<unsigned char>(c) + 1);
    }
  }
  return codewords;
}

// The module placement of ISO/IEC 16022 Annex F: which bit of which codeword goes where
// in the data region (`rows` x `cols`). Cells hold 8 * codeword + bit (bit 0 = MSB),
// or -1 for the fixed pattern some sizes leave in the bottom-right corner.
class Placement {
 public:
  Placement(int rows, int cols) : rows_(rows), cols_(cols), cells_(rows * cols, kEmpty) {
    int codeword = 0, row = 4, col = 0;
    do {
      if (row == rows_ && col == 0) Corner1(codeword++);
      if (row == rows_ - 2 && col == 0 && cols_ % 4 != 0) Corner2(codeword++);
      if (row == rows_ - 2 && col == 0 && cols_ % 8 == 4) Corner3(codeword++);
      if (row == rows_ + 4 && col == 2 && cols_ % 8 == 0) Corner4(codeword++);
      do {  // up and to the right
        if (row < rows_ && col >= 0 && cell(row, col) == kEmpty) Utah(row, col, codeword++);
        row -= 2;
        col += 2;
      } while (row >= 0 && col < cols_);
      row += 1;
      col += 3;
      do {  // down and to the left
        if (row >= 0 && col < cols_ && cell(row, col) == kEmpty) Utah(row, col, codeword++);
        row += 2;
        col -= 2;
      } while (row < rows_ && col >= 0);
      row += 3;
      col += 1;
    } while (row < rows_ || col < cols_);
    if (cell(rows_ - 1, cols_ - 1) == kEmpty) {
      cell(rows_ - 1, cols_ - 1) = kFixedDark;
      cell(rows_ - 2, cols_ - 2) = kFixedDark;
      cell(rows_ - 1, cols_ - 2) = kFixedLight;
      cell(rows_ - 2, cols_ - 1) = kFixedLight;
    }
  }

  bool Dark(int row, int col, const std::vector<int>& codewords) const {
    const int value = cells_[row * cols_ + col];
    if (value == kFixedDark) return true;
    if (value < 0) return false;
    return (codewords[value / 8] >> (7 - value % 8)) & 1;
  }

 private:
  static constexpr int kEmpty = -3, kFixedDark = -2, kFixedLight = -1;

  int& cell(int row, int col) { return cells_[row * cols_ + col]; }

  void Module(int row, int col, int codeword, int bit) {
    if (row < 0) {
      row += rows_;
      col += 4 - ((rows_ + 4) % 8);
    }
    if (col < 0) {
      col += cols_;
      row += 4 - ((cols_ + 4) % 8);
    }
    cell(row, col) = codeword * 8 + bit;
  }
  void Utah(int row, int col, int codeword) {
    Module(row - 2, col - 2, codeword, 0);
    Module(row - 2, col - 1, codeword, 1);
    Module(row - 1, col - 2, codeword, 2);
    Module(row - 1, col - 1, codeword, 3);
    Module(row - 1, col, codeword, 4);
    Module(row, col - 2, codeword, 5);
    Module(row, col - 1, codeword, 6);
    Module(row, col, codeword, 7);
  }
  void Corner1(int codeword) {
    Module(rows_ - 1, 0, codeword, 0);
    Module(rows_ - 1, 1, codeword, 1);
    Module(rows_ - 1, 2, codeword, 2);
    Module(0, cols_ - 2, codeword, 3);
    Module(0, cols_ - 1, codeword, 4);
    Module(1, cols_ - 1, codeword, 5);
    Module(2, cols_ - 1, codeword, 6);
    Module(3, cols_ - 1, codeword, 7);
  }
  void Corner2(int codeword) {
    Module(rows_ - 3, 0, codeword, 0);
    Module(rows_ - 2, 0, codeword, 1);
    Module(rows_ - 1, 0, codeword, 2);
    Module(0, cols_ - 4, codeword, 3);
    Module(0, cols_ - 3, codeword, 4);
    Module(0, cols_ - 2, codeword, 5);
    Module(0, cols_ - 1, codeword, 6);
    Module(1, cols_ - 1, codeword, 7);
  }
  void Corner3(int codeword) {
    Module(rows_ - 3, 0, codeword, 0);
    Module(rows_ - 2, 0, codeword, 1);
    Module(rows_ - 1, 0, codeword, 2);
    Module(0, cols_ - 2, codeword, 3);
    Module(0, cols_ - 1, codeword, 4);
    Module(1, cols_ - 1, codeword, 5);
    Module(2, cols_ - 1, codeword, 6);
    Module(3, cols_ - 1, codeword, 7);
  }
  void Corner4(int codeword) {
    Module(rows_ - 1, 0, codeword, 0);
    Module(rows_ - 1, cols_ - 1, codeword, 1);
    Module(0, cols_ - 3, codeword, 2);
    Module(0, cols_ - 2, codeword, 3);
    Module(0, cols_ - 1, codeword, 4);
    Module(1, cols_ - 3, codeword, 5);
    Module(1, cols_ - 2, codeword, 6);
    Module(1, cols_ - 1, codeword, 7);
  }

  int rows_, cols_;
  std::vector<int> cells_;
};

std::wstring Widen(std::string_view text) { return std::wstring(text.begin(), text.end()); }

}  // namespace

Modules Code128(std::string_view text, bool gs1) {
  // zxing-cpp's Code128 writer reads U+00F1 as FNC1.
  std::wstring contents = gs1 ? L"\u00f1" : L"";
  for (char c : text) contents += gs1 && c == '\x1d' ? L'\u00f1' : static_cast<wchar_t>(c);
  return FromBitMatrix(ZXing::MultiFormatWriter(ZXing::BarcodeFormat::Code128).setMargin(0).encode(contents, 0, 0));
}

Modules QrCode(std::string_view text) {
  return FromBitMatrix(ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setMargin(0).encode(Widen(text), 0, 0));
}

Modules DataMatrix(std::string_view text, bool gs1) {
  std::vector<int> codewords = AsciiCodewords(text, gs1);
  const DataMatrixSize* size = nullptr;
  for (const DataMatrixSize& candidate : kDataMatrixSizes) {
    if (candidate.data_codewords >= static_cast<int>(codewords.size())) {
      size = &candidate;
      break;
    }
  }
  if (size == nullptr) return {};
  if (static_cast<int>(codewords.size()) < size->data_codewords) codewords.push_back(kPad);
  while (static_cast<int>(codewords.size()) < size->data_codewords) {
    const int position = static_cast<int>(codewords.size()) + 1;  // 1-based, "253-state" randomising
    int value = kPad + (149 * position) % 253 + 1;
    if (value > 254) value -= 254;
    codewords.push_back(value);
  }
  const std::vector<int> ecc = ErrorCorrection(codewords, size->ecc_codewords);
  codewords.insert(codewords.end(), ecc.begin(), ecc.end());

  const int n = size->size;
  const Placement placement(n - 2, n - 2);
  Modules modules;
  modules.width = modules.height = n;
  modules.dark.assign(static_cast<size_t>(n) * n, false);
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      bool dark;
      if (x == 0 || y == n - 1) {
        dark = true;  // the solid "L"
      } else if (y == 0) {
        dark = x % 2 == 0;  // clock track along the top
      } else if (x == n - 1) {
        dark = y % 2 == 1;  // clock track down the right
      } else {
        dark = placement.Dark(y - 1, x - 1, codewords);
      }
      modules.dark[static_cast<size_t>(y) * n + x] = dark;
    }
  }
  return modules;
}

Modules ZxingDataMatrix(std::string_view text) {
  return FromBitMatrix(
      ZXing::MultiFormatWriter(ZXing::BarcodeFormat::DataMatrix).setMargin(0).encode(Widen(text), 0, 0));
}

PixPtr BlankPage(int width, int height) {
  PixPtr page(pixCreate(width, height, 8));
  pixSetAll(page.get());
  return page;
}

PixelRect Draw(const Modules& modules, int module_px, int bar_height_px, int x, int y, Pix* page) {
  const bool linear = modules.height == 1;
  const int width = modules.width * module_px;
  const int height = linear ? bar_height_px : modules.height * module_px;
  for (int dy = 0; dy < height; ++dy) {
    for (int dx = 0; dx < width; ++dx) {
      if (modules.at(dx / module_px, linear ? 0 : dy / module_px)) pixSetPixel(page, x + dx, y + dy, 0);
    }
  }
  return {x, y, width, height};
}

void DrawTextLines(int x, int y, int width, int lines, Pix* page) {
  // Letters of a 10-point font at 300 dpi: about 22 px tall, 3 px strokes, 18 px apart.
  for (int line = 0; line < lines; ++line) {
    const int top = y + line * 50;
    for (int letter_x = x; letter_x + 18 < x + width; letter_x += 18) {
      if ((letter_x / 18 + line) % 7 == 0) continue;  // a space between words
      for (int dy = 0; dy < 22; ++dy) {
        pixSetPixel(page, letter_x + 2, top + dy, 40);
        pixSetPixel(page, letter_x + 3, top + dy, 40);
        pixSetPixel(page, letter_x + 4, top + dy, 40);
        if (dy % 11 < 3) {
          for (int dx = 5; dx < 13; ++dx) pixSetPixel(page, letter_x + dx, top + dy, 40);
        }
      }
    }
  }
}

PixPtr Scan(Pix* page, double degrees) {
  PixPtr turned(pixRotate(page, degrees * M_PI / 180.0, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  return PixPtr(pixBlockconv(turned.get(), 1, 1));
}

PixelRect AfterScan(const PixelRect& rect, Pix* page, double degrees) {
  // Leptonica turns clockwise for positive angles, about the page centre, keeping its size.
  const double cx = pixGetWidth(page) / 2.0, cy = pixGetHeight(page) / 2.0;
  const double a = degrees * M_PI / 180.0;
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
  for (auto [x, y] : {std::pair<double, double>{rect.x, rect.y}, {rect.right(), rect.y},
                      {rect.x, rect.bottom()}, {rect.right(), rect.bottom()}}) {
    const double tx = cx + (x - cx) * std::cos(a) - (y - cy) * std::sin(a);
    const double ty = cy + (x - cx) * std::sin(a) + (y - cy) * std::cos(a);
    x0 = std::min(x0, tx), y0 = std::min(y0, ty), x1 = std::max(x1, tx), y1 = std::max(y1, ty);
  }
  return {static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0), static_cast<int>(y1 - y0)};
}

}  // namespace quai::barcode_testing
