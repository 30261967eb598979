// MultipartReader: parses a multipart/form-data body as it arrives, writing
// each file part straight to its own temporary file and keeping the small
// text fields in memory, so that an upload never sits whole in memory. Feed
// it the body in pieces of any size; Finish checks the closing boundary.
// Limits: part headers, number of parts, text field bytes and total file
// bytes, each refused with a Status naming the limit. One thread at a time;
// the files it made are handed over by TakeUploads (or deleted with it).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "quai/status.h"
#include "server/http/http_message.h"

namespace quai::server {

struct MultipartLimits {
  size_t max_part_header_bytes = 8 << 10;
  int max_parts = 1000;
  size_t max_field_bytes = 64 << 10;  // all text fields together
};

class MultipartReader {
 public:
  // `boundary` from the Content-Type; files go into `folder` (which must exist).
  MultipartReader(std::string boundary, std::string folder, MultipartLimits limits = {});
  ~MultipartReader();
  MultipartReader(const MultipartReader&) = delete;
  MultipartReader& operator=(const MultipartReader&) = delete;

  Status Feed(std::string_view data);
  // InvalidArgument when the body ended before its closing boundary.
  Status Finish();

  std::vector<UploadedFile> TakeUploads();
  const std::map<std::string, std::string>& fields() const { return fields_; }

  // The boundary parameter of a multipart Content-Type; empty when absent or invalid.
  static std::string BoundaryOf(const std::string& content_type);

 private:
  enum class State { kPreamble, kAfterBoundary, kPartHeaders, kPartBody, kEpilogue };

  Status StartPart(std::string_view headers);
  Status WriteBody(std::string_view data);
  Status EndPart();

  std::string delimiter_;  // "\r\n--" + boundary
  std::string folder_;
  MultipartLimits limits_;
  State state_ = State::kPreamble;
  std::string pending_;
  int parts_ = 0;
  size_t field_bytes_ = 0;
  // The part being read: a file (fd_ >= 0) or a text field (field_name_).
  int fd_ = -1;
  std::string field_name_;
  std::vector<UploadedFile> uploads_;
  std::map<std::string, std::string> fields_;
};

}  // namespace quai::server
