#include "server/page_image_cache.h"

#include <leptonica/allheaders.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "isolate/reader_pool.h"
#include "pipeline/workspace_services.h"
#include "ocr/page_preparer.h"

namespace quai::server {
namespace {

struct FreeBytes {
  void operator()(l_uint8* data) const { lept_free(data); }
};

Result<std::string> EncodePng(Pix* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemPng(&data, &size, pix, 0.0f) != 0 || data == nullptr)
    return Status::Internal("cannot encode the page as PNG");
  std::unique_ptr<l_uint8, FreeBytes> owned(data);
  return std::string(reinterpret_cast<const char*>(data), size);
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

PageImageCache::PageImageCache(Workspace* workspace, std::string cache_dir, int dpi)
    : workspace_(workspace), cache_dir_(std::move(cache_dir)), dpi_(dpi) {}

Result<std::string> PageImageCache::PagePng(const DocumentRecord& document, int number) {
  // Only this page's row: its rotation and skew name the cached image.
  auto stored = workspace_->LoadPage(document.id, number);
  if (!stored.ok()) return stored.status();
  const Page* page = stored->has_value() ? &**stored : nullptr;
  if (page == nullptr && document.status == DocumentStatus::kProcessed)
    return Status::NotFound("document " + std::to_string(document.id) + " has no page " + std::to_string(number));

  // The name carries how the page was turned, so a document read again differently gets a new image.
  std::ostringstream name;
  name << document.sha256 << "-" << number << "-" << dpi_;
  if (page != nullptr) name << "-r" << page->rotation << "-s" << std::lround(page->skew_degrees * 100);
  const std::string folder = cache_dir_ + "/" + document.sha256.substr(0, 2);
  const std::string path = folder + "/" + name.str() + ".png";
  std::string cached = ReadWholeFile(path);
  if (!cached.empty()) return cached;

  auto png = Render(document, number, page);
  if (!png.ok()) return png;
  // Pages not read yet are drawn as the file declares them and not cached: reading may turn them.
  if (page == nullptr) return png;
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  std::ostringstream temporary;
  temporary << path << ".tmp" << std::hash<std::thread::id>()(std::this_thread::get_id());
  {
    std::ofstream out(temporary.str(), std::ios::binary | std::ios::trunc);
    out.write(png->data(), static_cast<std::streamsize>(png->size()));
    if (!out) {
      std::filesystem::remove(temporary.str(), error);
      return png;  // a cache that cannot be written only costs time
    }
  }
  std::filesystem::rename(temporary.str(), path, error);
  if (error) std::filesystem::remove(temporary.str(), error);
  return png;
}

Result<std::string> PageImageCache::Render(const DocumentRecord& document, int number, const Page* page) {
  auto bytes = workspace_->ReadOriginal(document);
  if (!bytes.ok()) return bytes.status();
  // Drawn by a reader of the workspace's, in its child process: a file that
  // defeats the PDF library costs the review desk that page, not the server.
  ReaderPool::Lease reader(&workspace_->services().readers());
  auto opened = reader->Open(std::make_shared<const std::string>(std::move(bytes).value()), document.media_type,
                             document.original_name);
  if (!opened.ok()) return opened.status();
  if (number < 1 || number > *opened)
    return Status::NotFound("document " + std::to_string(document.id) + " has no page " + std::to_string(number));
  auto image = reader->RenderPage(number - 1, dpi_);
  if (!image.ok()) return image.status();
  PixPtr pix = std::move(image->pix);
  if (image->dpi != dpi_) {
    float scale = static_cast<float>(dpi_) / static_cast<float>(image->dpi);
    pix.reset(pixScale(pix.get(), scale, scale));
    if (!pix) return Status::Internal("out of memory scaling page " + std::to_string(number));
  }
  // Pages read by OCR were turned and straightened before reading, and their
  // boxes are in that frame; text-layer pages come upright from poppler.
  if (page != nullptr && page->text_source == TextSource::kOcr) {
    if (page->rotation % 360 != 0) {
      pix.reset(pixRotateOrth(pix.get(), (page->rotation / 90) % 4));
      if (!pix) return Status::Internal("out of memory turning page " + std::to_string(number));
    }
    if (page->skew_degrees != 0) {
      PixPtr straight = RotateByDegrees(pix.get(), page->skew_degrees);
      if (straight) pix = std::move(straight);
    }
  }
  pixSetResolution(pix.get(), dpi_, dpi_);
  return EncodePng(pix.get());
}

}  // namespace quai::server
