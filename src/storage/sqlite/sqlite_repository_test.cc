// What only the SQLite store shows: its pragmas, its files, its rows and its
// speed. What every backend must do is in storage/document_store_conformance.h,
// run for SQLite by sqlite_conformance_test.cc.
#include "storage/sqlite/sqlite_repository.h"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/no_space.h"
#include "gtest/gtest.h"
#include "fixtures/test_directory.h"
#include "storage/sqlite/sqlite_connection.h"

namespace quai {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

// 2026-11-21T10:04:05Z
const std::chrono::system_clock::time_point kStart =
    sys_days{std::chrono::year{2026} / 11 / 21} + 10h + 4min + 5s;

// A 64-digit lowercase hex string that starts with `prefix` and ends with `n`.
std::string Sha(const std::string& prefix, int n) {
  char tail[65];
  std::snprintf(tail, sizeof(tail), "%064x", n);
  return prefix + std::string(tail).substr(prefix.size());
}

DocumentRecord Record(const std::string& sha256, const std::string& name = "invoice.pdf") {
  DocumentRecord record;
  record.sha256 = sha256;
  record.original_name = name;
  record.source = "cli";
  record.media_type = MediaType::kPdf;
  record.size_bytes = 12345;
  return record;
}

Page MakePage(int number, int word_count, TextSource source = TextSource::kTextLayer) {
  Page page;
  page.number = number;
  page.width = 595.28;
  page.height = 841.89;
  page.text_source = source;
  for (int i = 0; i < word_count; ++i) {
    Word word;
    word.text = "w" + std::to_string(number) + "_" + std::to_string(i);
    word.box = Box{10.0 + i, 20.0 + number, 30.5 + i, 40.25 + number};
    word.confidence = 1.0;
    word.block = i / 100;
    word.line = i / 10;
    page.words.push_back(word);
  }
  return page;
}

StoredExtraction Extraction(int64_t document_id, const std::string& model_version,
                            const std::string& result_json = "{\"type\":\"invoice\"}",
                            const std::string& document_type = "invoice", bool review_required = true) {
  StoredExtraction extraction;
  extraction.document_id = document_id;
  extraction.model_version = model_version;
  extraction.result_json = result_json;
  extraction.document_type = document_type;
  extraction.review_required = review_required;
  return extraction;
}

std::vector<std::string> ModelVersions(const Result<std::vector<StoredExtraction>>& listed) {
  std::vector<std::string> out;
  if (listed.ok()) {
    for (const StoredExtraction& extraction : *listed) out.push_back(extraction.model_version);
  }
  return out;
}

// Reads one integer through a separate connection, as another process would.
int64_t QueryInt(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  int64_t value = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      value = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return value;
}

class SqliteRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    path_ = directory_.File("quai.db");
    repository_ = OpenRepository();
    ASSERT_NE(repository_, nullptr);
  }

  std::unique_ptr<SqliteRepository> OpenRepository() {
    Result<std::unique_ptr<SqliteRepository>> opened = SqliteRepository::Open(path_, &clock_);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return nullptr;
    return std::move(opened).value();
  }

  int64_t Add(const std::string& sha256, const std::string& name = "invoice.pdf") {
    Result<int64_t> id = repository_->AddDocument(Record(sha256, name));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  DocumentRecord Find(int64_t id) {
    Result<std::optional<DocumentRecord>> found = repository_->FindDocument(id);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_TRUE(found.ok() && found->has_value());
    return found.ok() && found->has_value() ? **found : DocumentRecord();
  }

  TestDirectory directory_;
  std::string path_;
  FakeClock clock_{kStart};
  std::unique_ptr<SqliteRepository> repository_;
};

