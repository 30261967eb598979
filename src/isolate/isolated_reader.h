// IsolatedReader: DocumentReader whose parsing happens in a child process
// (Options::reader_program with the argument `__read-pages`), started on
// first use and kept for the next files, so a worker pays for its OCR engine
// once. The child runs under an address-space limit
// (IntakeLimits::max_reader_memory_mib); opening a file has
// max_seconds_to_open, each page max_seconds_per_page. A child past its time
// is killed; one that crashes or runs out of memory ends: either way the
// error names the cause and the file is refused, and the next request starts
// a new child (reopening the current file if needed). What the child's
// libraries print is repeated on this process's standard error with the
// file's name. One thread at a time.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "isolate/child_process.h"
#include "isolate/document_reader.h"

namespace quai {

class IsolatedReader final : public DocumentReader {
 public:
  explicit IsolatedReader(Options options);

  Result<int> Open(std::shared_ptr<const std::string> bytes, MediaType type, const std::string& name) override;
  Result<Page> ReadPage(int index) override;
  Result<PageImage> RenderPage(int index, int dpi) override;
  Result<SourceDocument::EInvoiceFile> ReadEInvoiceFile() override;
  void Close() override;

 private:
  struct Reply {
    nlohmann::json header;
    std::string payload;
  };
  // Sends `request` (and `payload`) to a running child, which answers within `seconds`.
  Result<Reply> Exchange(const nlohmann::json& request, std::string_view payload, int seconds,
                         const std::string& what);
  // A running child (started and set up if needed).
  Status Start();
  // A running child with the current file open.
  Status Ready();
  Result<int> OpenInChild();
  void RepeatMessages();

  Options options_;
  std::unique_ptr<ChildProcess> child_;
  bool child_has_file_ = false;
  std::shared_ptr<const std::string> bytes_;
  MediaType type_ = MediaType::kUnknown;
  std::string name_;
};

}  // namespace quai
