#include "source/mailbox_oauth.h"

#include <curl/curl.h>

#include <cstdlib>
#include <mutex>

#include <nlohmann/json.hpp>

namespace quai {
namespace {

// curl_easy_init would initialise libcurl itself, which is not thread-safe;
// several mailboxes may fetch their first token at once.
void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// expires_in: a number, or a string of digits (Azure AD v1 endpoints); 3600 when absent or odd.
int64_t Lifetime(const nlohmann::json& json) {
  if (!json.contains("expires_in")) return 3600;
  const nlohmann::json& value = json["expires_in"];
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_number()) return static_cast<int64_t>(value.get<double>());
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    char* end = nullptr;
    long long seconds = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && end != nullptr && *end == '\0') return seconds;
  }
  return 3600;
}

size_t Append(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  if (body->size() > (1u << 20)) return 0;
  body->append(data, size * count);
  return size * count;
}

std::string Escape(CURL* curl, const std::string& text) {
  char* escaped = curl_easy_escape(curl, text.c_str(), static_cast<int>(text.size()));
  std::string result(escaped == nullptr ? "" : escaped);
  curl_free(escaped);
  return result;
}

}  // namespace

MailboxOAuth::MailboxOAuth(const MailboxSettings& settings, std::string refresh_token, Clock& clock)
    : settings_(settings), refresh_token_(std::move(refresh_token)), clock_(clock) {}

Result<std::string> MailboxOAuth::AccessToken() {
  if (!access_token_.empty() && clock_.Now() < expires_at_) return access_token_;
  GlobalInit();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Status::Internal("libcurl could not make a handle");
  std::string form = "grant_type=refresh_token&refresh_token=" + Escape(curl, refresh_token_) +
                     "&client_id=" + Escape(curl, settings_.client_id);
  if (!settings_.client_secret.empty()) form += "&client_secret=" + Escape(curl, settings_.client_secret);
  std::string body;
  char error[CURL_ERROR_SIZE + 1] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, settings_.token_url.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(form.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  if (!settings_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
  CURLcode code = curl_easy_perform(curl);
  long http_status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
  curl_easy_cleanup(curl);
  std::fill(form.begin(), form.end(), '\0');
  if (code != CURLE_OK) {
    return Status::Unavailable(settings_.token_url + ": the OAuth2 token endpoint cannot be reached (" +
                               std::string(error[0] != '\0' ? error : curl_easy_strerror(code)) + ")");
  }
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (http_status != 200 || !json.is_object() || !json.contains("access_token") ||
      !json["access_token"].is_string()) {
    std::string reason;
    if (json.is_object() && json.contains("error") && json["error"].is_string()) {
      reason = json["error"].get<std::string>();
    }
    return Status::FailedPrecondition(settings_.token_url + ": the refresh token for '" + settings_.user +
                                      "' was refused (HTTP " + std::to_string(http_status) +
                                      (reason.empty() ? "" : ", " + reason) + "): give the mailbox a new one");
  }
  access_token_ = json["access_token"].get<std::string>();
  // A provider that rotates refresh tokens sends the next one with the access
  // token; the old one may already be void.
  if (json.contains("refresh_token") && json["refresh_token"].is_string() &&
      !json["refresh_token"].get_ref<const std::string&>().empty()) {
    std::fill(refresh_token_.begin(), refresh_token_.end(), '\0');
    refresh_token_ = json["refresh_token"].get<std::string>();
    ++rotations_;
  }
  int64_t lifetime = Lifetime(json);
  expires_at_ = clock_.Now() + std::chrono::seconds(std::max<int64_t>(lifetime - 60, 0));
  return access_token_;
}

}  // namespace quai
