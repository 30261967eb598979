// SHA-256 of a byte string as lowercase hex: the identity of an original.
// Thread-safe, no state.
#pragma once

#include <string>
#include <string_view>

namespace quai {

std::string Sha256Hex(std::string_view data);
// The same digest in standard base64 (as a Content-Security-Policy hash source wants it).
std::string Sha256Base64(std::string_view data);

}  // namespace quai
