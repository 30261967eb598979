// libFuzzer entry for opening a file the way the reader does: the type as
// sniffed, then every page's text layer and a small rendering. Limits are
// small so that one input stays cheap; the known unending inputs of the PDF
// library are what the isolated reader's time limit is for (isolate/), so a
// timeout found here is a reason to look, not a crash of quai. A crash or a
// sanitizer report in quai's code is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "intake/source_document.h"
#include "intake/type_sniffer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  quai::MediaType type = quai::SniffMediaType(bytes);
  if (type == quai::MediaType::kUnknown) return 0;
  quai::IntakeLimits limits;
  limits.max_pages = 4;
  limits.max_page_pixels = 4'000'000;
  auto document = quai::OpenSourceDocument(bytes, type, limits, 36);
  if (!document.ok()) return 0;
  for (int i = 0; i < (*document)->page_count(); ++i) {
    (void)(*document)->ReadTextLayer(i);
    (void)(*document)->RenderPage(i, 36);
  }
  return 0;
}
