#include "storage/sqlite/sqlite_repository.h"

#include <algorithm>
#include <set>
#include <utility>

#include "storage/sqlite/document_row.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_connection.h"

namespace quai {

namespace {

#define QUAI_DOCUMENT_COLUMNS                                                                                    \
  "SELECT id, sha256, original_name, source, media_type, size_bytes, page_count, status, error, created_at, " \
  "updated_at, origin_json FROM documents "

constexpr char kInsertDocument[] =
    "INSERT INTO documents(sha256, original_name, source, media_type, size_bytes, page_count, status, error, "
    "created_at, updated_at, origin_json) VALUES(?1, ?2, ?3, ?4, ?5, 0, 'received', '', ?6, ?6, ?7)";
constexpr char kSelectDocumentById[] = QUAI_DOCUMENT_COLUMNS "WHERE id = ?1";
constexpr char kSelectDocumentBySha256[] = QUAI_DOCUMENT_COLUMNS "WHERE sha256 = ?1";
// A range rather than LIKE: it uses the UNIQUE index and has no wildcards to escape.
constexpr char kSelectDocumentsBySha256Range[] =
    QUAI_DOCUMENT_COLUMNS "WHERE sha256 >= ?1 AND sha256 < ?2 ORDER BY sha256 LIMIT ?3";
constexpr char kListDocuments[] = QUAI_DOCUMENT_COLUMNS "ORDER BY id DESC LIMIT ?1 OFFSET ?2";
constexpr char kListDocumentsWithStatus[] =
    QUAI_DOCUMENT_COLUMNS "WHERE status = ?3 ORDER BY id DESC LIMIT ?1 OFFSET ?2";
constexpr char kMarkProcessed[] =
    "UPDATE documents SET status = 'processed', error = '', page_count = ?2, updated_at = ?3 WHERE id = ?1";
constexpr char kMarkRefused[] =
    "UPDATE documents SET status = 'refused', error = ?2, page_count = 0, updated_at = ?3 WHERE id = ?1";
constexpr char kSelectDocumentStatus[] = "SELECT status FROM documents WHERE id = ?1";
constexpr char kReadAgain[] =
    "UPDATE documents SET status = 'received', error = '', page_count = 0, updated_at = ?2 "
    "WHERE id = ?1 AND status = 'refused'";
// What hangs off a refused document without ON DELETE CASCADE (events a
// person may have left; a review state or a training example it cannot have,
// deleted all the same so that the last statement never fails on a key).
constexpr const char* kDeleteRefusedParts[] = {
    "DELETE FROM review_events WHERE document_id = ?1",
    "DELETE FROM review_state WHERE document_id = ?1",
    "DELETE FROM training_examples WHERE document_id = ?1",
    "DELETE FROM documents WHERE id = ?1 AND status = 'refused'",
};
constexpr char kCountSameSha256[] = "SELECT count(*) FROM documents WHERE sha256 = ?1";
constexpr char kSelectSha256[] = "SELECT sha256 FROM documents WHERE id = ?1";
constexpr char kDocumentExists[] = "SELECT 1 FROM documents WHERE id = ?1";
// Words go with their pages (ON DELETE CASCADE).
constexpr char kDeletePages[] = "DELETE FROM pages WHERE document_id = ?1";
constexpr char kInsertPage[] =
    "INSERT INTO pages(document_id, number, width, height, dpi, rotation, skew_degrees, text_source) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr char kInsertWord[] =
    "INSERT INTO words(document_id, page_number, position, text, x0, y0, x1, y1, confidence, block, line) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr char kSelectPages[] =
    "SELECT number, width, height, dpi, rotation, skew_degrees, text_source FROM pages "
    "WHERE document_id = ?1 ORDER BY number";
constexpr char kSelectWords[] =
    "SELECT page_number, text, x0, y0, x1, y1, confidence, block, line FROM words "
    "WHERE document_id = ?1 ORDER BY page_number, position";
constexpr char kSelectPage[] =
    "SELECT number, width, height, dpi, rotation, skew_degrees, text_source FROM pages "
    "WHERE document_id = ?1 AND number = ?2";
constexpr char kSelectPageWords[] =
    "SELECT page_number, text, x0, y0, x1, y1, confidence, block, line FROM words "
    "WHERE document_id = ?1 AND page_number = ?2 ORDER BY position";
// Replacing deletes then inserts, so the replacement takes the next id and
// sorts as the newest even within the same second.
constexpr char kDeleteExtraction[] = "DELETE FROM extractions WHERE document_id = ?1 AND model_version = ?2";
constexpr char kInsertExtraction[] =
    "INSERT INTO extractions(document_id, model_version, document_type, review_required, result_json, created_at, "
    "supplier, mean_confidence) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr char kSelectRecentConfidences[] =
    "SELECT document_id, mean_confidence FROM extractions WHERE mean_confidence IS NOT NULL "
    "ORDER BY created_at DESC, id DESC LIMIT ?1";
// Timestamps are fixed-width UTC text, so they sort as times; id breaks ties
// in insertion order. A negative LIMIT means no limit.
constexpr char kSelectExtractions[] =
    "SELECT document_id, model_version, document_type, review_required, result_json, created_at, supplier, "
    "mean_confidence FROM extractions "
    "WHERE document_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2";

#undef QUAI_DOCUMENT_COLUMNS

bool IsLowercaseHex(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

MediaType ParseMediaTypeName(const std::string& name) {
  for (MediaType type : {MediaType::kPdf, MediaType::kPng, MediaType::kJpeg, MediaType::kTiff, MediaType::kXml}) {
    if (name == MediaTypeName(type)) return type;
  }
  return MediaType::kUnknown;
}

Status ReadDocument(const SqliteStatement& row, const std::string& path, DocumentRecord* record) {
  QUAI_RETURN_IF_ERROR(ReadDocumentRow(row, 0, path, record));
  record->origin_json = row.ColumnText(11);
  return Status::Ok();
}

// Steps `statement` to the end, appending every row as a document.
Status ReadDocuments(SqliteStatement* statement, const std::string& path, const std::string& context,
                     std::vector<DocumentRecord>* records) {
  while (true) {
    Result<bool> row = statement->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    DocumentRecord record;
    QUAI_RETURN_IF_ERROR(ReadDocument(*statement, path, &record));
    records->push_back(std::move(record));
  }
}

Status CheckPageNumbers(int64_t document_id, const std::vector<Page>& pages) {
  std::set<int> seen;
  for (const Page& page : pages) {
    const std::string where = "pages of document " + std::to_string(document_id) + ": page number " +
                              std::to_string(page.number);
    if (page.number < 1) return Status::InvalidArgument(where + " is below 1");
    if (!seen.insert(page.number).second) return Status::InvalidArgument(where + " appears twice");
  }
  return Status::Ok();
}

std::string DocumentNotFound(const std::string& path, int64_t document_id) {
  return path + ": no document with id " + std::to_string(document_id);
}

}  // namespace

Status ReadDocumentRow(const SqliteStatement& row, int first, const std::string& path, DocumentRecord* record) {
  record->id = row.ColumnInt64(first);
  record->sha256 = row.ColumnText(first + 1);
  record->original_name = row.ColumnText(first + 2);
  record->source = row.ColumnText(first + 3);
  record->media_type = ParseMediaTypeName(row.ColumnText(first + 4));
  record->size_bytes = row.ColumnInt64(first + 5);
  record->page_count = static_cast<int>(row.ColumnInt64(first + 6));
  const std::string status = row.ColumnText(first + 7);
  if (!ParseDocumentStatus(status, &record->status)) {
    return Status::Internal(path + ": document " + std::to_string(record->id) + " has unknown status '" + status +
                            "'");
  }
  record->error = row.ColumnText(first + 8);
  record->created_at = row.ColumnText(first + 9);
  record->updated_at = row.ColumnText(first + 10);
  return Status::Ok();
}

Result<std::unique_ptr<SqliteRepository>> SqliteRepository::Open(const std::string& database_path, Clock* clock) {
  if (clock == nullptr) clock = SystemClock();
  Result<std::unique_ptr<SqliteConnection>> connection = SqliteConnection::Open(database_path);
  if (!connection.ok()) return connection.status();
  QUAI_RETURN_IF_ERROR(ApplyMigrations(connection->get(), SchemaMigrations(), clock));
  return std::unique_ptr<SqliteRepository>(new SqliteRepository(std::move(connection).value(), clock));
}

SqliteRepository::SqliteRepository(std::unique_ptr<SqliteConnection> connection, Clock* clock)
    : connection_(std::move(connection)), clock_(clock) {}

SqliteRepository::~SqliteRepository() = default;

Result<int64_t> SqliteRepository::AddDocument(const DocumentRecord& record) {
  if (!IsLowercaseHex(record.sha256)) {
    return Status::InvalidArgument("document '" + record.original_name + "': SHA-256 '" + record.sha256 +
                                   "' is not lowercase hex");
  }
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "adding document '" + record.original_name + "' (SHA-256 " + record.sha256 + ")";
  const std::string now = FormatUtcTimestamp(clock_->Now());
  int64_t id = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertDocument);
    insert->BindText(1, record.sha256);
    insert->BindText(2, record.original_name);
    insert->BindText(3, record.source);
    insert->BindText(4, MediaTypeName(record.media_type));
    insert->BindInt64(5, record.size_bytes);
    insert->BindText(6, now);
    insert->BindText(7, record.origin_json);
    QUAI_RETURN_IF_ERROR(insert->Run(context));
    id = connection_->LastInsertRowId();
    // A received document always has its read job: nothing accepted waits unseen.
    NewJob read;
    read.kind = JobKind::kRead;
    read.document_id = id;
    int64_t job_id = 0;
    return InsertJob(read, NowMs(), context, &job_id);
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::optional<DocumentRecord>> SqliteRepository::FindDocumentBySha256(const std::string& sha256) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding document with SHA-256 " + sha256;
  std::optional<DocumentRecord> found;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectDocumentBySha256);
    select->BindText(1, sha256);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    found.emplace();
    return ReadDocument(*select, connection_->path(), &*found);
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<DocumentRecord>> SqliteRepository::FindDocumentsBySha256Prefix(const std::string& prefix,
                                                                                   int limit) {
  std::string lower = prefix;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  if (!IsLowercaseHex(lower)) return Status::InvalidArgument("'" + prefix + "' is not the start of a SHA-256");
  if (limit < 0) return Status::InvalidArgument("limit must not be negative, got " + std::to_string(limit));
  // Every stored SHA-256 is lowercase hex, so all that start with `lower` sort below `lower` + 'g'.
  const std::string upper = lower + "g";
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding documents whose SHA-256 starts with " + lower;
  std::vector<DocumentRecord> found;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectDocumentsBySha256Range);
    select->BindText(1, lower);
    select->BindText(2, upper);
    select->BindInt64(3, limit);
    return ReadDocuments(&*select, connection_->path(), context, &found);
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::optional<DocumentRecord>> SqliteRepository::FindDocument(int64_t id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding document " + std::to_string(id);
  std::optional<DocumentRecord> found;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectDocumentById);
    select->BindInt64(1, id);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    found.emplace();
    return ReadDocument(*select, connection_->path(), &*found);
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<DocumentRecord>> SqliteRepository::ListDocuments(const DocumentFilter& filter) {
  if (filter.limit < 0 || filter.offset < 0) {
    return Status::InvalidArgument("listing documents: limit and offset must not be negative, got limit " +
                                   std::to_string(filter.limit) + " and offset " + std::to_string(filter.offset));
  }
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing documents";
  std::vector<DocumentRecord> listed;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, filter.status ? kListDocumentsWithStatus : kListDocuments);
    select->BindInt64(1, filter.limit);
    select->BindInt64(2, filter.offset);
    if (filter.status) select->BindText(3, DocumentStatusName(*filter.status));
    return ReadDocuments(&*select, connection_->path(), context, &listed);
  });
  if (!status.ok()) return status;
  return listed;
}

