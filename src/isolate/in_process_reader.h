// InProcessReader: DocumentReader in the calling process, with no time or
// memory limit beyond the OCR engine's own per-page timeout. Used by the
// child of the isolated reader, and directly where no child program is set.
#pragma once

#include <memory>
#include <string>

#include "intake/source_document.h"
#include "isolate/document_reader.h"

namespace quai {

class InProcessReader final : public DocumentReader {
 public:
  InProcessReader(OcrEngineFactory engines, PagePreparation preparation, IntakeLimits limits);

  Result<int> Open(std::shared_ptr<const std::string> bytes, MediaType type, const std::string& name) override;
  Result<Page> ReadPage(int index) override;
  Result<PageImage> RenderPage(int index, int dpi) override;
  Result<SourceDocument::EInvoiceFile> ReadEInvoiceFile() override;
  void Close() override;

 private:
  PageReader page_reader_;
  PagePreparation preparation_;
  IntakeLimits limits_;
  std::shared_ptr<const std::string> bytes_;  // what document_ reads from
  std::unique_ptr<SourceDocument> document_;
};

}  // namespace quai
