// PostgresRepository as ReviewStore: review state, events, search and the
// review queue, training examples. An edit reads and writes the document's
// review under a row lock on the document (SELECT ... FOR UPDATE), so two
// reviewers' edits apply one after the other, each to the other's result, as
// SQLite's single writer gives.
#include <string>
#include <utility>
#include <vector>

#include "core/search_fold.h"
#include "storage/postgresql/postgres_document_row.h"
#include "storage/review_search.h"
#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

constexpr char kTrainingColumns[] =
    "SELECT id, document_id, document_type, canonical_json, pointers_json, model_version, validated_by, "
    "validated_at FROM training_examples ";

void ReadTrainingExample(const PostgresRows& rows, int row, TrainingExample* example) {
  example->id = rows.Int(row, 0);
  example->document_id = rows.Int(row, 1);
  example->document_type = rows.Text(row, 2);
  example->canonical_json = rows.Text(row, 3);
  example->pointers_json = rows.Text(row, 4);
  example->model_version = rows.Text(row, 5);
  example->validated_by = rows.Text(row, 6);
  example->validated_at = rows.Text(row, 7);
}

// The document list and the review queue read the summaries core step 4
// keeps (postgres_migrations_core.cc), as SQLite's read its migration 14's:
// only the filters given become conditions; the page's ids come first, in
// index order (storage/review_search.h), then their columns.
struct SearchQuery {
  std::string where;  // " WHERE ..." or ""
  std::vector<SqlValue> params;
};

// LIKE's pattern for "contains `text`": its %, _ and \ escaped (LIKE's
// default escape is \).
std::string ContainsPattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

SearchQuery BuildSearch(const ReviewSearchFilter& filter) {
  SearchQuery query;
  std::vector<std::string> conditions;
  auto param = [&](std::string value) {
    query.params.emplace_back(std::move(value));
    return "$" + std::to_string(query.params.size());
  };
  if (!filter.status.empty()) conditions.push_back("s.review_status = " + param(filter.status));
  if (!filter.document_type.empty()) conditions.push_back("s.document_type = " + param(filter.document_type));
  if (!filter.supplier.empty())
    conditions.push_back("strpos(s.supplier_key, " + param(FoldForSearch(filter.supplier)) + ") > 0");
  if (!filter.text.empty()) {
    // The folded file names and values that contain the folded text (LIKE
    // '%...%', the text's wildcards taken literally), through core step 5's
    // trigram indexes; one set of ids, so the planner joins it once.
    const std::string n = param(ContainsPattern(FoldForSearch(filter.text)));
    conditions.push_back("s.document_id IN (SELECT t.document_id FROM document_summaries t WHERE t.name_key LIKE " +
                         n + " UNION SELECT v.document_id FROM document_values v WHERE v.value_key LIKE " + n +
                         ")");
  }
  for (size_t i = 0; i < conditions.size(); ++i) query.where += (i == 0 ? " WHERE " : " AND ") + conditions[i];
  return query;
}

constexpr char kSearchColumns[] =
    "SELECT d.id, d.sha256, d.original_name, d.source, d.media_type, d.size_bytes, d.page_count, d.status, "
    "d.error, d.created_at, d.updated_at, d.origin_json, s.review_status, s.document_type, s.supplier, "
    "COALESCE(r.values_json, (SELECT x.result_json FROM extractions x WHERE x.document_id = d.id "
    "ORDER BY x.created_at COLLATE \"C\" DESC, x.id DESC LIMIT 1)), COALESCE(r.updated_at, d.updated_at), "
    "s.po_number, s.document_number FROM document_summaries s JOIN documents d ON d.id = s.document_id "
    "LEFT JOIN review_state r ON r.document_id = s.document_id";

std::string DocumentNotFound(const std::string& where, int64_t document_id) {
  return "PostgreSQL at " + where + ": no document with id " + std::to_string(document_id);
}

}  // namespace

