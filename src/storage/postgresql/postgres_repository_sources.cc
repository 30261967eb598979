#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string("PostgresRepository::") + what + " is not implemented on PostgreSQL yet");
}

}  // namespace

Result<int64_t> PostgresRepository::AddSource(const SourceRecord& source) { return NotYet("AddSource"); }

Result<std::vector<SourceRecord>> PostgresRepository::ListSources() { return NotYet("ListSources"); }

Result<std::optional<SourceRecord>> PostgresRepository::FindSource(const std::string& name) { return NotYet("FindSource"); }

Status PostgresRepository::UpdateSource(const std::string& name, const std::string& settings_json, const std::optional<std::string>& secret, bool enabled) { return NotYet("UpdateSource"); }

Status PostgresRepository::RemoveSource(const std::string& name) { return NotYet("RemoveSource"); }

Result<bool> PostgresRepository::ClaimSource(int64_t source_id, const std::string& holder, std::chrono::milliseconds lease, const std::string& dead_holder) { return NotYet("ClaimSource"); }

Status PostgresRepository::FinishSourceRun(int64_t source_id, const std::string& holder, const SourceRun& run) { return NotYet("FinishSourceRun"); }

Status PostgresRepository::SaveSourceCursor(int64_t source_id, const std::string& cursor_json) { return NotYet("SaveSourceCursor"); }

Result<std::optional<SourceItem>> PostgresRepository::FindSourceItem(int64_t source_id, const std::string& key) { return NotYet("FindSourceItem"); }

Status PostgresRepository::SaveSourceItem(const SourceItem& item) { return NotYet("SaveSourceItem"); }

}  // namespace quai
