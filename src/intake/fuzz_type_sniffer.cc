// libFuzzer entry for type sniffing, the first thing done to any file that
// arrives. A crash or a sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "intake/type_sniffer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)quai::SniffMediaType(bytes);
  (void)quai::DescribeUnsupportedContent(bytes);
  return 0;
}
