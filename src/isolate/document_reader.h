// DocumentReader: how a worker reads originals, one open file at a time: it
// opens the file and counts its pages, then reads each page's words (its text
// layer, else OCR, with barcodes) or draws it for the review desk. Two
// implementations: in this process (in_process_reader.h), and in a child
// process held to time and memory limits (isolated_reader.h), which is what
// quai's commands use so that a hostile file costs its own reading only.
// One reader per thread; not thread-safe.
#pragma once

#include <memory>
#include <string>

#include "intake/page_image.h"
#include "intake/source_document.h"
#include "ocr/page_reader.h"
#include "quai/document.h"
#include "quai/options.h"
#include "quai/status.h"

namespace quai {

class DocumentReader {
 public:
  virtual ~DocumentReader() = default;
  // Opens `bytes` of `type`, kept alive by the reader while open; the page
  // count. `name` (the file's) names the file in library messages. Errors name
  // the cause, not the file: the caller adds it.
  virtual Result<int> Open(std::shared_ptr<const std::string> bytes, MediaType type, const std::string& name) = 0;
  // Page `index` (from 0) of the open file. Errors name the page.
  virtual Result<Page> ReadPage(int index) = 0;
  // Page `index` drawn as an 8-bit grayscale image at `dpi` (images keep their own).
  virtual Result<PageImage> RenderPage(int index, int dpi) = 0;
  // The e-invoice XML the open file carries (SourceDocument::ReadEInvoiceFile):
  // its name in the file and its bytes; empty xml when it carries none.
  virtual Result<SourceDocument::EInvoiceFile> ReadEInvoiceFile() = 0;
  // Lets go of the open file.
  virtual void Close() = 0;
};

// The reader `options` ask for: isolated in children running
// options.reader_program when it is set, else in this process. `engines`
// makes OCR engines for the in-process reader (null: pages that need OCR fail).
std::unique_ptr<DocumentReader> NewDocumentReader(const Options& options, OcrEngineFactory engines);

}  // namespace quai
