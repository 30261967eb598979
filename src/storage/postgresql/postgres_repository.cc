#include "storage/postgresql/postgres_repository.h"

#include <algorithm>
#include <set>
#include <utility>

#include "storage/postgresql/postgres_document_row.h"
#include "storage/postgresql/postgres_migrations.h"
#include "storage/postgresql/postgres_pool.h"

namespace quai {
namespace {

constexpr char kSelectDocuments[] = "SELECT " QUAI_PG_DOCUMENT_COLUMNS " FROM documents ";
// Words are sent this many to a statement: one round trip per batch, not per word.
constexpr size_t kWordsPerStatement = 500;

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

Status ReadDocuments(const PostgresRows& rows, std::vector<DocumentRecord>* records) {
  for (int row = 0; row < rows.size(); ++row) {
    DocumentRecord record;
    QUAI_RETURN_IF_ERROR(ReadPostgresDocument(rows, row, 0, &record));
    records->push_back(std::move(record));
  }
  return Status::Ok();
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

std::string DocumentNotFound(const std::string& where, int64_t document_id) {
  return "PostgreSQL at " + where + ": no document with id " + std::to_string(document_id);
}

}  // namespace

Status ReadPostgresDocument(const PostgresRows& rows, int row, int first, DocumentRecord* record) {
  record->id = rows.Int(row, first);
  record->sha256 = rows.Text(row, first + 1);
  record->original_name = rows.Text(row, first + 2);
  record->source = rows.Text(row, first + 3);
  record->media_type = ParseMediaTypeName(rows.Text(row, first + 4));
  record->size_bytes = rows.Int(row, first + 5);
  record->page_count = static_cast<int>(rows.Int(row, first + 6));
  const std::string status = rows.Text(row, first + 7);
  if (!ParseDocumentStatus(status, &record->status))
    return Status::Internal("document " + std::to_string(record->id) + " has unknown status '" + status + "'");
  record->error = rows.Text(row, first + 8);
  record->created_at = rows.Text(row, first + 9);
  record->updated_at = rows.Text(row, first + 10);
  record->origin_json = rows.Text(row, first + 11);
  return Status::Ok();
}

Result<std::unique_ptr<PostgresRepository>> PostgresRepository::Open(const PostgresOptions& options, Clock* clock) {
  if (clock == nullptr) clock = SystemClock();
  auto pool = PostgresPool::Open(options);
  if (!pool.ok()) return pool.status();
  auto connection = pool.value()->OpenDedicated();
  if (!connection.ok()) return connection.status();
  QUAI_RETURN_IF_ERROR(ApplyAllPostgresMigrations(connection.value().get(), clock));
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

Result<int64_t> PostgresRepository::AddDocument(const DocumentRecord& record) {
  if (!IsLowercaseHex(record.sha256)) {
    return Status::InvalidArgument("document '" + record.original_name + "': SHA-256 '" + record.sha256 +
                                   "' is not lowercase hex");
  }
  const std::string context = "adding document '" + record.original_name + "' (SHA-256 " + record.sha256 + ")";
  const std::string now = NowText();
  int64_t id = 0;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(inserted, db.Query("INSERT INTO documents(sha256, original_name, source, media_type, size_bytes, "
                                    "page_count, status, error, created_at, updated_at, origin_json) "
                                    "VALUES($1, $2, $3, $4, $5, 0, 'received', '', $6, $6, $7) RETURNING id",
                                    {record.sha256, record.original_name, record.source,
                                     MediaTypeName(record.media_type), record.size_bytes, now, record.origin_json},
                                    context));
    id = inserted.Int(0, 0);
    // A received document always has its read job: nothing accepted waits unseen.
    NewJob read;
    read.kind = JobKind::kRead;
    read.document_id = id;
    int64_t job_id = 0;
    return InsertJob(db, read, NowMs(), context, &job_id);
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::optional<DocumentRecord>> PostgresRepository::FindDocumentBySha256(const std::string& sha256) {
  const std::string context = "finding document with SHA-256 " + sha256;
  std::optional<DocumentRecord> found;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query(std::string(kSelectDocuments) + "WHERE sha256 = $1", {sha256}, context));
    if (rows.empty()) return Status::Ok();
    found.emplace();
    return ReadPostgresDocument(rows, 0, 0, &*found);
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<DocumentRecord>> PostgresRepository::FindDocumentsBySha256Prefix(const std::string& prefix,
                                                                                     int limit) {
  std::string lower = prefix;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  if (!IsLowercaseHex(lower)) return Status::InvalidArgument("'" + prefix + "' is not the start of a SHA-256");
  if (limit < 0) return Status::InvalidArgument("limit must not be negative, got " + std::to_string(limit));
  const std::string upper = lower + "g";
  const std::string context = "finding documents whose SHA-256 starts with " + lower;
  std::vector<DocumentRecord> found;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    // COLLATE "C": byte order, as the range assumes (the database's collation may differ).
    QUAI_PG_ROWS(rows, db.Query(std::string(kSelectDocuments) +
                                    "WHERE sha256 COLLATE \"C\" >= $1 AND sha256 COLLATE \"C\" < $2 "
                                    "ORDER BY sha256 COLLATE \"C\" LIMIT $3",
                                {lower, upper, limit}, context));
    return ReadDocuments(rows, &found);
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::optional<DocumentRecord>> PostgresRepository::FindDocument(int64_t id) {
  const std::string context = "finding document " + std::to_string(id);
  std::optional<DocumentRecord> found;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query(std::string(kSelectDocuments) + "WHERE id = $1", {id}, context));
    if (rows.empty()) return Status::Ok();
    found.emplace();
    return ReadPostgresDocument(rows, 0, 0, &*found);
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<DocumentRecord>> PostgresRepository::ListDocuments(const DocumentFilter& filter) {
  if (filter.limit < 0 || filter.offset < 0) {
    return Status::InvalidArgument("listing documents: limit and offset must not be negative, got limit " +
                                   std::to_string(filter.limit) + " and offset " + std::to_string(filter.offset));
  }
  const std::string context = "listing documents";
  std::vector<DocumentRecord> listed;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    std::vector<SqlValue> parameters = {static_cast<int64_t>(filter.limit), static_cast<int64_t>(filter.offset)};
    std::string sql = kSelectDocuments;
    if (filter.status) {
      sql += "WHERE status = $3 ";
      parameters.emplace_back(DocumentStatusName(*filter.status));
    }
    QUAI_PG_ROWS(rows, db.Query(sql + "ORDER BY id DESC LIMIT $1 OFFSET $2", parameters, context));
    return ReadDocuments(rows, &listed);
  });
  if (!status.ok()) return status;
  return listed;
}

Status PostgresRepository::SavePages(int64_t document_id, const std::vector<Page>& pages) {
  QUAI_RETURN_IF_ERROR(CheckPageNumbers(document_id, pages));
  const std::string context = "saving pages of document " + std::to_string(document_id);
  const std::string now = NowText();
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(marked, db.Query("UPDATE documents SET status = 'processed', error = '', page_count = $2, "
                                  "updated_at = $3 WHERE id = $1",
                                  {document_id, static_cast<int64_t>(pages.size()), now}, context));
    if (marked.changed() == 0) return Status::NotFound(DocumentNotFound(where(), document_id));
    QUAI_RETURN_IF_ERROR(db.Query("DELETE FROM pages WHERE document_id = $1", {document_id}, context).status());
    for (const Page& page : pages) QUAI_RETURN_IF_ERROR(InsertPage(db, document_id, page));
    return FinishDocumentJob(db, JobKind::kRead, document_id, "{\"outcome\":\"processed\"}", context);
  });
}

Status PostgresRepository::InsertPage(PostgresConnection& db, int64_t document_id, const Page& page) {
  const std::string context = "saving page " + std::to_string(page.number) + " of document " +
                              std::to_string(document_id);
  QUAI_RETURN_IF_ERROR(db.Query("INSERT INTO pages(document_id, number, width, height, dpi, rotation, skew_degrees, "
                                "text_source) VALUES($1, $2, $3, $4, $5, $6, $7, $8)",
                                {document_id, page.number, page.width, page.height, page.dpi, page.rotation,
                                 page.skew_degrees, TextSourceName(page.text_source)},
                                context)
                           .status());
  for (size_t start = 0; start < page.words.size(); start += kWordsPerStatement) {
    size_t end = std::min(page.words.size(), start + kWordsPerStatement);
    std::string sql =
        "INSERT INTO words(document_id, page_number, position, text, x0, y0, x1, y1, confidence, block, line) "
        "VALUES ";
    std::vector<SqlValue> parameters;
    parameters.reserve((end - start) * 11);
    for (size_t position = start; position < end; ++position) {
      const Word& word = page.words[position];
      size_t base = parameters.size();
      if (position != start) sql += ", ";
      sql += "(";
      for (int i = 1; i <= 11; ++i) sql += (i > 1 ? ", $" : "$") + std::to_string(base + i);
      sql += ")";
      parameters.insert(parameters.end(),
                        {document_id, page.number, static_cast<int64_t>(position), word.text, word.box.x0,
                         word.box.y0, word.box.x1, word.box.y1, word.confidence, word.block, word.line});
    }
    QUAI_RETURN_IF_ERROR(db.Query(sql, parameters, context).status());
  }
  return Status::Ok();
}

Status PostgresRepository::MarkRefused(int64_t document_id, const std::string& error) {
  const std::string context = "marking document " + std::to_string(document_id) + " refused";
  const std::string now = NowText();
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(marked, db.Query("UPDATE documents SET status = 'refused', error = $2, page_count = 0, "
                                  "updated_at = $3 WHERE id = $1",
                                  {document_id, error, now}, context));
    if (marked.changed() == 0) return Status::NotFound(DocumentNotFound(where(), document_id));
    QUAI_RETURN_IF_ERROR(db.Query("DELETE FROM pages WHERE document_id = $1", {document_id}, context).status());
    return FinishDocumentJob(db, JobKind::kRead, document_id, "{\"outcome\":\"refused\"}", context);
  });
}