Status SqliteRepository::SavePages(int64_t document_id, const std::vector<Page>& pages) {
  QUAI_RETURN_IF_ERROR(CheckPageNumbers(document_id, pages));
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "saving pages of document " + std::to_string(document_id);
  const std::string now = FormatUtcTimestamp(clock_->Now());
  return connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(mark, connection_, kMarkProcessed);
      mark->BindInt64(1, document_id);
      mark->BindInt64(2, static_cast<int64_t>(pages.size()));
      mark->BindText(3, now);
      QUAI_RETURN_IF_ERROR(mark->Run(context));
      if (connection_->ChangedRows() == 0) return Status::NotFound(DocumentNotFound(connection_->path(), document_id));
    }
    {
      QUAI_SQLITE_PREPARE(remove, connection_, kDeletePages);
      remove->BindInt64(1, document_id);
      QUAI_RETURN_IF_ERROR(remove->Run(context));
    }
    for (const Page& page : pages) QUAI_RETURN_IF_ERROR(InsertPage(document_id, page));
    return FinishDocumentJob(JobKind::kRead, document_id, "{\"outcome\":\"processed\"}", context);
  });
}

Status SqliteRepository::InsertPage(int64_t document_id, const Page& page) {
  const std::string context = "saving page " + std::to_string(page.number) + " of document " +
                              std::to_string(document_id);
  {
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertPage);
    insert->BindInt64(1, document_id);
    insert->BindInt64(2, page.number);
    insert->BindDouble(3, page.width);
    insert->BindDouble(4, page.height);
    insert->BindInt64(5, page.dpi);
    insert->BindInt64(6, page.rotation);
    insert->BindDouble(7, page.skew_degrees);
    insert->BindText(8, TextSourceName(page.text_source));
    QUAI_RETURN_IF_ERROR(insert->Run(context));
  }
  // One cached statement for every word: only the values change between rows.
  QUAI_SQLITE_PREPARE(insert_word, connection_, kInsertWord);
  for (size_t position = 0; position < page.words.size(); ++position) {
    const Word& word = page.words[position];
    insert_word->BindInt64(1, document_id);
    insert_word->BindInt64(2, page.number);
    insert_word->BindInt64(3, static_cast<int64_t>(position));
    insert_word->BindText(4, word.text);
    insert_word->BindDouble(5, word.box.x0);
    insert_word->BindDouble(6, word.box.y0);
    insert_word->BindDouble(7, word.box.x1);
    insert_word->BindDouble(8, word.box.y1);
    insert_word->BindDouble(9, word.confidence);
    insert_word->BindInt64(10, word.block);
    insert_word->BindInt64(11, word.line);
    QUAI_RETURN_IF_ERROR(insert_word->Run(context));
    insert_word->Reset();
  }
  return Status::Ok();
}

