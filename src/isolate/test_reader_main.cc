// The child program of the isolated reader's tests: what `quai __read-pages` runs.
#include <cstdlib>
#include <string>

#include "isolate/reader_child.h"

int main(int argc, char** argv) {
  setenv("OMP_THREAD_LIMIT", "1", 1);
  if (argc < 2 || std::string(argv[1]) != "__read-pages") return 2;
  return quai::RunReaderChild(0, 1);
}
