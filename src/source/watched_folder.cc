#include "source/watched_folder.h"

#include <fnmatch.h>

#include <algorithm>
#include <thread>

#include <nlohmann/json.hpp>

namespace quai {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

constexpr int kMaxDepth = 16;
constexpr char kClockProbe[] = ".quai-clock";  // never taken, whatever the ignore patterns
// Where events say the folder is local, a stamp seen unchanged this long, with
// an old enough modification time, is stable.
constexpr milliseconds kConfirmation{1000};

milliseconds Seconds(double seconds) { return milliseconds(static_cast<int64_t>(seconds * 1000)); }

system_clock::time_point ModifiedAt(const FileStamp& stamp) {
  return system_clock::time_point(std::chrono::duration_cast<system_clock::duration>(
      std::chrono::nanoseconds(stamp.modified_ns)));
}

std::string Parent(const std::string& relative) {
  const size_t slash = relative.rfind('/');
  return slash == std::string::npos ? "" : relative.substr(0, slash);
}

}  // namespace

WatchedFolder::WatchedFolder(std::string name, FolderSettings settings, FileSystem& file_system, Clock& clock,
                             int64_t max_file_bytes, std::unique_ptr<FolderEvents> events)
    : name_(std::move(name)),
      settings_(std::move(settings)),
      file_system_(file_system),
      clock_(clock),
      max_file_bytes_(max_file_bytes),
      events_(settings_.poll_seconds > 0 ? nullptr : std::move(events)) {}

bool WatchedFolder::Ignored(const std::string& name) const {
  return std::any_of(settings_.ignore.begin(), settings_.ignore.end(), [&](const std::string& pattern) {
    return fnmatch(pattern.c_str(), name.c_str(), FNM_PERIOD) == 0 ||
           (pattern == ".*" && !name.empty() && name[0] == '.');
  });
}

void WatchedFolder::ListInto(const std::string& relative_dir, int depth, std::vector<Candidate>* found,
                             std::string* error) {
  const std::string dir = relative_dir.empty() ? settings_.path : JoinPath(settings_.path, relative_dir);
  if (events_ != nullptr) (void)events_->Watch(dir);  // without events the timer still finds everything
  Result<std::vector<std::string>> names = file_system_.ListDirectory(dir);
  if (!names.ok()) {
    if (relative_dir.empty()) *error = "cannot read the folder " + dir + ": " + names.status().message();
    return;
  }
  for (const std::string& entry : *names) {
    if (Ignored(entry) || (relative_dir.empty() && entry == kClockProbe)) continue;
    const std::string relative = relative_dir.empty() ? entry : relative_dir + "/" + entry;
    const std::string path = JoinPath(settings_.path, relative);
    if (path == settings_.done_folder || path == settings_.refused_folder) continue;
    const FileKind kind = file_system_.KindOf(path);
    if (kind == FileKind::kDirectory) {
      if (file_system_.IsSymbolicLink(path)) continue;  // a link to a folder elsewhere on the server: not followed
      if (settings_.subfolders && depth < kMaxDepth) ListInto(relative, depth + 1, found, error);
      continue;
    }
    if (kind == FileKind::kMissing) continue;  // gone meanwhile
    Result<FileStamp> stamp = file_system_.Stamp(path);
    if (!stamp.ok()) continue;
    found->push_back({relative, *stamp});
  }
}

std::vector<WatchedFolder::Candidate> WatchedFolder::List(std::string* error) {
  std::vector<Candidate> found;
  if (!file_system_.IsDirectory(settings_.path)) {
    *error = "the folder " + settings_.path + " does not exist or is not a folder";
    return found;
  }
  ListInto("", 0, &found, error);
  return found;
}

milliseconds WatchedFolder::TimeToStable(const Candidate& candidate, system_clock::time_point now) {
  auto seen = seen_.find(candidate.relative);
  if (seen == seen_.end() || !(seen->second.stamp == candidate.stamp)) {
    seen_[candidate.relative] = {candidate.stamp, now};
    seen = seen_.find(candidate.relative);
  }
  const milliseconds delay = Seconds(settings_.stable_seconds);
  const milliseconds watched = std::chrono::duration_cast<milliseconds>(now - seen->second.since);
  milliseconds left = delay - watched;
  if (clock_offset_) {
    // The file's time on this machine's clock.
    const system_clock::time_point modified = ModifiedAt(candidate.stamp) - *clock_offset_;
    if (modified <= now) {
      const milliseconds by_time =
          std::max(delay - std::chrono::duration_cast<milliseconds>(now - modified),
                   std::min(delay, kConfirmation) - watched);
      left = std::min(left, by_time);
    }
  }
  return left;
}

