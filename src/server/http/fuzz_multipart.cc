// libFuzzer entry for the multipart reader and the request helpers: uploads
// and query strings come from any client. The first byte sets the piece size
// the body is fed in; the first line is the Content-Type. A crash, a sanitizer
// report, a file left behind, or file bytes that are not a part of the input,
// is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "server/http/multipart_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string folder = [] {
    auto path = std::filesystem::temp_directory_path() / ("quai-fuzz-multipart-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    return path.string();
  }();
  if (size < 2) return 0;
  const size_t piece = 1 + data[0] % 97;
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t line_end = input.find('\n');
  std::string content_type(input.substr(0, line_end == std::string_view::npos ? input.size() : line_end));
  std::string_view body = line_end == std::string_view::npos ? std::string_view() : input.substr(line_end + 1);

  quai::server::HttpRequest request;
  request.query = content_type;
  (void)request.Query("q");
  (void)request.HasQuery("limit");
  std::string decoded;
  (void)quai::server::PercentDecode(content_type, true, &decoded);

  std::string boundary = quai::server::MultipartReader::BoundaryOf(content_type);
  if (boundary.empty()) boundary = "XyZ";
  int64_t written = 0;
  {
    quai::server::MultipartReader reader(boundary, folder);
    bool ok = true;
    for (size_t at = 0; ok && at < body.size(); at += piece) ok = reader.Feed(body.substr(at, piece)).ok();
    if (ok && reader.Finish().ok()) {
      request.uploads = reader.TakeUploads();
      for (const auto& upload : request.uploads) written += upload.size;
    }
  }
  if (written > static_cast<int64_t>(body.size())) std::abort();
  request.DeleteUploads();
  if (!std::filesystem::is_empty(folder)) std::abort();  // nothing may be left behind
  return 0;
}
