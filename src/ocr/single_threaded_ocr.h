// Tesseract parallelises inside one page with OpenMP; quai instead runs one
// single-threaded engine per core, which is several times faster on a loaded
// machine. OpenMP reads OMP_THREAD_LIMIT once, when the library loads, before
// main() runs, so setting it later has no effect: a program that will run OCR
// calls this first thing in main(); when the variable is not set, it sets it to 1
// and re-executes itself so the OpenMP runtime starts with it. A value the user
// set is kept. Returns only when the variable is set.
#pragma once

namespace quai {

void RequireSingleThreadedOcr(char** argv);

}  // namespace quai
