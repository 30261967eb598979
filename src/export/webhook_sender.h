// WebhookSender: POSTs the export payload (export_payload.h) as JSON to the
// target's URL, signed as the Standard Webhooks specification describes:
// `webhook-id` (the export's key, stable across retries, so the receiver can
// drop a delivery it already has), `webhook-timestamp` (Unix seconds) and
// `webhook-signature` ("v1," and the base64 HMAC-SHA256 of
// "id.timestamp.body" under the base64 key after "whsec_"), plus an
// `Idempotency-Key` header with the same key. 2xx is delivered; 429 and 5xx
// and no answer within the timeout are retried (429's Retry-After honoured);
// 410 Gone disables the target; other 4xx are refused for good.
#pragma once

#include <chrono>
#include <string>

#include "core/clock.h"
#include "erp/http_client.h"
#include "export/export_sender.h"

namespace quai {

class WebhookSender : public ExportSender {
 public:
  // Borrows `http` and `clock`, which must outlive it.
  WebhookSender(const ExportTarget& target, HttpClient& http, const Clock& clock);
  Result<ExportOutcome> Send(const ExportMessage& message) override;

 private:
  std::string url_;
  std::string secret_;
  std::chrono::milliseconds timeout_;
  HttpClient& http_;
  const Clock& clock_;
};

// "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>" for a "whsec_<base64 key>" secret.
Result<std::string> StandardWebhookSignature(const std::string& secret, const std::string& id, int64_t timestamp,
                                             const std::string& body);
// A new secret: "whsec_" and the base64 of 24 random bytes.
Result<std::string> NewWebhookSecret();
// Retry-After as a wait: seconds ("120") or an HTTP date; nullopt when neither.
std::optional<std::chrono::milliseconds> ParseRetryAfter(const std::string& value,
                                                         std::chrono::system_clock::time_point now);

}  // namespace quai
