#include "review/secrets.h"

#include <sodium.h>

#include <vector>

namespace quai {
namespace {

void InitialiseSodium() {
  // sodium_init is thread-safe and idempotent; the static makes it run once.
  static const int initialised = sodium_init();
  (void)initialised;
}

}  // namespace

std::string RandomBase64Url(size_t bytes) {
  InitialiseSodium();
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  const size_t encoded_size = sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  std::string encoded(encoded_size, '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), random.data(), random.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(encoded.find('\0'));
  sodium_memzero(random.data(), random.size());
  return encoded;
}

bool SecretEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;  // lengths of our secrets are public (fixed by format)
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

PasswordCost MinimumPasswordCost() { return PasswordCost{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

Result<std::string> HashPassword(const std::string& password, const PasswordCost& cost) {
  InitialiseSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), cost.opslimit, cost.memlimit_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("cannot hash a password: Argon2id needs " + std::to_string(cost.memlimit_bytes >> 20) +
                            " MiB of memory");
  }
  return std::string(hash);
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  InitialiseSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(const std::string& hash, const PasswordCost& cost) {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), cost.opslimit, cost.memlimit_bytes) != 0;
}

}  // namespace quai
