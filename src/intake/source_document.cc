#include "intake/source_document.h"

namespace quai {

void QuietLeptonica() {
  static const bool done = [] {
    setMsgSeverity(L_SEVERITY_NONE);
    return true;
  }();
  (void)done;
}

Result<std::unique_ptr<SourceDocument>> OpenSourceDocument(std::string_view bytes, MediaType type,
                                                           const IntakeLimits& limits, int render_dpi) {
  switch (type) {
    case MediaType::kPdf: return OpenPdfDocument(bytes, limits, render_dpi);
    case MediaType::kPng:
    case MediaType::kJpeg:
    case MediaType::kTiff: return OpenImageDocument(bytes, type, limits);
    case MediaType::kXml: return OpenXmlInvoiceDocument(bytes, limits);
    case MediaType::kUnknown: break;
  }
  return Status::InvalidArgument("unsupported file type");
}

}  // namespace quai
