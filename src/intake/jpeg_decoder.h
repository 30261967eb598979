// JPEG decoding through libjpeg with quai's own error manager, so that a
// warning libjpeg recovers from without losing pixels (extraneous bytes before a
// marker, an unknown Adobe transform, a bad ICC marker) is accepted, while data
// that is missing or unreadable (premature end of file or of a segment, bad
// Huffman codes) refuses the image with libjpeg's own words. Memory and the
// number of progressive scans are bounded. Pure functions, thread-safe.
#pragma once

#include <string_view>

#include "intake/page_image.h"
#include "quai/status.h"

namespace quai {

struct JpegHeader {
  int width = 0;
  int height = 0;
  int dpi = 0;  // 0 when the file declares none
};

Result<JpegHeader> ReadJpegHeader(std::string_view bytes);

// The image as 8-bit grayscale (CMYK and YCCK included), its resolution set
// when the file declares one.
Result<PixPtr> DecodeJpeg(std::string_view bytes);

}  // namespace quai