Status SqliteRepository::MarkRefused(int64_t document_id, const std::string& error) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "marking document " + std::to_string(document_id) + " refused";
  const std::string now = FormatUtcTimestamp(clock_->Now());
  return connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(mark, connection_, kMarkRefused);
      mark->BindInt64(1, document_id);
      mark->BindText(2, error);
      mark->BindText(3, now);
      QUAI_RETURN_IF_ERROR(mark->Run(context));
      if (connection_->ChangedRows() == 0) return Status::NotFound(DocumentNotFound(connection_->path(), document_id));
    }
    QUAI_SQLITE_PREPARE(remove, connection_, kDeletePages);
    remove->BindInt64(1, document_id);
    QUAI_RETURN_IF_ERROR(remove->Run(context));
    return FinishDocumentJob(JobKind::kRead, document_id, "{\"outcome\":\"refused\"}", context);
  });
}

// The document's status, NotFound naming it when there is none.
static Status RequireRefused(SqliteConnection* connection, int64_t document_id, const std::string& doing,
                             const std::string& context) {
  QUAI_SQLITE_PREPARE(select, connection, kSelectDocumentStatus);
  select->BindInt64(1, document_id);
  Result<bool> row = select->Step(context);
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(DocumentNotFound(connection->path(), document_id));
  const std::string status = select->ColumnText(0);
  if (status != "refused") {
    return Status::FailedPrecondition("document " + std::to_string(document_id) + " is " + status +
                                      ", not refused: only a refused document can be " + doing);
  }
  return Status::Ok();
}

