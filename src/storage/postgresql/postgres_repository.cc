#include "storage/postgresql/postgres_repository.h"

#include "storage/postgresql/postgres_migrations.h"
#include "storage/postgresql/postgres_pool.h"

namespace quai {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string("PostgresRepository::") + what + " is not implemented on PostgreSQL yet");
}

}  // namespace

Result<std::unique_ptr<PostgresRepository>> PostgresRepository::Open(const PostgresOptions& options, Clock* clock) {
  if (clock == nullptr) clock = SystemClock();
  auto pool = PostgresPool::Open(options);
  if (!pool.ok()) return pool.status();
  Status migrated = pool.value()->InTransaction("opening the store", [&](PostgresConnection& db) -> Status {
    // The migrations run their own transactions: leave this one first.
    QUAI_RETURN_IF_ERROR(db.Execute("COMMIT", "opening the store"));
    Status status = ApplyAllPostgresMigrations(&db, clock);
    QUAI_RETURN_IF_ERROR(db.Execute("BEGIN", "opening the store"));
    return status;
  });
  QUAI_RETURN_IF_ERROR(migrated);
  return std::unique_ptr<PostgresRepository>(new PostgresRepository(std::move(pool).value(), clock));
}

PostgresRepository::PostgresRepository(std::unique_ptr<PostgresPool> pool, Clock* clock)
    : pool_(std::move(pool)), clock_(clock) {}

PostgresRepository::~PostgresRepository() = default;

const std::string& PostgresRepository::where() const { return pool_->where(); }

std::string PostgresRepository::NowText() const { return FormatUtcTimestamp(clock_->Now()); }

int64_t PostgresRepository::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_->Now().time_since_epoch()).count();
}

Status PostgresRepository::InTransaction(const std::string& context,
                                         const std::function<Status(PostgresConnection&)>& body) {
  return pool_->InTransaction(context, body);
}

Result<int64_t> PostgresRepository::AddDocument(const DocumentRecord& record) { return NotYet("AddDocument"); }

Result<std::optional<DocumentRecord>> PostgresRepository::FindDocumentBySha256(const std::string& sha256) { return NotYet("FindDocumentBySha256"); }

Result<std::vector<DocumentRecord>> PostgresRepository::FindDocumentsBySha256Prefix(const std::string& prefix, int limit) { return NotYet("FindDocumentsBySha256Prefix"); }

Result<std::optional<DocumentRecord>> PostgresRepository::FindDocument(int64_t id) { return NotYet("FindDocument"); }

Result<std::vector<DocumentRecord>> PostgresRepository::ListDocuments(const DocumentFilter& filter) { return NotYet("ListDocuments"); }

Status PostgresRepository::SavePages(int64_t document_id, const std::vector<Page>& pages) { return NotYet("SavePages"); }

Status PostgresRepository::MarkRefused(int64_t document_id, const std::string& error) { return NotYet("MarkRefused"); }

Result<std::vector<Page>> PostgresRepository::LoadPages(int64_t document_id) { return NotYet("LoadPages"); }

Result<std::optional<Page>> PostgresRepository::LoadPage(int64_t document_id, int number) { return NotYet("LoadPage"); }

Status PostgresRepository::SaveExtraction(const StoredExtraction& extraction) { return NotYet("SaveExtraction"); }

Result<std::optional<StoredExtraction>> PostgresRepository::LatestExtraction(int64_t document_id) { return NotYet("LatestExtraction"); }

Result<std::vector<StoredExtraction>> PostgresRepository::ListExtractions(int64_t document_id) { return NotYet("ListExtractions"); }

Result<std::vector<ReadConfidence>> PostgresRepository::RecentConfidences(int limit) { return NotYet("RecentConfidences"); }

}  // namespace quai
