#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string("PostgresRepository::") + what + " is not implemented on PostgreSQL yet");
}

}  // namespace

Result<int64_t> PostgresRepository::AddModelVersion(const ModelVersionRecord& model) { return NotYet("AddModelVersion"); }

Result<std::vector<ModelVersionRecord>> PostgresRepository::ListModelVersions() { return NotYet("ListModelVersions"); }

Status PostgresRepository::ActivateModelVersion(int64_t id) { return NotYet("ActivateModelVersion"); }

Status PostgresRepository::SetModelVersionStatus(int64_t id, const std::string& status) { return NotYet("SetModelVersionStatus"); }

}  // namespace quai
