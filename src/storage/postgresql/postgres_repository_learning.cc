#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string("PostgresRepository::") + what + " is not implemented on PostgreSQL yet");
}

}  // namespace

Result<int64_t> PostgresRepository::AddSupplier(const StoredSupplier& supplier) { return NotYet("AddSupplier"); }

Result<std::vector<StoredSupplier>> PostgresRepository::ListSuppliers() { return NotYet("ListSuppliers"); }

Result<std::optional<StoredSupplier>> PostgresRepository::FindSupplier(int64_t id) { return NotYet("FindSupplier"); }

Status PostgresRepository::UpdateSupplier(const StoredSupplier& supplier) { return NotYet("UpdateSupplier"); }

Status PostgresRepository::CountSupplierDocument(int64_t supplier_id) { return NotYet("CountSupplierDocument"); }

Status PostgresRepository::RecordSupplierOutcome(const SupplierOutcome& outcome) { return NotYet("RecordSupplierOutcome"); }

Result<std::vector<SupplierOutcome>> PostgresRepository::ListSupplierOutcomes(int64_t supplier_id, int limit) { return NotYet("ListSupplierOutcomes"); }

Status PostgresRepository::SaveLayoutExample(const LayoutExampleRecord& example) { return NotYet("SaveLayoutExample"); }

Status PostgresRepository::RemoveLayoutExample(int64_t document_id) { return NotYet("RemoveLayoutExample"); }

Result<std::vector<LayoutExampleRecord>> PostgresRepository::ListLayoutExamples(int64_t supplier_id, const std::string& document_type, int limit) { return NotYet("ListLayoutExamples"); }

Result<int64_t> PostgresRepository::LearningGeneration() { return NotYet("LearningGeneration"); }

Result<int64_t> PostgresRepository::AddDriftSignal(const DriftSignal& signal) { return NotYet("AddDriftSignal"); }

Result<std::vector<DriftSignal>> PostgresRepository::ListDriftSignals(int limit, int offset) { return NotYet("ListDriftSignals"); }

}  // namespace quai
