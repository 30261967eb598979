#include "storage/sqlite/migrations.h"

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "gtest/gtest.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"
#include "fixtures/test_directory.h"

namespace quai {
namespace {

using namespace std::chrono_literals;

// 2026-01-02T03:04:05Z
const std::chrono::system_clock::time_point kStart =
    std::chrono::sys_days{std::chrono::year{2026} / 1 / 2} + 3h + 4min + 5s;

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    path_ = directory_.File("quai.db");
  }

  std::unique_ptr<SqliteConnection> Connect() {
    Result<std::unique_ptr<SqliteConnection>> connection = SqliteConnection::Open(path_);
    EXPECT_TRUE(connection.ok()) << connection.status().ToString();
    return connection.ok() ? std::move(connection).value() : nullptr;
  }

  std::string Text(SqliteConnection* connection, const std::string& sql) {
    Result<std::string> text = connection->QueryText(sql);
    EXPECT_TRUE(text.ok()) << text.status().ToString();
    return text.ok() ? *text : std::string("<error>");
  }

  bool HasTable(SqliteConnection* connection, const std::string& name) {
    return !Text(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name='" + name + "'").empty();
  }

  TestDirectory directory_;
  std::string path_;
  FakeClock clock_{kStart};
};

TEST_F(MigrationsTest, SchemaStepsAreNumberedFromOne) {
  const std::vector<Migration>& migrations = SchemaMigrations();
  ASSERT_FALSE(migrations.empty());
  for (size_t i = 0; i < migrations.size(); ++i) EXPECT_EQ(migrations[i].version, static_cast<int>(i + 1));
  EXPECT_EQ(LatestSchemaVersion(), static_cast<int>(migrations.size()));
}

TEST_F(MigrationsTest, NewDatabaseReachesLatestVersionWithEveryStepRecorded) {
  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  Result<int> before = CurrentSchemaVersion(connection.get());
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*before, 0);

  ASSERT_TRUE(ApplyMigrations(connection.get(), SchemaMigrations(), &clock_).ok());
  Result<int> after = CurrentSchemaVersion(connection.get());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, LatestSchemaVersion());
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM schema_migrations"), std::to_string(LatestSchemaVersion()));
  EXPECT_EQ(Text(connection.get(), "SELECT applied_at FROM schema_migrations WHERE version = 1"),
            "2026-01-02T03:04:05Z");
  for (const char* table : {"documents", "pages", "words"}) EXPECT_TRUE(HasTable(connection.get(), table)) << table;
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM sqlite_master WHERE type='index' AND tbl_name='documents' "
                                   "AND sql LIKE '%(status)%'"),
            "1");
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM sqlite_master WHERE type='index' AND tbl_name='documents' "
                                   "AND sql LIKE '%(created_at)%'"),
            "1");
}

TEST_F(MigrationsTest, VersionTwoAddsIndexedExtractions) {
  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(ApplyMigrations(connection.get(), SchemaMigrations(), &clock_).ok());
  ASSERT_GE(LatestSchemaVersion(), 2);
  EXPECT_EQ(SchemaMigrations()[1].version, 2);
  EXPECT_TRUE(HasTable(connection.get(), "extractions"));
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM sqlite_master WHERE type='index' AND "
                                   "tbl_name='extractions' AND sql LIKE '%(document_id)%'"),
            "1");
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM sqlite_master WHERE type='index' AND "
                                   "tbl_name='extractions' AND sql LIKE '%(document_type)%'"),
            "1");
  // The foreign key cascades from documents.
  EXPECT_EQ(Text(connection.get(), "SELECT \"table\" || ':' || \"from\" || ':' || on_delete "
                                   "FROM pragma_foreign_key_list('extractions')"),
            "documents:document_id:CASCADE");
}

