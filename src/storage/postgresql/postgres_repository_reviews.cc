#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string("PostgresRepository::") + what + " is not implemented on PostgreSQL yet");
}

}  // namespace

Result<ReviewDocumentRecord> PostgresRepository::LoadReviewDocument(int64_t document_id) { return NotYet("LoadReviewDocument"); }

Status PostgresRepository::EditReview(int64_t document_id, const ReviewEdit& edit) { return NotYet("EditReview"); }

Result<ReviewSearchPage> PostgresRepository::SearchReviews(const ReviewSearchFilter& filter) { return NotYet("SearchReviews"); }

Result<std::vector<StoredReviewEvent>> PostgresRepository::ListReviewEvents(int64_t document_id) { return NotYet("ListReviewEvents"); }

Result<std::vector<TrainingExample>> PostgresRepository::ListTrainingExamples(int limit, int offset) { return NotYet("ListTrainingExamples"); }

Result<std::optional<TrainingExample>> PostgresRepository::FindTrainingExample(int64_t document_id) { return NotYet("FindTrainingExample"); }

}  // namespace quai