Status SqliteRepository::ReadAgain(int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading document " + std::to_string(document_id) + " again";
  const std::string now = FormatUtcTimestamp(clock_->Now());
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_RETURN_IF_ERROR(RequireRefused(connection_.get(), document_id, "read again", context));
    {
      QUAI_SQLITE_PREPARE(update, connection_, kReadAgain);
      update->BindInt64(1, document_id);
      update->BindText(2, now);
      QUAI_RETURN_IF_ERROR(update->Run(context));
    }
    NewJob read;
    read.kind = JobKind::kRead;
    read.document_id = document_id;
    int64_t job_id = 0;
    return InsertJob(read, NowMs(), context, &job_id);
  });
}

Result<int> SqliteRepository::DeleteRefused(int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "deleting refused document " + std::to_string(document_id);
  int others = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_RETURN_IF_ERROR(RequireRefused(connection_.get(), document_id, "deleted", context));
    std::string sha256;
    {
      QUAI_SQLITE_PREPARE(select, connection_, kSelectSha256);
      select->BindInt64(1, document_id);
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (*row) sha256 = select->ColumnText(0);
    }
    for (const char* sql : kDeleteRefusedParts) {
      QUAI_SQLITE_PREPARE(remove, connection_, sql);
      remove->BindInt64(1, document_id);
      QUAI_RETURN_IF_ERROR(remove->Run(context));
    }
    QUAI_SQLITE_PREPARE(count, connection_, kCountSameSha256);
    count->BindText(1, sha256);
    Result<bool> row = count->Step(context);
    if (!row.ok()) return row.status();
    others = *row ? static_cast<int>(count->ColumnInt64(0)) : 0;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return others;
}

