#include "export/webhook_sender.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <vector>

namespace quai {
namespace {

std::string Base64(const unsigned char* data, size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<size_t>(std::max(written, 0)));
  return out;
}

Result<std::string> Unbase64(const std::string& text) {
  if (text.empty() || text.size() % 4 != 0) return Status::InvalidArgument("not base64");
  std::string out(3 * text.size() / 4, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (written < 0) return Status::InvalidArgument("not base64");
  size_t padding = 0;
  for (size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) ++padding;
  out.resize(static_cast<size_t>(written) - padding);
  return out;
}

std::chrono::milliseconds TimeoutOf(const ExportTarget& target) {
  auto it = target.settings.find("timeout_seconds");
  const double seconds = it == target.settings.end() ? 10.0 : std::atof(it->second.c_str());
  return std::chrono::milliseconds(static_cast<int64_t>((seconds > 0 ? seconds : 10.0) * 1000));
}

std::string Excerpt(const std::string& body) {
  std::string text = body.substr(0, 200);
  std::replace_if(text.begin(), text.end(), [](unsigned char c) { return c < 0x20; }, ' ');
  return text;
}

}  // namespace

Result<std::string> StandardWebhookSignature(const std::string& secret, const std::string& id, int64_t timestamp,
                                             const std::string& body) {
  if (secret.rfind("whsec_", 0) != 0) return Status::InvalidArgument("a webhook secret starts with whsec_");
  auto key = Unbase64(secret.substr(6));
  if (!key.ok()) return Status::InvalidArgument("the webhook secret after whsec_ is not base64");
  const std::string signed_content = id + "." + std::to_string(timestamp) + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha256(), key->data(), static_cast<int>(key->size()),
           reinterpret_cast<const unsigned char*>(signed_content.data()), signed_content.size(), mac,
           &mac_size) == nullptr)
    return Status::Internal("HMAC-SHA256 failed");
  return "v1," + Base64(mac, mac_size);
}

Result<std::string> NewWebhookSecret() {
  unsigned char bytes[24];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return Status::Internal("no random bytes for a webhook secret");
  return "whsec_" + Base64(bytes, sizeof bytes);
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(const std::string& value,
                                                         std::chrono::system_clock::time_point now) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }) && value.size() < 9)
    return std::chrono::seconds(std::atol(value.c_str()));
  std::tm tm{};
  const char* end = strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr) return std::nullopt;
  const auto at = std::chrono::system_clock::from_time_t(timegm(&tm));
  return std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(at - now));
}

WebhookSender::WebhookSender(const ExportTarget& target, HttpClient& http, const Clock& clock)
    : url_(target.settings.count("url") ? target.settings.at("url") : ""),
      secret_(target.settings.count("secret") ? target.settings.at("secret") : ""),
      timeout_(TimeoutOf(target)),
      http_(http),
      clock_(clock) {}

Result<ExportOutcome> WebhookSender::Send(const ExportMessage& message) {
  const std::string body = message.payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const int64_t timestamp =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
  auto signature = StandardWebhookSignature(secret_, message.key, timestamp, body);
  if (!signature.ok()) return signature.status();
  const HttpHeaders headers = {{"Content-Type", "application/json"},
                               {"User-Agent", "quai"},
                               {"webhook-id", message.key},
                               {"webhook-timestamp", std::to_string(timestamp)},
                               {"webhook-signature", *signature},
                               {"Idempotency-Key", message.key}};
  auto response = http_.Post(url_, headers, body, timeout_);
  ExportOutcome outcome;
  if (!response.ok()) {
    outcome.kind = ExportOutcome::Kind::kRetry;
    outcome.answer = response.status().message();
    return outcome;
  }
  outcome.answer = "HTTP " + std::to_string(response->status) +
                   (response->body.empty() ? "" : ": " + Excerpt(response->body));
  if (response->status >= 200 && response->status < 300) {
    outcome.kind = ExportOutcome::Kind::kDelivered;
  } else if (response->status == 410) {
    outcome.kind = ExportOutcome::Kind::kTargetGone;
  } else if (response->status == 429 || response->status == 408 || response->status >= 500) {
    outcome.kind = ExportOutcome::Kind::kRetry;
    outcome.retry_after = ParseRetryAfter(response->retry_after, clock_.Now());
  } else {
    outcome.kind = ExportOutcome::Kind::kRejected;
  }
  return outcome;
}

}  // namespace quai
