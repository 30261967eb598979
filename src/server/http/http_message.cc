#include "server/http/http_message.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace quai::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Calls visit(name, value) for each `name=value` pair of a query string, raw.
template <typename Visit>
bool ForEachQueryPair(std::string_view query, Visit visit) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    if (!pair.empty()) {
      size_t equals = pair.find('=');
      std::string_view name = pair.substr(0, equals);
      std::string_view value = equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
      if (visit(name, value)) return true;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace

bool HeaderNameEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool PercentDecode(std::string_view text, bool plus_is_space, std::string* decoded) {
  decoded->clear();
  decoded->reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return false;
      char byte = static_cast<char>(high * 16 + low);
      if (byte == '\0') return false;
      decoded->push_back(byte);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      decoded->push_back(' ');
    } else {
      decoded->push_back(c);
    }
  }
  return true;
}

HttpRequest::~HttpRequest() { DeleteUploads(); }

void HttpRequest::DeleteUploads() {
  for (const UploadedFile& file : uploads)
    if (!file.path.empty()) ::unlink(file.path.c_str());
  uploads.clear();
}

std::string HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (HeaderNameEquals(key, name)) return value;
  return "";
}

std::vector<std::string> HttpRequest::HeaderValues(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers)
    if (HeaderNameEquals(key, name)) values.push_back(value);
  return values;
}

bool HttpRequest::HasQuery(std::string_view name) const {
  return ForEachQueryPair(query, [&](std::string_view key, std::string_view) {
    std::string decoded;
    return PercentDecode(key, true, &decoded) && decoded == name;
  });
}

std::string HttpRequest::Query(std::string_view name) const {
  std::string result;
  ForEachQueryPair(query, [&](std::string_view key, std::string_view value) {
    std::string decoded;
    if (!PercentDecode(key, true, &decoded) || decoded != name) return false;
    if (!PercentDecode(value, true, &result)) result.clear();
    return true;
  });
  return result;
}

int64_t HttpRequest::ContentLength() const {
  std::string value = Header("Content-Length");
  if (value.empty() || value.size() > 18 || value.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoll(value);
}

bool HttpRequest::IsMultipartForm() const {
  std::string type = Header("Content-Type");
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type.rfind("multipart/form-data", 0) == 0;
}

void HttpResponse::SetHeader(std::string_view name, std::string value) {
  RemoveHeader(name);
  headers.emplace_back(std::string(name), std::move(value));
}

void HttpResponse::AddHeader(std::string_view name, std::string value) {
  headers.emplace_back(std::string(name), std::move(value));
}

void HttpResponse::RemoveHeader(std::string_view name) {
  std::erase_if(headers, [&](const auto& header) { return HeaderNameEquals(header.first, name); });
}

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (HeaderNameEquals(key, name)) return value;
  return "";
}

void HttpResponse::SetContent(std::string content, std::string content_type) {
  body = std::move(content);
  file_path.clear();
  SetHeader("Content-Type", std::move(content_type));
}

void HttpResponse::SetFile(std::string path, std::string content_type) {
  body.clear();
  file_path = std::move(path);
  SetHeader("Content-Type", std::move(content_type));
}

}  // namespace quai::server
