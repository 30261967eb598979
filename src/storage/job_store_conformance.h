// The JobStore contract (job_store.h) as tests every backend must pass:
// include this in a backend's test file and instantiate it with a factory
// (store_under_test.h),
//   INSTANTIATE_TEST_SUITE_P(Sqlite, JobStoreConformance, ::testing::Values(&MakeSqliteStore));
// Times come from a FakeClock the factory gives the store, so leases and
// backoffs are tested without waiting.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/document_store.h"
#include "storage/job_store.h"
#include "storage/store_under_test.h"

namespace quai {

class JobStoreConformance : public StoreConformanceTest {
 protected:
  JobStoreConformance()
      : StoreConformanceTest(std::chrono::system_clock::time_point(std::chrono::hours(24 * 365 * 56))) {}

  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (store_ != nullptr) jobs_ = store_->jobs();
  }

  int64_t AddDocument(const std::string& sha_start) {
    DocumentRecord record;
    record.sha256 = sha_start + std::string(64 - sha_start.size(), '0');
    record.original_name = sha_start + ".pdf";
    record.media_type = MediaType::kPdf;
    record.size_bytes = 10;
    auto id = store_->documents()->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  std::optional<JobRecord> Claim(const std::string& holder, std::vector<JobKind> kinds = {JobKind::kRead}) {
    auto claimed = jobs_->ClaimNextJob(kinds, holder, kLease);
    EXPECT_TRUE(claimed.ok()) << claimed.status().ToString();
    return claimed.ok() ? *claimed : std::nullopt;
  }

  JobRecord Find(int64_t id) {
    auto found = jobs_->FindJob(id);
    EXPECT_TRUE(found.ok() && found->has_value());
    return found.ok() && found->has_value() ? **found : JobRecord{};
  }

  static constexpr std::chrono::milliseconds kLease{10'000};
  JobStore* jobs_ = nullptr;
};

TEST_P(JobStoreConformance, AReceivedDocumentHasItsReadJobAndStoringItFinishesTheJob) {
  const int64_t doc = AddDocument("aa");
  auto counts = jobs_->CountJobs();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->read.queued, 1);
  auto job = Claim("w1");
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->document_id, doc);
  EXPECT_EQ(job->state, JobState::kRunning);
  EXPECT_EQ(job->attempts, 1);
  ASSERT_TRUE(store_->documents()->SavePages(doc, {}).ok());
  EXPECT_EQ(Find(job->id).state, JobState::kDone);  // in the pages' own transaction
  EXPECT_TRUE(jobs_->FinishJob(job->id, "w1", "{}").ok());  // finishing it again is no error
  const int64_t refused = AddDocument("bb");
  ASSERT_TRUE(store_->documents()->MarkRefused(refused, "broken").ok());
  JobFilter filter;
  filter.document_id = refused;
  auto listed = jobs_->ListJobs(filter);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().state, JobState::kDone);
}

