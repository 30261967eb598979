// The child side of the isolated reader: `quai __read-pages` (and the test
// reader) answer requests (reader_protocol.h) read from `in` on `out` with an
// InProcessReader, until `in` closes. Whatever a hostile file does here (loop,
// exhaust memory, crash) ends this process only: the parent sees it go, names
// the cause and starts another. Returns the process exit status.
#pragma once

namespace quai {

int RunReaderChild(int in, int out);

}  // namespace quai