TEST_F(SqliteRepositoryTest, ErrorsNameTheDatabaseFile) {
  const std::string sha = Sha("cafe", 1);
  int64_t id = Add(sha, "first.pdf");
  Result<int64_t> second = repository_->AddDocument(Record(sha, "second.pdf"));
  ASSERT_EQ(second.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(second.status().message().find(path_), std::string::npos) << second.status().message();
  Status saved = repository_->SaveExtraction(Extraction(424242, "v1"));
  ASSERT_EQ(saved.code(), StatusCode::kNotFound);
  EXPECT_NE(saved.message().find(path_), std::string::npos) << saved.message();
  EXPECT_NE(repository_->SavePages(id + 1, {}).message().find(path_), std::string::npos);
}

// The columns other tools (and a person with the sqlite3 shell) read, and no
// rows left behind by replaced, refused or refused-to-save data.
TEST_F(SqliteRepositoryTest, KeepsReadableColumnsAndLeavesNoRowsBehind) {
  int64_t id = Add(Sha("d0c", 1));
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM documents WHERE media_type = 'application/pdf'"), 1);
  EXPECT_EQ(repository_->AddDocument(Record(Sha("d0c", 1))).status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM documents"), 1);

  EXPECT_EQ(repository_->SavePages(777, {MakePage(1, 1)}).code(), StatusCode::kNotFound);
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM pages"), 0);
  ASSERT_TRUE(repository_->SavePages(id, {MakePage(1, 4), MakePage(2, 4, TextSource::kOcr), MakePage(3, 4)}).ok());
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM pages WHERE text_source = 'ocr'"), 1);
  ASSERT_TRUE(repository_->SavePages(id, {MakePage(1, 2)}).ok());
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM words"), 2);
  ASSERT_TRUE(repository_->MarkRefused(id, "encrypted PDF").ok());
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM pages"), 0);
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM words"), 0);

  EXPECT_EQ(repository_->SaveExtraction(Extraction(id, "")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(repository_->SaveExtraction(Extraction(424242, "v1")).code(), StatusCode::kNotFound);
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM extractions"), 0);
  ASSERT_TRUE(repository_->SaveExtraction(Extraction(id, "model-a", "{}", "receipt", false)).ok());
  ASSERT_TRUE(repository_->SaveExtraction(Extraction(id, "model-b")).ok());
  ASSERT_TRUE(repository_->SaveExtraction(Extraction(id, "model-a", "{}", "receipt", false)).ok());
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM extractions"), 2);
  EXPECT_EQ(QueryInt(path_, "SELECT review_required FROM extractions WHERE model_version = 'model-a'"), 0);
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM extractions WHERE document_type = 'receipt'"), 1);
}

TEST_F(SqliteRepositoryTest, FailedSavePagesRollsBackWholly) {
  int64_t id = Add(Sha("c", 1));
  ASSERT_TRUE(repository_->SavePages(id, {MakePage(1, 2)}).ok());
  // A trigger makes the third page's insert fail after the first two went in.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(RegisterSearchFold(db), SQLITE_OK);  // the schema's triggers call it
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER refuse_page_three BEFORE INSERT ON pages WHEN NEW.number = 3 "
                         "BEGIN SELECT RAISE(ABORT, 'page three refused'); END",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  Status saved = repository_->SavePages(id, {MakePage(1, 9), MakePage(2, 9), MakePage(3, 9)});
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.code(), StatusCode::kIoError);
  EXPECT_NE(saved.message().find("page three refused"), std::string::npos) << saved.message();
  EXPECT_NE(saved.message().find(path_), std::string::npos) << saved.message();

  DocumentRecord stored = Find(id);
  EXPECT_EQ(stored.page_count, 1);
  Result<std::vector<Page>> loaded = repository_->LoadPages(id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].words.size(), 2u);
  // The connection is usable afterwards: no transaction was left open.
  EXPECT_TRUE(repository_->SavePages(id, {MakePage(1, 1), MakePage(2, 1)}).ok());
}

TEST_F(SqliteRepositoryTest, SurvivesReopenInWalMode) {
  int64_t id = Add(Sha("9", 1));
  ASSERT_TRUE(repository_->SavePages(id, {MakePage(1, 7)}).ok());
  repository_.reset();

  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM words"), 7);
  repository_ = OpenRepository();
  ASSERT_NE(repository_, nullptr);
  Result<std::string> journal_mode = repository_->ReadPragma("journal_mode");
  ASSERT_TRUE(journal_mode.ok());
  EXPECT_EQ(*journal_mode, "wal");
  Result<std::vector<Page>> loaded = repository_->LoadPages(id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].words.size(), 7u);
  EXPECT_EQ(Find(id).status, DocumentStatus::kProcessed);
}

TEST_F(SqliteRepositoryTest, AppliesDurabilityAndIntegrityPragmas) {
  auto pragma = [&](const std::string& name) {
    Result<std::string> value = repository_->ReadPragma(name);
    EXPECT_TRUE(value.ok()) << value.status().ToString();
    return value.ok() ? *value : std::string();
  };
  EXPECT_EQ(pragma("journal_mode"), "wal");
  EXPECT_EQ(pragma("synchronous"), "2");  // FULL
  EXPECT_EQ(pragma("foreign_keys"), "1");
  EXPECT_EQ(pragma("busy_timeout"), "10000");
  EXPECT_EQ(repository_->ReadPragma("writable_schema").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteRepositoryTest, StoresFiftyPagesPerSecondOfThreeHundredWords) {
  constexpr int kDocuments = 20;
  constexpr int kPagesPerDocument = 5;
  std::vector<Page> pages;
  for (int p = 1; p <= kPagesPerDocument; ++p) pages.push_back(MakePage(p, 300));
  auto start = std::chrono::steady_clock::now();
  for (int d = 0; d < kDocuments; ++d) {
    int64_t id = Add(Sha("5", d + 1));
    ASSERT_TRUE(repository_->SavePages(id, pages).ok());
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double pages_per_second = kDocuments * kPagesPerDocument / seconds;
  RecordProperty("pages_per_second", static_cast<int>(pages_per_second));
  std::printf("stored %d pages of 300 words in %.3f s (%.0f pages/s)\n", kDocuments * kPagesPerDocument, seconds,
              pages_per_second);
  // Ingest must reach 50 pages/s including this call, so storing alone needs a wide margin
  // (one fsync per commit; ~2000 pages/s on an ordinary SSD).
  EXPECT_GE(pages_per_second, 100.0);
}

TEST_F(SqliteRepositoryTest, ExtractionsGoWithTheirDocument) {
  int64_t kept = Add(Sha("e9", 1));
  int64_t removed = Add(Sha("e9", 2));
  ASSERT_TRUE(repository_->SaveExtraction(Extraction(kept, "v1")).ok());
  ASSERT_TRUE(repository_->SaveExtraction(Extraction(removed, "v1")).ok());
  ASSERT_TRUE(repository_->SaveExtraction(Extraction(removed, "v2")).ok());

  // No DocumentStore method deletes documents yet; do it as another process would.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(RegisterSearchFold(db), SQLITE_OK);  // the schema's triggers call it
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, ("PRAGMA foreign_keys=ON; DELETE FROM documents WHERE id = " +
                              std::to_string(removed)).c_str(),
                         nullptr, nullptr, &error),
            SQLITE_OK)
      << (error != nullptr ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);

  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM extractions"), 1);
  EXPECT_EQ(ModelVersions(repository_->ListExtractions(kept)), (std::vector<std::string>{"v1"}));
  EXPECT_EQ(repository_->ListExtractions(removed).status().code(), StatusCode::kNotFound);
}

TEST(SqliteRepository, OpenNamesThePathWhenTheFolderIsMissing) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  const std::string path = directory.File("missing/quai.db");
  Result<std::unique_ptr<SqliteRepository>> opened = SqliteRepository::Open(path, nullptr);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kIoError);
  EXPECT_NE(opened.status().message().find(path), std::string::npos) << opened.status().message();
}

