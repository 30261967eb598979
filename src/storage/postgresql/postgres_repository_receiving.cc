#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string("PostgresRepository::") + what + " is not implemented on PostgreSQL yet");
}

}  // namespace

Result<std::vector<DocumentVersion>> PostgresRepository::ListDocumentVersions(int64_t document_id) { return NotYet("ListDocumentVersions"); }

Result<std::optional<DocumentVersion>> PostgresRepository::FindDocumentVersion(int64_t version_id) { return NotYet("FindDocumentVersion"); }

Result<std::vector<Lot>> PostgresRepository::SearchLots(const LotSearch& search) { return NotYet("SearchLots"); }

Result<std::optional<LotPage>> PostgresRepository::FindLot(int64_t lot_id) { return NotYet("FindLot"); }

Result<std::vector<UnlinkedCertificate>> PostgresRepository::UnlinkedCertificates(int64_t document_id) { return NotYet("UnlinkedCertificates"); }

Result<std::string> PostgresRepository::CertificateMatch(const LotEntry& entry) { return NotYet("CertificateMatch"); }

Status PostgresRepository::RecordAcceptance(PostgresConnection& db, int64_t document_id,
                                            const AcceptedVersion& accepted, const std::string& context) {
  return NotYet("RecordAcceptance");
}

}  // namespace quai
