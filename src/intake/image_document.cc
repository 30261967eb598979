// PNG, JPEG and TIFF originals through leptonica. Headers are read first so
// the pixel limit is enforced before any page is decoded.
#include <cstdio>
#include <string>
#include <vector>

#include "intake/source_document.h"

namespace quai {
namespace {

struct PageHeader {
  int width = 0;
  int height = 0;
};

// Images without a plausible resolution are taken as 300 dpi scans, the
// usual setting of office scanners.
int PlausibleDpi(int dpi) { return dpi >= 70 && dpi <= 1200 ? dpi : 300; }

class ImageDocument final : public SourceDocument {
 public:
  ImageDocument(std::string_view bytes, MediaType type, std::vector<PageHeader> headers)
      : bytes_(bytes), type_(type), headers_(std::move(headers)) {}

  int page_count() const override { return static_cast<int>(headers_.size()); }

  Result<TextLayerPage> ReadTextLayer(int index) override { return TextLayerPage{}; }

  Result<PageImage> RenderPage(int index, int /*dpi*/) override {
    const auto* data = reinterpret_cast<const l_uint8*>(bytes_.data());
    PixPtr pix;
    std::string page = "page " + std::to_string(index + 1);
    if (type_ == MediaType::kJpeg) {
      l_int32 warnings = 0;
      pix.reset(pixReadMemJpeg(data, bytes_.size(), 0, 1, &warnings, 0));
      if (pix && warnings > 0) return Status::InvalidArgument("truncated or corrupt JPEG image");
    } else if (type_ == MediaType::kTiff) {
      pix.reset(pixReadMemTiff(data, bytes_.size(), index));
    } else {
      pix.reset(pixReadMemPng(data, bytes_.size()));
    }
    if (!pix) return Status::InvalidArgument(std::string("truncated or corrupt ") + FormatName() + " image (" + page + ")");
    int dpi = PlausibleDpi(pixGetXRes(pix.get()));
    PixPtr gray(pixConvertTo8(pix.get(), 0));
    if (!gray) return Status::InvalidArgument(std::string("unsupported pixel format in ") + FormatName() + " " + page);
    pixSetResolution(gray.get(), dpi, dpi);
    return PageImage{std::move(gray), dpi};
  }

 private:
  const char* FormatName() const {
    return type_ == MediaType::kJpeg ? "JPEG" : type_ == MediaType::kTiff ? "TIFF" : "PNG";
  }
  std::string_view bytes_;  // owned by the caller, who keeps it alive while the document is open
  MediaType type_;
  std::vector<PageHeader> headers_;
};

Result<int> CountTiffPages(std::string_view bytes) {
  FILE* stream = fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb");
  if (stream == nullptr) return Status::Internal("cannot read TIFF from memory");
  l_int32 count = 0;
  bool ok = tiffGetCount(stream, &count) == 0;
  fclose(stream);
  if (!ok || count <= 0) return Status::InvalidArgument("corrupt TIFF image (no readable pages)");
  return static_cast<int>(count);
}

}  // namespace

Result<std::unique_ptr<SourceDocument>> OpenImageDocument(std::string_view bytes, MediaType type,
                                                          const IntakeLimits& limits) {
  QuietLeptonica();
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  std::vector<PageHeader> headers;
  int pages = 1;
  if (type == MediaType::kTiff) {
    auto count = CountTiffPages(bytes);
    if (!count.ok()) return count.status();
    pages = *count;
    if (pages > limits.max_pages)
      return Status::LimitExceeded("TIFF has " + std::to_string(pages) + " pages, over the limit of " +
                                   std::to_string(limits.max_pages));
  }
  for (int i = 0; i < pages; ++i) {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
    bool ok = type == MediaType::kTiff
                  ? readHeaderMemTiff(data, bytes.size(), i, &w, &h, &bps, &spp, &res, &cmap, &format) == 0
                  : pixReadHeaderMem(data, bytes.size(), &format, &w, &h, &bps, &spp, &cmap) == 0;
    if (!ok || w <= 0 || h <= 0)
      return Status::InvalidArgument("corrupt image (the header of page " + std::to_string(i + 1) +
                                     " cannot be read)");
    int64_t pixels = static_cast<int64_t>(w) * h;
    if (pixels > limits.max_page_pixels)
      return Status::LimitExceeded("page " + std::to_string(i + 1) + " is " + std::to_string(w) + "x" +
                                   std::to_string(h) + " pixels, over the limit of " +
                                   std::to_string(limits.max_page_pixels / 1'000'000) + " megapixels");
    headers.push_back({w, h});
  }
  return std::unique_ptr<SourceDocument>(new ImageDocument(bytes, type, std::move(headers)));
}

}  // namespace quai
