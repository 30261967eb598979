#include "ocr/single_threaded_ocr.h"

#include <unistd.h>

#include <cstdlib>

namespace quai {

void RequireSingleThreadedOcr(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  setenv("OMP_THREAD_LIMIT", "1", 1);
  execv("/proc/self/exe", argv);
  // If re-executing fails, go on: OCR is slower but correct.
}

}  // namespace quai
