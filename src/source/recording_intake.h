// RecordingIntake: a DocumentIntake for tests that keeps what it is given, by
// SHA-256 like quai's intake (the same bytes twice: a duplicate), refuses what
// it is told to and fails while told to (a full disk). Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "core/sha256.h"
#include "source/watched_source.h"

namespace quai {

class RecordingIntake final : public DocumentIntake {
 public:
  struct Stored {
    std::string name, source, origin_json, bytes;
  };

  Result<IngestedFile> Receive(const std::string& name, std::string bytes, const std::string& source,
                               const std::string& origin_json) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!failure_.empty()) return Status::IoError(failure_);
    IngestedFile file;
    file.path = name;
    file.sha256 = Sha256Hex(bytes);
    if (bytes.rfind(refuse_prefix_, 0) == 0 && !refuse_prefix_.empty()) {
      file.outcome = IngestOutcome::kRefused;
      file.error = name + ": not a document quai reads (a text file)";
      return file;
    }
    if (stored_.count(file.sha256)) {
      file.outcome = IngestOutcome::kDuplicate;
      return file;
    }
    file.outcome = IngestOutcome::kStored;
    file.document_id = static_cast<int64_t>(stored_.size()) + 1;
    stored_[file.sha256] = {name, source, origin_json, std::move(bytes)};
    return file;
  }

  void FailWith(const std::string& failure) {
    std::lock_guard<std::mutex> lock(mutex_);
    failure_ = failure;
  }
  // Files whose bytes start with `prefix` are refused.
  void RefuseStartingWith(const std::string& prefix) {
    std::lock_guard<std::mutex> lock(mutex_);
    refuse_prefix_ = prefix;
  }
  std::map<std::string, Stored> stored() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stored_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Stored> stored_;  // by SHA-256
  std::string failure_;
  std::string refuse_prefix_;
};

}  // namespace quai
