#include "intake/jpeg_decoder.h"

// clang-format off: jpeglib.h needs stdio first, jerror.h after it.
#include <csetjmp>
#include <cstdio>
#include <jpeglib.h>
#include <jerror.h>
// clang-format on

#include <algorithm>
#include <string>

namespace quai {
namespace {

// libjpeg-turbo's own advice for untrusted files: a progressive JPEG may have
// thousands of tiny scans, each of which re-decodes the whole image.
constexpr int kMaxScans = 500;
// Coefficient buffers of the largest page the pixel limit lets through (80 MP,
// three components, 2 bytes each) fit; libjpeg fails cleanly beyond.
constexpr long kMaxMemory = 768L * 1024 * 1024;

enum class Damage { kNone, kTruncated };

struct ErrorManager {
  jpeg_error_mgr base;  // first: libjpeg's callbacks get a pointer to it
  std::jmp_buf jump;
  Damage damage = Damage::kNone;
  char message[JMSG_LENGTH_MAX] = "";
  jpeg_progress_mgr progress;
  bool too_many_scans = false;
};

ErrorManager* Manager(j_common_ptr info) { return reinterpret_cast<ErrorManager*>(info->err); }

[[noreturn]] void ExitOnError(j_common_ptr info) {
  ErrorManager* manager = Manager(info);
  (*info->err->format_message)(info, manager->message);
  std::longjmp(manager->jump, 1);
}

// Level -1 is a warning: the decoder goes on. Only the end of the file coming
// before the end of the image refuses it (the rest of the page would be grey).
// The other warnings (extraneous bytes, a bad Huffman code libjpeg resyncs past
// at the next restart marker, an unknown JFIF revision or Adobe transform, a
// bad ICC marker) leave an image every JPEG viewer shows, and so does quai.
void KeepWarning(j_common_ptr info, int level) {
  if (level >= 0) return;  // trace messages
  ErrorManager* manager = Manager(info);
  if (info->err->msg_code != JWRN_JPEG_EOF || manager->damage != Damage::kNone) return;
  manager->damage = Damage::kTruncated;
  (*info->err->format_message)(info, manager->message);
}

void CountScans(j_common_ptr info) {
  if (info->is_decompressor == 0) return;
  auto* decompress = reinterpret_cast<j_decompress_ptr>(info);
  if (decompress->input_scan_number > kMaxScans) {
    Manager(info)->too_many_scans = true;
    std::snprintf(Manager(info)->message, JMSG_LENGTH_MAX, "more than %d progressive scans", kMaxScans);
    std::longjmp(Manager(info)->jump, 1);
  }
}

void Prepare(jpeg_decompress_struct* info, ErrorManager* manager, std::string_view bytes) {
  info->err = jpeg_std_error(&manager->base);
  manager->base.error_exit = ExitOnError;
  manager->base.emit_message = KeepWarning;
  jpeg_create_decompress(info);
  info->mem->max_memory_to_use = kMaxMemory;
  manager->progress.progress_monitor = CountScans;
  info->progress = &manager->progress;
  jpeg_mem_src(info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
}

int DotsPerInch(const jpeg_decompress_struct& info) {
  if (info.X_density == 0) return 0;
  if (info.density_unit == 1) return info.X_density;
  if (info.density_unit == 2) return static_cast<int>(info.X_density * 2.54 + 0.5);
  return 0;
}

Status Failure(const ErrorManager& manager, const char* what) {
  if (manager.too_many_scans) return Status::LimitExceeded(std::string("JPEG image has ") + manager.message);
  return Status::InvalidArgument(std::string(what) + " (libjpeg: " + manager.message + ")");
}

}  // namespace

Result<JpegHeader> ReadJpegHeader(std::string_view bytes) {
  jpeg_decompress_struct info;
  ErrorManager manager;
  Prepare(&info, &manager, bytes);
  if (setjmp(manager.jump)) {
    jpeg_destroy_decompress(&info);
    return Failure(manager, "corrupt JPEG image");
  }
  jpeg_read_header(&info, TRUE);
  JpegHeader header{static_cast<int>(info.image_width), static_cast<int>(info.image_height), DotsPerInch(info)};
  jpeg_destroy_decompress(&info);
  return header;
}

// Only plain data lives across setjmp: the Pix is released by hand on the error path.
Result<PixPtr> DecodeJpeg(std::string_view bytes) {
  jpeg_decompress_struct info;
  ErrorManager manager;
  Pix* volatile pix = nullptr;
  JSAMPLE* volatile row = nullptr;
  Prepare(&info, &manager, bytes);
  if (setjmp(manager.jump)) {
    Pix* lost = pix;
    if (lost != nullptr) pixDestroy(&lost);
    delete[] row;
    jpeg_destroy_decompress(&info);
    return Failure(manager, manager.damage == Damage::kTruncated ? "truncated JPEG image" : "corrupt JPEG image");
  }
  jpeg_read_header(&info, TRUE);
  const bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
  // Adobe writes CMYK inverted (0 is full ink); others write it plain.
  const bool inverted = info.saw_Adobe_marker;
  info.out_color_space = cmyk ? JCS_CMYK : JCS_GRAYSCALE;
  jpeg_start_decompress(&info);
  const int width = static_cast<int>(info.output_width);
  const int height = static_cast<int>(info.output_height);
  pix = pixCreate(width, height, 8);
  if (pix == nullptr) {
    jpeg_destroy_decompress(&info);
    return Status::LimitExceeded("not enough memory to decode the JPEG image");
  }
  row = new JSAMPLE[static_cast<size_t>(width) * info.output_components];
  l_uint32* data = pixGetData(pix);
  const int words_per_line = pixGetWpl(pix);
  while (info.output_scanline < info.output_height) {
    const int y = static_cast<int>(info.output_scanline);
    JSAMPROW rows[1] = {row};
    if (jpeg_read_scanlines(&info, rows, 1) != 1) break;
    l_uint32* line = data + static_cast<size_t>(y) * words_per_line;
    for (int x = 0; x < width; ++x) {
      if (!cmyk) {
        SET_DATA_BYTE(line, x, row[x]);
        continue;
      }
      const JSAMPLE* p = row + 4 * x;
      int c = p[0], m = p[1], ye = p[2], k = p[3];
      if (!inverted) c = 255 - c, m = 255 - m, ye = 255 - ye, k = 255 - k;
      // Each is now the share of light let through: RGB = (c, m, y) x k, then luminance.
      int r = c * k / 255, g = m * k / 255, b = ye * k / 255;
      SET_DATA_BYTE(line, x, (r * 77 + g * 128 + b * 51) >> 8);
    }
  }
  jpeg_finish_decompress(&info);
  delete[] row;
  row = nullptr;
  Pix* done = pix;
  pix = nullptr;
  PixPtr result(done);
  const int dpi = DotsPerInch(info);
  jpeg_destroy_decompress(&info);
  if (manager.damage == Damage::kTruncated) return Failure(manager, "truncated JPEG image");
  if (dpi > 0) pixSetResolution(result.get(), dpi, dpi);
  return result;
}

}  // namespace quai
