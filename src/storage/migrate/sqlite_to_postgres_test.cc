// quai migrate's copy against a real throwaway PostgreSQL 15: a generated
// embedded installation copied with every table's count and checksum equal,
// read back through the PostgreSQL store as the SQLite store reads it, new ids
// after the copied ones, and a target that already holds data refused.
#include "storage/migrate/sqlite_to_postgres.h"

#include <gtest/gtest.h>

#include "fixtures/test_directory.h"
#include "services/postgres_server.h"
#include "storage/migrate/sample_installation.h"
#include "storage/postgresql/postgres_migrations.h"
#include "storage/postgresql/postgres_repository.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using quai::testing::PostgresServer;
using quai::testing::ServicesRequired;

class SqliteToPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (server_.not_installed()) {
      if (ServicesRequired()) FAIL() << server_.problem();
      GTEST_SKIP() << server_.problem();
    }
    ASSERT_TRUE(server_.running()) << server_.problem();
    // Every SQLite table has its place only once the stores' tables are in
    // the PostgreSQL schema (learning, models, ERP, receiving, exports).
    if (PostgresStoreMigrations().empty()) GTEST_SKIP() << "the PostgreSQL stores' tables are not in this build yet";
    target_.conninfo = server_.conninfo();
    target_.password = server_.password();
    auto sqlite = SqliteRepository::Open(directory_.File("quai.db"), nullptr);
    ASSERT_TRUE(sqlite.ok()) << sqlite.status().ToString();
    sqlite_ = std::move(sqlite).value();
    ASSERT_TRUE(FillSampleInstallation(sqlite_.get(), sqlite_.get(), sqlite_.get(), 30).ok());
  }

  PostgresServer server_;
  TestDirectory directory_;
  PostgresOptions target_;
  std::unique_ptr<SqliteRepository> sqlite_;
};

TEST_F(SqliteToPostgresTest, CopiesEveryRowWithEqualCountsAndChecksums) {
  auto report = MigrateSqliteToPostgres(directory_.File("quai.db"), target_, nullptr);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->all_same());
  std::map<std::string, int64_t> rows;
  for (const TableCopyReport& table : report->tables) {
    EXPECT_TRUE(table.same()) << table.table;
    rows[table.table] = table.target_rows;
  }
  EXPECT_EQ(rows["documents"], 30);
  EXPECT_EQ(rows["words"], 27 * 40);
  EXPECT_EQ(rows["review_events"], 15 + 8);
  EXPECT_EQ(rows["training_examples"], 8);
  EXPECT_EQ(rows["sessions"], 1);
  EXPECT_GT(rows["jobs"], 30);

  auto postgres = PostgresRepository::Open(target_, nullptr);
  ASSERT_TRUE(postgres.ok()) << postgres.status().ToString();
  for (int64_t id = 1; id <= 30; ++id) {
    auto before = sqlite_->LoadPages(id);
    auto after = (*postgres)->LoadPages(id);
    ASSERT_TRUE(before.ok() && after.ok());
    ASSERT_EQ(before->size(), after->size());
    for (size_t p = 0; p < before->size(); ++p) {
      const Page &a = (*before)[p], &b = (*after)[p];
      EXPECT_EQ(a.skew_degrees, b.skew_degrees);  // exactly: 0.1 + 0.2 survives
      ASSERT_EQ(a.words.size(), b.words.size());
      for (size_t w = 0; w < a.words.size(); ++w) {
        EXPECT_EQ(a.words[w].text, b.words[w].text);
        EXPECT_EQ(a.words[w].box.x0, b.words[w].box.x0);
        EXPECT_EQ(a.words[w].confidence, b.words[w].confidence);
      }
    }
    auto events_before = sqlite_->ListReviewEvents(id);
    auto events_after = (*postgres)->ListReviewEvents(id);
    ASSERT_TRUE(events_before.ok() && events_after.ok());
    ASSERT_EQ(events_before->size(), events_after->size());
    for (size_t e = 0; e < events_before->size(); ++e) {
      EXPECT_EQ((*events_before)[e].id, (*events_after)[e].id);
      EXPECT_EQ((*events_before)[e].page, (*events_after)[e].page);
      EXPECT_EQ((*events_before)[e].box_json, (*events_after)[e].box_json);
    }
  }
  auto refused = (*postgres)->FindDocument(10);
  ASSERT_TRUE(refused.ok() && refused->has_value());
  EXPECT_EQ((*refused)->error, "unreadable: \\ back\\slash\nand a new line");
  auto session = (*postgres)->FindSession(Sha256Hex("session"));
  ASSERT_TRUE(session.ok() && session->has_value());
  EXPECT_EQ((*session)->second.name, "clerk");

  // The next document takes the id after the copied ones.
  DocumentRecord next;
  next.sha256 = Sha256Hex("after the copy");
  next.original_name = "new.pdf";
  next.source = "upload";
  next.media_type = MediaType::kPdf;
  auto id = (*postgres)->AddDocument(next);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, 31);
}

TEST_F(SqliteToPostgresTest, RefusesATargetThatHoldsData) {
  ASSERT_TRUE(MigrateSqliteToPostgres(directory_.File("quai.db"), target_, nullptr).ok());
  auto again = MigrateSqliteToPostgres(directory_.File("quai.db"), target_, nullptr);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(again.status().message().find("already holds data"), std::string::npos) << again.status().message();
  EXPECT_EQ(again.status().message().find(server_.password()), std::string::npos);
}

}  // namespace
}  // namespace quai
