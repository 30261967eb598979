// Options for opening a data directory and ingesting documents, grouped by what
// they govern. Every field has a default that suits a small site; each comment
// gives the default and why.
#pragma once

#include <cstdint>
#include <string>

namespace quai {

// Limits that protect the server from huge and hostile files. A file over a
// limit is refused with a message naming the file and the limit.
struct IntakeLimits {
  // 100 MiB: a 500-page scan at 300 dpi is well under this.
  int64_t max_file_bytes = 100LL * 1024 * 1024;
  // 500 pages: longer documents are almost always several documents merged.
  int max_pages = 500;
  // 80 megapixels per page: A3 at 400 dpi is 31 MP; more is a decompression bomb.
  int64_t max_page_pixels = 80'000'000;
  // 120 s to read one page: its text layer, rendering, barcodes and OCR. A page
  // that takes longer is refused, not retried forever.
  int max_seconds_per_page = 120;
  // 60 s to open a file and count its pages (PDF structure, image headers).
  int max_seconds_to_open = 60;
  // 1 GiB of address space for the child process that parses one file (see
  // Options::reader_program): a page of 80 megapixels and two OCR engines fit.
  int max_reader_memory_mib = 1024;
};

// How raster pages are prepared before OCR. Each step can be switched off to
// measure what it brings.
struct PagePreparation {
  bool detect_orientation = true;  // Tesseract OSD: 0/90/180/270
  bool deskew = true;              // small angles, up to +-12 degrees
  bool remove_lines = true;        // ruled and dotted table lines
  int render_dpi = 300;            // resolution for rendering PDF pages without text
  // Images scanned under 5/6 of this are enlarged to it before OCR: Tesseract's
  // models read small type far better at 300 dpi (at 200 dpi a 9 pt letter is
  // 12 pixels high). Costs about twice the OCR time on those pages. 0: never.
  int min_ocr_dpi = 300;
};

struct OcrOptions {
  std::string languages = "fra+eng";
  std::string tessdata_dir;  // empty: Tesseract's default (TESSDATA_PREFIX or the packaged models)
};

struct Options {
  // The data directory: database, originals, caches. Empty: $QUAI_HOME, else
  // $XDG_DATA_HOME/quai, else ~/.local/share/quai.
  std::string data_dir;
  // Where the stores live. Empty: $QUAI_DATABASE, else the embedded SQLite
  // file quai.db in the data directory. A postgresql:// URI (libpq's form,
  // the password in it or in PGPASSWORD or ~/.pgpass): that PostgreSQL
  // database, shared by every quai process on every machine pointed at it;
  // the originals stay in the data directory, which they must share too.
  std::string database;
  // Worker threads reading pages in parallel; 0 = the number of cores.
  int jobs = 0;
  // The job queue: how long a claimed job stays a process's without renewal
  // (after a kill -9, its jobs are taken again within this time), and how
  // often idle workers look for jobs another process queued.
  int lease_seconds = 30;
  int poll_milliseconds = 1000;
  int retry_milliseconds = 5000;  // first retry of a failed job after about this; doubled per attempt
  // The day expiry dates and shelf lives are judged against (YYYY-MM-DD);
  // empty: today by the clock. For re-checking a batch as of a given day.
  std::string today;
  IntakeLimits limits;
  PagePreparation preparation;
  OcrOptions ocr;
  // The program that parses originals (PDF structure, text layers, rendering,
  // barcodes, OCR) in child processes held to the time and memory limits
  // above, so that a hostile file costs its own reading and nothing else: the
  // quai binary, which sets this to itself. Empty: parse in this process,
  // without those limits (library users, tests with fake OCR engines).
  std::string reader_program;
};

// Resolves the data directory as documented on Options::data_dir.
std::string ResolveDataDir(const std::string& requested);

}  // namespace quai
