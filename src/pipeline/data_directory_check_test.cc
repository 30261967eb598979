// `quai verify`'s check on a real data directory (real SQLite, real files):
// clean after real work, then corrupted one way at a time as a crash, a bug or
// a hand on the disk would leave it, and each problem must be named.
#include "pipeline/data_directory_check.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "fixtures/fixtures.h"
#include "fixtures/test_directory.h"
#include "intake/blob_store.h"
#include "ocr/fake_ocr_engine.h"
#include "pipeline/environment.h"
#include "pipeline/workspace_services.h"
#include "quai/workspace.h"
#include "review/security_log.h"
#include "storage/sqlite/sqlite_connection.h"

namespace quai {
namespace {

class DataDirectoryCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Options options;
    options.data_dir = directory_.path();
    options.jobs = 1;
    Environment environment;
    environment.ocr_engines = [](const OcrOptions&) -> OcrEngineFactory {
      return []() -> Result<std::unique_ptr<OcrEngine>> {
        auto engine = std::make_unique<FakeOcrEngine>();
        engine->words = {OcrWord{"scanned", 10, 10, 90, 30, 0.9, 0, 0}};
        return std::unique_ptr<OcrEngine>(std::move(engine));
      };
    };
    auto workspace = Workspace::Open(options, environment);
    ASSERT_TRUE(workspace.ok()) << workspace.status().ToString();
    workspace_ = std::move(workspace).value();
    // Read here (processed, with an extraction), and one queued for the workers (received).
    auto read = workspace_->Ingest({testing::FixturePath("text-layer.pdf"), testing::FixturePath("three-pages.pdf")},
                                   "test", nullptr);
    ASSERT_TRUE(read.ok());
    ASSERT_EQ(read->stored(), 2);
    read_id_ = read->files[0].document_id;
    auto queued = workspace_->Queue({testing::FixturePath("scan-200dpi.png")}, "test", nullptr);
    ASSERT_TRUE(queued.ok());
    queued_id_ = queued->files[0].document_id;
    SecurityLog log(services().accounts(), services().clock());
    log.Record("login", "ana", "127.0.0.1", "");
    log.Record("logout", "ana", "127.0.0.1", "");
  }

  WorkspaceServices& services() { return workspace_->services(); }

  std::vector<std::string> Problems() {
    DataDirectoryCheck check(directory_.path(), services().file_system(), services().accounts(), services().clock());
    auto report = check.Run();
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? report->problems : std::vector<std::string>{"(the check failed)"};
  }

  // Changes the database behind the stores' back, as another program would.
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(directory_.File("quai.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(RegisterSearchFold(db), SQLITE_OK);  // the schema's triggers call it
    sqlite3_busy_timeout(db, 10000);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error != nullptr ? error : "") << " in " << sql;
    sqlite3_free(error);
    sqlite3_close(db);
  }

  std::string OriginalPath(int64_t id) {
    auto document = services().documents()->FindDocument(id);
    EXPECT_TRUE(document.ok() && document->has_value());
    return BlobStore(services().file_system(), directory_.path()).PathFor((*document)->sha256);
  }

  // The one problem found, which must name `subject` and say `what`.
  void ExpectOneProblem(const std::string& subject, const std::string& what) {
    auto problems = Problems();
    ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
    EXPECT_NE(problems[0].find(subject), std::string::npos) << problems[0];
    EXPECT_NE(problems[0].find(what), std::string::npos) << problems[0];
  }

  std::string Document(int64_t id) { return "document " + std::to_string(id) + " "; }

  TestDirectory directory_;
  std::unique_ptr<Workspace> workspace_;
  int64_t read_id_ = 0;
  int64_t queued_id_ = 0;
};

