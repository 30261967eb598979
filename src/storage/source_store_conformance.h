// The SourceStore contract (source_store.h) as tests every backend must pass:
// sources added, found, changed and removed by name; the secret kept apart; a
// run claimed by one process at a time; the ledger that keeps a mail from being
// taken twice. Include it in a backend's test file and instantiate it with a
// factory (store_under_test.h).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/source_store.h"
#include "storage/store_under_test.h"

namespace quai {

class SourceStoreConformance : public StoreConformanceTest {
 protected:
  // 2026-12-01T08:00:00Z
  SourceStoreConformance()
      : StoreConformanceTest(std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours(8)) {}

  SourceStore* sources() { return store_->sources(); }

  static SourceRecord Mailbox(const std::string& name) {
    SourceRecord source;
    source.name = name;
    source.kind = SourceKind::kMailbox;
    source.settings_json = R"({"url":"imaps://mail.example:993/INBOX","user":"receiving"})";
    source.secret = "s3cret";
    return source;
  }

  int64_t Add(const SourceRecord& source) {
    Result<int64_t> id = sources()->AddSource(source);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
};

TEST_P(SourceStoreConformance, AddedSourceIsFoundByNameWithItsSettingsAndSecret) {
  const int64_t id = Add(Mailbox("orders"));
  Result<std::optional<SourceRecord>> found = sources()->FindSource("orders");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, id);
  EXPECT_EQ((*found)->kind, SourceKind::kMailbox);
  EXPECT_EQ((*found)->settings_json, Mailbox("orders").settings_json);
  EXPECT_EQ((*found)->secret, "s3cret");
  EXPECT_TRUE((*found)->enabled);
  EXPECT_EQ((*found)->created_at, "2026-12-01T08:00:00Z");
  EXPECT_EQ((*found)->documents_taken, 0);
  Result<std::optional<SourceRecord>> missing = sources()->FindSource("nobody");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_P(SourceStoreConformance, NamesAreUniqueAndSettingsMustBeAnObject) {
  Add(Mailbox("orders"));
  Result<int64_t> again = sources()->AddSource(Mailbox("orders"));
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.status().message().find("orders"), std::string::npos) << again.status().message();
  SourceRecord broken = Mailbox("broken");
  broken.settings_json = "[1,2]";
  EXPECT_EQ(sources()->AddSource(broken).status().code(), StatusCode::kInvalidArgument);
  SourceRecord unnamed = Mailbox("");
  EXPECT_EQ(sources()->AddSource(unnamed).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(SourceStoreConformance, UpdateKeepsTheSecretUnlessGivenAndRemoveForgetsTheLedger) {
  const int64_t id = Add(Mailbox("orders"));
  ASSERT_TRUE(sources()->UpdateSource("orders", R"({"folder":"Archive"})", std::nullopt, false).ok());
  auto found = sources()->FindSource("orders");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->settings_json, R"({"folder":"Archive"})");
  EXPECT_EQ((*found)->secret, "s3cret");
  EXPECT_FALSE((*found)->enabled);
  ASSERT_TRUE(sources()->UpdateSource("orders", "{}", std::string("new"), true).ok());
  found = sources()->FindSource("orders");
  EXPECT_EQ((*found)->secret, "new");
  EXPECT_EQ(sources()->UpdateSource("nobody", "{}", std::nullopt, true).code(), StatusCode::kNotFound);

  SourceItem item;
  item.source_id = id;
  item.key = "uid:7:1";
  ASSERT_TRUE(sources()->SaveSourceItem(item).ok());
  ASSERT_TRUE(sources()->RemoveSource("orders").ok());
  EXPECT_EQ(sources()->RemoveSource("orders").code(), StatusCode::kNotFound);
  // A source of the same name added later starts with an empty ledger.
  const int64_t again = Add(Mailbox("orders"));
  auto item_again = sources()->FindSourceItem(again, "uid:7:1");
  ASSERT_TRUE(item_again.ok());
  EXPECT_FALSE(item_again->has_value());
}

TEST_P(SourceStoreConformance, OneRunAtATimeUntilTheLeaseRunsOut) {
  const int64_t id = Add(Mailbox("orders"));
  auto other = Connect();
  ASSERT_NE(other, nullptr);
  Result<bool> first = sources()->ClaimSource(id, "serve-1", std::chrono::seconds(60));
  ASSERT_TRUE(first.ok() && *first);
  Result<bool> second = other->sources()->ClaimSource(id, "worker-2", std::chrono::seconds(60));
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(*second) << "a second process ran the source while the first held it";
  clock_.Advance(std::chrono::seconds(61));  // the first was killed: its lease runs out
  second = other->sources()->ClaimSource(id, "worker-2", std::chrono::seconds(60));
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(*second);
  // The killed holder's late report does not free the new holder's run.
  ASSERT_TRUE(sources()->FinishSourceRun(id, "serve-1", SourceRun{}).ok());
  first = sources()->ClaimSource(id, "serve-1", std::chrono::seconds(60));
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(*first);
  ASSERT_TRUE(other->sources()->FinishSourceRun(id, "worker-2", SourceRun{}).ok());
  first = sources()->ClaimSource(id, "serve-1", std::chrono::seconds(60));
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
}

TEST_P(SourceStoreConformance, ALeaseOfAHolderKnownDeadIsTakenOverAtOnce) {
  const int64_t id = Add(Mailbox("orders"));
  ASSERT_TRUE(*sources()->ClaimSource(id, "host:100", std::chrono::minutes(5)));
  auto found = sources()->FindSource("orders");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->lease_holder, "host:100");
  // Someone else's lease, still alive: not taken over by naming another.
  EXPECT_FALSE(*sources()->ClaimSource(id, "host:200", std::chrono::minutes(5), "host:999"));
  EXPECT_TRUE(*sources()->ClaimSource(id, "host:200", std::chrono::minutes(5), "host:100"));
  EXPECT_FALSE(*sources()->ClaimSource(id, "host:100", std::chrono::minutes(5)));
}

TEST_P(SourceStoreConformance, ConcurrentClaimsGiveOneRun) {
  const int64_t id = Add(Mailbox("orders"));
  std::vector<std::unique_ptr<StoreUnderTest>> connections;
  for (int i = 0; i < 4; ++i) connections.push_back(Connect());
  std::atomic<int> won{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      Result<bool> claimed =
          connections[i]->sources()->ClaimSource(id, "process-" + std::to_string(i), std::chrono::seconds(60));
      if (claimed.ok() && *claimed) ++won;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(won.load(), 1);
}

TEST_P(SourceStoreConformance, RunsAddUpInTheStatus) {
  const int64_t id = Add(Mailbox("orders"));
  ASSERT_TRUE(*sources()->ClaimSource(id, "a", std::chrono::seconds(60)));
  ASSERT_TRUE(sources()->FinishSourceRun(id, "a", SourceRun{3, ""}).ok());
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(*sources()->ClaimSource(id, "a", std::chrono::seconds(60)));
  ASSERT_TRUE(sources()->FinishSourceRun(id, "a", SourceRun{2, "login refused: wrong password"}).ok());
  auto found = sources()->FindSource("orders");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->documents_taken, 5);
  EXPECT_EQ((*found)->errors, 1);
  EXPECT_EQ((*found)->last_error, "login refused: wrong password");
  EXPECT_EQ((*found)->last_success_at, "2026-12-01T08:00:00Z");
  EXPECT_EQ((*found)->last_run_at, "2026-12-01T08:05:00Z");
  ASSERT_TRUE(sources()->SaveSourceCursor(id, R"({"uidvalidity":7,"last_uid":42})").ok());
  found = sources()->FindSource("orders");
  EXPECT_EQ((*found)->cursor_json, R"({"uidvalidity":7,"last_uid":42})");
  EXPECT_EQ(sources()->SaveSourceCursor(id + 100, "{}").code(), StatusCode::kNotFound);
}

TEST_P(SourceStoreConformance, LedgerCountsAttemptsAndIsSeenByOtherProcesses) {
  const int64_t id = Add(Mailbox("orders"));
  SourceItem item;
  item.source_id = id;
  item.key = "message-id:<a1@example>";
  item.state = SourceItemState::kFailed;
  item.error = "storing attachment 'bl.pdf': the disk is full";
  ASSERT_TRUE(sources()->SaveSourceItem(item).ok());
  item.state = SourceItemState::kDone;
  item.error.clear();
  item.detail_json = R"({"documents":[12,13]})";
  ASSERT_TRUE(sources()->SaveSourceItem(item).ok());
  auto other = Connect();
  ASSERT_NE(other, nullptr);
  Result<std::optional<SourceItem>> found = other->sources()->FindSourceItem(id, item.key);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->state, SourceItemState::kDone);
  EXPECT_EQ((*found)->attempts, 2);
  EXPECT_EQ((*found)->detail_json, R"({"documents":[12,13]})");
  EXPECT_TRUE((*found)->error.empty());
  SourceItem orphan;
  orphan.source_id = id + 100;
  orphan.key = "uid:1:1";
  EXPECT_EQ(sources()->SaveSourceItem(orphan).code(), StatusCode::kNotFound);
}

}  // namespace quai