// NotFound for an unknown document, FailedPrecondition unless it is refused;
// its row is locked, so it stays refused until the transaction ends.
static Status RequireRefused(PostgresConnection& db, int64_t document_id, const std::string& doing,
                             const std::string& context) {
  QUAI_PG_ROWS(rows, db.Query("SELECT status FROM documents WHERE id = $1 FOR UPDATE", {document_id}, context));
  if (rows.empty()) return Status::NotFound(DocumentNotFound(db.where(), document_id));
  const std::string status = rows.Text(0, 0);
  if (status != "refused") {
    return Status::FailedPrecondition("document " + std::to_string(document_id) + " is " + status +
                                      ", not refused: only a refused document can be " + doing);
  }
  return Status::Ok();
}

Status PostgresRepository::ReadAgain(int64_t document_id) {
  const std::string context = "reading document " + std::to_string(document_id) + " again";
  const std::string now = NowText();
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_RETURN_IF_ERROR(RequireRefused(db, document_id, "read again", context));
    QUAI_RETURN_IF_ERROR(db.Query("UPDATE documents SET status = 'received', error = '', page_count = 0, "
                                  "updated_at = $2 WHERE id = $1 AND status = 'refused'",
                                  {document_id, now}, context)
                             .status());
    NewJob read;
    read.kind = JobKind::kRead;
    read.document_id = document_id;
    int64_t job_id = 0;
    return InsertJob(db, read, NowMs(), context, &job_id);
  });
}

