// SecurityEvent: one entry of the tamper-evident security log (logins and
// their failures, logouts, account and token changes, refused actions,
// uploads). Entries form a hash chain: each one's hash covers its own fields
// and the previous entry's hash, so a changed, inserted or deleted entry
// breaks every hash after it (`quai audit verify`). Plain values.
#pragma once

#include <cstdint>
#include <string>

#include "core/sha256.h"

namespace quai {

struct SecurityEvent {
  int64_t id = 0;            // 1, 2, 3 ... without gaps
  std::string at;            // UTC timestamp
  std::string kind;          // "login", "login_failed", "user_added", "refused", ...
  std::string actor;         // the user name, or "cli" for the local administrator
  std::string client;        // the client's address; empty from the command line
  std::string detail;        // what, in words
  std::string previous_hash; // the previous entry's hash; 64 zeros for the first
  std::string hash;
};

// The hash an entry must carry, from its fields and previous_hash.
inline std::string SecurityEventHash(const SecurityEvent& event) {
  const char separator = '\x1f';
  return Sha256Hex(std::to_string(event.id) + separator + event.at + separator + event.kind + separator +
                   event.actor + separator + event.client + separator + event.detail + separator +
                   event.previous_hash);
}

inline const std::string& FirstPreviousHash() {
  static const std::string zeros(64, '0');
  return zeros;
}

}  // namespace quai
