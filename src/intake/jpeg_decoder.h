// JPEG decoding through libjpeg with quai's own error manager, so that a
// warning libjpeg recovers from (extraneous bytes before a marker, a bad code it
// resyncs past, an unknown Adobe transform, a bad ICC marker) is accepted as
// every viewer shows the image, while a file that ends before its image does
// ("Premature end of JPEG file") is refused as truncated, in libjpeg's words.
// Memory and the number of progressive scans are bounded. Pure functions,
// thread-safe.
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
