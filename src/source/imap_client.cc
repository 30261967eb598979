#include "source/imap_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <sstream>

namespace quai {
namespace {

constexpr std::size_t kMaxMessageBytes = std::size_t{256} << 20;

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  std::string* output = nullptr;
  bool too_large = false;
};

size_t WriteToSink(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t bytes = size * count;
  if (sink->output == nullptr) return bytes;
  if (sink->output->size() + bytes > kMaxMessageBytes) {
    sink->too_large = true;
    return 0;
  }
  sink->output->append(data, bytes);
  return bytes;
}

struct Source {
  const std::string* data = nullptr;
  size_t offset = 0;
};

size_t ReadFromSource(char* buffer, size_t size, size_t count, void* user) {
  auto* source = static_cast<Source*>(user);
  size_t take = std::min(size * count, source->data->size() - source->offset);
  std::memcpy(buffer, source->data->data() + source->offset, take);
  source->offset += take;
  return take;
}

// Parses "* SEARCH 3 4 9" lines.
std::vector<uint32_t> ParseSearch(const std::string& output) {
  std::vector<uint32_t> uids;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("* SEARCH", 0) != 0) continue;
    std::istringstream words(line.substr(8));
    std::string word;
    while (words >> word) {
      char* end = nullptr;
      unsigned long uid = std::strtoul(word.c_str(), &end, 10);
      if (end != word.c_str() && uid > 0) uids.push_back(static_cast<uint32_t>(uid));
    }
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

// The number after `key ` in `text` (0 when absent).
uint32_t NumberAfter(const std::string& text, const std::string& key) {
  std::size_t at = text.find(key + " ");
  if (at == std::string::npos) return 0;
  return static_cast<uint32_t>(std::strtoul(text.c_str() + at + key.size() + 1, nullptr, 10));
}

}  // namespace

std::string ImapQuote(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

ImapClient::ImapClient(const MailboxSettings& settings, std::string secret)
    : settings_(settings), secret_(std::move(secret)), error_buffer_(CURL_ERROR_SIZE + 1, '\0') {
  GlobalInit();
  curl_ = curl_easy_init();
}

ImapClient::~ImapClient() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
  std::fill(secret_.begin(), secret_.end(), '\0');
}

std::string ImapClient::FolderUrl(const std::string& folder) const {
  std::string url = std::string(settings_.tls ? "imaps://" : "imap://") + settings_.host + ":" +
                    std::to_string(settings_.port) + "/";
  if (!folder.empty()) {
    char* escaped = curl_easy_escape(static_cast<CURL*>(curl_), folder.c_str(), static_cast<int>(folder.size()));
    url += escaped;
    curl_free(escaped);
  }
  return url;
}

Status ImapClient::Describe(int code, const std::string& what) const {
  std::string host = settings_.host + ":" + std::to_string(settings_.port);
  std::string detail(error_buffer_.c_str());
  switch (code) {
    case CURLE_LOGIN_DENIED:
      if (settings_.auth == MailboxAuth::kXoauth2) {
        return Status::FailedPrecondition(host + ": login refused for '" + settings_.user +
                                          "': the OAuth2 token was not accepted");
      }
      return Status::FailedPrecondition(host + ": login refused for '" + settings_.user +
                                        "': check the user name and the password");
    case CURLE_COULDNT_RESOLVE_HOST:
      return Status::Unavailable(settings_.host + ": no such host (check the mailbox's url)");
    case CURLE_COULDNT_CONNECT:
      return Status::Unavailable(host + ": the mail server cannot be reached (is it running, is the port right?)");
    case CURLE_OPERATION_TIMEDOUT:
      return Status::Unavailable(host + ": the mail server did not answer in time");
    case CURLE_PEER_FAILED_VERIFICATION:
      return Status::Unavailable(host + ": the server's TLS certificate is not trusted (" + detail +
                                 "); give its CA as \"ca_file\"");
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      return Status::Unavailable(host + ": TLS failed (" + detail + ")");
    case CURLE_USE_SSL_FAILED:
      return Status::Unavailable(host + ": the server does not offer TLS");
    case CURLE_REMOTE_FILE_NOT_FOUND:
      return Status::NotFound(host + ": " + what + ": not found on the server");
    case CURLE_QUOTE_ERROR:
      return Status::FailedPrecondition(host + ": the server refused " + what +
                                        (detail.empty() ? "" : " (" + detail + ")"));
    case CURLE_WRITE_ERROR:
      return Status::LimitExceeded(host + ": " + what + ": the mail is larger than 256 MiB");
    default:
      return Status::Unavailable(host + ": " + what + ": " +
                                 (detail.empty() ? curl_easy_strerror(static_cast<CURLcode>(code)) : detail));
  }
}

