#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string("PostgresRepository::") + what + " is not implemented on PostgreSQL yet");
}

}  // namespace

Result<std::optional<ErpConnection>> PostgresRepository::GetErpConnection() { return NotYet("GetErpConnection"); }

Status PostgresRepository::SaveErpConnection(const ErpConnection& connection) { return NotYet("SaveErpConnection"); }

Result<std::string> PostgresRepository::GetErpRulesJson() { return NotYet("GetErpRulesJson"); }

Status PostgresRepository::SaveErpRulesJson(const std::string& rules_json) { return NotYet("SaveErpRulesJson"); }

Result<ErpSyncState> PostgresRepository::GetErpSyncState() { return NotYet("GetErpSyncState"); }

Status PostgresRepository::SaveErpSyncState(const ErpSyncState& state) { return NotYet("SaveErpSyncState"); }

Result<bool> PostgresRepository::ClaimErpSync(const std::string& expected, const std::string& now) { return NotYet("ClaimErpSync"); }

Result<MasterDataChange> PostgresRepository::ApplyMasterData(const MasterDataBatch& batch) { return NotYet("ApplyMasterData"); }

Result<MasterDataCounts> PostgresRepository::CountMasterData() { return NotYet("CountMasterData"); }

Result<std::optional<PurchaseOrder>> PostgresRepository::FindPurchaseOrder(const std::string& po_number) { return NotYet("FindPurchaseOrder"); }

Result<std::optional<ErpSupplier>> PostgresRepository::FindErpSupplier(const std::string& supplier_id) { return NotYet("FindErpSupplier"); }

Result<std::vector<ErpSupplier>> PostgresRepository::FindErpSuppliersByIdentifier(const std::string& kind, const std::string& value) { return NotYet("FindErpSuppliersByIdentifier"); }

Result<std::vector<ErpSupplier>> PostgresRepository::ListErpSuppliers() { return NotYet("ListErpSuppliers"); }

Result<std::optional<ErpArticle>> PostgresRepository::FindArticle(const std::string& article_code, const std::string& supplier_id) { return NotYet("FindArticle"); }

Result<std::vector<ErpArticle>> PostgresRepository::FindArticlesBySupplierCode(const std::string& supplier_id, const std::string& supplier_article_code) { return NotYet("FindArticlesBySupplierCode"); }

Status PostgresRepository::SaveReceivedQuantities(int64_t document_id, const std::vector<ReceivedQuantity>& received) { return NotYet("SaveReceivedQuantities"); }

Result<std::map<std::string, double>> PostgresRepository::ReceivedInQuai(const std::string& po_number, int64_t document_id) { return NotYet("ReceivedInQuai"); }

Result<std::vector<InvoiceTwin>> PostgresRepository::FindInvoiceTwins(int64_t document_id, const std::string& supplier, const std::string& invoice_number, const std::string& total, const std::string& date) { return NotYet("FindInvoiceTwins"); }

}  // namespace quai
