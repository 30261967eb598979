// SqliteRepository as ReviewStore: review state, events,
// search and the review queue, training examples (migration 3's tables).
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/search_fold.h"
#include "storage/review_search.h"

#include "storage/sqlite/document_row.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {

namespace {

constexpr char kSelectDocument[] =
    "SELECT id, sha256, original_name, source, media_type, size_bytes, page_count, status, error, created_at, "
    "updated_at, origin_json FROM documents WHERE id = ?1";
constexpr char kSelectState[] =
    "SELECT status, document_type, supplier, values_json, rejected_reason, validated_by, validated_at, updated_by, "
    "updated_at FROM review_state WHERE document_id = ?1";
constexpr char kSelectLatestExtraction[] =
    "SELECT model_version, document_type, review_required, result_json, created_at FROM extractions "
    "WHERE document_id = ?1 ORDER BY created_at DESC, id DESC LIMIT 1";
constexpr char kSelectPageSizes[] = "SELECT width, height FROM pages WHERE document_id = ?1 ORDER BY number";
constexpr char kUpsertState[] =
    "INSERT INTO review_state(document_id, status, document_type, supplier, values_json, rejected_reason, "
    "validated_by, validated_at, updated_by, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT(document_id) DO UPDATE SET status = excluded.status, document_type = excluded.document_type, "
    "supplier = excluded.supplier, values_json = excluded.values_json, rejected_reason = excluded.rejected_reason, "
    "validated_by = excluded.validated_by, validated_at = excluded.validated_at, updated_by = excluded.updated_by, "
    "updated_at = excluded.updated_at";
constexpr char kInsertEvent[] =
    "INSERT INTO review_events(document_id, user_name, at, action, field, before_json, after_json, page, box_json, "
    "reason) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr char kSelectEvents[] =
    "SELECT id, document_id, user_name, at, action, field, before_json, after_json, page, box_json, reason "
    "FROM review_events WHERE document_id = ?1 ORDER BY id";
constexpr char kUpsertTrainingExample[] =
    "INSERT INTO training_examples(document_id, document_type, canonical_json, pointers_json, model_version, "
    "validated_by, validated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT(document_id) DO UPDATE SET document_type = excluded.document_type, "
    "canonical_json = excluded.canonical_json, pointers_json = excluded.pointers_json, "
    "model_version = excluded.model_version, validated_by = excluded.validated_by, "
    "validated_at = excluded.validated_at";
constexpr char kDeleteTrainingExample[] = "DELETE FROM training_examples WHERE document_id = ?1";
constexpr char kSelectTrainingExamples[] =
    "SELECT id, document_id, document_type, canonical_json, pointers_json, model_version, validated_by, "
    "validated_at FROM training_examples ORDER BY validated_at, id LIMIT ?1 OFFSET ?2";
void ReadTrainingExample(SqliteStatement& select, TrainingExample* example) {
  example->id = select.ColumnInt64(0);
  example->document_id = select.ColumnInt64(1);
  example->document_type = select.ColumnText(2);
  example->canonical_json = select.ColumnText(3);
  example->pointers_json = select.ColumnText(4);
  example->model_version = select.ColumnText(5);
  example->validated_by = select.ColumnText(6);
  example->validated_at = select.ColumnText(7);
}

constexpr char kSelectTrainingExample[] =
    "SELECT id, document_id, document_type, canonical_json, pointers_json, model_version, validated_by, "
    "validated_at FROM training_examples WHERE document_id = ?1";

// The document list and the review queue read the summaries migration 14
// keeps (one row per document: the review status worked out as ReviewDesk does
// for one, type, supplier, PO and document number and their folded keys),
// through indexes, so a page costs the same at 100 documents and at 100,000.
// Only the filters given become conditions, so the planner sees them.
struct SearchQuery {
  std::string where;                // " WHERE ..." or ""
  std::vector<std::string> params;  // ?1, ?2, ... in order
};

// The number of characters of UTF-8 `text`.
size_t CharacterCount(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

// Documents whose file name or one of whose current values contains the folded
// `text`: through the trigram indexes when it has three characters or more (a
// quoted phrase of trigrams matches a substring), by a scan of the folded
// texts when shorter (the trigram index cannot answer those).
std::string TextCondition(const std::string& folded, SearchQuery* query) {
  const bool indexed = CharacterCount(folded) >= 3;
  std::string phrase = folded;
  if (indexed) {
    phrase.clear();
    for (char c : folded) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
    phrase = "\"" + phrase + "\"";
  }
  query->params.push_back(phrase);
  const std::string n = "?" + std::to_string(query->params.size());
  const std::string match = indexed ? " MATCH " + n : "";
  auto in = [&](const char* table) {
    return indexed ? std::string("SELECT rowid FROM ") + table + " WHERE " + table + match
                   : std::string("SELECT rowid FROM ") + table + " WHERE instr(text, " + n + ") > 0";
  };
  return "(s.document_id IN (" + in("document_name_text") +
         ") OR s.document_id IN (SELECT v.document_id FROM document_values v WHERE v.id IN (" +
         in("document_value_text") + ")))";
}

SearchQuery BuildSearch(const ReviewSearchFilter& filter) {
  SearchQuery query;
  std::vector<std::string> conditions;
  auto param = [&](std::string value) {
    query.params.push_back(std::move(value));
    return "?" + std::to_string(query.params.size());
  };
  if (!filter.status.empty()) conditions.push_back("s.review_status = " + param(filter.status));
  if (!filter.document_type.empty()) conditions.push_back("s.document_type = " + param(filter.document_type));
  if (!filter.supplier.empty())
    conditions.push_back("instr(s.supplier_key, " + param(FoldForSearch(filter.supplier)) + ") > 0");
  if (!filter.text.empty()) conditions.push_back(TextCondition(FoldForSearch(filter.text), &query));
  for (size_t i = 0; i < conditions.size(); ++i) query.where += (i == 0 ? " WHERE " : " AND ") + conditions[i];
  return query;
}

constexpr char kSearchColumns[] =
    "SELECT d.id, d.sha256, d.original_name, d.source, d.media_type, d.size_bytes, d.page_count, d.status, "
    "d.error, d.created_at, d.updated_at, s.review_status, s.document_type, s.supplier, "
    "COALESCE(r.values_json, (SELECT x.result_json FROM extractions x WHERE x.document_id = d.id "
    "ORDER BY x.created_at DESC, x.id DESC LIMIT 1)), COALESCE(r.updated_at, d.updated_at), s.po_number, "
    "s.document_number FROM document_summaries s JOIN documents d ON d.id = s.document_id "
    "LEFT JOIN review_state r ON r.document_id = s.document_id";

void BindSearch(SqliteStatement* statement, const SearchQuery& query) {
  for (size_t i = 0; i < query.params.size(); ++i) statement->BindText(static_cast<int>(i + 1), query.params[i]);
}

std::string DocumentNotFound(const std::string& path, int64_t document_id) {
  return path + ": no document with id " + std::to_string(document_id);
}

}  // namespace

Status SqliteRepository::ReadReviewDocument(int64_t document_id, const std::string& context,
                                            ReviewDocumentRecord* record) {
  {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectDocument);
    select->BindInt64(1, document_id);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound(DocumentNotFound(connection_->path(), document_id));
    QUAI_RETURN_IF_ERROR(ReadDocumentRow(*select, 0, connection_->path(), &record->document));
    record->document.origin_json = select->ColumnText(11);
  }
  {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectState);
    select->BindInt64(1, document_id);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (*row) {
      ReviewState& state = record->state.emplace();
      state.document_id = document_id;
      state.status = select->ColumnText(0);
      state.document_type = select->ColumnText(1);
      state.supplier = select->ColumnText(2);
      state.values_json = select->ColumnText(3);
      state.rejected_reason = select->ColumnText(4);
      state.validated_by = select->ColumnText(5);
      state.validated_at = select->ColumnText(6);
      state.updated_by = select->ColumnText(7);
      state.updated_at = select->ColumnText(8);
    }
  }
  if (!record->state) {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectLatestExtraction);
    select->BindInt64(1, document_id);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (*row) {
      StoredExtraction& extraction = record->extraction.emplace();
      extraction.document_id = document_id;
      extraction.model_version = select->ColumnText(0);
      extraction.document_type = select->ColumnText(1);
      extraction.review_required = select->ColumnInt64(2) != 0;
      extraction.result_json = select->ColumnText(3);
      extraction.created_at = select->ColumnText(4);
    }
  }
  QUAI_SQLITE_PREPARE(select, connection_, kSelectPageSizes);
  select->BindInt64(1, document_id);
  while (true) {
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    record->page_sizes.emplace_back(select->ColumnDouble(0), select->ColumnDouble(1));
  }
}