TEST_P(JobStoreConformance, RecentRunTimesAreFromTheLastClaimToTheEndNewestFirst) {
  const int64_t slow = AddDocument("a1");
  const int64_t fast = AddDocument("a2");
  clock_.Advance(std::chrono::seconds(30));  // waiting does not count
  ASSERT_TRUE(Claim("w1").has_value());
  clock_.Advance(std::chrono::milliseconds(4'000));
  ASSERT_TRUE(store_->documents()->SavePages(slow, {}).ok());
  ASSERT_TRUE(Claim("w1").has_value());
  clock_.Advance(std::chrono::milliseconds(1'500));
  ASSERT_TRUE(store_->documents()->MarkRefused(fast, "broken").ok());
  ASSERT_TRUE(Claim("w1") == std::nullopt);
  auto times = jobs_->RecentRunTimes(JobKind::kRead, 10);
  ASSERT_TRUE(times.ok()) << times.status().ToString();
  ASSERT_EQ(times->size(), 2u);
  EXPECT_EQ((*times)[0].count(), 1'500);
  EXPECT_EQ((*times)[1].count(), 4'000);
  auto one = jobs_->RecentRunTimes(JobKind::kRead, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
  auto none = jobs_->RecentRunTimes(JobKind::kLearn, 10);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(JobStoreConformance, OneLiveJobPerKeyAndANewOneOnceItIsDone) {
  const int64_t doc = AddDocument("aa");
  auto again = jobs_->EnqueueJob(NewJob{JobKind::kRead, doc});
  ASSERT_TRUE(again.ok());
  auto job = Claim("w1");
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(*again, job->id);  // the live one, not a second
  EXPECT_FALSE(Claim("w2").has_value());
  ASSERT_TRUE(jobs_->FinishJob(job->id, "w1", "{}").ok());
  auto fresh = jobs_->EnqueueJob(NewJob{JobKind::kRead, doc});
  ASSERT_TRUE(fresh.ok());
  EXPECT_NE(*fresh, job->id);
  NewJob retrain;
  retrain.kind = JobKind::kRetrain;
  auto first = jobs_->EnqueueJob(retrain), second = jobs_->EnqueueJob(retrain);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);  // one retraining at a time
}

TEST_P(JobStoreConformance, AnExpiredLeaseIsTakenAgainAndTheOldHolderCannotFinish) {
  AddDocument("aa");
  auto job = Claim("w1");
  ASSERT_TRUE(job.has_value());
  clock_.Advance(std::chrono::milliseconds(9'000));
  EXPECT_FALSE(Claim("w2").has_value());  // the lease holds
  auto renewed = jobs_->RenewLeases("w1", kLease);
  ASSERT_TRUE(renewed.ok());
  EXPECT_EQ(*renewed, 1);
  clock_.Advance(std::chrono::milliseconds(9'000));
  EXPECT_FALSE(Claim("w2").has_value());  // renewed: still w1's
  clock_.Advance(std::chrono::milliseconds(2'000));
  auto renewed_late = jobs_->RenewLeases("w1", kLease);
  ASSERT_TRUE(renewed_late.ok());
  EXPECT_EQ(*renewed_late, 0);  // ran out: it may be someone else's by now
  auto taken = Claim("w2");
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->id, job->id);
  EXPECT_EQ(taken->attempts, 2);
  EXPECT_EQ(taken->lease_holder, "w2");
  Status late = jobs_->FinishJob(job->id, "w1", "{}");
  EXPECT_EQ(late.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Find(job->id).state, JobState::kRunning);
  EXPECT_TRUE(jobs_->FinishJob(job->id, "w2", "{\"ok\":true}").ok());
  EXPECT_EQ(Find(job->id).result_json, "{\"ok\":true}");
}

TEST_P(JobStoreConformance, TheLeasesOfAHolderKnownDeadEndAtOnce) {
  AddDocument("aa");
  AddDocument("bb");
  ASSERT_TRUE(Claim("host:1:dead").has_value());
  ASSERT_TRUE(Claim("host:2:alive").has_value());
  auto holders = jobs_->ListLeaseHolders();
  ASSERT_TRUE(holders.ok());
  EXPECT_EQ(holders->size(), 2u);
  auto expired = jobs_->ExpireLeases("host:1:dead");
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(*expired, 1);
  auto taken = Claim("host:3:new");
  ASSERT_TRUE(taken.has_value());  // at once, not after the lease
  EXPECT_EQ(taken->attempts, 2);
  EXPECT_FALSE(Claim("host:3:new").has_value());  // the living holder keeps its job
}

// A job whose holder died goes back to the head of the queue, not behind the
// jobs queued before it was claimed: with a backlog, a killed worker's
// document would otherwise wait for all of it (bench/worker_kills.sh).
TEST_P(JobStoreConformance, AJobWhoseHolderDiedIsTakenAgainBeforeTheWaitingOnes) {
  AddDocument("aa");
  AddDocument("bb");
  AddDocument("cc");
  clock_.Advance(std::chrono::milliseconds(1'000));
  auto first = Claim("host:1:dead");
  ASSERT_TRUE(first.has_value());
  auto expired = jobs_->ExpireLeases("host:1:dead");
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(*expired, 1);
  auto again = Claim("host:2:new");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id, first->id);  // before the two queued since
  EXPECT_EQ(again->attempts, 2);
  // The same when its lease runs out without anyone saying the holder died.
  clock_.Advance(std::chrono::milliseconds(1'000));
  auto second = Claim("w3");
  ASSERT_TRUE(second.has_value());
  clock_.Advance(kLease + std::chrono::milliseconds(1));
  auto taken = Claim("w4");
  ASSERT_TRUE(taken.has_value());
  EXPECT_TRUE(taken->id == first->id || taken->id == second->id) << taken->id;
  auto next = Claim("w4");
  ASSERT_TRUE(next.has_value());
  EXPECT_TRUE(next->id == first->id || next->id == second->id) << next->id;
  EXPECT_NE(next->id, taken->id);
  auto last = Claim("w4");
  ASSERT_TRUE(last.has_value());  // only then the one still queued
  EXPECT_NE(last->id, first->id);
  EXPECT_NE(last->id, second->id);
}

TEST_P(JobStoreConformance, FailuresBackOffThenTheJobIsDeadAndItsDocumentRefused) {
  const int64_t doc = AddDocument("aa");
  for (int attempt = 1; attempt <= 10; ++attempt) {
    auto job = Claim("w1");
    ASSERT_TRUE(job.has_value()) << attempt;
    EXPECT_EQ(job->attempts, attempt);
    auto state = jobs_->FailJob(job->id, "w1", "disk full " + std::to_string(attempt), std::chrono::seconds(60), false);
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(*state, attempt < 10 ? JobState::kQueued : JobState::kDead);
    EXPECT_FALSE(Claim("w1").has_value());  // not before its retry time
    clock_.Advance(std::chrono::seconds(61));
  }
  JobFilter dead;
  dead.state = JobState::kDead;
  auto listed = jobs_->ListJobs(dead);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().last_error, "disk full 10");
  auto document = store_->documents()->FindDocument(doc);
  ASSERT_TRUE(document.ok() && document->has_value());
  EXPECT_EQ((*document)->status, DocumentStatus::kRefused);
  EXPECT_EQ((*document)->error, "disk full 10");
  ASSERT_TRUE(jobs_->RetryJob(listed->front().id).ok());
  auto retried = Claim("w1");
  ASSERT_TRUE(retried.has_value());
  EXPECT_EQ(retried->attempts, 1);
  EXPECT_EQ(jobs_->RetryJob(retried->id).code(), StatusCode::kFailedPrecondition);  // not dead
  EXPECT_EQ(jobs_->RetryJob(999999).code(), StatusCode::kNotFound);
}

TEST_P(JobStoreConformance, AJobWhoseHoldersKeepDyingIsDeadAfterItsAttempts) {
  const int64_t doc = AddDocument("aa");
  for (int attempt = 1; attempt <= 10; ++attempt) {
    ASSERT_TRUE(Claim("w" + std::to_string(attempt)).has_value()) << attempt;
    clock_.Advance(kLease + std::chrono::milliseconds(1));  // killed: the lease runs out
  }
  EXPECT_FALSE(Claim("w11").has_value());
  auto counts = jobs_->CountJobs();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->read.dead, 1);
  auto document = store_->documents()->FindDocument(doc);
  ASSERT_TRUE(document.ok() && document->has_value());
  EXPECT_EQ((*document)->status, DocumentStatus::kRefused);  // only that document suffers
}

TEST_P(JobStoreConformance, APermanentFailureIsDeadAtOnce) {
  AddDocument("aa");
  auto job = Claim("w1");
  ASSERT_TRUE(job.has_value());
  auto state = jobs_->FailJob(job->id, "w1", "not a document", std::chrono::seconds(1), true);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(*state, JobState::kDead);
  EXPECT_EQ(Find(job->id).attempts, 1);
}

TEST_P(JobStoreConformance, LearningAndRetrainingRunOneAtATime) {
  const int64_t a = AddDocument("aa"), b = AddDocument("bb");
  ASSERT_TRUE(jobs_->EnqueueJob(NewJob{JobKind::kLearn, a}).ok());
  ASSERT_TRUE(jobs_->EnqueueJob(NewJob{JobKind::kLearn, b}).ok());
  auto first = Claim("w1", {JobKind::kLearn});
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(Claim("w2", {JobKind::kLearn}).has_value());
  auto direct = jobs_->ClaimDocumentJob(JobKind::kLearn, b, "w2", kLease);
  ASSERT_TRUE(direct.ok());
  EXPECT_FALSE(direct->has_value());
  ASSERT_TRUE(jobs_->FinishJob(first->id, "w1", "null").ok());
  auto second = Claim("w2", {JobKind::kLearn});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->document_id, b);
  auto read = Claim("w3", {JobKind::kRead});
  EXPECT_TRUE(read.has_value());  // reading is not held back by learning
}

TEST_P(JobStoreConformance, ADocumentJobIsClaimedDirectlyUnlessAnotherHolderHasIt) {
  const int64_t doc = AddDocument("aa");
  auto mine = jobs_->ClaimDocumentJob(JobKind::kRead, doc, "ingest", kLease);
  ASSERT_TRUE(mine.ok() && mine->has_value());
  EXPECT_FALSE(Claim("worker").has_value());
  auto theirs = jobs_->ClaimDocumentJob(JobKind::kRead, doc, "other-ingest", kLease);
  ASSERT_TRUE(theirs.ok());
  EXPECT_FALSE(theirs->has_value());
  ASSERT_TRUE(jobs_->FinishJob((*mine)->id, "ingest", "{}").ok());
  auto again = jobs_->ClaimDocumentJob(JobKind::kRead, doc, "other-ingest", kLease);
  ASSERT_TRUE(again.ok() && again->has_value());  // a file given again: a new job
  EXPECT_NE((*again)->id, (*mine)->id);
  EXPECT_EQ(jobs_->ClaimDocumentJob(JobKind::kRead, 424242, "x", kLease).status().code(), StatusCode::kNotFound);
}

TEST_P(JobStoreConformance, FinishedJobsArePurgedInBatchesAndLiveOnesKept) {
  for (const char* sha : {"a1", "a2", "a3"}) {
    AddDocument(sha);
    auto job = Claim("w1");
    ASSERT_TRUE(job.has_value());
    ASSERT_TRUE(jobs_->FinishJob(job->id, "w1", "{}").ok());
  }
  AddDocument("a4");
  clock_.Advance(std::chrono::hours(1));
  const int64_t now =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch()).count();
  auto deleted = jobs_->PurgeFinishedJobs(now, 2);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 2);
  deleted = jobs_->PurgeFinishedJobs(now, 100);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 1);
  auto all = jobs_->ListJobs(JobFilter{});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().state, JobState::kQueued);
}

// Two processes' workers draining one queue: each job is claimed once.
TEST_P(JobStoreConformance, TwoConnectionsClaimingAtOnceNeverShareAJob) {
  std::unique_ptr<StoreUnderTest> other = Connect();
  ASSERT_NE(other, nullptr);
  constexpr int kDocuments = 60;
  for (int i = 0; i < kDocuments; ++i) {
    char sha[65];
    std::snprintf(sha, sizeof(sha), "%064x", i + 1);
    AddDocument(sha);
  }
  std::vector<int64_t> claimed[2];
  auto drain = [&](JobStore* store, const std::string& holder, std::vector<int64_t>* ids) {
    while (true) {
      auto job = store->ClaimNextJob({JobKind::kRead}, holder, std::chrono::seconds(30));
      ASSERT_TRUE(job.ok()) << job.status().ToString();
      if (!job->has_value()) return;
      ids->push_back((*job)->id);
      ASSERT_TRUE(store->FinishJob((*job)->id, holder, "{}").ok());
    }
  };
  std::thread a(drain, jobs_, "a", &claimed[0]);
  std::thread b(drain, other->jobs(), "b", &claimed[1]);
  a.join();
  b.join();
  std::set<int64_t> all(claimed[0].begin(), claimed[0].end());
  all.insert(claimed[1].begin(), claimed[1].end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kDocuments));
  EXPECT_EQ(claimed[0].size() + claimed[1].size(), static_cast<size_t>(kDocuments));  // none twice
}

}  // namespace quai
