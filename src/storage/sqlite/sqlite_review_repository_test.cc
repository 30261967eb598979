// The ReviewStore half of SqliteRepository on a real database file.
#include <chrono>
#include <memory>
#include <string>

#include "core/clock.h"
#include "fixtures/test_directory.h"
#include "gtest/gtest.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using namespace std::chrono_literals;

const std::chrono::system_clock::time_point kStart = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 8h;

class SqliteReviewRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    auto opened = SqliteRepository::Open(directory_.File("quai.db"), &clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  int64_t AddUser(const std::string& name, const std::string& role = "reviewer") {
    StoredUser user;
    user.name = name;
    user.role = role;
    user.password_hash = "$argon2id$placeholder";
    user.created_at = "2026-03-02T08:00:00Z";
    auto id = store_->AddUser(user);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // A processed document whose latest extraction is `json` (none when empty).
  int64_t AddDocument(const std::string& name, const std::string& json, bool review_required) {
    DocumentRecord record;
    record.sha256 = std::string(63, 'a') + std::to_string(next_++ % 10);
    record.sha256 = record.sha256.substr(record.sha256.size() - 64);
    record.original_name = name;
    record.source = "cli";
    record.media_type = MediaType::kPdf;
    auto id = store_->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    Page page;
    page.number = 1;
    page.width = 595;
    page.height = 842;
    EXPECT_TRUE(store_->SavePages(*id, {page}).ok());
    if (!json.empty()) {
      StoredExtraction extraction;
      extraction.document_id = *id;
      extraction.model_version = "m1";
      extraction.result_json = json;
      extraction.document_type = "delivery_note";
      extraction.review_required = review_required;
      EXPECT_TRUE(store_->SaveExtraction(extraction).ok());
    }
    return *id;
  }

  TestDirectory directory_;
  FakeClock clock_{kStart};
  std::unique_ptr<SqliteRepository> store_;
  int next_ = 0;
};

TEST_F(SqliteReviewRepositoryTest, UserNamesAreUniqueAndListedByName) {
  AddUser("zoe");
  AddUser("ana", "admin");
  StoredUser again;
  again.name = "ana";
  again.role = "viewer";
  again.password_hash = "x";
  auto duplicate = store_->AddUser(again);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(duplicate.status().message().find("ana"), std::string::npos);

  auto users = store_->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "ana");
  EXPECT_EQ((*users)[0].role, "admin");
  EXPECT_EQ((*users)[1].name, "zoe");
  EXPECT_EQ(store_->SetPasswordHash("nobody", "h").code(), StatusCode::kNotFound);
}

TEST_F(SqliteReviewRepositoryTest, NewPasswordEndsTheUsersSessions) {
  const int64_t user = AddUser("ana");
  StoredSession session{"hash-1", user, "csrf-1", "2026-03-02T08:00:00Z", "2026-03-02T20:00:00Z"};
  ASSERT_TRUE(store_->AddSession(session).ok());
  auto found = store_->FindSession("hash-1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->first.csrf_token, "csrf-1");
  EXPECT_EQ((*found)->second.name, "ana");

  ASSERT_TRUE(store_->SetPasswordHash("ana", "new-hash").ok());
  found = store_->FindSession("hash-1");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  auto user_row = store_->FindUser("ana");
  ASSERT_TRUE(user_row.ok() && user_row->has_value());
  EXPECT_EQ((*user_row)->password_hash, "new-hash");
}

TEST_F(SqliteReviewRepositoryTest, LoginAttemptsSeeTheirFailuresInEachScopeAndAWaitRefusesUncounted) {
  LoginFailures seen;
  int64_t wait = 0;
  LoginAttempt attempt{"ana", "10.0.0.1", "2026-03-02T08:00:00Z", "2026-03-02T07:45:00Z",
                       [&](const LoginFailures& failures) {
                         seen = failures;
                         return wait;
                       }};
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(store_->BeginLoginAttempt(attempt).ok()) << i;
  LoginAttempt other = attempt;
  other.user_name = "bob";
  other.at = "2026-03-02T08:00:09Z";
  auto bob = store_->BeginLoginAttempt(other);
  ASSERT_TRUE(bob.ok());
  EXPECT_GT(bob->attempt_id, 0);
  EXPECT_EQ(seen.name_from_client.count, 0);
  EXPECT_EQ(seen.name.count, 0);
  EXPECT_EQ(seen.client.count, 3);
  EXPECT_EQ(seen.client.seconds_since_latest, 9);

  // A wait refuses the attempt without counting it.
  wait = 7;
  auto refused = store_->BeginLoginAttempt(attempt);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->retry_after_seconds, 7);
  wait = 0;
  other.client = "10.0.0.2";
  ASSERT_TRUE(store_->BeginLoginAttempt(attempt).ok());
  EXPECT_EQ(seen.name_from_client.count, 3) << "the refused attempt was counted";
  EXPECT_EQ(seen.client.count, 4);

  // A success forgets the attempt and the name's failures, not the client's.
  ASSERT_TRUE(store_->LoginSucceeded(bob->attempt_id, "bob").ok());
  ASSERT_TRUE(store_->BeginLoginAttempt(other).ok());
  EXPECT_EQ(seen.name.count, 0);
  ASSERT_TRUE(store_->ClearLoginFailures("ana").ok());
  ASSERT_TRUE(store_->BeginLoginAttempt(attempt).ok());
  EXPECT_EQ(seen.name.count, 0);

  // Failures older than the window no longer count.
  attempt.since = "2026-03-02T08:00:10Z";
  attempt.at = "2026-03-02T08:15:01Z";
  ASSERT_TRUE(store_->BeginLoginAttempt(attempt).ok());
  EXPECT_EQ(seen.client.count, 0);
  EXPECT_EQ(seen.client.seconds_since_latest, -1);
}