Result<ReviewDocumentRecord> SqliteRepository::LoadReviewDocument(int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "loading document " + std::to_string(document_id) + " for review";
  ReviewDocumentRecord record;
  Status status = connection_->InTransaction(
      context, [&]() -> Status { return ReadReviewDocument(document_id, context, &record); });
  if (!status.ok()) return status;
  return record;
}

Status SqliteRepository::EditReview(int64_t document_id, const ReviewEdit& edit) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reviewing document " + std::to_string(document_id);
  return connection_->InTransaction(context, [&]() -> Status {
    ReviewDocumentRecord current;
    QUAI_RETURN_IF_ERROR(ReadReviewDocument(document_id, context, &current));
    ReviewUpdate update;
    QUAI_RETURN_IF_ERROR(edit(current, &update));
    return WriteReviewUpdate(document_id, update, context);
  });
}

Status SqliteRepository::WriteReviewUpdate(int64_t document_id, const ReviewUpdate& update,
                                           const std::string& context) {
  {
    const ReviewState& state = update.state;
    QUAI_SQLITE_PREPARE(upsert, connection_, kUpsertState);
    upsert->BindInt64(1, document_id);
    upsert->BindText(2, state.status);
    upsert->BindText(3, state.document_type);
    upsert->BindText(4, state.supplier);
    upsert->BindText(5, state.values_json);
    upsert->BindText(6, state.rejected_reason);
    upsert->BindText(7, state.validated_by);
    upsert->BindText(8, state.validated_at);
    upsert->BindText(9, state.updated_by);
    upsert->BindText(10, state.updated_at);
    QUAI_RETURN_IF_ERROR(upsert->Run(context));
    QUAI_RETURN_IF_ERROR(ReplaceSearchValues(document_id, state.search_values, context));
  }
  {
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertEvent);
    static const std::string kNull = "null";
    for (const StoredReviewEvent& event : update.events) {
      // Bound text is not copied: everything bound lives until the Reset below.
      insert->BindInt64(1, document_id);
      insert->BindText(2, event.user);
      insert->BindText(3, event.at);
      insert->BindText(4, event.action);
      insert->BindText(5, event.field);
      insert->BindText(6, event.before_json.empty() ? kNull : event.before_json);
      insert->BindText(7, event.after_json.empty() ? kNull : event.after_json);
      if (event.page) insert->BindInt64(8, *event.page);  // unbound is NULL
      insert->BindText(9, event.box_json);
      insert->BindText(10, event.reason);
      QUAI_RETURN_IF_ERROR(insert->Run(context));
      insert->Reset();
    }
  }
  if (update.training_example) {
    const TrainingExample& example = *update.training_example;
    QUAI_SQLITE_PREPARE(upsert, connection_, kUpsertTrainingExample);
    upsert->BindInt64(1, document_id);
    upsert->BindText(2, example.document_type);
    upsert->BindText(3, example.canonical_json);
    upsert->BindText(4, example.pointers_json);
    upsert->BindText(5, example.model_version);
    upsert->BindText(6, example.validated_by);
    upsert->BindText(7, example.validated_at);
    QUAI_RETURN_IF_ERROR(upsert->Run(context));
    // The learn job goes with the example: should the process end before the
    // learning, a worker learns from the validation later.
    NewJob learn;
    learn.kind = JobKind::kLearn;
    learn.document_id = document_id;
    int64_t job_id = 0;
    QUAI_RETURN_IF_ERROR(InsertJob(learn, NowMs(), context, &job_id));
  } else if (update.remove_training_example) {
    // No longer validated: no lesson stays that no person stands behind (its
    // layout example), and a learn job not yet run has nothing to learn.
    QUAI_SQLITE_PREPARE(remove, connection_, kDeleteTrainingExample);
    remove->BindInt64(1, document_id);
    QUAI_RETURN_IF_ERROR(remove->Run(context));
    QUAI_SQLITE_PREPARE(unlearn, connection_, "DELETE FROM layout_examples WHERE document_id = ?1");
    unlearn->BindInt64(1, document_id);
    QUAI_RETURN_IF_ERROR(unlearn->Run(context));
    QUAI_RETURN_IF_ERROR(FinishDocumentJob(JobKind::kLearn, document_id, "null", context));
  }
  if (update.accepted) QUAI_RETURN_IF_ERROR(RecordAcceptance(document_id, *update.accepted, context));
  return Status::Ok();
}