TEST(SqliteRepository, RefusesFileThatIsNotADatabase) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  const std::string path = directory.File("notes.db");
  std::ofstream(path) << "These are not the pages you are looking for.\n" << std::string(4096, 'x');
  Result<std::unique_ptr<SqliteRepository>> opened = SqliteRepository::Open(path, nullptr);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kIoError);
  EXPECT_NE(opened.status().message().find(path), std::string::npos) << opened.status().message();
}

// A database that cannot grow (max_page_count stands in for a full disk:
// SQLite answers SQLITE_FULL either way) fails its write with an error that
// names the cause, and nothing of the transaction stays.
TEST(SqliteConnectionTest, AWriteThatDoesNotFitSaysTheDiskIsFull) {
  TestDirectory directory;
  auto connection = SqliteConnection::Open(directory.File("full.db"));
  ASSERT_TRUE(connection.ok()) << connection.status().ToString();
  SqliteConnection& db = **connection;
  ASSERT_TRUE(db.Execute("CREATE TABLE t(x BLOB)", "creating").ok());
  auto pages = db.QueryText("PRAGMA page_count");
  ASSERT_TRUE(pages.ok());
  ASSERT_TRUE(db.Execute("PRAGMA max_page_count = " + *pages, "capping").ok());
  Status full = db.InTransaction("storing", [&] {
    return db.Execute("INSERT INTO t VALUES(randomblob(100000))", "inserting");
  });
  ASSERT_FALSE(full.ok());
  EXPECT_TRUE(IsNoSpace(full)) << full.ToString();
  EXPECT_NE(full.message().find("full.db"), std::string::npos) << full.ToString();
  auto rows = db.QueryText("SELECT count(*) FROM t");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, "0");
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

