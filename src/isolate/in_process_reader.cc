#include "isolate/in_process_reader.h"

#include "isolate/isolated_reader.h"

namespace quai {

InProcessReader::InProcessReader(OcrEngineFactory engines, PagePreparation preparation, IntakeLimits limits)
    : page_reader_(engines ? std::move(engines)
                           : OcrEngineFactory([]() -> Result<std::unique_ptr<OcrEngine>> {
                               return Status::Internal("no OCR engine in this process");
                             }),
                   preparation, limits),
      preparation_(preparation),
      limits_(limits) {}

Result<int> InProcessReader::Open(std::shared_ptr<const std::string> bytes, MediaType type, const std::string&) {
  // The new document opens before the last one is closed: poppler keeps its
  // global parameters (font set-up, 7 M instructions) only while one of its
  // documents is open, and would otherwise build them again for every PDF.
  auto opened = OpenSourceDocument(*bytes, type, limits_, preparation_.render_dpi);
  if (!opened.ok()) {
    Close();
    return opened.status();
  }
  document_ = std::move(opened).value();
  bytes_ = std::move(bytes);
  return document_->page_count();
}

Result<Page> InProcessReader::ReadPage(int index) {
  if (!document_) return Status::FailedPrecondition("no file is open");
  if (index < 0 || index >= document_->page_count()) return Status::NotFound("no page " + std::to_string(index + 1));
  return page_reader_.ReadPage(document_.get(), index);
}

Result<PageImage> InProcessReader::RenderPage(int index, int dpi) {
  if (!document_) return Status::FailedPrecondition("no file is open");
  if (index < 0 || index >= document_->page_count()) return Status::NotFound("no page " + std::to_string(index + 1));
  return document_->RenderPage(index, dpi);
}

Result<SourceDocument::EInvoiceFile> InProcessReader::ReadEInvoiceFile() {
  if (!document_) return Status::FailedPrecondition("no file is open");
  return document_->ReadEInvoiceFile();
}

void InProcessReader::Close() {
  document_.reset();
  bytes_.reset();
}

std::unique_ptr<DocumentReader> NewDocumentReader(const Options& options, OcrEngineFactory engines) {
  if (!options.reader_program.empty()) return std::make_unique<IsolatedReader>(options);
  return std::make_unique<InProcessReader>(std::move(engines), options.preparation, options.limits);
}

}  // namespace quai
