// page_preparation FILE...: the cost of each preparation step against OCR on
// the same pages (one engine, one thread), so the principle "everything but OCR
// costs less than a tenth of OCR" can be checked step by step. Prints the mean
// milliseconds per page of each step and its share of OCR.
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>

#include "core/file_system.h"
#include "intake/source_document.h"
#include "intake/type_sniffer.h"
#include "ocr/ocr_engine.h"
#include "ocr/page_preparer.h"
#include "ocr/single_threaded_ocr.h"
#include "quai/workspace.h"

int main(int argc, char** argv) {
  quai::RequireSingleThreadedOcr(argv);
  auto files = quai::CollectInputFiles(std::vector<std::string>(argv + 1, argv + argc));
  if (!files.ok()) return 2;
  auto engine = quai::NewTesseractEngine(quai::OcrOptions{});
  if (!engine.ok()) return 3;
  std::map<std::string, double> total_ms;
  int pages = 0;
  auto timed = [&](const char* step, const std::function<void()>& run) {
    auto start = std::chrono::steady_clock::now();
    run();
    total_ms[step] += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  for (const std::string& path : *files) {
    auto bytes = quai::DefaultFileSystem()->ReadFile(path, 1 << 30);
    if (!bytes.ok()) continue;
    auto type = quai::SniffMediaType(*bytes);
    if (type == quai::MediaType::kUnknown) continue;
    auto document = quai::OpenSourceDocument(*bytes, type, quai::IntakeLimits{}, 300);
    if (!document.ok()) continue;
    for (int i = 0; i < (*document)->page_count(); ++i) {
      if (!(*document)->ReadTextLayer(i)->words.empty()) continue;
      quai::PageImage image;
      timed("render/decode", [&] { image = std::move((*document)->RenderPage(i, 300)).value(); });
      quai::PixPtr binary;
      timed("threshold", [&] { binary = quai::Threshold(image.pix.get()); });
      double skew = 0;
      timed("find skew", [&] { skew = quai::FindSkewDegrees(binary.get()); });
      timed("rotate (when tilted)", [&] {
        if (skew != 0) quai::RotateByDegrees(image.pix.get(), skew);
      });
      timed("remove lines", [&] { quai::RemoveTableLines(image.pix.get(), binary.get(), image.dpi); });
      timed("orientation (OSD, only for doubtful readings)", [&] { (void)(*engine)->DetectOrientation(image); });
      timed("OCR", [&] { (void)(*engine)->Recognize(image, 600000); });
      ++pages;
    }
  }
  if (pages == 0) return 1;
  double ocr = total_ms["OCR"] / pages;
  std::printf("%d raster pages; mean per page:\n", pages);
  for (const auto& [step, ms] : total_ms)
    std::printf("  %-48s %8.1f ms  %5.1f%% of OCR\n", step.c_str(), ms / pages, 100 * ms / pages / ocr);
  return 0;
}