std::string WatchedFolder::Origin(const Candidate& candidate) const {
  nlohmann::json origin = {{"folder", name_},
                           {"path", candidate.relative},
                           {"modified", FormatUtcTimestamp(ModifiedAt(candidate.stamp))}};
  if (!settings_.document_type.empty()) origin["document_type"] = settings_.document_type;
  return origin.dump();
}

Status WatchedFolder::SetAside(const std::string& relative, const std::string& folder) {
  const std::string from = JoinPath(settings_.path, relative);
  const std::string to_dir = Parent(relative).empty() ? folder : JoinPath(folder, Parent(relative));
  QUAI_RETURN_IF_ERROR(file_system_.CreateDirectories(to_dir));
  const std::string base = BaseName(relative);
  std::string to = JoinPath(to_dir, base);
  // Never replace a file set aside before: "scan.pdf" becomes "scan (2).pdf".
  const size_t dot = base.rfind('.');
  const std::string stem = dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
  const std::string extension = dot == std::string::npos || dot == 0 ? "" : base.substr(dot);
  for (int n = 2; file_system_.Exists(to) && n < 10000; ++n)
    to = JoinPath(to_dir, stem + " (" + std::to_string(n) + ")" + extension);
  QUAI_RETURN_IF_ERROR(file_system_.Rename(from, to));
  QUAI_RETURN_IF_ERROR(file_system_.SyncDirectory(to_dir));
  return file_system_.SyncDirectory(ParentDirectory(from));
}

Status WatchedFolder::WriteReason(const std::string& relative, const std::string& reason) {
  const std::string to_dir =
      Parent(relative).empty() ? settings_.refused_folder : JoinPath(settings_.refused_folder, Parent(relative));
  QUAI_RETURN_IF_ERROR(file_system_.CreateDirectories(to_dir));
  const std::string path = JoinPath(to_dir, BaseName(relative) + ".reason.txt");
  Result<std::unique_ptr<WritableFile>> file = file_system_.NewWritableFile(path);
  if (!file.ok()) return file.status();
  const std::string text = FormatUtcTimestamp(clock_.Now()) + " quai refused " + relative + " (folder " + name_ +
                           "): " + reason + "\n";
  QUAI_RETURN_IF_ERROR((*file)->Append(text));
  QUAI_RETURN_IF_ERROR((*file)->Sync());
  QUAI_RETURN_IF_ERROR((*file)->Close());
  return file_system_.SyncDirectory(to_dir);
}

void WatchedFolder::Take(const Candidate& candidate, DocumentIntake& intake, SourcePass* pass) {
  const std::string path = JoinPath(settings_.path, candidate.relative);
  auto note_failure = [&](const std::string& what) {
    ++pass->failed;
    if (pass->error.empty()) pass->error = what;
  };
  std::string refusal;
  const FileKind kind = file_system_.KindOf(path);
  if (file_system_.IsSymbolicLink(path)) {
    // Whoever can write to the share could point it at any file quai can read.
    refusal = "a symbolic link: quai takes the files dropped in the folder, not what a link points to";
  } else if (kind != FileKind::kRegular) {
    refusal = std::string("not a regular file (") + DescribeFileKind(kind) + ")";
  }
  std::string bytes;
  if (refusal.empty()) {
    Result<std::string> read = file_system_.ReadFile(path, max_file_bytes_);
    if (read.status().code() == StatusCode::kLimitExceeded) {
      refusal = read.status().message();
    } else if (read.status().code() == StatusCode::kNotFound) {
      seen_.erase(candidate.relative);  // taken by another process meanwhile
      return;
    } else if (!read.ok()) {
      note_failure(candidate.relative + ": " + read.status().message());
      return;
    } else {
      bytes = std::move(read).value();
    }
  }
  // Written to while being read: not stable after all.
  Result<FileStamp> after = file_system_.Stamp(path);
  if (!after.ok() || !(*after == candidate.stamp)) {
    seen_.erase(candidate.relative);
    return;
  }
  if (refusal.empty()) {
    Result<IngestedFile> received =
        intake.Receive(BaseName(candidate.relative), std::move(bytes), "folder:" + name_, Origin(candidate));
    if (!received.ok()) {
      note_failure(candidate.relative + ": " + received.status().message());
      return;
    }
    if (received->outcome == IngestOutcome::kRefused) {
      refusal = received->error;
    } else {
      if (received->outcome == IngestOutcome::kStored) ++pass->stored;
      if (received->outcome == IngestOutcome::kDuplicate) ++pass->duplicates;
      Status done = settings_.delete_after ? file_system_.Remove(path) : SetAside(candidate.relative, settings_.done_folder);
      if (done.code() == StatusCode::kNotFound) done = Status::Ok();  // another process moved it
      if (!done.ok()) note_failure(candidate.relative + ": stored, but " + done.message());
      seen_.erase(candidate.relative);
      return;
    }
  }
  ++pass->refused;
  Status aside = WriteReason(candidate.relative, refusal);
  if (aside.ok()) aside = SetAside(candidate.relative, settings_.refused_folder);
  if (aside.code() == StatusCode::kNotFound) aside = Status::Ok();
  if (!aside.ok()) note_failure(candidate.relative + ": refused (" + refusal + "), but " + aside.message());
  seen_.erase(candidate.relative);
}