Result<std::vector<Page>> SqliteRepository::LoadPages(int64_t document_id) { return ReadPages(document_id, 0); }

Result<std::optional<Page>> SqliteRepository::LoadPage(int64_t document_id, int number) {
  if (number < 1) return std::optional<Page>();
  auto pages = ReadPages(document_id, number);
  if (!pages.ok()) return pages.status();
  if (pages->empty()) return std::optional<Page>();
  return std::optional<Page>(std::move(pages->front()));
}

Result<std::vector<Page>> SqliteRepository::ReadPages(int64_t document_id, int number) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = number == 0 ? "loading pages of document " + std::to_string(document_id)
                                          : "loading page " + std::to_string(number) + " of document " +
                                                std::to_string(document_id);
  std::vector<Page> pages;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(exists, connection_, kDocumentExists);
      exists->BindInt64(1, document_id);
      Result<bool> row = exists->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::NotFound(DocumentNotFound(connection_->path(), document_id));
    }
    {
      QUAI_SQLITE_PREPARE(select, connection_, number == 0 ? kSelectPages : kSelectPage);
      select->BindInt64(1, document_id);
      if (number != 0) select->BindInt64(2, number);
      while (true) {
        Result<bool> row = select->Step(context);
        if (!row.ok()) return row.status();
        if (!*row) break;
        Page& page = pages.emplace_back();
        page.number = static_cast<int>(select->ColumnInt64(0));
        page.width = select->ColumnDouble(1);
        page.height = select->ColumnDouble(2);
        page.dpi = static_cast<int>(select->ColumnInt64(3));
        page.rotation = static_cast<int>(select->ColumnInt64(4));
        page.skew_degrees = select->ColumnDouble(5);
        page.text_source = select->ColumnText(6) == TextSourceName(TextSource::kOcr) ? TextSource::kOcr
                                                                                     : TextSource::kTextLayer;
      }
    }
    // Both queries are ordered by page number, so words are dealt to pages in one pass.
    QUAI_SQLITE_PREPARE(select, connection_, number == 0 ? kSelectWords : kSelectPageWords);
    select->BindInt64(1, document_id);
    if (number != 0) select->BindInt64(2, number);
    size_t page_index = 0;
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) break;
      const int page_number = static_cast<int>(select->ColumnInt64(0));
      while (page_index < pages.size() && pages[page_index].number < page_number) ++page_index;
      if (page_index == pages.size() || pages[page_index].number != page_number) {
        return Status::Internal(connection_->path() + ": " + context + ": word on missing page " +
                                std::to_string(page_number));
      }
      Word& word = pages[page_index].words.emplace_back();
      word.text = select->ColumnText(1);
      word.box = Box{select->ColumnDouble(2), select->ColumnDouble(3), select->ColumnDouble(4),
                     select->ColumnDouble(5)};
      word.confidence = select->ColumnDouble(6);
      word.block = static_cast<int>(select->ColumnInt64(7));
      word.line = static_cast<int>(select->ColumnInt64(8));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return pages;
}