Result<ReviewSearchPage> SqliteRepository::SearchReviews(const ReviewSearchFilter& filter) {
  if (filter.limit < 1 || filter.limit > 500 || filter.offset < 0) {
    return Status::InvalidArgument("searching documents: limit must be 1 to 500 and offset not negative, got limit " +
                                   std::to_string(filter.limit) + " and offset " + std::to_string(filter.offset));
  }
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "searching documents";
  ReviewSearchPage page;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    const SearchQuery query = BuildSearch(filter);
    {
      QUAI_SQLITE_PREPARE(count, connection_, "SELECT count(*) FROM document_summaries s" + query.where);
      BindSearch(&*count, query);
      Result<bool> row = count->Step(context);
      if (!row.ok()) return row.status();
      page.total = *row ? count->ColumnInt64(0) : 0;
    }
    // The page's ids first, from the summaries and their indexes alone; then
    // their columns (the values JSON is large), so a sort or an offset never
    // reads the rows it skips.
    int64_t non_empty = 0;
    if (ReviewPageNeedsNonEmptyCount(filter)) {
      const std::string join = query.where.empty() ? " WHERE " : " AND ";
      // The empty ones, usually few, through the key's index.
      QUAI_SQLITE_PREPARE(count, connection_, "SELECT count(*) FROM document_summaries s" + query.where + join +
                                                  ReviewSortKey(filter) + " = ''");
      BindSearch(&*count, query);
      Result<bool> row = count->Step(context);
      if (!row.ok()) return row.status();
      non_empty = page.total - (*row ? count->ColumnInt64(0) : 0);
    }
    std::string ids;
    for (const ReviewIdRange& range : ReviewPageRanges(filter, query.where, non_empty)) {
      QUAI_SQLITE_PREPARE(select, connection_,
                          "SELECT s.document_id FROM document_summaries s" + query.where + range.condition +
                              range.order + " LIMIT " + std::to_string(range.limit) + " OFFSET " +
                              std::to_string(range.offset));
      BindSearch(&*select, query);
      while (true) {
        Result<bool> row = select->Step(context);
        if (!row.ok()) return row.status();
        if (!*row) break;
        ids += (ids.empty() ? "" : ",") + std::to_string(select->ColumnInt64(0));
      }
    }
    QUAI_SQLITE_PREPARE(select, connection_,
                        std::string(kSearchColumns) + " WHERE s.document_id IN (" + ids + ")" + ReviewSearchOrder(filter));
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      ReviewSummaryRecord& summary = page.documents.emplace_back();
      QUAI_RETURN_IF_ERROR(ReadDocumentRow(*select, 0, connection_->path(), &summary.document));
      summary.status = select->ColumnText(11);
      summary.document_type = select->ColumnText(12);
      summary.supplier = select->ColumnText(13);
      summary.values_json = select->ColumnText(14);
      summary.updated_at = select->ColumnText(15);
      summary.po_number = select->ColumnText(16);
      summary.document_number = select->ColumnText(17);
    }
  });
  if (!status.ok()) return status;
  return page;
}