Result<int> PostgresRepository::DeleteRefused(int64_t document_id) {
  const std::string context = "deleting refused document " + std::to_string(document_id);
  int others = 0;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_RETURN_IF_ERROR(RequireRefused(db, document_id, "deleted", context));
    QUAI_PG_ROWS(sha, db.Query("SELECT sha256 FROM documents WHERE id = $1", {document_id}, context));
    const std::string sha256 = sha.empty() ? "" : sha.Text(0, 0);
    // What hangs off a refused document without ON DELETE CASCADE (events a
    // person may have left; a review state or a training example it cannot
    // have, deleted all the same so that the last statement never fails on a key).
    for (const char* sql : {"DELETE FROM review_events WHERE document_id = $1",
                            "DELETE FROM review_state WHERE document_id = $1",
                            "DELETE FROM training_examples WHERE document_id = $1",
                            "DELETE FROM documents WHERE id = $1 AND status = 'refused'"}) {
      QUAI_RETURN_IF_ERROR(db.Query(sql, {document_id}, context).status());
    }
    QUAI_PG_ROWS(count, db.Query("SELECT count(*) FROM documents WHERE sha256 = $1", {sha256}, context));
    others = static_cast<int>(count.Int(0, 0));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return others;
}

Result<std::vector<Page>> PostgresRepository::LoadPages(int64_t document_id) { return ReadPages(document_id, 0); }

