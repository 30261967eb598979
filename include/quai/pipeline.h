// What an ingest reports: for each input file, what happened to it and how long
// each stage of the flow took. The stage list itself lives in src/pipeline/.
// Plain value types, safe to copy between threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quai/document.h"

namespace quai {

struct StageTiming {
  std::string stage;  // "intake", "page_text", "extract", "store"
  double milliseconds = 0;
};

enum class IngestOutcome {
  kStored,     // new document, every page read and stored
  kDuplicate,  // the same bytes were already stored; nothing changed
  kRefused,    // not accepted or not readable; `error` says why
};
const char* IngestOutcomeName(IngestOutcome outcome);

struct IngestedFile {
  std::string path;
  IngestOutcome outcome = IngestOutcome::kRefused;
  int64_t document_id = 0;  // 0 when nothing was stored
  std::string sha256;
  MediaType media_type = MediaType::kUnknown;
  int pages_from_text_layer = 0;
  int pages_from_ocr = 0;
  std::string error;  // "<file>: <cause>" for refusals
  std::vector<StageTiming> timings;
  std::string document_type;     // when extraction ran: the type read, and whether a person must review it
  bool review_required = false;
};

struct IngestReport {
  std::vector<IngestedFile> files;  // in input order
  int stored() const;
  int duplicates() const;
  int refused() const;
  int pages_from_text_layer() const;
  int pages_from_ocr() const;
};

// Called from worker threads, one call at a time (the pipeline serialises them).
class IngestObserver {
 public:
  virtual ~IngestObserver() = default;
  virtual void OnFileDone(const IngestedFile& /*file*/, int /*done*/, int /*total*/) {}
  virtual void OnPageDone(const std::string& /*path*/, int /*page*/, int /*page_count*/) {}
};

// The pages and words of one file, read without storing anything.
struct DocumentText {
  std::string path;
  std::string sha256;
  MediaType media_type = MediaType::kUnknown;
  std::vector<Page> pages;
  std::vector<StageTiming> timings;
};

}  // namespace quai