TEST_F(MigrationsTest, VersionThreeAddsReviewDeskTablesWithSecretsOnlyAsHashes) {
  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(ApplyMigrations(connection.get(), SchemaMigrations(), &clock_).ok());
  ASSERT_GE(LatestSchemaVersion(), 3);
  EXPECT_EQ(SchemaMigrations()[2].version, 3);
  for (const char* table :
       {"users", "sessions", "api_tokens", "login_failures", "review_state", "review_events", "training_examples"}) {
    EXPECT_TRUE(HasTable(connection.get(), table)) << table;
  }
  // No column can hold a secret in clear.
  EXPECT_EQ(Text(connection.get(), "SELECT group_concat(name) FROM pragma_table_info('users') WHERE name LIKE "
                                   "'%password%'"),
            "password_hash");
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM pragma_table_info('sessions') WHERE name = 'id'"), "0");
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM pragma_table_info('api_tokens') WHERE name = 'token'"), "0");
  // The audit trail has no cascade: deleting a reviewed document is refused.
  EXPECT_EQ(Text(connection.get(),
                 "SELECT \"table\" || ':' || on_delete FROM pragma_foreign_key_list('review_events')"),
            "documents:NO ACTION");
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM sqlite_master WHERE type='index' AND "
                                   "tbl_name='review_events' AND sql LIKE '%(document_id, id)%'"),
            "1");
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM sqlite_master WHERE type='index' AND "
                                   "tbl_name='login_failures'"),
            "2");
}

TEST_F(MigrationsTest, VersionFourAddsLearningTablesWithOneActiveModelPerKindAndType) {
  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(ApplyMigrations(connection.get(), SchemaMigrations(), &clock_).ok());
  ASSERT_GE(LatestSchemaVersion(), 4);
  EXPECT_EQ(SchemaMigrations()[3].version, 4);
  for (const char* table : {"suppliers", "supplier_identifiers", "supplier_outcomes", "layout_examples",
                            "learning_generation", "drift_signals", "model_versions"}) {
    EXPECT_TRUE(HasTable(connection.get(), table)) << table;
  }
  EXPECT_EQ(Text(connection.get(), "SELECT generation FROM learning_generation"), "0");
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM sqlite_master WHERE type='index' AND "
                                   "tbl_name='supplier_identifiers' AND sql LIKE '%(kind, value)%'"),
            "1");
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM sqlite_master WHERE type='index' AND "
                                   "tbl_name='layout_examples' AND sql LIKE '%(supplier_id, document_type, "
                                   "created_at)%'"),
            "1");
  // Layout examples go with their document.
  EXPECT_EQ(Text(connection.get(), "SELECT on_delete FROM pragma_foreign_key_list('layout_examples') "
                                   "WHERE \"table\" = 'documents'"),
            "CASCADE");
  // Every change to suppliers, identifiers and examples raises the generation.
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND "
                                   "sql LIKE '%learning_generation%'"),
            "9");
  // The schema itself refuses a second active model of the same kind and type.
  ASSERT_TRUE(connection
                  ->Execute("INSERT INTO model_versions(kind, document_type, version, path, created_at, status) "
                            "VALUES('classifier', '', 'a', 'a.bin', 'x', 'active'), "
                            "('field_scorer', '', 'b', 'b.bin', 'x', 'active')",
                            "adding two active models of different kinds")
                  .ok());
  Status second = connection->Execute(
      "INSERT INTO model_versions(kind, document_type, version, path, created_at, status) "
      "VALUES('classifier', '', 'c', 'c.bin', 'x', 'active')",
      "adding a second active classifier");
  EXPECT_EQ(second.code(), StatusCode::kAlreadyExists) << second.ToString();
  Status unknown = connection->Execute(
      "INSERT INTO model_versions(kind, document_type, version, path, created_at, status) "
      "VALUES('classifier', '', 'd', 'd.bin', 'x', 'candidate')",
      "adding a model with an unknown status");
  EXPECT_FALSE(unknown.ok());
}