TEST_F(DataDirectoryCheckTest, FindsNothingWrongAfterRealWork) {
  auto problems = Problems();
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

TEST_F(DataDirectoryCheckTest, NamesAMissingOriginal) {
  std::filesystem::remove(OriginalPath(read_id_));
  ExpectOneProblem(Document(read_id_), "is missing");
}

TEST_F(DataDirectoryCheckTest, NamesAnOriginalChangedOnDisk) {
  const std::string path = OriginalPath(read_id_);
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(100);
  file.put('#');  // same size, one byte changed
  file.close();
  ExpectOneProblem(Document(read_id_), "is not the file stored");
}

TEST_F(DataDirectoryCheckTest, NamesAnOriginalCutShort) {
  std::filesystem::resize_file(OriginalPath(read_id_), 10);
  ExpectOneProblem(Document(read_id_), "not the file stored");
}

TEST_F(DataDirectoryCheckTest, NamesAReceivedDocumentNobodyWillRead) {
  Sql("UPDATE jobs SET state = 'done' WHERE kind = 'read' AND document_id = " + std::to_string(queued_id_));
  ExpectOneProblem(Document(queued_id_), "nobody will ever read it");
}

TEST_F(DataDirectoryCheckTest, NamesAProcessedDocumentWithoutItsExtractionOrPages) {
  Sql("DELETE FROM extractions WHERE document_id = " + std::to_string(read_id_));
  ExpectOneProblem(Document(read_id_), "has no extraction");
  Sql("DELETE FROM pages WHERE document_id = " + std::to_string(read_id_) + " AND number = 1");
  auto problems = Problems();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[1].find("but 0 are stored"), std::string::npos) << problems[1];
}

TEST_F(DataDirectoryCheckTest, NamesARefusalWithoutCause) {
  Sql("UPDATE documents SET status = 'refused', error = '' WHERE id = " + std::to_string(read_id_));
  ExpectOneProblem(Document(read_id_), "refused, but with no cause");
}

TEST_F(DataDirectoryCheckTest, NamesTheSameJobQueuedTwice) {
  // The unique index forbids it; a store without it (a bug, another backend) would not.
  Sql("DROP INDEX jobs_live_key; INSERT INTO jobs(kind, document_id, state, run_after_ms, dedupe_key, created_ms) "
      "VALUES('read', " + std::to_string(queued_id_) + ", 'queued', 0, 'read:" + std::to_string(queued_id_) + "', 0)");
  ExpectOneProblem("job key read:" + std::to_string(queued_id_), "2 live jobs");
}

TEST_F(DataDirectoryCheckTest, NamesAJobHeldLongPastItsLease) {
  Sql("UPDATE jobs SET state = 'running', lease_holder = 'elsewhere:4242:read', lease_expires_ms = "
      "CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 3600000 WHERE document_id = " + std::to_string(queued_id_));
  ExpectOneProblem("claimed by elsewhere:4242:read", "never taken again");
}

TEST_F(DataDirectoryCheckTest, NamesAnExportDoubledOrMissingOrStuck) {
  const std::string id = std::to_string(read_id_);
  Sql("INSERT INTO export_targets(id, name, kind, created_at) VALUES(7, 'wms', 'webhook', '2020-01-01T00:00:00Z');"
      "INSERT INTO document_versions(id, document_id, version, source, document_type, values_json, digest, "
      "created_at) VALUES(70, " + id + ", 1, 'auto_accepted', 'invoice', '{}', 'd1', '2026-01-01T00:00:00Z');"
      "INSERT INTO jobs(id, kind, document_id, state, run_after_ms, dedupe_key, created_ms) VALUES(700, 'export', " +
      id + ", 'done', 0, 'export:e1', 0);"
      "INSERT INTO exports(id, document_id, version_id, version, target_id, key, state, job_id, created_at, "
      "updated_at) VALUES(1, " + id + ", 70, 1, 7, 'k1', 'delivered', 700, '', '')");
  EXPECT_TRUE(Problems().empty()) << ::testing::PrintToString(Problems());

  Sql("INSERT INTO exports(document_id, version_id, version, target_id, key, state, created_at, updated_at) "
      "VALUES(" + id + ", 70, 1, 7, 'k2', 'delivered', '', '')");
  ExpectOneProblem(Document(read_id_) + "version 1", "2 exports to target 7");

  Sql("DELETE FROM exports");
  ExpectOneProblem(Document(read_id_) + "version 1", "not exported to target wms");

  Sql("INSERT INTO exports(document_id, version_id, version, target_id, key, state, job_id, created_at, updated_at) "
      "VALUES(" + id + ", 70, 1, 7, 'k3', 'pending', 700, '', '')");
  ExpectOneProblem("export k3", "no job is queued or running to send it");
}

