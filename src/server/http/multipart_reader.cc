#include "server/http/multipart_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/no_space.h"
#include "core/match_text.h"

namespace quai::server {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// The parameters of a header value such as `form-data; name="file"; filename="a.pdf"`,
// names lower-cased, quoted strings unescaped.
std::map<std::string, std::string> HeaderParameters(std::string_view value) {
  std::map<std::string, std::string> parameters;
  size_t i = value.find(';');
  while (i != std::string_view::npos && i < value.size()) {
    ++i;
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    size_t equals = value.find('=', i);
    if (equals == std::string_view::npos) break;
    std::string name = Lower(TrimSpaces(value.substr(i, equals - i)));
    std::string parameter;
    size_t j = equals + 1;
    if (j < value.size() && value[j] == '"') {
      for (++j; j < value.size() && value[j] != '"'; ++j) {
        if (value[j] == '\\' && j + 1 < value.size()) ++j;
        parameter += value[j];
      }
      i = value.find(';', j);
    } else {
      size_t end = value.find(';', j);
      parameter = std::string(TrimSpaces(value.substr(j, end == std::string_view::npos ? end : end - j)));
      i = end;
    }
    parameters[name] = parameter;
  }
  return parameters;
}

// RFC 5987 `UTF-8''caf%C3%A9.pdf` → "café.pdf"; empty when not in that form.
std::string ExtendedValue(const std::string& value) {
  size_t quote = value.find("''");
  if (quote == std::string::npos || Lower(value.substr(0, quote)) != "utf-8") return "";
  std::string decoded;
  return PercentDecode(value.substr(quote + 2), false, &decoded) ? decoded : "";
}

}  // namespace

MultipartReader::MultipartReader(std::string boundary, std::string folder, MultipartLimits limits)
    : delimiter_("\r\n--" + boundary), folder_(std::move(folder)), limits_(limits), pending_("\r\n") {}

MultipartReader::~MultipartReader() {
  if (fd_ >= 0) ::close(fd_);
  for (const UploadedFile& file : uploads_) ::unlink(file.path.c_str());
}

std::string MultipartReader::BoundaryOf(const std::string& content_type) {
  auto parameters = HeaderParameters(content_type);
  auto it = parameters.find("boundary");
  if (it == parameters.end() || it->second.empty() || it->second.size() > 70) return "";
  return it->second;
}

std::vector<UploadedFile> MultipartReader::TakeUploads() {
  std::vector<UploadedFile> taken = std::move(uploads_);
  uploads_.clear();
  return taken;
}

Status MultipartReader::Feed(std::string_view data) {
  pending_.append(data);
  while (true) {
    switch (state_) {
      case State::kPreamble: {
        size_t at = pending_.find(delimiter_);
        if (at == std::string::npos) {
          // Keep only what could still be the start of the delimiter.
          if (pending_.size() > delimiter_.size()) pending_.erase(0, pending_.size() - delimiter_.size());
          return Status::Ok();
        }
        pending_.erase(0, at + delimiter_.size());
        state_ = State::kAfterBoundary;
        break;
      }
      case State::kAfterBoundary: {
        if (pending_.size() < 2) return Status::Ok();
        if (pending_.compare(0, 2, "--") == 0) {
          state_ = State::kEpilogue;
          break;
        }
        if (pending_.compare(0, 2, "\r\n") != 0)
          return Status::InvalidArgument("the multipart body is malformed (no line end after a boundary)");
        pending_.erase(0, 2);
        state_ = State::kPartHeaders;
        break;
      }
      case State::kPartHeaders: {
        size_t end = pending_.find("\r\n\r\n");
        if (end == std::string::npos) {
          if (pending_.size() > limits_.max_part_header_bytes)
            return Status::LimitExceeded("a part's headers are over " +
                                         std::to_string(limits_.max_part_header_bytes) + " bytes");
          return Status::Ok();
        }
        if (Status started = StartPart(std::string_view(pending_).substr(0, end)); !started.ok()) return started;
        pending_.erase(0, end + 4);
        state_ = State::kPartBody;
        break;
      }
      case State::kPartBody: {
        size_t at = pending_.find(delimiter_);
        if (at == std::string::npos) {
          if (pending_.size() > delimiter_.size()) {
            size_t safe = pending_.size() - delimiter_.size();
            if (Status written = WriteBody(std::string_view(pending_).substr(0, safe)); !written.ok()) return written;
            pending_.erase(0, safe);
          }
          return Status::Ok();
        }
        if (Status written = WriteBody(std::string_view(pending_).substr(0, at)); !written.ok()) return written;
        if (Status ended = EndPart(); !ended.ok()) return ended;
        pending_.erase(0, at + delimiter_.size());
        state_ = State::kAfterBoundary;
        break;
      }
      case State::kEpilogue:
        pending_.clear();
        return Status::Ok();
    }
  }
}

