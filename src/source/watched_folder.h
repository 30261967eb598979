// WatchedFolder: a folder quai takes documents from (a scanner's drop folder,
// a share where accounting drops batches). A file is taken once its size and
// time have stayed unchanged for `stable_seconds` (a writer still copying it is
// left alone), handed to the intake, and only after the intake stored it
// durably is it moved to done/ (or deleted); a file quai refuses goes to
// refused/ with a text file beside it giving the reason. A kill between the
// store and the move leaves the file in place: the next pass takes it again
// and the intake knows it (a duplicate), so it is moved, never stored twice.
//
// When is a file stable: its stamp (size, modification time) is the one seen
// at least `stable_seconds` ago by this folder's passes, or its modification
// time is `stable_seconds` old and the stamp was seen unchanged a second ago
// (so a file found at start-up or after a restart is not held for the whole
// delay). The file's time is the file server's: a network share's clock may
// differ from ours, so a probe file (.quai-clock) written in the folder every minute measures the
// difference; where none can be written, the passes alone judge.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/file_system.h"
#include "source/folder_events.h"
#include "source/folder_settings.h"
#include "source/watched_source.h"

namespace quai {

class WatchedFolder final : public WatchedSource {
 public:
  // `events`: the kernel's file events to look sooner (null: the timer only,
  // as on a network share or with `poll_seconds`).
  WatchedFolder(std::string name, FolderSettings settings, FileSystem& file_system, Clock& clock,
                int64_t max_file_bytes, std::unique_ptr<FolderEvents> events);

  SourcePass Pass(DocumentIntake& intake, const std::atomic<bool>& stop) override;
  bool Wait(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) override;
  Result<std::vector<std::string>> Test() override;
  bool needs_lease() const override { return false; }

 private:
  struct Candidate {
    std::string relative;  // "scan 12.pdf", "site-b/scan 3.pdf"
    FileStamp stamp;
  };
  struct Seen {
    FileStamp stamp;
    std::chrono::system_clock::time_point since;  // when a pass first saw this stamp
  };

  // The files in the folder (and its subfolders) not ignored; `error` set when the folder cannot be read.
  std::vector<Candidate> List(std::string* error);
  void ListInto(const std::string& relative_dir, int depth, std::vector<Candidate>* found, std::string* error);
  bool Ignored(const std::string& name) const;
  // Time left before `candidate` is stable (zero or less: stable now).
  std::chrono::milliseconds TimeToStable(const Candidate& candidate, std::chrono::system_clock::time_point now);
  void Take(const Candidate& candidate, DocumentIntake& intake, SourcePass* pass);
  // Moves the file out of the watched folder into `folder` (done/ or refused/), keeping its relative path.
  Status SetAside(const std::string& relative, const std::string& folder);
  Status WriteReason(const std::string& relative, const std::string& reason);
  std::string Origin(const Candidate& candidate) const;
  void MeasureClockOffset(std::chrono::system_clock::time_point now);

  std::string name_;
  FolderSettings settings_;
  FileSystem& file_system_;
  Clock& clock_;
  int64_t max_file_bytes_;
  std::unique_ptr<FolderEvents> events_;
  std::map<std::string, Seen> seen_;  // by relative path
  // The folder's file times minus ours (MeasureClockOffset); none: unknown.
  std::optional<std::chrono::milliseconds> clock_offset_;
  std::optional<std::chrono::system_clock::time_point> last_offset_check_;
};

}  // namespace quai