TEST_F(MigrationsTest, MigratesVersionThreeDatabaseKeepingReviewsWithNoSuppliersYet) {
  const std::string sha = std::string(64, 'e');
  {
    std::unique_ptr<SqliteConnection> connection = Connect();
    ASSERT_NE(connection, nullptr);
    const std::vector<Migration> version_three(SchemaMigrations().begin(), SchemaMigrations().begin() + 3);
    ASSERT_TRUE(ApplyMigrations(connection.get(), version_three, &clock_).ok());
    ASSERT_TRUE(connection
                    ->Execute("INSERT INTO documents(id, sha256, original_name, source, media_type, size_bytes, "
                              "page_count, status, error, created_at, updated_at) VALUES(5, '" +
                                  sha + "', 'f.pdf', 'cli', 'application/pdf', 10, 0, 'processed', '', "
                                        "'2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z');"
                                        "INSERT INTO users(name, role, password_hash, created_at) VALUES('ana', "
                                        "'admin', 'h', '2025-06-01T00:00:00Z')",
                              "filling a version 3 database")
                    .ok());
    ASSERT_FALSE(HasTable(connection.get(), "suppliers"));
  }
  clock_.Advance(24h);
  Result<std::unique_ptr<SqliteRepository>> opened = SqliteRepository::Open(path_, &clock_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Result<std::optional<StoredUser>> user = (*opened)->FindUser("ana");
  ASSERT_TRUE(user.ok());
  EXPECT_TRUE(user->has_value());
  Result<std::vector<StoredSupplier>> suppliers = (*opened)->ListSuppliers();
  ASSERT_TRUE(suppliers.ok()) << suppliers.status().ToString();
  EXPECT_TRUE(suppliers->empty());
  Result<int64_t> generation = (*opened)->LearningGeneration();
  ASSERT_TRUE(generation.ok()) << generation.status().ToString();
  EXPECT_EQ(*generation, 0);
  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(Text(connection.get(), "SELECT applied_at FROM schema_migrations WHERE version = 4"),
            "2026-01-03T03:04:05Z");
}

TEST_F(MigrationsTest, MigratesVersionSevenDatabaseQueuingWhatWaitsAndIndexingWhatIsSearched) {
  {
    std::unique_ptr<SqliteConnection> connection = Connect();
    ASSERT_NE(connection, nullptr);
    const std::vector<Migration> version_seven(SchemaMigrations().begin(), SchemaMigrations().begin() + 7);
    ASSERT_TRUE(ApplyMigrations(connection.get(), version_seven, &clock_).ok());
    ASSERT_TRUE(connection
                    ->Execute("INSERT INTO documents(id, sha256, original_name, source, media_type, size_bytes, "
                              "page_count, status, error, created_at, updated_at) VALUES"
                              "(3, '" + std::string(64, 'a') + "', 'bl.pdf', 'cli', 'application/pdf', 10, 1, "
                              "'processed', '', '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z'),"
                              "(4, '" + std::string(64, 'b') + "', 'waiting.pdf', 'cli', 'application/pdf', 10, 0, "
                              "'received', '', '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z');"
                              "INSERT INTO extractions(document_id, model_version, document_type, review_required, "
                              "result_json, created_at) VALUES(3, 'm', 'delivery_note', 1, "
                              "'{\"supplier\":{\"name\":\"ACME\"},\"fields\":{\"po_number\":{\"value\":\"4500012345\"}},"
                              "\"lines\":[{\"lot_number\":{\"value\":\"L-77\"}}]}', '2025-06-01T00:00:00Z')",
                              "filling a version 7 database")
                    .ok());
  }
  Result<std::unique_ptr<SqliteRepository>> opened = SqliteRepository::Open(path_, &clock_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  // The received document gets its read job: nothing accepted waits unseen.
  auto queued = (*opened)->ClaimNextJob({JobKind::kRead}, "w", std::chrono::seconds(30));
  ASSERT_TRUE(queued.ok() && queued->has_value());
  EXPECT_EQ((*queued)->document_id, 4);
  auto kept = (*opened)->LatestExtraction(3);
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_EQ((*kept)->supplier, "ACME");  // the column, filled from the JSON once
  ReviewSearchFilter by_lot;
  by_lot.text = "l-77";
  auto found = (*opened)->SearchReviews(by_lot);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->documents.size(), 1u);
  EXPECT_EQ(found->documents[0].document.id, 3);
  std::unique_ptr<SqliteConnection> connection = Connect();
  EXPECT_EQ(Text(connection.get(), "SELECT group_concat(field, ' ') FROM document_values WHERE document_id = 3"),
            "po_number lines[0].lot_number");
}

TEST_F(MigrationsTest, MigratesVersionTwoDatabaseKeepingExtractions) {
  const std::string sha = std::string(64, 'd');
  {
    std::unique_ptr<SqliteConnection> connection = Connect();
    ASSERT_NE(connection, nullptr);
    const std::vector<Migration> version_two(SchemaMigrations().begin(), SchemaMigrations().begin() + 2);
    ASSERT_TRUE(ApplyMigrations(connection.get(), version_two, &clock_).ok());
    ASSERT_TRUE(connection
                    ->Execute("INSERT INTO documents(id, sha256, original_name, source, media_type, size_bytes, "
                              "page_count, status, error, created_at, updated_at) VALUES(3, '" +
                                  sha + "', 'bl.pdf', 'cli', 'application/pdf', 10, 0, 'processed', '', "
                                        "'2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z');"
                                        "INSERT INTO extractions(document_id, model_version, document_type, "
                                        "review_required, result_json, created_at) VALUES(3, 'm', "
                                        "'delivery_note', 0, '{}', '2025-06-01T00:00:00Z')",
                              "filling a version 2 database")
                    .ok());
    ASSERT_FALSE(HasTable(connection.get(), "review_state"));
  }
  clock_.Advance(24h);
  Result<std::unique_ptr<SqliteRepository>> opened = SqliteRepository::Open(path_, &clock_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Result<std::optional<StoredExtraction>> kept = (*opened)->LatestExtraction(3);
  ASSERT_TRUE(kept.ok());
  ASSERT_TRUE(kept->has_value());
  EXPECT_FALSE((*kept)->review_required);
  // The document's review status comes from its extraction until a person acts.
  Result<ReviewSearchPage> found = (*opened)->SearchReviews(ReviewSearchFilter{});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->documents.size(), 1u);
  EXPECT_EQ(found->documents[0].status, "auto_accepted");
  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(Text(connection.get(), "SELECT applied_at FROM schema_migrations WHERE version = 3"),
            "2026-01-03T03:04:05Z");
}

TEST_F(MigrationsTest, MigratesVersionOneDatabaseKeepingDocuments) {
  const std::string sha = std::string(64, 'c');
  {
    // A database as the first release left it: only step 1, with a processed document.
    std::unique_ptr<SqliteConnection> connection = Connect();
    ASSERT_NE(connection, nullptr);
    const std::vector<Migration> version_one(SchemaMigrations().begin(), SchemaMigrations().begin() + 1);
    ASSERT_TRUE(ApplyMigrations(connection.get(), version_one, &clock_).ok());
    ASSERT_TRUE(connection
                    ->Execute("INSERT INTO documents(id, sha256, original_name, source, media_type, size_bytes, "
                              "page_count, status, error, created_at, updated_at) VALUES(7, '" +
                                  sha + "', 'old.pdf', 'cli', 'application/pdf', 321, 1, 'processed', '', "
                                        "'2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z');"
                                        "INSERT INTO pages(document_id, number, width, height, dpi, rotation, "
                                        "skew_degrees, text_source) VALUES(7, 1, 595, 842, 0, 0, 0, 'layer');"
                                        "INSERT INTO words(document_id, page_number, position, text, x0, y0, x1, "
                                        "y1, confidence, block, line) VALUES(7, 1, 0, 'Rechnung', 1, 2, 3, 4, 1, "
                                        "0, 0)",
                              "filling a version 1 database")
                    .ok());
    Result<int> version = CurrentSchemaVersion(connection.get());
    ASSERT_TRUE(version.ok());
    ASSERT_EQ(*version, 1);
    ASSERT_FALSE(HasTable(connection.get(), "extractions"));
  }

  clock_.Advance(24h);
  Result<std::unique_ptr<SqliteRepository>> opened = SqliteRepository::Open(path_, &clock_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  SqliteRepository& repository = **opened;

  Result<std::optional<DocumentRecord>> kept = repository.FindDocumentBySha256(sha);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  ASSERT_TRUE(kept->has_value());
  EXPECT_EQ((*kept)->id, 7);
  EXPECT_EQ((*kept)->original_name, "old.pdf");
  EXPECT_EQ((*kept)->status, DocumentStatus::kProcessed);
  EXPECT_EQ((*kept)->created_at, "2025-06-01T00:00:00Z");
  Result<std::vector<Page>> pages = repository.LoadPages(7);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 1u);
  ASSERT_EQ((*pages)[0].words.size(), 1u);
  EXPECT_EQ((*pages)[0].words[0].text, "Rechnung");

  Result<std::optional<StoredExtraction>> none = repository.LatestExtraction(7);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());
  StoredExtraction extraction;
  extraction.document_id = 7;
  extraction.model_version = "classifier-ab12+field-scorer-cd34";
  extraction.result_json = "{\"document_type\":\"invoice\"}";
  extraction.document_type = "invoice";
  ASSERT_TRUE(repository.SaveExtraction(extraction).ok());
  Result<std::optional<StoredExtraction>> latest = repository.LatestExtraction(7);
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->model_version, "classifier-ab12+field-scorer-cd34");
  EXPECT_EQ((*latest)->result_json, "{\"document_type\":\"invoice\"}");
  EXPECT_TRUE((*latest)->review_required);
  EXPECT_EQ((*latest)->created_at, "2026-01-03T03:04:05Z");

  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(Text(connection.get(), "SELECT max(version) FROM schema_migrations"),
            std::to_string(LatestSchemaVersion()));
  // Step 1 keeps its original stamp; step 2 is stamped at the reopening.
  EXPECT_EQ(Text(connection.get(), "SELECT applied_at FROM schema_migrations WHERE version = 1"),
            "2026-01-02T03:04:05Z");
  EXPECT_EQ(Text(connection.get(), "SELECT applied_at FROM schema_migrations WHERE version = 2"),
            "2026-01-03T03:04:05Z");
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM documents"), "1");
}

