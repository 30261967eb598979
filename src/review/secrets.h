// Secrets of the review desk: random tokens (session ids, CSRF tokens, API
// tokens, one-time passwords), password hashing with Argon2id, and comparison
// in constant time. All from libsodium, which must not be seen outside this
// pair of files. Thread-safe (libsodium is initialised once, on first use).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "quai/status.h"

namespace quai {

// `bytes` random bytes from the system's CSPRNG as base64url without padding
// (32 bytes: 43 characters).
std::string RandomBase64Url(size_t bytes);

// True when `a` and `b` are equal, in a time that depends only on their
// lengths (sodium_memcmp), so a wrong guess tells nothing about how close it was.
bool SecretEquals(const std::string& a, const std::string& b);

// Argon2id cost. The hash string records the cost it was made with, so a
// cheaper or dearer setting never breaks verification of older hashes.
struct PasswordCost {
  uint64_t opslimit = 2;              // crypto_pwhash_OPSLIMIT_INTERACTIVE
  size_t memlimit_bytes = 64u << 20;  // crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB)
};
// The cheapest cost libsodium accepts, for tests only.
PasswordCost MinimumPasswordCost();

// The crypto_pwhash_str string (salt and cost inside). Internal if the
// machine cannot spare the memory.
Result<std::string> HashPassword(const std::string& password, const PasswordCost& cost);
// Constant-time by construction (crypto_pwhash_str_verify).
bool VerifyPassword(const std::string& hash, const std::string& password);
// True when `hash` was made with another cost than `cost`.
bool PasswordNeedsRehash(const std::string& hash, const PasswordCost& cost);

}  // namespace quai
