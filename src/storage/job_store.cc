#include "storage/job_store.h"

namespace quai {
namespace {
constexpr const char* kKindNames[] = {"read", "learn", "export", "retrain"};
constexpr const char* kStateNames[] = {"queued", "running", "done", "dead"};
}  // namespace

const char* JobKindName(JobKind kind) { return kKindNames[static_cast<int>(kind)]; }
const char* JobStateName(JobState state) { return kStateNames[static_cast<int>(state)]; }

std::optional<JobKind> ParseJobKind(const std::string& name) {
  for (int i = 0; i < 4; ++i)
    if (name == kKindNames[i]) return static_cast<JobKind>(i);
  return std::nullopt;
}

std::optional<JobState> ParseJobState(const std::string& name) {
  for (int i = 0; i < 4; ++i)
    if (name == kStateNames[i]) return static_cast<JobState>(i);
  return std::nullopt;
}

std::string JobKey(JobKind kind, int64_t document_id) {
  std::string key = JobKindName(kind);
  if (document_id != 0) key += ":" + std::to_string(document_id);
  return key;
}

const JobKindCounts& JobCounts::of(JobKind kind) const {
  switch (kind) {
    case JobKind::kRead: return read;
    case JobKind::kLearn: return learn;
    case JobKind::kExport: return export_;
    case JobKind::kRetrain: return retrain;
  }
  return read;
}

}  // namespace quai
