// PNG, JPEG and TIFF originals. Headers are read first so the pixel limit is
// enforced before any page is decoded. PNG goes through leptonica; JPEG through
// libjpeg with quai's error manager (jpeg_decoder.h); TIFF through leptonica
// when it can (fast for the usual bilevel and 8-bit scans) and libtiff itself
// for every other layout libtiff reads (tiff_file.h), BigTIFF included.
#include <string>
#include <vector>

#include "intake/jpeg_decoder.h"
#include "intake/source_document.h"
#include "intake/tiff_file.h"

namespace quai {
namespace {

struct PageHeader {
  int width = 0;
  int height = 0;
};

// Images without a plausible resolution are taken as 300 dpi scans, the
// usual setting of office scanners.
int PlausibleDpi(int dpi) { return dpi >= 70 && dpi <= 1200 ? dpi : 300; }

// The largest single allocation libtiff may make reading tags and strips: a
// whole uncompressed strip of the largest page the pixel limit allows, at 16
// bits and four samples per pixel.
int64_t MaxTiffAllocation(const IntakeLimits& limits) { return limits.max_page_pixels * 8 + (1 << 20); }

class ImageDocument final : public SourceDocument {
 public:
  ImageDocument(std::string_view bytes, MediaType type, std::vector<PageHeader> headers,
                std::unique_ptr<TiffFile> tiff)
      : bytes_(bytes), type_(type), headers_(std::move(headers)), tiff_(std::move(tiff)) {}

  int page_count() const override { return static_cast<int>(headers_.size()); }

  Result<TextLayerPage> ReadTextLayer(int index) override { return TextLayerPage{}; }

  Result<PageImage> RenderPage(int index, int /*dpi*/) override {
    const auto* data = reinterpret_cast<const l_uint8*>(bytes_.data());
    PixPtr pix;
    std::string page = "page " + std::to_string(index + 1);
    if (type_ == MediaType::kJpeg) {
      auto decoded = DecodeJpeg(bytes_);
      if (!decoded.ok()) return decoded.status();
      pix = std::move(decoded).value();
    } else if (type_ == MediaType::kTiff) {
      pix.reset(pixReadMemTiff(data, bytes_.size(), index));
      if (!pix) {
        // Tiles, separate planes, 16 bits, CMYK, old JPEG, WebP...: leptonica
        // gives up where libtiff does not.
        auto decoded = tiff_->ReadPage(index);
        if (!decoded.ok()) return decoded.status();
        pix = std::move(decoded).value();
      }
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
  std::unique_ptr<TiffFile> tiff_;  // TIFF only
};

Status CheckPixels(int index, int width, int height, const IntakeLimits& limits) {
  if (width <= 0 || height <= 0)
    return Status::InvalidArgument("corrupt image (the header of page " + std::to_string(index + 1) +
                                   " cannot be read)");
  int64_t pixels = static_cast<int64_t>(width) * height;
  if (pixels > limits.max_page_pixels)
    return Status::LimitExceeded("page " + std::to_string(index + 1) + " is " + std::to_string(width) + "x" +
                                 std::to_string(height) + " pixels, over the limit of " +
                                 std::to_string(limits.max_page_pixels / 1'000'000) + " megapixels");
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SourceDocument>> OpenImageDocument(std::string_view bytes, MediaType type,
                                                          const IntakeLimits& limits) {
  QuietLeptonica();
  std::vector<PageHeader> headers;
  std::unique_ptr<TiffFile> tiff;
  if (type == MediaType::kTiff) {
    auto opened = TiffFile::Open(bytes, MaxTiffAllocation(limits));
    if (!opened.ok()) return opened.status();
    tiff = std::move(opened).value();
    int pages = tiff->CountPages(limits.max_pages);
    if (pages <= 0) return Status::InvalidArgument("corrupt TIFF image (no readable pages)");
    if (pages > limits.max_pages)
      return Status::LimitExceeded("TIFF has more pages than the limit of " + std::to_string(limits.max_pages));
    for (int i = 0; i < pages; ++i) {
      auto header = tiff->ReadHeader(i);
      if (!header.ok()) return header.status();
      QUAI_RETURN_IF_ERROR(CheckPixels(i, header->width, header->height, limits));
      headers.push_back({header->width, header->height});
    }
  } else if (type == MediaType::kJpeg) {
    auto header = ReadJpegHeader(bytes);
    if (!header.ok()) return header.status();
    QUAI_RETURN_IF_ERROR(CheckPixels(0, header->width, header->height, limits));
    headers.push_back({header->width, header->height});
  } else {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, cmap = 0, format = 0;
    const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
    if (pixReadHeaderMem(data, bytes.size(), &format, &w, &h, &bps, &spp, &cmap) != 0) w = h = 0;
    QUAI_RETURN_IF_ERROR(CheckPixels(0, w, h, limits));
    headers.push_back({w, h});
  }
  return std::unique_ptr<SourceDocument>(new ImageDocument(bytes, type, std::move(headers), std::move(tiff)));
}

}  // namespace quai