Result<std::optional<Page>> PostgresRepository::LoadPage(int64_t document_id, int number) {
  if (number < 1) return std::optional<Page>();
  auto pages = ReadPages(document_id, number);
  if (!pages.ok()) return pages.status();
  if (pages->empty()) return std::optional<Page>();
  return std::optional<Page>(std::move(pages->front()));
}

Result<std::vector<Page>> PostgresRepository::ReadPages(int64_t document_id, int number) {
  const std::string context = number == 0 ? "loading pages of document " + std::to_string(document_id)
                                          : "loading page " + std::to_string(number) + " of document " +
                                                std::to_string(document_id);
  std::vector<Page> pages;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(db, document_id, context));
    std::string page_filter = number == 0 ? "" : " AND number = $2";
    std::string word_filter = number == 0 ? "" : " AND page_number = $2";
    std::vector<SqlValue> parameters = {document_id};
    if (number != 0) parameters.emplace_back(number);
    QUAI_PG_ROWS(page_rows, db.Query("SELECT number, width, height, dpi, rotation, skew_degrees, text_source "
                                     "FROM pages WHERE document_id = $1" +
                                         page_filter + " ORDER BY number",
                                     parameters, context));
    for (int row = 0; row < page_rows.size(); ++row) {
      Page& page = pages.emplace_back();
      page.number = static_cast<int>(page_rows.Int(row, 0));
      page.width = page_rows.Double(row, 1);
      page.height = page_rows.Double(row, 2);
      page.dpi = static_cast<int>(page_rows.Int(row, 3));
      page.rotation = static_cast<int>(page_rows.Int(row, 4));
      page.skew_degrees = page_rows.Double(row, 5);
      page.text_source =
          page_rows.Text(row, 6) == TextSourceName(TextSource::kOcr) ? TextSource::kOcr : TextSource::kTextLayer;
    }
    QUAI_PG_ROWS(words, db.Query("SELECT page_number, text, x0, y0, x1, y1, confidence, block, line FROM words "
                                 "WHERE document_id = $1" +
                                     word_filter + " ORDER BY page_number, position",
                                 parameters, context));
    size_t page_index = 0;
    for (int row = 0; row < words.size(); ++row) {
      const int page_number = static_cast<int>(words.Int(row, 0));
      while (page_index < pages.size() && pages[page_index].number < page_number) ++page_index;
      if (page_index == pages.size() || pages[page_index].number != page_number)
        return Status::Internal(context + ": word on missing page " + std::to_string(page_number));
      Word& word = pages[page_index].words.emplace_back();
      word.text = words.Text(row, 1);
      word.box = Box{words.Double(row, 2), words.Double(row, 3), words.Double(row, 4), words.Double(row, 5)};
      word.confidence = words.Double(row, 6);
      word.block = static_cast<int>(words.Int(row, 7));
      word.line = static_cast<int>(words.Int(row, 8));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return pages;
}

Status PostgresRepository::SaveExtraction(const StoredExtraction& extraction) {
  const std::string context = "saving extraction of document " + std::to_string(extraction.document_id) +
                              " by model '" + extraction.model_version + "'";
  if (extraction.model_version.empty()) return Status::InvalidArgument(context + ": model version is empty");
  const std::string now = NowText();
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(db, extraction.document_id, context));
    // Replacing deletes then inserts, so the replacement takes the next id.
    QUAI_RETURN_IF_ERROR(db.Query("DELETE FROM extractions WHERE document_id = $1 AND model_version = $2",
                                  {extraction.document_id, extraction.model_version}, context)
                             .status());
    QUAI_RETURN_IF_ERROR(db.Query("INSERT INTO extractions(document_id, model_version, document_type, "
                                  "review_required, result_json, created_at, supplier, mean_confidence) "
                                  "VALUES($1, $2, $3, $4, $5, $6, $7, $8)",
                                  {extraction.document_id, extraction.model_version, extraction.document_type,
                                   extraction.review_required ? 1 : 0, extraction.result_json, now,
                                   extraction.supplier, extraction.mean_confidence},
                                  context)
                             .status());
    // Its values stand for the document in searches until a person edits it.
    QUAI_PG_ROWS(edited, db.Query("SELECT 1 FROM review_state WHERE document_id = $1", {extraction.document_id},
                                  context));
    if (!edited.empty()) return Status::Ok();
    QUAI_RETURN_IF_ERROR(ReplaceSearchValues(db, extraction.document_id, extraction.search_values, context));
    if (extraction.accepted)
      QUAI_RETURN_IF_ERROR(RecordAcceptance(db, extraction.document_id, *extraction.accepted, context));
    return Status::Ok();
  });
}