TEST_F(SqliteReviewRepositoryTest, FailingEditChangesNothingAndGoodEditWritesStateEventsAndExample) {
  const int64_t id = AddDocument("bl.pdf", R"({"document_type":"delivery_note","fields":{}})", true);
  Status failed = store_->EditReview(id, [](const ReviewDocumentRecord&, ReviewUpdate* update) {
    update->state.status = "validated";
    update->state.values_json = "{}";
    update->events.push_back({});
    return Status::InvalidArgument("refused by the edit");
  });
  EXPECT_EQ(failed.code(), StatusCode::kInvalidArgument);
  auto untouched = store_->LoadReviewDocument(id);
  ASSERT_TRUE(untouched.ok());
  EXPECT_FALSE(untouched->state.has_value());
  ASSERT_TRUE(untouched->extraction.has_value());
  EXPECT_EQ(untouched->extraction->model_version, "m1");
  ASSERT_EQ(untouched->page_sizes.size(), 1u);
  EXPECT_EQ(untouched->page_sizes[0].second, 842);

  Status edited = store_->EditReview(id, [](const ReviewDocumentRecord& current, ReviewUpdate* update) {
    EXPECT_TRUE(current.extraction.has_value());
    update->state.status = "validated";
    update->state.document_type = "delivery_note";
    update->state.values_json = R"({"document_type":"delivery_note","fields":{"po_number":{"value":"45"}}})";
    update->state.updated_by = "ana";
    update->state.updated_at = "2026-03-02T08:00:00Z";
    StoredReviewEvent event;
    event.user = "ana";
    event.at = "2026-03-02T08:00:00Z";
    event.action = "field_corrected";
    event.field = "po_number";
    event.after_json = "\"45\"";
    event.page = 1;
    event.box_json = "[1,2,3,4]";
    update->events.push_back(event);
    TrainingExample example;
    example.document_type = "delivery_note";
    example.canonical_json = "{}";
    example.pointers_json = "[]";
    example.validated_by = "ana";
    example.validated_at = "2026-03-02T08:00:00Z";
    update->training_example = example;
    return Status::Ok();
  });
  ASSERT_TRUE(edited.ok()) << edited.ToString();
  auto loaded = store_->LoadReviewDocument(id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->state.has_value());
  EXPECT_EQ(loaded->state->status, "validated");
  EXPECT_FALSE(loaded->extraction.has_value());  // the state holds the current values
  auto events = store_->ListReviewEvents(id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].before_json, "null");
  EXPECT_EQ((*events)[0].page, 1);
  EXPECT_EQ((*events)[0].box_json, "[1,2,3,4]");
  auto examples = store_->ListTrainingExamples(10, 0);
  ASSERT_TRUE(examples.ok());
  ASSERT_EQ(examples->size(), 1u);
  EXPECT_EQ((*examples)[0].document_id, id);

  EXPECT_EQ(
      store_->EditReview(id + 100, [](const ReviewDocumentRecord&, ReviewUpdate*) { return Status::Ok(); }).code(),
      StatusCode::kNotFound);
  EXPECT_EQ(store_->ListReviewEvents(id + 100).status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteReviewRepositoryTest, SearchWorksOutStatusFromExtractionAndFilters) {
  const int64_t needs = AddDocument(
      "bl-1.pdf",
      R"({"document_type":"delivery_note","supplier":{"name":"ACME SAS"},"fields":{"po_number":{"value":"4500012345"}}})",
      true);
  const int64_t accepted =
      AddDocument("bl-2.pdf", R"({"document_type":"delivery_note","supplier":{"name":"Brico"},"fields":{}})", false);
  const int64_t unread = AddDocument("nothing.pdf", "", true);

  ReviewSearchFilter all;
  auto page = store_->SearchReviews(all);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->total, 3);
  EXPECT_EQ(page->documents[0].document.id, unread);  // newest first
  EXPECT_EQ(page->documents[0].status, "needs_review");
  EXPECT_EQ(page->documents[1].status, "auto_accepted");
  EXPECT_EQ(page->documents[2].supplier, "ACME SAS");

  ReviewSearchFilter queue;
  queue.status = "needs_review";
  queue.oldest_first = true;
  page = store_->SearchReviews(queue);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->documents.size(), 2u);
  EXPECT_EQ(page->documents[0].document.id, needs);

  ReviewSearchFilter by_supplier;
  by_supplier.supplier = "acme";
  page = store_->SearchReviews(by_supplier);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->documents[0].document.id, needs);

  ReviewSearchFilter by_value;
  by_value.text = "00123";
  page = store_->SearchReviews(by_value);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->documents[0].document.id, needs);

  ReviewSearchFilter by_name;
  by_name.text = "BL-2";
  page = store_->SearchReviews(by_name);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->documents[0].document.id, accepted);

  ReviewSearchFilter bad;
  bad.limit = 0;
  EXPECT_EQ(store_->SearchReviews(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteReviewRepositoryTest, ReviewedDocumentCannotBeDeletedSoItsEventsStay) {
  const int64_t id = AddDocument("bl.pdf", R"({"document_type":"delivery_note"})", true);
  ASSERT_TRUE(store_
                  ->EditReview(id,
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
  auto connection = SqliteConnection::Open(directory_.File("quai.db"));
  ASSERT_TRUE(connection.ok());
  Status deleted = (*connection)->Execute("DELETE FROM documents WHERE id = " + std::to_string(id), "deleting");
  EXPECT_FALSE(deleted.ok());
  auto events = store_->ListReviewEvents(id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].reason, "not ours");
}

}  // namespace
}  // namespace quai