// A reader killed between storing the extraction (with a straight-through
// acceptance) and the pages leaves a received document with a version and its
// read job to run again: a state on the way, not a problem. Refused with a
// version, the target has a document quai no longer stands by.
TEST_F(DataDirectoryCheckTest, AcceptsAReceivedDocumentWithAVersionButNamesARefusedOne) {
  const std::string id = std::to_string(queued_id_);
  Sql("INSERT INTO document_versions(document_id, version, source, document_type, values_json, digest, created_at) "
      "VALUES(" + id + ", 1, 'auto_accepted', 'invoice', '{}', 'd1', '2026-01-01T00:00:00Z')");
  EXPECT_TRUE(Problems().empty()) << ::testing::PrintToString(Problems());
  Sql("UPDATE documents SET status = 'refused', error = 'stopped 10 times' WHERE id = " + id +
      "; UPDATE jobs SET state = 'dead' WHERE document_id = " + id);
  ExpectOneProblem(Document(queued_id_), "refused, yet it has an accepted version");
}

TEST_F(DataDirectoryCheckTest, NamesACorrectionRecordedTwice) {
  const std::string id = std::to_string(read_id_);
  Sql("INSERT INTO review_events(document_id, user_name, at, action, field, before_json, after_json) VALUES"
      "(" + id + ", 'ana', 't1', 'field_corrected', 'po_number', 'null', '\"A1\"'),"
      "(" + id + ", 'ana', 't2', 'field_corrected', 'po_number', '\"A1\"', '\"B2\"')");
  EXPECT_TRUE(Problems().empty()) << ::testing::PrintToString(Problems());
  Sql("INSERT INTO review_events(document_id, user_name, at, action, field, before_json, after_json) VALUES"
      "(" + id + ", 'ana', 't2', 'field_corrected', 'po_number', '\"B2\"', '\"B2\"')");
  ExpectOneProblem("document " + id + ": correction of po_number", "recorded twice");
}

TEST_F(DataDirectoryCheckTest, NamesASupplierAddedOrCountedTwice) {
  Sql("INSERT INTO suppliers(id, name, created_at, documents_validated) VALUES(1, 'Acme SA', 't', 1);"
      "INSERT INTO supplier_outcomes(supplier_id, document_id, at, fields, corrected) VALUES(1, " +
      std::to_string(read_id_) + ", 't', 5, 0)");
  EXPECT_TRUE(Problems().empty()) << ::testing::PrintToString(Problems());
  Sql("UPDATE suppliers SET documents_validated = 2");
  ExpectOneProblem("supplier 1 (Acme SA)", "counts 2 validated documents, but 1 were learned");
  Sql("UPDATE suppliers SET documents_validated = 1; INSERT INTO suppliers(name, created_at) VALUES('acme sa ', 't')");
  ExpectOneProblem("supplier 1,2", "added 2 times");
}

TEST_F(DataDirectoryCheckTest, NamesAValidationWithoutItsExampleOrVersion) {
  const std::string id = std::to_string(read_id_);
  Sql("INSERT INTO review_state(document_id, status, document_type, values_json, updated_by, updated_at) VALUES(" +
      id + ", 'validated', 'invoice', '{}', 'ana', 't')");
  auto problems = Problems();
  ASSERT_EQ(problems.size(), 3u) << ::testing::PrintToString(problems);
  EXPECT_NE(problems[0].find("its training example is missing"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("no version of it was accepted"), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find("neither learned"), std::string::npos) << problems[2];
}

TEST_F(DataDirectoryCheckTest, NamesAChangedSecurityLogEntry) {
  Sql("UPDATE security_events SET actor = 'mallory' WHERE id = 1");
  ExpectOneProblem("security log: broken at entry 1", "");
}

}  // namespace
}  // namespace quai
