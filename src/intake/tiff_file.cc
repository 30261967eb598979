#include "intake/tiff_file.h"

#include <tiffio.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <vector>

namespace quai {

// libtiff reads the bytes through these client procedures, as from a read-only file.
struct TiffMemoryHandle {
  std::string_view bytes;
  uint64_t offset = 0;
};

namespace {

using MemoryHandle = TiffMemoryHandle;

tmsize_t ReadProc(thandle_t handle, void* buffer, tmsize_t size) {
  auto* memory = static_cast<MemoryHandle*>(handle);
  if (size <= 0 || memory->offset >= memory->bytes.size()) return 0;
  uint64_t n = std::min<uint64_t>(static_cast<uint64_t>(size), memory->bytes.size() - memory->offset);
  std::memcpy(buffer, memory->bytes.data() + memory->offset, n);
  memory->offset += n;
  return static_cast<tmsize_t>(n);
}

tmsize_t WriteProc(thandle_t, void*, tmsize_t) { return -1; }

toff_t SeekProc(thandle_t handle, toff_t offset, int whence) {
  auto* memory = static_cast<MemoryHandle*>(handle);
  uint64_t base = whence == SEEK_CUR ? memory->offset : whence == SEEK_END ? memory->bytes.size() : 0;
  uint64_t target = base + offset;  // offset is unsigned; libtiff only seeks forward from SEEK_SET/SEEK_CUR
  memory->offset = target;
  return target;
}

int CloseProc(thandle_t) { return 0; }
toff_t SizeProc(thandle_t handle) { return static_cast<MemoryHandle*>(handle)->bytes.size(); }
// No mapping ("m" below): libtiff then reads into its own buffers and never
// touches the caller's bytes, which are the stored original.
int MapProc(thandle_t, void**, toff_t*) { return 0; }
void UnmapProc(thandle_t, void*, toff_t) {}

int KeepError(TIFF*, void* user_data, const char* module, const char* format, va_list args) {
  char text[512];
  std::vsnprintf(text, sizeof text, format, args);
  std::string message = text;
  if (module != nullptr && *module != '\0') message = std::string(module) + ": " + message;
  static_cast<TiffFile*>(user_data)->KeepMessage(std::move(message));
  return 1;  // handled: nothing reaches stderr
}

// Warnings are kept only when they say image data is missing: libtiff passes
// on libjpeg's warnings for JPEG-compressed strips, and a strip cut short is one.
int KeepTruncationWarning(TIFF*, void* user_data, const char* module, const char* format, va_list args) {
  char text[512];
  std::vsnprintf(text, sizeof text, format, args);
  std::string message = text;
  if (message.find("remature end") != std::string::npos) {
    if (module != nullptr && *module != '\0') message = std::string(module) + ": " + message;
    static_cast<TiffFile*>(user_data)->KeepTruncation(std::move(message));
  }
  return 1;
}

// Leptonica and libtiff print through libtiff's process-wide handlers; quai
// keeps the messages per file instead (KeepError), so the global ones go quiet.
void QuietLibtiff() {
  static const bool done = [] {
    TIFFSetErrorHandler(nullptr);
    TIFFSetWarningHandler(nullptr);
    return true;
  }();
  (void)done;
}

// Luminance as leptonica computes it for RGB (0.3 R + 0.5 G + 0.2 B), laid over
// white: libtiff hands back colour premultiplied by alpha.
uint8_t GrayOverWhite(uint32_t abgr) {
  uint32_t r = TIFFGetR(abgr), g = TIFFGetG(abgr), b = TIFFGetB(abgr), a = TIFFGetA(abgr);
  uint32_t gray = (r * 77 + g * 128 + b * 51) >> 8;
  return static_cast<uint8_t>(std::min<uint32_t>(255, gray + (255 - a)));
}

}  // namespace

TiffFile::TiffFile() : memory_(std::make_unique<TiffMemoryHandle>()) {}

TiffFile::~TiffFile() {
  if (tiff_ != nullptr) TIFFClose(tiff_);
}

Result<std::unique_ptr<TiffFile>> TiffFile::Open(std::string_view bytes, int64_t max_allocation) {
  QuietLibtiff();
  std::unique_ptr<TiffFile> file(new TiffFile());
  file->memory_->bytes = bytes;
  TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
  if (options == nullptr) return Status::Internal("out of memory opening a TIFF");
  TIFFOpenOptionsSetMaxSingleMemAlloc(options, static_cast<tmsize_t>(max_allocation));
  TIFFOpenOptionsSetErrorHandlerExtR(options, KeepError, file.get());
  TIFFOpenOptionsSetWarningHandlerExtR(options, KeepTruncationWarning, file.get());
  file->tiff_ = TIFFClientOpenExt("memory", "rm", static_cast<thandle_t>(file->memory_.get()), ReadProc, WriteProc,
                                  SeekProc, CloseProc, SizeProc, MapProc, UnmapProc, options);
  TIFFOpenOptionsFree(options);
  if (file->tiff_ == nullptr)
    return Status::InvalidArgument("corrupt TIFF image (" + file->LastError("libtiff cannot open it") + ")");
  return file;
}

std::string TiffFile::LastError(const std::string& fallback) const {
  return last_error_.empty() ? fallback : last_error_;
}

int TiffFile::CountPages(int max_pages) {
  // TIFFNumberOfDirectories walks every directory; stop early past the limit.
  int count = 0;
  if (!TIFFSetDirectory(tiff_, 0)) return 0;
  do {
    ++count;
  } while (count <= max_pages && TIFFReadDirectory(tiff_));
  return count;
}

Status TiffFile::SelectPage(int index) {
  last_error_.clear();
  truncation_.clear();
  if (!TIFFSetDirectory(tiff_, static_cast<tdir_t>(index)))
    return Status::InvalidArgument("corrupt TIFF image (page " + std::to_string(index + 1) +
                                   " cannot be read: " + LastError("no such directory") + ")");
  return Status::Ok();
}

Result<TiffPageHeader> TiffFile::ReadHeader(int index) {
  QUAI_RETURN_IF_ERROR(SelectPage(index));
  uint32_t width = 0, height = 0;
  TiffPageHeader header;
  if (!TIFFGetField(tiff_, TIFFTAG_IMAGEWIDTH, &width) || !TIFFGetField(tiff_, TIFFTAG_IMAGELENGTH, &height) ||
      width == 0 || height == 0 || width > (1u << 30) || height > (1u << 30))
    return Status::InvalidArgument("corrupt TIFF image (page " + std::to_string(index + 1) + " has no size)");
  header.width = static_cast<int>(width);
  header.height = static_cast<int>(height);
  float resolution = 0;
  uint16_t unit = RESUNIT_INCH;
  if (TIFFGetField(tiff_, TIFFTAG_XRESOLUTION, &resolution) && resolution > 0 && resolution < 100000) {
    TIFFGetFieldDefaulted(tiff_, TIFFTAG_RESOLUTIONUNIT, &unit);
    if (unit == RESUNIT_CENTIMETER) resolution *= 2.54f;
    if (unit != RESUNIT_NONE) header.dpi = static_cast<int>(resolution + 0.5f);
  }
  return header;
}

Result<PixPtr> TiffFile::ReadPage(int index) {
  auto header = ReadHeader(index);
  if (!header.ok()) return header.status();
  std::string page = "page " + std::to_string(index + 1);
  char reason[1024] = "";
  if (!TIFFRGBAImageOK(tiff_, reason))
    return Status::InvalidArgument("unsupported TIFF layout in " + page + " (" + reason + ")");
  // libtiff decodes to 32-bit ABGR; the caller checked width x height against the pixel limit.
  const size_t pixels = static_cast<size_t>(header->width) * static_cast<size_t>(header->height);
  std::vector<uint32_t> raster;
  try {
    raster.resize(pixels);
  } catch (const std::bad_alloc&) {
    return Status::LimitExceeded("not enough memory to decode TIFF " + page);
  }
  if (!TIFFReadRGBAImageOriented(tiff_, static_cast<uint32_t>(header->width), static_cast<uint32_t>(header->height),
                                 raster.data(), ORIENTATION_TOPLEFT, /*stop_on_error=*/1))
    return Status::InvalidArgument("truncated or corrupt TIFF image (" + page + ": " +
                                   LastError("libtiff cannot decode it") + ")");
  if (!truncation_.empty())
    return Status::InvalidArgument("truncated TIFF image (" + page + ": " + truncation_ + ")");
  PixPtr gray(pixCreate(header->width, header->height, 8));
  if (!gray) return Status::LimitExceeded("not enough memory to decode TIFF " + page);
  l_uint32* data = pixGetData(gray.get());
  const int words_per_line = pixGetWpl(gray.get());
  for (int y = 0; y < header->height; ++y) {
    const uint32_t* row = raster.data() + static_cast<size_t>(y) * header->width;
    l_uint32* line = data + static_cast<size_t>(y) * words_per_line;
    for (int x = 0; x < header->width; ++x) SET_DATA_BYTE(line, x, GrayOverWhite(row[x]));
  }
  if (header->dpi > 0) pixSetResolution(gray.get(), header->dpi, header->dpi);
  return gray;
}

}  // namespace quai