Status PostgresRepository::ReadReviewDocument(PostgresConnection& db, int64_t document_id,
                                              const std::string& context, ReviewDocumentRecord* record) {
  {
    QUAI_PG_ROWS(rows, db.Query("SELECT " QUAI_PG_DOCUMENT_COLUMNS " FROM documents WHERE id = $1", {document_id},
                                context));
    if (rows.empty()) return Status::NotFound(DocumentNotFound(where(), document_id));
    QUAI_RETURN_IF_ERROR(ReadPostgresDocument(rows, 0, 0, &record->document));
  }
  {
    QUAI_PG_ROWS(rows, db.Query("SELECT status, document_type, supplier, values_json, rejected_reason, "
                                "validated_by, validated_at, updated_by, updated_at FROM review_state "
                                "WHERE document_id = $1",
                                {document_id}, context));
    if (!rows.empty()) {
      ReviewState& state = record->state.emplace();
      state.document_id = document_id;
      state.status = rows.Text(0, 0);
      state.document_type = rows.Text(0, 1);
      state.supplier = rows.Text(0, 2);
      state.values_json = rows.Text(0, 3);
      state.rejected_reason = rows.Text(0, 4);
      state.validated_by = rows.Text(0, 5);
      state.validated_at = rows.Text(0, 6);
      state.updated_by = rows.Text(0, 7);
      state.updated_at = rows.Text(0, 8);
    }
  }
  if (!record->state) {
    QUAI_PG_ROWS(rows, db.Query("SELECT model_version, document_type, review_required, result_json, created_at "
                                "FROM extractions WHERE document_id = $1 "
                                "ORDER BY created_at COLLATE \"C\" DESC, id DESC LIMIT 1",
                                {document_id}, context));
    if (!rows.empty()) {
      StoredExtraction& extraction = record->extraction.emplace();
      extraction.document_id = document_id;
      extraction.model_version = rows.Text(0, 0);
      extraction.document_type = rows.Text(0, 1);
      extraction.review_required = rows.Int(0, 2) != 0;
      extraction.result_json = rows.Text(0, 3);
      extraction.created_at = rows.Text(0, 4);
    }
  }
  QUAI_PG_ROWS(sizes, db.Query("SELECT width, height FROM pages WHERE document_id = $1 ORDER BY number",
                               {document_id}, context));
  for (int row = 0; row < sizes.size(); ++row) record->page_sizes.emplace_back(sizes.Double(row, 0), sizes.Double(row, 1));
  return Status::Ok();
}

Result<ReviewDocumentRecord> PostgresRepository::LoadReviewDocument(int64_t document_id) {
  const std::string context = "loading document " + std::to_string(document_id) + " for review";
  ReviewDocumentRecord record;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    record = ReviewDocumentRecord();
    return ReadReviewDocument(db, document_id, context, &record);
  });
  if (!status.ok()) return status;
  return record;
}

Status PostgresRepository::EditReview(int64_t document_id, const ReviewEdit& edit) {
  const std::string context = "reviewing document " + std::to_string(document_id);
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    // Edits of one document take turns: the second reads what the first wrote.
    QUAI_PG_ROWS(locked, db.Query("SELECT 1 FROM documents WHERE id = $1 FOR UPDATE", {document_id}, context));
    if (locked.empty()) return Status::NotFound(DocumentNotFound(where(), document_id));
    ReviewDocumentRecord current;
    QUAI_RETURN_IF_ERROR(ReadReviewDocument(db, document_id, context, &current));
    ReviewUpdate update;
    QUAI_RETURN_IF_ERROR(edit(current, &update));
    return WriteReviewUpdate(db, document_id, update, context);
  });
}