Status SqliteRepository::SaveExtraction(const StoredExtraction& extraction) {
  const std::string context = "saving extraction of document " + std::to_string(extraction.document_id) +
                              " by model '" + extraction.model_version + "'";
  if (extraction.model_version.empty()) return Status::InvalidArgument(context + ": model version is empty");
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string now = FormatUtcTimestamp(clock_->Now());
  return connection_->InTransaction(context, [&]() -> Status {
    // Checked first so an unknown document is NotFound, not a foreign key failure.
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(extraction.document_id, context));
    {
      QUAI_SQLITE_PREPARE(remove, connection_, kDeleteExtraction);
      remove->BindInt64(1, extraction.document_id);
      remove->BindText(2, extraction.model_version);
      QUAI_RETURN_IF_ERROR(remove->Run(context));
    }
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertExtraction);
    insert->BindInt64(1, extraction.document_id);
    insert->BindText(2, extraction.model_version);
    insert->BindText(3, extraction.document_type);
    insert->BindInt64(4, extraction.review_required ? 1 : 0);
    insert->BindText(5, extraction.result_json);
    insert->BindText(6, now);
    insert->BindText(7, extraction.supplier);
    if (extraction.mean_confidence) insert->BindDouble(8, *extraction.mean_confidence);  // unbound is NULL
    QUAI_RETURN_IF_ERROR(insert->Run(context));
    // Its values stand for the document in searches until a person edits it.
    QUAI_SQLITE_PREPARE(edited, connection_, "SELECT 1 FROM review_state WHERE document_id = ?1");
    edited->BindInt64(1, extraction.document_id);
    Result<bool> has_state = edited->Step(context);
    if (!has_state.ok()) return has_state.status();
    if (*has_state) return Status::Ok();
    QUAI_RETURN_IF_ERROR(ReplaceSearchValues(extraction.document_id, extraction.search_values, context));
    if (extraction.accepted) QUAI_RETURN_IF_ERROR(RecordAcceptance(extraction.document_id, *extraction.accepted, context));
    return Status::Ok();
  });
}

