// SourceDocument: an original opened for reading, one page at a time. The PDF
// implementation reads text layers and renders pages with poppler; the image
// implementation decodes PNG (leptonica), JPEG (libjpeg) and multi-page TIFF
// and BigTIFF (leptonica, else libtiff). Opening refuses only what the libraries
// cannot open, and checks the limits known without decoding: page count, and
// pixels per page of an image, so a decompression bomb is refused before it is
// inflated. A PDF page is checked against the pixel limit when it is rendered
// (a page read from its text layer is never rendered), and a PDF page that
// cannot be read is an error of that page alone.
// Not thread-safe: each worker thread opens its own SourceDocument.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "intake/page_image.h"
#include "quai/document.h"
#include "quai/options.h"
#include "quai/status.h"

namespace quai {

struct TextLayerPage {
  double width = 0;   // points, upright
  double height = 0;
  int rotation = 0;   // the page's own /Rotate, already applied to the words
  std::vector<Word> words;  // empty when the page has no usable text layer
};

class SourceDocument {
 public:
  virtual ~SourceDocument() = default;
  virtual int page_count() const = 0;
  // The page's own text layer (index from 0). Images have none. Empty words
  // when the layer is missing or garbage (text_layer_quality.h).
  virtual Result<TextLayerPage> ReadTextLayer(int index) = 0;
  // The page as an 8-bit grayscale image, upright as the file declares it.
  // PDF pages are rendered at `dpi`; images keep their own resolution.
  virtual Result<PageImage> RenderPage(int index, int dpi) = 0;
  // The e-invoice the file carries as data (src/einvoice): an XML file's own
  // bytes, a PDF's embedded invoice XML (Factur-X, ZUGFeRD, XRechnung), with
  // the name it has in the file ("" for an XML file). Empty xml: none.
  struct EInvoiceFile {
    std::string name;
    std::string xml;
  };
  virtual Result<EInvoiceFile> ReadEInvoiceFile() { return EInvoiceFile{}; }
};

// Opens `bytes` of the sniffed `type`. Errors name the cause, not the file: the
// caller adds the file name.
Result<std::unique_ptr<SourceDocument>> OpenSourceDocument(std::string_view bytes, MediaType type,
                                                           const IntakeLimits& limits, int render_dpi);

// Implementations, exposed for tests.
Result<std::unique_ptr<SourceDocument>> OpenPdfDocument(std::string_view bytes, const IntakeLimits& limits,
                                                        int render_dpi);
// An XML e-invoice: one page drawn from its values (xml_invoice_document.cc).
Result<std::unique_ptr<SourceDocument>> OpenXmlInvoiceDocument(std::string_view bytes, const IntakeLimits& limits);
Result<std::unique_ptr<SourceDocument>> OpenImageDocument(std::string_view bytes, MediaType type,
                                                          const IntakeLimits& limits);

}  // namespace quai