Status PostgresRepository::WriteReviewUpdate(PostgresConnection& db, int64_t document_id, const ReviewUpdate& update,
                                             const std::string& context) {
  const ReviewState& state = update.state;
  QUAI_RETURN_IF_ERROR(
      db.Query("INSERT INTO review_state(document_id, status, document_type, supplier, values_json, "
               "rejected_reason, validated_by, validated_at, updated_by, updated_at) "
               "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
               "ON CONFLICT(document_id) DO UPDATE SET status = excluded.status, "
               "document_type = excluded.document_type, supplier = excluded.supplier, "
               "values_json = excluded.values_json, rejected_reason = excluded.rejected_reason, "
               "validated_by = excluded.validated_by, validated_at = excluded.validated_at, "
               "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
               {document_id, state.status, state.document_type, state.supplier, state.values_json,
                state.rejected_reason, state.validated_by, state.validated_at, state.updated_by, state.updated_at},
               context)
          .status());
  QUAI_RETURN_IF_ERROR(ReplaceSearchValues(db, document_id, state.search_values, context));
  for (const StoredReviewEvent& event : update.events) {
    QUAI_RETURN_IF_ERROR(
        db.Query("INSERT INTO review_events(document_id, user_name, at, action, field, before_json, after_json, "
                 "page, box_json, reason) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                 {document_id, event.user, event.at, event.action, event.field,
                  event.before_json.empty() ? std::string("null") : event.before_json,
                  event.after_json.empty() ? std::string("null") : event.after_json,
                  event.page ? SqlValue(*event.page) : SqlValue(std::nullopt), event.box_json, event.reason},
                 context)
            .status());
  }
  if (update.training_example) {
    const TrainingExample& example = *update.training_example;
    QUAI_RETURN_IF_ERROR(
        db.Query("INSERT INTO training_examples(document_id, document_type, canonical_json, pointers_json, "
                 "model_version, validated_by, validated_at) VALUES($1, $2, $3, $4, $5, $6, $7) "
                 "ON CONFLICT(document_id) DO UPDATE SET document_type = excluded.document_type, "
                 "canonical_json = excluded.canonical_json, pointers_json = excluded.pointers_json, "
                 "model_version = excluded.model_version, validated_by = excluded.validated_by, "
                 "validated_at = excluded.validated_at",
                 {document_id, example.document_type, example.canonical_json, example.pointers_json,
                  example.model_version, example.validated_by, example.validated_at},
                 context)
            .status());
    // The learn job goes with the example: a worker learns from the validation later if need be.
    NewJob learn;
    learn.kind = JobKind::kLearn;
    learn.document_id = document_id;
    int64_t job_id = 0;
    QUAI_RETURN_IF_ERROR(InsertJob(db, learn, NowMs(), context, &job_id));
  } else if (update.remove_training_example) {
    // No longer validated: no lesson stays that no person stands behind.
    QUAI_RETURN_IF_ERROR(
        db.Query("DELETE FROM training_examples WHERE document_id = $1", {document_id}, context).status());
    QUAI_RETURN_IF_ERROR(
        db.Query("DELETE FROM layout_examples WHERE document_id = $1", {document_id}, context).status());
    QUAI_RETURN_IF_ERROR(FinishDocumentJob(db, JobKind::kLearn, document_id, "null", context));
  }
  if (update.accepted) QUAI_RETURN_IF_ERROR(RecordAcceptance(db, document_id, *update.accepted, context));
  return Status::Ok();
}

