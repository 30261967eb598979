// TiffFile: a TIFF or BigTIFF held in memory, read through libtiff itself, so
// every layout libtiff decodes is accepted: strips or tiles, contiguous or
// planar, 1 to 16 bits, grayscale, palette, RGB, CMYK, YCbCr, old-style and
// new JPEG, WebP, LZW, Deflate, CCITT. Page headers are read without decoding
// pixels, so limits are checked first. libtiff's errors and warnings are kept
// per file (never printed) and the latest error is named in the Status; a
// JPEG-compressed strip that ends early refuses the page as truncated, as a
// JPEG file would be.
// Not thread-safe; the bytes are not owned and must outlive the TiffFile.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "intake/page_image.h"
#include "quai/status.h"

struct tiff;  // libtiff's TIFF

namespace quai {

struct TiffPageHeader {
  int width = 0;
  int height = 0;
  int dpi = 0;  // 0 when the file declares no resolution
};

class TiffFile {
 public:
  // `max_allocation`: the largest single allocation libtiff may make while
  // reading tags and strips (decoded pages are sized by the pixel limit instead).
  static Result<std::unique_ptr<TiffFile>> Open(std::string_view bytes, int64_t max_allocation);
  ~TiffFile();
  TiffFile(const TiffFile&) = delete;
  TiffFile& operator=(const TiffFile&) = delete;

  // Counts pages (image file directories), stopping past `max_pages`.
  int CountPages(int max_pages);
  Result<TiffPageHeader> ReadHeader(int index);
  // The page (index from 0) decoded to 8-bit grayscale, upright as its
  // Orientation tag says, transparency laid over white.
  Result<PixPtr> ReadPage(int index);

  // Called by libtiff's handlers: keep the message for the Status.
  void KeepMessage(std::string message) { last_error_ = std::move(message); }
  void KeepTruncation(std::string message) { truncation_ = std::move(message); }

 private:
  TiffFile();
  Status SelectPage(int index);
  std::string LastError(const std::string& fallback) const;

  std::unique_ptr<struct TiffMemoryHandle> memory_;  // what libtiff reads through
  ::tiff* tiff_ = nullptr;
  std::string last_error_;
  std::string truncation_;  // a warning that image data ended early, while decoding
};

}  // namespace quai