Status ImapClient::Perform(const std::string& url, const std::string& custom_request, std::string* output,
                           const std::string* upload) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return Status::Internal("libcurl could not make a handle");
  // Options are reset for each command; the connection stays in the handle's cache.
  curl_easy_reset(curl);
  std::fill(error_buffer_.begin(), error_buffer_.end(), '\0');
  Sink sink{output};
  Source source{upload};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer_.data());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.user.c_str());
  if (settings_.auth == MailboxAuth::kXoauth2) {
    curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, secret_.c_str());
    curl_easy_setopt(curl, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
  } else {
    curl_easy_setopt(curl, CURLOPT_PASSWORD, secret_.c_str());
  }
  if (settings_.tls) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, settings_.tls_verify ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, settings_.tls_verify ? 2L : 0L);
    if (!settings_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteToSink);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  if (!custom_request.empty()) curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, custom_request.c_str());
  if (upload != nullptr) {
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadFromSource);
    curl_easy_setopt(curl, CURLOPT_READDATA, &source);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload->size()));
  }
  CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) return Status::Ok();
  if (sink.too_large) code = CURLE_WRITE_ERROR;
  std::string what = custom_request.empty() ? (upload != nullptr ? "APPEND" : "FETCH") : custom_request;
  return Describe(code, what.substr(0, what.find(' ', what.find(' ') + 1)));
}

Result<ImapFolderStatus> ImapClient::FolderStatus(const std::string& folder) {
  std::string output;
  Status status =
      Perform(FolderUrl(""), "STATUS " + ImapQuote(folder) + " (MESSAGES UIDNEXT UIDVALIDITY)", &output, nullptr);
  if (status.code() == StatusCode::kFailedPrecondition && status.message().find("login refused") == std::string::npos) {
    return Status::NotFound(settings_.host + ": no folder '" + folder + "' in the mailbox of '" + settings_.user + "'");
  }
  if (!status.ok()) return status;
  ImapFolderStatus result;
  result.uidvalidity = NumberAfter(output, "UIDVALIDITY");
  result.uidnext = NumberAfter(output, "UIDNEXT");
  result.messages = NumberAfter(output, "MESSAGES");
  if (result.uidvalidity == 0) {
    return Status::Unavailable(settings_.host + ": STATUS of '" + folder + "' gave no UIDVALIDITY");
  }
  return result;
}

Result<std::vector<uint32_t>> ImapClient::Search(const std::string& folder, const std::string& criteria) {
  std::string output;
  QUAI_RETURN_IF_ERROR(Perform(FolderUrl(folder), "UID SEARCH " + criteria, &output, nullptr));
  return ParseSearch(output);
}

Result<std::map<uint32_t, std::string>> ImapClient::Flags(const std::string& folder, const std::string& uid_set) {
  std::string output;
  QUAI_RETURN_IF_ERROR(Perform(FolderUrl(folder), "UID FETCH " + uid_set + " (UID FLAGS)", &output, nullptr));
  std::map<uint32_t, std::string> flags;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    uint32_t uid = NumberAfter(line, "UID");
    std::size_t at = line.find("FLAGS (");
    if (uid == 0 || at == std::string::npos) continue;
    std::size_t end = line.find(')', at);
    flags[uid] = line.substr(at + 7, end == std::string::npos ? std::string::npos : end - at - 7);
  }
  return flags;
}

Result<std::string> ImapClient::Fetch(const std::string& folder, uint32_t uid) {
  std::string message;
  Status status = Perform(FolderUrl(folder) + ";UID=" + std::to_string(uid), "", &message, nullptr);
  if (!status.ok()) return status;
  return message;
}

Status ImapClient::Command(const std::string& folder, const std::string& command) {
  std::string ignored;
  return Perform(FolderUrl(folder), command, &ignored, nullptr);
}

Status ImapClient::Append(const std::string& folder, const std::string& message) {
  return Perform(FolderUrl(folder), "", nullptr, &message);
}

}  // namespace quai
