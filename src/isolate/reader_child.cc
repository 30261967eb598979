#include "isolate/reader_child.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <new>
#include <string>

#include "isolate/in_process_reader.h"
#include "isolate/reader_protocol.h"
#include "ocr/ocr_engine.h"
#include "ocr/page_json.h"

namespace quai {
namespace {

// Blocking reads from the parent's socket.
class Input {
 public:
  explicit Input(int fd) : fd_(fd) {}
  // False at the end of input.
  bool Line(std::string* line) {
    for (;;) {
      size_t end = buffer_.find('\n');
      if (end != std::string::npos) {
        *line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        return true;
      }
      if (!Fill()) return false;
    }
  }
  bool Bytes(size_t size, std::string* bytes) {
    while (buffer_.size() < size)
      if (!Fill()) return false;
    *bytes = buffer_.substr(0, size);
    buffer_.erase(0, size);
    return true;
  }

 private:
  bool Fill() {
    char chunk[65536];
    for (;;) {
      ssize_t got = read(fd_, chunk, sizeof chunk);
      if (got > 0) {
        buffer_.append(chunk, static_cast<size_t>(got));
        return true;
      }
      if (got < 0 && errno == EINTR) continue;
      return false;
    }
  }
  int fd_;
  std::string buffer_;
};

bool WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t wrote = write(fd, bytes.data() + done, bytes.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    done += static_cast<size_t>(wrote);
  }
  return true;
}

// The page image as rows of gray bytes, no padding.
std::string GrayRows(const PageImage& image) {
  Pix* pix = image.pix.get();
  const int width = pixGetWidth(pix), height = pixGetHeight(pix);
  std::string rows(static_cast<size_t>(width) * height, '\0');
  for (int y = 0; y < height; ++y) {
    const l_uint32* line = pixGetData(pix) + static_cast<size_t>(y) * pixGetWpl(pix);
    for (int x = 0; x < width; ++x) rows[static_cast<size_t>(y) * width + x] = static_cast<char>(GET_DATA_BYTE(line, x));
  }
  return rows;
}

// The most address space this process has used (VmPeak), in bytes.
int64_t PeakAddressSpace() {
  FILE* status = std::fopen("/proc/self/status", "r");
  if (status == nullptr) return 0;
  char line[256];
  long long kib = 0;
  while (std::fgets(line, sizeof line, status) != nullptr)
    if (std::sscanf(line, "VmPeak: %lld kB", &kib) == 1) break;
  std::fclose(status);
  return kib * 1024;
}

Status OutOfMemory(const Options& options) {
  return Status::LimitExceeded("reading it needs more memory than the limit of " +
                               std::to_string(options.limits.max_reader_memory_mib) + " MiB");
}

}  // namespace

int RunReaderChild(int in, int out) {
  Input input(in);
  Options options;
  std::unique_ptr<InProcessReader> reader;
  std::string line;
  while (input.Line(&line)) {
    nlohmann::json request = nlohmann::json::parse(line, nullptr, false);
    if (!request.is_object()) return 2;
    const std::string op = request.value("op", "");
    nlohmann::json reply;
    std::string payload;
    try {
      if (op == "setup") {
        options = ReaderSetupFromJson(request);
        OcrOptions ocr = options.ocr;
        reader = std::make_unique<InProcessReader>([ocr] { return NewTesseractEngine(ocr); }, options.preparation,
                                                   options.limits);
        reply = {{"ok", true}};
      } else if (!reader) {
        reply = StatusToJson(Status::FailedPrecondition("the reader was not set up"));
      } else if (op == "open") {
        auto bytes = std::make_shared<std::string>();
        if (!input.Bytes(request.value("size", size_t{0}), bytes.get())) return 2;
        auto pages = reader->Open(std::move(bytes), static_cast<MediaType>(request.value("type", 0)),
                                  request.value("name", ""));
        reply = pages.ok() ? nlohmann::json{{"ok", true}, {"pages", *pages}} : StatusToJson(pages.status());
      } else if (op == "read") {
        auto page = reader->ReadPage(request.value("page", 0));
        reply = page.ok() ? nlohmann::json{{"ok", true}, {"page", PageToJson(*page)}} : StatusToJson(page.status());
      } else if (op == "render") {
        auto image = reader->RenderPage(request.value("page", 0), request.value("dpi", 150));
        if (image.ok()) {
          payload = GrayRows(*image);
          reply = {{"ok", true},
                   {"width", pixGetWidth(image->pix.get())},
                   {"height", pixGetHeight(image->pix.get())},
                   {"dpi", image->dpi},
                   {"size", payload.size()}};
        } else {
          reply = StatusToJson(image.status());
        }
      } else if (op == "einvoice") {
        auto file = reader->ReadEInvoiceFile();
        if (file.ok()) {
          payload = std::move(file->xml);
          reply = {{"ok", true}, {"name", file->name}, {"size", payload.size()}};
        } else {
          reply = StatusToJson(file.status());
        }
      } else {
        reply = StatusToJson(Status::InvalidArgument("unknown request " + op));
      }
    } catch (const std::bad_alloc&) {
      // The address-space limit: say so and end, the heap may be in any state.
      payload.clear();
      reply = StatusToJson(OutOfMemory(options));
      reply["fatal"] = true;
      WriteAll(out, EncodeMessage(reply));
      return 3;
    }
    // Near its limit, a library's allocation failed (most report it as some
    // other failure): the cause is memory. A process that came so close is
    // replaced after this answer, so the next file starts from a small one.
    const int64_t limit = static_cast<int64_t>(options.limits.max_reader_memory_mib) * 1024 * 1024;
    const bool near_limit = reader && PeakAddressSpace() >= limit - limit / 8;
    if (near_limit && !reply.value("ok", false)) {
      std::string cause = reply.value("error", "");
      reply = StatusToJson(OutOfMemory(options).WithContext(request.value("op", "") == "open" ? "opening it"
                                                             : "page " + std::to_string(request.value("page", 0) + 1)));
      if (!cause.empty()) reply["error"] = reply["error"].get<std::string>() + " (" + cause + ")";
    }
    if (near_limit) reply["fatal"] = true;
    bool written = WriteAll(out, EncodeMessage(reply, payload));
    if (!written || near_limit) return near_limit ? 3 : 0;
  }
  return 0;
}

}  // namespace quai