TEST_F(MigrationsTest, MigrationsAreIdempotentAcrossReopen) {
  {
    Result<std::unique_ptr<SqliteRepository>> first = SqliteRepository::Open(path_, &clock_);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    DocumentRecord record;
    record.sha256 = std::string(64, 'a');
    record.original_name = "kept.pdf";
    record.source = "cli";
    ASSERT_TRUE((*first)->AddDocument(record).ok());
  }
  clock_.Advance(24h);
  for (int reopen = 0; reopen < 3; ++reopen) {
    Result<std::unique_ptr<SqliteRepository>> again = SqliteRepository::Open(path_, &clock_);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    Result<std::optional<DocumentRecord>> kept = (*again)->FindDocumentBySha256(std::string(64, 'a'));
    ASSERT_TRUE(kept.ok());
    ASSERT_TRUE(kept->has_value());
    EXPECT_EQ((*kept)->original_name, "kept.pdf");
  }
  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM schema_migrations"), std::to_string(LatestSchemaVersion()));
  // Still stamped with the first opening's time: nothing was applied again.
  EXPECT_EQ(Text(connection.get(), "SELECT max(applied_at) FROM schema_migrations"), "2026-01-02T03:04:05Z");
}

TEST_F(MigrationsTest, RefusesDatabaseFromNewerVersion) {
  {
    Result<std::unique_ptr<SqliteRepository>> current = SqliteRepository::Open(path_, &clock_);
    ASSERT_TRUE(current.ok()) << current.status().ToString();
  }
  const int newer = LatestSchemaVersion() + 1;
  {
    std::unique_ptr<SqliteConnection> connection = Connect();
    ASSERT_NE(connection, nullptr);
    ASSERT_TRUE(connection
                    ->Execute("CREATE TABLE from_the_future(x); INSERT INTO schema_migrations VALUES(" +
                                  std::to_string(newer) + ", '2030-01-01T00:00:00Z')",
                              "simulating a newer quai")
                    .ok());
  }
  Result<std::unique_ptr<SqliteRepository>> opened = SqliteRepository::Open(path_, &clock_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
  const std::string& message = opened.status().message();
  EXPECT_NE(message.find(path_), std::string::npos) << message;
  EXPECT_NE(message.find("version " + std::to_string(newer)), std::string::npos) << message;
  EXPECT_NE(message.find("newer"), std::string::npos) << message;

  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(Text(connection.get(), "SELECT max(version) FROM schema_migrations"), std::to_string(newer));
}

TEST_F(MigrationsTest, AppliesOnlyStepsNotYetRecorded) {
  std::vector<Migration> steps = {{1, "create a", "CREATE TABLE a(x INTEGER)"}};
  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(ApplyMigrations(connection.get(), steps, &clock_).ok());
  ASSERT_TRUE(connection->Execute("INSERT INTO a VALUES(42)", "filling a").ok());

  clock_.Advance(1h);
  steps.push_back({2, "add y to a", "ALTER TABLE a ADD COLUMN y TEXT NOT NULL DEFAULT 'new'"});
  ASSERT_TRUE(ApplyMigrations(connection.get(), steps, &clock_).ok());
  ASSERT_TRUE(ApplyMigrations(connection.get(), steps, &clock_).ok());
  EXPECT_EQ(Text(connection.get(), "SELECT x || y FROM a"), "42new");
  EXPECT_EQ(Text(connection.get(), "SELECT applied_at FROM schema_migrations WHERE version = 2"),
            "2026-01-02T04:04:05Z");
  EXPECT_EQ(Text(connection.get(), "SELECT count(*) FROM schema_migrations"), "2");
}

TEST_F(MigrationsTest, FailedStepRollsBackAndKeepsEarlierSteps) {
  std::vector<Migration> steps = {
      {1, "create a", "CREATE TABLE a(x INTEGER)"},
      {2, "create b then fail", "CREATE TABLE b(x INTEGER); INSERT INTO no_such_table VALUES(1)"},
      {3, "create c", "CREATE TABLE c(x INTEGER)"},
  };
  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  Status applied = ApplyMigrations(connection.get(), steps, &clock_);
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.code(), StatusCode::kIoError);
  EXPECT_NE(applied.message().find("migration 2"), std::string::npos) << applied.message();
  EXPECT_NE(applied.message().find("no_such_table"), std::string::npos) << applied.message();

  Result<int> version = CurrentSchemaVersion(connection.get());
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 1);
  EXPECT_TRUE(HasTable(connection.get(), "a"));
  EXPECT_FALSE(HasTable(connection.get(), "b"));
  EXPECT_FALSE(HasTable(connection.get(), "c"));

  steps[1].sql = "CREATE TABLE b(x INTEGER)";
  ASSERT_TRUE(ApplyMigrations(connection.get(), steps, &clock_).ok());
  EXPECT_TRUE(HasTable(connection.get(), "b"));
  EXPECT_TRUE(HasTable(connection.get(), "c"));
}

TEST_F(MigrationsTest, RefusesStepsNotNumberedInOrder) {
  std::unique_ptr<SqliteConnection> connection = Connect();
  ASSERT_NE(connection, nullptr);
  std::vector<Migration> gap = {{1, "one", "CREATE TABLE a(x)"}, {3, "three", "CREATE TABLE c(x)"}};
  Status applied = ApplyMigrations(connection.get(), gap, &clock_);
  EXPECT_EQ(applied.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(HasTable(connection.get(), "a"));
}

}  // namespace
}  // namespace quai
