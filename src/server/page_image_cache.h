// PageImageCache: a document page as the PNG the review screen shows — rendered
// from the original (poppler for PDF pages, leptonica for images) at 150 dpi,
// turned upright and straightened exactly as it was for reading, so word boxes
// in points map onto it by a scale alone — and kept on disk under the data
// directory (`cache/pages/`) after the first request. Thread-safe: concurrent
// requests for one page may both render it; the file is replaced atomically.
#pragma once

#include <string>

#include "quai/document.h"
#include "quai/status.h"
#include "quai/workspace.h"

namespace quai::server {

class PageImageCache {
 public:
  PageImageCache(Workspace* workspace, std::string cache_dir, int dpi = 150);

  // PNG bytes of page `number` (from 1). NotFound for a page the document
  // does not have.
  Result<std::string> PagePng(const DocumentRecord& document, int number);

 private:
  Result<std::string> Render(const DocumentRecord& document, int number, const Page* page);

  Workspace* workspace_;
  std::string cache_dir_;
  int dpi_;
};

}  // namespace quai::server
