// ReadBarcodes: every barcode printed on a page, 1-D and 2-D, with its decoded text and
// where it sits. Input: a PageImage (upright 8-bpp page and its dpi); output: Barcode
// values with boxes in PDF points. GS1 symbols are flagged so their element strings can
// go to ParseGs1 (gs1.h). No shared state: any number of threads may call it at once.
// zxing-cpp does the decoding and stays behind this header.
#pragma once

#include <string>
#include <vector>

#include "intake/page_image.h"
#include "quai/document.h"
#include "quai/status.h"

namespace quai {

// Barcode (format, decoded text, GS1 flag, box in points) is declared in quai/document.h.

// Finds and decodes the Code128 (GS1-128), DataMatrix (GS1 DataMatrix), QR, EAN-13/8,
// UPC-A/E, Code39 and ITF symbols on `page`, ordered top to bottom then left to right.
// Works in two steps to stay cheap (a few ms of CPU on a page without symbols): a coarse
// map of ink and edges proposes the few regions that look like symbols (barcode_regions.h)
// and only those go to the decoder. Linear symbols may be upright, sideways or upside
// down, skewed by up to about 14 degrees as long as one scan line still crosses all their
// bars; matrix symbols may be turned any way. Symbols smaller than about 4 mm are not
// looked for. A page without barcodes gives an empty list. Errors: kInvalidArgument for a
// page without an image or dpi; kInternal when the decoding engine fails.
Result<std::vector<Barcode>> ReadBarcodes(const PageImage& page);

}  // namespace quai