void WatchedFolder::MeasureClockOffset(system_clock::time_point now) {
  if (last_offset_check_ && now - *last_offset_check_ < std::chrono::minutes(1)) return;
  last_offset_check_ = now;
  // A file written now: its modification time, by the folder's file server's
  // clock, against ours. Where nothing can be written, the passes alone judge.
  const std::string probe = JoinPath(settings_.path, kClockProbe);
  Status written = Status::Ok();
  Result<std::unique_ptr<WritableFile>> file = file_system_.NewWritableFile(probe);
  if (written.ok() && file.ok()) written = (*file)->Append(FormatUtcTimestamp(now) + "\n");
  if (written.ok() && file.ok()) written = (*file)->Close();
  const system_clock::time_point after = clock_.Now();
  Result<FileStamp> stamp = file_system_.Stamp(probe);
  if (!written.ok() || !file.ok() || !stamp.ok()) {
    clock_offset_.reset();
    return;
  }
  // Half-way between before and after the write, to the millisecond.
  const system_clock::time_point ours = now + (after - now) / 2;
  clock_offset_ = std::chrono::duration_cast<milliseconds>(ModifiedAt(*stamp) - ours);
}

SourcePass WatchedFolder::Pass(DocumentIntake& intake, const std::atomic<bool>& stop) {
  SourcePass pass;
  const milliseconds look_again = settings_.poll_seconds > 0 ? Seconds(settings_.poll_seconds)
                                                              : Seconds(settings_.rescan_seconds);
  pass.next_pass = look_again;
  std::string error;
  std::vector<Candidate> candidates = List(&error);
  if (!error.empty()) {
    pass.error = error;
    return pass;
  }
  const system_clock::time_point now = clock_.Now();
  MeasureClockOffset(now);
  std::map<std::string, Seen> still_there;
  std::vector<Candidate> stable;
  for (const Candidate& candidate : candidates) {
    const milliseconds left = TimeToStable(candidate, now);
    still_there[candidate.relative] = seen_[candidate.relative];
    if (left.count() <= 0) {
      stable.push_back(candidate);
    } else {
      pass.next_pass = std::min(pass.next_pass, left);
    }
  }
  seen_ = std::move(still_there);  // forget files gone
  // Oldest first: the order the scanner wrote them.
  std::stable_sort(stable.begin(), stable.end(), [](const Candidate& a, const Candidate& b) {
    return a.stamp.modified_ns < b.stamp.modified_ns;
  });
  for (const Candidate& candidate : stable) {
    if (stop.load()) {
      pass.next_pass = milliseconds(0);
      break;
    }
    Take(candidate, intake, &pass);
  }
  if (pass.failed > 0) pass.next_pass = std::min(pass.next_pass, milliseconds(5000));
  return pass;
}

bool WatchedFolder::Wait(milliseconds timeout, const std::atomic<bool>& stop) {
  if (events_ != nullptr) return events_->Wait(timeout, milliseconds(100), stop);
  return WatchedSource::Wait(timeout, stop);
}

Result<std::vector<std::string>> WatchedFolder::Test() {
  std::string error;
  std::vector<Candidate> candidates = List(&error);
  if (!error.empty()) return Status::NotFound(error);
  std::vector<std::string> lines;
  lines.push_back("folder " + settings_.path + ": " + std::to_string(candidates.size()) +
                  " file(s) to take once stable for " + std::to_string(settings_.stable_seconds) + " s" +
                  (settings_.poll_seconds > 0 ? ", looked at every " + std::to_string(settings_.poll_seconds) + " s"
                                              : ", with file events"));
  for (size_t i = 0; i < candidates.size() && i < 20; ++i)
    lines.push_back("  " + candidates[i].relative + " (" + std::to_string(candidates[i].stamp.size) + " bytes)");
  if (candidates.size() > 20) lines.push_back("  and " + std::to_string(candidates.size() - 20) + " more");
  lines.push_back(std::string("then ") + (settings_.delete_after ? "deleted" : "moved to " + settings_.done_folder) +
                  "; refused files go to " + settings_.refused_folder + " with their reason");
  return lines;
}

}  // namespace quai
