// MailboxOAuth: turns a mailbox's OAuth2 refresh token into access tokens for
// SASL XOAUTH2 (Microsoft 365, Google), POSTing grant_type=refresh_token to
// the settings' token_url with libcurl, and keeps the token until a minute
// before it expires. Errors name the token endpoint, never a token.
// A refresh token the provider rotates (a new "refresh_token" in its answer)
// is adopted for the next refresh; it is kept in memory only, so a provider
// that voids the old one at once needs the mailbox's secret updated after a
// restart (rotated() says it happened). Not thread-safe: the mailbox's thread
// owns it.
#pragma once

#include <chrono>
#include <string>

#include "core/clock.h"
#include "quai/status.h"
#include "source/mailbox_settings.h"

namespace quai {

class MailboxOAuth {
 public:
  MailboxOAuth(const MailboxSettings& settings, std::string refresh_token, Clock& clock);
  // An access token: the kept one while it lives, else a new one.
  Result<std::string> AccessToken();
  // Forgets the kept token (the server refused it).
  void Forget() { access_token_.clear(); }
  // How many times the provider handed over a new refresh token.
  int rotated() const { return rotations_; }

 private:
  MailboxSettings settings_;
  std::string refresh_token_;
  Clock& clock_;
  std::string access_token_;
  std::chrono::system_clock::time_point expires_at_;
  int rotations_ = 0;
};

}  // namespace quai
