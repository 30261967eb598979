#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string("PostgresRepository::") + what + " is not implemented on PostgreSQL yet");
}

}  // namespace

Result<int64_t> PostgresRepository::SaveExportTarget(const ExportTarget& target) { return NotYet("SaveExportTarget"); }

Result<std::vector<ExportTarget>> PostgresRepository::ListExportTargets() { return NotYet("ListExportTargets"); }

Result<std::optional<ExportTarget>> PostgresRepository::FindExportTarget(int64_t id) { return NotYet("FindExportTarget"); }

Status PostgresRepository::RemoveExportTarget(int64_t id) { return NotYet("RemoveExportTarget"); }

Result<std::optional<ExportRecord>> PostgresRepository::FindExport(int64_t id) { return NotYet("FindExport"); }

Result<std::vector<ExportRecord>> PostgresRepository::ListExports(const ExportFilter& filter) { return NotYet("ListExports"); }

Status PostgresRepository::RecordExportAttempt(int64_t id, const ExportAttempt& attempt) { return NotYet("RecordExportAttempt"); }

Status PostgresRepository::RetryExport(int64_t id) { return NotYet("RetryExport"); }

Status PostgresRepository::MarkReceiptBooked(int64_t document_id, const std::string& at) { return NotYet("MarkReceiptBooked"); }

}  // namespace quai
