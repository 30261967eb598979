// libFuzzer entry for the GS1 element-string parser: barcodes come from
// suppliers' labels, so their contents are untrusted. A crash, a sanitizer
// report or an element outside the input is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "barcode/gs1.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto elements = quai::ParseGs1(input, 2026);
  if (elements.ok())
    for (const quai::Gs1Element& element : *elements) {
      if (element.value.size() > size) std::abort();
      (void)quai::Gs1FieldHint(element.ai);
    }
  return 0;
}
