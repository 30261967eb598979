// What only the SQLite store shows about reviews: the schema keeps a reviewed
// document's audit trail. What every backend must do is in
// storage/review_store_conformance.h and account_store_conformance.h, run for
// SQLite by sqlite_conformance_test.cc.
#include <memory>
#include <string>

#include "core/clock.h"
#include "fixtures/test_directory.h"
#include "gtest/gtest.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

TEST(SqliteReviewRepositoryTest, ReviewedDocumentCannotBeDeletedSoItsEventsStay) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  auto opened = SqliteRepository::Open(directory.File("quai.db"), nullptr);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  SqliteRepository& store = **opened;
  DocumentRecord record;
  record.sha256 = std::string(64, 'a');
  record.original_name = "bl.pdf";
  auto id = store.AddDocument(record);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  record.sha256 = std::string(64, 'b');
  auto unreviewed = store.AddDocument(record);
  ASSERT_TRUE(unreviewed.ok()) << unreviewed.status().ToString();
  ASSERT_TRUE(store
                  .EditReview(*id,
                              [](const ReviewDocumentRecord&, ReviewUpdate* update) {
                                update->state.status = "rejected";
                                update->state.values_json = "{}";
                                StoredReviewEvent event;
                                event.user = "ana";
                                event.action = "rejected";
                                event.reason = "not ours";
                                update->events.push_back(event);
                                return Status::Ok();
                              })
                  .ok());
  auto connection = SqliteConnection::Open(directory.File("quai.db"));
  ASSERT_TRUE(connection.ok());
  Status deleted = (*connection)->Execute("DELETE FROM documents WHERE id = " + std::to_string(*id), "deleting");
  EXPECT_FALSE(deleted.ok());
  EXPECT_TRUE((*connection)->Execute("DELETE FROM documents WHERE id = " + std::to_string(*unreviewed), "deleting").ok());
  auto events = store.ListReviewEvents(*id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].reason, "not ours");
}

}  // namespace
}  // namespace quai