Result<ReviewSearchPage> PostgresRepository::SearchReviews(const ReviewSearchFilter& filter) {
  if (filter.limit < 1 || filter.limit > 500 || filter.offset < 0) {
    return Status::InvalidArgument("searching documents: limit must be 1 to 500 and offset not negative, got limit " +
                                   std::to_string(filter.limit) + " and offset " + std::to_string(filter.offset));
  }
  const std::string context = "searching documents";
  ReviewSearchPage page;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    page = ReviewSearchPage();
    const SearchQuery query = BuildSearch(filter);
    QUAI_PG_ROWS(count, db.Query("SELECT count(*) FROM document_summaries s" + query.where, query.params, context));
    page.total = count.empty() ? 0 : count.Int(0, 0);
    int64_t non_empty = 0;
    if (ReviewPageNeedsNonEmptyCount(filter)) {
      const std::string join = query.where.empty() ? " WHERE " : " AND ";
      QUAI_PG_ROWS(empty, db.Query("SELECT count(*) FROM document_summaries s" + query.where + join +
                                       ReviewSortKey(filter) + " = ''",
                                   query.params, context));
      non_empty = page.total - (empty.empty() ? 0 : empty.Int(0, 0));
    }
    std::string ids;
    for (const ReviewIdRange& range : ReviewPageRanges(filter, query.where, non_empty)) {
      QUAI_PG_ROWS(found, db.Query("SELECT s.document_id FROM document_summaries s" + query.where + range.condition +
                                       range.order + " LIMIT " + std::to_string(range.limit) + " OFFSET " +
                                       std::to_string(range.offset),
                                   query.params, context));
      for (int row = 0; row < found.size(); ++row) ids += (ids.empty() ? "" : ",") + std::to_string(found.Int(row, 0));
    }
    if (ids.empty()) return Status::Ok();
    QUAI_PG_ROWS(rows, db.Query(std::string(kSearchColumns) + " WHERE s.document_id IN (" + ids + ")" +
                                    ReviewSearchOrder(filter),
                                {}, context));
    for (int row = 0; row < rows.size(); ++row) {
      ReviewSummaryRecord& summary = page.documents.emplace_back();
      QUAI_RETURN_IF_ERROR(ReadPostgresDocument(rows, row, 0, &summary.document));
      summary.status = rows.Text(row, 12);
      summary.document_type = rows.Text(row, 13);
      summary.supplier = rows.Text(row, 14);
      summary.values_json = rows.Text(row, 15);
      summary.updated_at = rows.Text(row, 16);
      summary.po_number = rows.Text(row, 17);
      summary.document_number = rows.Text(row, 18);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<std::vector<StoredReviewEvent>> PostgresRepository::ListReviewEvents(int64_t document_id) {
  const std::string context = "listing the events of document " + std::to_string(document_id);
  std::vector<StoredReviewEvent> events;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    events.clear();
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(db, document_id, context));
    QUAI_PG_ROWS(rows, db.Query("SELECT id, document_id, user_name, at, action, field, before_json, after_json, "
                                "page, box_json, reason FROM review_events WHERE document_id = $1 ORDER BY id",
                                {document_id}, context));
    for (int row = 0; row < rows.size(); ++row) {
      StoredReviewEvent& event = events.emplace_back();
      event.id = rows.Int(row, 0);
      event.document_id = rows.Int(row, 1);
      event.user = rows.Text(row, 2);
      event.at = rows.Text(row, 3);
      event.action = rows.Text(row, 4);
      event.field = rows.Text(row, 5);
      event.before_json = rows.Text(row, 6);
      event.after_json = rows.Text(row, 7);
      const int64_t page = rows.Int(row, 8);  // NULL reads as 0; pages start at 1
      if (page > 0) event.page = static_cast<int>(page);
      event.box_json = rows.Text(row, 9);
      event.reason = rows.Text(row, 10);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return events;
}

Result<std::vector<TrainingExample>> PostgresRepository::ListTrainingExamples(int limit, int offset) {
  if (limit < 0 || offset < 0) {
    return Status::InvalidArgument("listing training examples: limit and offset must not be negative");
  }
  const std::string context = "listing training examples";
  std::vector<TrainingExample> examples;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    examples.clear();
    QUAI_PG_ROWS(rows, db.Query(std::string(kTrainingColumns) +
                                    "ORDER BY validated_at COLLATE \"C\", id LIMIT $1 OFFSET $2",
                                {limit, offset}, context));
    for (int row = 0; row < rows.size(); ++row) ReadTrainingExample(rows, row, &examples.emplace_back());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return examples;
}

Result<std::optional<TrainingExample>> PostgresRepository::FindTrainingExample(int64_t document_id) {
  const std::string context = "reading the training example of document " + std::to_string(document_id);
  std::optional<TrainingExample> example;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query(std::string(kTrainingColumns) + "WHERE document_id = $1", {document_id}, context));
    if (!rows.empty()) ReadTrainingExample(rows, 0, &example.emplace());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return example;
}

}  // namespace quai
