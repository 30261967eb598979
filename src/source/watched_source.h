// WatchedSource: one place quai takes documents from on its own — a watched
// folder (watched_folder.h) or a mailbox (mailbox.h) — driven by the
// SourceRunner (source_runner.h), which calls Pass again and again on one
// thread and records each pass in the SourceStore. A source hands every
// document it finds to a DocumentIntake and lets go of the thing it took it
// from (moves the file, marks the mail) only after the intake has stored the
// original durably, so a kill at any moment loses nothing; what it took before
// a kill comes back as a duplicate of what is stored, never as a second
// document.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "quai/pipeline.h"
#include "quai/status.h"
#include "storage/source_store.h"

namespace quai {

// Where a source hands its documents: Workspace::Receive in quai (the intake
// stage alone: sniffed, stored durably, its read job queued), a recorder in tests.
class DocumentIntake {
 public:
  virtual ~DocumentIntake() = default;
  // `name` is the file's name as the source knows it; `source` "folder:NAME"
  // or "mail:NAME"; `origin_json` DocumentRecord::origin_json. A failure (the
  // store or the disk) means nothing was stored: the source keeps the thing
  // and tries again later.
  virtual Result<IngestedFile> Receive(const std::string& name, std::string bytes, const std::string& source,
                                       const std::string& origin_json) = 0;
};

// What one pass of a source did.
struct SourcePass {
  int stored = 0;      // new documents
  int duplicates = 0;  // documents quai had already (taken again after a kill, sent twice)
  int refused = 0;     // files quai does not accept (set aside with their reason)
  int failed = 0;      // things left in place to try again (the store or the disk failed)
  std::string error;   // why the pass could not run or did not finish (login refused, folder missing)
  // Time until the source wants its next pass (a file becoming stable, the
  // polling interval); the runner may call earlier when Wait says so.
  std::chrono::milliseconds next_pass{1000};
};

class WatchedSource {
 public:
  virtual ~WatchedSource() = default;
  // Takes what is ready now. Returns early (with what it did) once `stop` is set.
  virtual SourcePass Pass(DocumentIntake& intake, const std::atomic<bool>& stop) = 0;
  // Blocks up to `timeout` or until the source sees something arrive (a file
  // event, an IMAP IDLE answer): true when it did. The default just sleeps
  // in short steps, returning when `stop` is set.
  virtual bool Wait(std::chrono::milliseconds timeout, const std::atomic<bool>& stop);
  // `quai source test`: connects, and says what a pass would take now and
  // what it would leave, taking nothing. An error for a source that cannot
  // run (folder missing, login refused), in words for its administrator.
  virtual Result<std::vector<std::string>> Test() = 0;
  // Whether Pass must hold the store's lease on the source (one process at a
  // time): a mailbox must; a folder need not, since taking a file twice gives a
  // duplicate and moving it again finds it gone.
  virtual bool needs_lease() const = 0;

  // Sleeps `timeout` in short steps, returning early once `stop` is set.
  static void SleepUnlessStopped(std::chrono::milliseconds timeout, const std::atomic<bool>& stop);
};

}  // namespace quai