Result<std::optional<StoredExtraction>> PostgresRepository::LatestExtraction(int64_t document_id) {
  const std::string context = "finding the latest extraction of document " + std::to_string(document_id);
  std::vector<StoredExtraction> found;
  Status status = InTransaction(
      context, [&](PostgresConnection& db) { return ReadExtractions(db, document_id, 1, context, &found); });
  if (!status.ok()) return status;
  if (found.empty()) return std::optional<StoredExtraction>();
  return std::optional<StoredExtraction>(std::move(found.front()));
}

Result<std::vector<StoredExtraction>> PostgresRepository::ListExtractions(int64_t document_id) {
  const std::string context = "listing extractions of document " + std::to_string(document_id);
  std::vector<StoredExtraction> listed;
  Status status = InTransaction(
      context, [&](PostgresConnection& db) { return ReadExtractions(db, document_id, -1, context, &listed); });
  if (!status.ok()) return status;
  return listed;
}

Status PostgresRepository::CheckDocumentExists(PostgresConnection& db, int64_t document_id,
                                               const std::string& context) {
  QUAI_PG_ROWS(rows, db.Query("SELECT 1 FROM documents WHERE id = $1", {document_id}, context));
  if (rows.empty()) return Status::NotFound(DocumentNotFound(where(), document_id));
  return Status::Ok();
}

Status PostgresRepository::ReadExtractions(PostgresConnection& db, int64_t document_id, int64_t limit,
                                           const std::string& context, std::vector<StoredExtraction>* extractions) {
  QUAI_RETURN_IF_ERROR(CheckDocumentExists(db, document_id, context));
  // Timestamps are fixed-width UTC text, so they sort as times (byte order); id breaks ties.
  QUAI_PG_ROWS(rows, db.Query("SELECT document_id, model_version, document_type, review_required, result_json, "
                              "created_at, supplier, mean_confidence FROM extractions WHERE document_id = $1 "
                              "ORDER BY created_at COLLATE \"C\" DESC, id DESC LIMIT $2",
                              {document_id, limit < 0 ? SqlValue(std::nullopt) : SqlValue(limit)}, context));
  for (int row = 0; row < rows.size(); ++row) {
    StoredExtraction& extraction = extractions->emplace_back();
    extraction.document_id = rows.Int(row, 0);
    extraction.model_version = rows.Text(row, 1);
    extraction.document_type = rows.Text(row, 2);
    extraction.review_required = rows.Int(row, 3) != 0;
    extraction.result_json = rows.Text(row, 4);
    extraction.created_at = rows.Text(row, 5);
    extraction.supplier = rows.Text(row, 6);
    extraction.mean_confidence = rows.OptionalDouble(row, 7);
  }
  return Status::Ok();
}

Status PostgresRepository::ReplaceSearchValues(PostgresConnection& db, int64_t document_id,
                                               const std::vector<SearchValue>& values, const std::string& context) {
  QUAI_RETURN_IF_ERROR(
      db.Query("DELETE FROM document_values WHERE document_id = $1", {document_id}, context).status());
  if (values.empty()) return Status::Ok();
  std::string sql = "INSERT INTO document_values(document_id, field, value) VALUES ";
  std::vector<SqlValue> parameters = {document_id};
  for (size_t i = 0; i < values.size(); ++i) {
    sql += (i > 0 ? ", ($1, $" : "($1, $") + std::to_string(parameters.size() + 1) + ", $" +
           std::to_string(parameters.size() + 2) + ")";
    parameters.emplace_back(values[i].field);
    parameters.emplace_back(values[i].value);
  }
  return db.Query(sql, parameters, context).status();
}

Result<std::vector<ReadConfidence>> PostgresRepository::RecentConfidences(int limit) {
  if (limit < 0) return Status::InvalidArgument("recent confidences: negative limit");
  const std::string context = "reading the latest confidences";
  std::vector<ReadConfidence> confidences;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query("SELECT document_id, mean_confidence FROM extractions WHERE mean_confidence IS NOT "
                                "NULL ORDER BY created_at COLLATE \"C\" DESC, id DESC LIMIT $1",
                                {limit}, context));
    for (int row = 0; row < rows.size(); ++row) confidences.push_back({rows.Int(row, 0), rows.Double(row, 1)});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return confidences;
}

}  // namespace quai