Result<std::vector<StoredReviewEvent>> SqliteRepository::ListReviewEvents(int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing the events of document " + std::to_string(document_id);
  std::vector<StoredReviewEvent> events;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(document_id, context));
    QUAI_SQLITE_PREPARE(select, connection_, kSelectEvents);
    select->BindInt64(1, document_id);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      StoredReviewEvent& event = events.emplace_back();
      event.id = select->ColumnInt64(0);
      event.document_id = select->ColumnInt64(1);
      event.user = select->ColumnText(2);
      event.at = select->ColumnText(3);
      event.action = select->ColumnText(4);
      event.field = select->ColumnText(5);
      event.before_json = select->ColumnText(6);
      event.after_json = select->ColumnText(7);
      const int64_t page = select->ColumnInt64(8);  // NULL reads as 0; pages start at 1
      if (page > 0) event.page = static_cast<int>(page);
      event.box_json = select->ColumnText(9);
      event.reason = select->ColumnText(10);
    }
  });
  if (!status.ok()) return status;
  return events;
}

Result<std::vector<TrainingExample>> SqliteRepository::ListTrainingExamples(int limit, int offset) {
  if (limit < 0 || offset < 0) {
    return Status::InvalidArgument("listing training examples: limit and offset must not be negative");
  }
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing training examples";
  std::vector<TrainingExample> examples;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectTrainingExamples);
    select->BindInt64(1, limit);
    select->BindInt64(2, offset);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      ReadTrainingExample(*select, &examples.emplace_back());
    }
  });
  if (!status.ok()) return status;
  return examples;
}

Result<std::optional<TrainingExample>> SqliteRepository::FindTrainingExample(int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading the training example of document " + std::to_string(document_id);
  std::optional<TrainingExample> example;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectTrainingExample);
    select->BindInt64(1, document_id);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (*row) ReadTrainingExample(*select, &example.emplace());
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return example;
}

}  // namespace quai