Result<std::optional<StoredExtraction>> SqliteRepository::LatestExtraction(int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding the latest extraction of document " + std::to_string(document_id);
  std::vector<StoredExtraction> found;
  Status status = connection_->InTransaction(
      context, [&]() -> Status { return ReadExtractions(document_id, 1, context, &found); });
  if (!status.ok()) return status;
  if (found.empty()) return std::optional<StoredExtraction>();
  return std::optional<StoredExtraction>(std::move(found.front()));
}

Result<std::vector<StoredExtraction>> SqliteRepository::ListExtractions(int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing extractions of document " + std::to_string(document_id);
  std::vector<StoredExtraction> listed;
  Status status = connection_->InTransaction(
      context, [&]() -> Status { return ReadExtractions(document_id, -1, context, &listed); });
  if (!status.ok()) return status;
  return listed;
}

Status SqliteRepository::CheckDocumentExists(int64_t document_id, const std::string& context) {
  QUAI_SQLITE_PREPARE(exists, connection_, kDocumentExists);
  exists->BindInt64(1, document_id);
  Result<bool> row = exists->Step(context);
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(DocumentNotFound(connection_->path(), document_id));
  return Status::Ok();
}

Status SqliteRepository::ReadExtractions(int64_t document_id, int64_t limit, const std::string& context,
                                         std::vector<StoredExtraction>* extractions) {
  QUAI_RETURN_IF_ERROR(CheckDocumentExists(document_id, context));
  QUAI_SQLITE_PREPARE(select, connection_, kSelectExtractions);
  select->BindInt64(1, document_id);
  select->BindInt64(2, limit);
  while (true) {
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    StoredExtraction& extraction = extractions->emplace_back();
    extraction.document_id = select->ColumnInt64(0);
    extraction.model_version = select->ColumnText(1);
    extraction.document_type = select->ColumnText(2);
    extraction.review_required = select->ColumnInt64(3) != 0;
    extraction.result_json = select->ColumnText(4);
    extraction.created_at = select->ColumnText(5);
    extraction.supplier = select->ColumnText(6);
    if (!select->ColumnIsNull(7)) extraction.mean_confidence = select->ColumnDouble(7);
  }
}

Status SqliteRepository::ReplaceSearchValues(int64_t document_id, const std::vector<SearchValue>& values,
                                             const std::string& context) {
  {
    QUAI_SQLITE_PREPARE(remove, connection_, "DELETE FROM document_values WHERE document_id = ?1");
    remove->BindInt64(1, document_id);
    QUAI_RETURN_IF_ERROR(remove->Run(context));
  }
  QUAI_SQLITE_PREPARE(insert, connection_, "INSERT INTO document_values(document_id, field, value) VALUES(?1, ?2, ?3)");
  for (const SearchValue& value : values) {
    insert->BindInt64(1, document_id);
    insert->BindText(2, value.field);
    insert->BindText(3, value.value);
    QUAI_RETURN_IF_ERROR(insert->Run(context));
    insert->Reset();
  }
  return Status::Ok();
}

Result<std::vector<ReadConfidence>> SqliteRepository::RecentConfidences(int limit) {
  if (limit < 0) return Status::InvalidArgument("recent confidences: negative limit");
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading the latest confidences";
  std::vector<ReadConfidence> confidences;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectRecentConfidences);
    select->BindInt64(1, limit);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      confidences.push_back({select->ColumnInt64(0), select->ColumnDouble(1)});
    }
  });
  if (!status.ok()) return status;
  return confidences;
}

Result<std::string> SqliteRepository::ReadPragma(const std::string& name) {
  static const std::set<std::string> kReadable = {"journal_mode", "synchronous", "foreign_keys", "busy_timeout"};
  if (kReadable.count(name) == 0) return Status::InvalidArgument("cannot read pragma '" + name + "'");
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  return connection_->QueryText("PRAGMA " + name);
}

}  // namespace quai
