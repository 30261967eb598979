// PageImage: one page as a leptonica image plus the resolution it stands for.
// Produced by intake (rendered PDF pages, decoded image files), consumed by OCR.
// Owns its Pix; movable, not copyable; one thread at a time.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>

namespace quai {

struct PixDeleter {
  void operator()(Pix* pix) const {
    if (pix != nullptr) pixDestroy(&pix);
  }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct PageImage {
  PixPtr pix;   // 8 bpp grayscale
  int dpi = 300;
};

// Silences leptonica's messages to stderr; quai reports errors itself. Idempotent.
void QuietLeptonica();

}  // namespace quai