// The figures /metrics reads: each document once in received, then in the step
// it reached, the step taken as the review desk takes it.
TEST_F(SqliteRepositoryTest, MonitoringFiguresCountDocumentsByStepAsTheDeskSeesThem) {
  const int64_t waiting = Add(Sha("aa", 1), "waiting.pdf");
  const int64_t accepted = Add(Sha("aa", 2), "accepted.pdf");
  const int64_t refused = Add(Sha("aa", 3), "refused.pdf");
  Add(Sha("aa", 4), "received.pdf");
  ASSERT_TRUE(repository_->SavePages(waiting, {MakePage(1, 2)}).ok());
  ASSERT_TRUE(repository_->SaveExtraction(Extraction(waiting, "v7", "{}", "invoice", true)).ok());
  ASSERT_TRUE(repository_->SavePages(accepted, {MakePage(1, 2)}).ok());
  ASSERT_TRUE(repository_->SaveExtraction(Extraction(accepted, "v7", "{}", "invoice", false)).ok());
  ASSERT_TRUE(repository_->MarkRefused(refused, "encrypted").ok());

  auto figures = repository_->ReadMonitoringFigures(200);
  ASSERT_TRUE(figures.ok()) << figures.status().message();
  int64_t received = 0;
  for (const DocumentStepCount& count : figures->documents) {
    EXPECT_EQ(count.source, "cli");
    received += count.received;
    if (count.type == "invoice") {
      EXPECT_EQ(count.received, 2);
      EXPECT_EQ(count.read, 2);
      EXPECT_EQ(count.auto_accepted, 1);
      EXPECT_EQ(count.needs_review, 1);
    } else {
      EXPECT_EQ(count.type, "");
      EXPECT_EQ(count.received, 2);  // the refused one and the one not read yet
      EXPECT_EQ(count.refused, 1);
      EXPECT_EQ(count.read, 0);
    }
  }
  EXPECT_EQ(received, 4);
  EXPECT_EQ(figures->window_read, 2);
  EXPECT_EQ(figures->window_review_required, 1);
  EXPECT_EQ(figures->latest_model_version, "v7");
  EXPECT_EQ(figures->window_validated, 0);
  EXPECT_EQ(repository_->ReadMonitoringFigures(0).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace quai