Status MultipartReader::Finish() {
  if (state_ != State::kEpilogue) return Status::InvalidArgument("the multipart body ends before its closing boundary");
  return Status::Ok();
}

Status MultipartReader::StartPart(std::string_view headers) {
  if (++parts_ > limits_.max_parts)
    return Status::LimitExceeded("more than " + std::to_string(limits_.max_parts) + " parts in the form");
  std::map<std::string, std::string> disposition;
  std::string content_type;
  size_t start = 0;
  while (start < headers.size()) {
    size_t end = headers.find("\r\n", start);
    if (end == std::string_view::npos) end = headers.size();
    std::string_view line = headers.substr(start, end - start);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string name = Lower(TrimSpaces(line.substr(0, colon)));
      std::string value = TrimSpaces(line.substr(colon + 1));
      if (name == "content-disposition") disposition = HeaderParameters(value);
      if (name == "content-type") content_type = std::string(value);
    }
    start = end + 2;
  }
  auto name = disposition.find("name");
  if (name == disposition.end()) return Status::InvalidArgument("a part of the form has no name");
  auto extended = disposition.find("filename*");
  auto plain = disposition.find("filename");
  if (extended == disposition.end() && plain == disposition.end()) {
    field_name_ = name->second;
    fields_[field_name_];
    return Status::Ok();
  }
  std::string file_name = extended != disposition.end() ? ExtendedValue(extended->second) : "";
  if (file_name.empty() && plain != disposition.end()) file_name = plain->second;
  std::string path = folder_ + "/upload-XXXXXX";
  fd_ = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd_ < 0) return Status::IoError(std::string("cannot make a temporary file for an upload: ") + std::strerror(errno));
  uploads_.push_back({name->second, file_name, content_type, path, 0});
  return Status::Ok();
}

Status MultipartReader::WriteBody(std::string_view data) {
  if (fd_ < 0) {
    field_bytes_ += data.size();
    if (field_bytes_ > limits_.max_field_bytes)
      return Status::LimitExceeded("the form's text fields are over " + std::to_string(limits_.max_field_bytes) +
                                   " bytes");
    fields_[field_name_].append(data);
    return Status::Ok();
  }
  while (!data.empty()) {
    ssize_t written = ::write(fd_, data.data(), data.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      const int error = errno;
      std::string message = std::string("cannot write an upload to disk: ") + std::strerror(error);
      if (error == ENOSPC || error == EDQUOT) message += std::string(" (the ") + kNoSpace + ")";
      return Status::IoError(std::move(message));
    }
    data.remove_prefix(static_cast<size_t>(written));
    uploads_.back().size += written;
  }
  return Status::Ok();
}

Status MultipartReader::EndPart() {
  if (fd_ >= 0) {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return Status::IoError("cannot finish writing an upload to disk");
  }
  field_name_.clear();
  return Status::Ok();
}

}  // namespace quai::server
