// Test-only: a document store and job queue that forward to real ones and
// fail one chosen call (the N-th, counting every call of either), as a disk
// that fills up or a database that goes away for a moment would. Walking N
// over every call a piece of work makes tests each of its error paths.
// Thread-safe when the wrapped stores are.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "storage/document_store.h"
#include "storage/job_store.h"

namespace quai {

class FailingStore final : public DocumentStore, public JobStore {
 public:
  // Fails call number `fail_call` (from 1); 0 never fails.
  FailingStore(DocumentStore* documents, JobStore* jobs, int fail_call)
      : documents_(documents), jobs_(jobs), fail_call_(fail_call) {}

  int calls() const { return calls_.load(); }
  bool failed() const { return fail_call_ > 0 && calls_.load() >= fail_call_; }

  Result<int64_t> AddDocument(const DocumentRecord& record) override {
    return Fail("AddDocument") ? Injected() : documents_->AddDocument(record);
  }
  Result<std::optional<DocumentRecord>> FindDocumentBySha256(const std::string& sha256) override {
    return Fail("FindDocumentBySha256") ? Injected() : documents_->FindDocumentBySha256(sha256);
  }
  Result<std::vector<DocumentRecord>> FindDocumentsBySha256Prefix(const std::string& prefix, int limit) override {
    return Fail("FindDocumentsBySha256Prefix") ? Injected() : documents_->FindDocumentsBySha256Prefix(prefix, limit);
  }
  Result<std::optional<DocumentRecord>> FindDocument(int64_t id) override {
    return Fail("FindDocument") ? Injected() : documents_->FindDocument(id);
  }
  Result<std::vector<DocumentRecord>> ListDocuments(const DocumentFilter& filter) override {
    return Fail("ListDocuments") ? Injected() : documents_->ListDocuments(filter);
  }
  Status SavePages(int64_t document_id, const std::vector<Page>& pages) override {
    return Fail("SavePages") ? Injected() : documents_->SavePages(document_id, pages);
  }
  Status MarkRefused(int64_t document_id, const std::string& error) override {
    return Fail("MarkRefused") ? Injected() : documents_->MarkRefused(document_id, error);
  }
  Status ReadAgain(int64_t document_id) override {
    return Fail("ReadAgain") ? Injected() : documents_->ReadAgain(document_id);
  }
  Result<int> DeleteRefused(int64_t document_id) override {
    return Fail("DeleteRefused") ? Injected() : documents_->DeleteRefused(document_id);
  }
  Result<std::vector<Page>> LoadPages(int64_t document_id) override {
    return Fail("LoadPages") ? Injected() : documents_->LoadPages(document_id);
  }
  Result<std::optional<Page>> LoadPage(int64_t document_id, int number) override {
    return Fail("LoadPage") ? Injected() : documents_->LoadPage(document_id, number);
  }
  Status SaveExtraction(const StoredExtraction& extraction) override {
    return Fail("SaveExtraction") ? Injected() : documents_->SaveExtraction(extraction);
  }
  Result<std::optional<StoredExtraction>> LatestExtraction(int64_t document_id) override {
    return Fail("LatestExtraction") ? Injected() : documents_->LatestExtraction(document_id);
  }
  Result<std::vector<StoredExtraction>> ListExtractions(int64_t document_id) override {
    return Fail("ListExtractions") ? Injected() : documents_->ListExtractions(document_id);
  }
  Result<std::vector<ReadConfidence>> RecentConfidences(int limit) override {
    return Fail("RecentConfidences") ? Injected() : documents_->RecentConfidences(limit);
  }

  Result<int64_t> EnqueueJob(const NewJob& job) override {
    return Fail("EnqueueJob") ? Injected() : jobs_->EnqueueJob(job);
  }
  Result<std::optional<JobRecord>> ClaimNextJob(const std::vector<JobKind>& kinds, const std::string& holder,
                                                std::chrono::milliseconds lease) override {
    return Fail("ClaimNextJob") ? Injected() : jobs_->ClaimNextJob(kinds, holder, lease);
  }
  Result<std::optional<JobRecord>> ClaimDocumentJob(JobKind kind, int64_t document_id, const std::string& holder,
                                                    std::chrono::milliseconds lease) override {
    return Fail("ClaimDocumentJob") ? Injected() : jobs_->ClaimDocumentJob(kind, document_id, holder, lease);
  }
  Result<std::vector<std::string>> ListLeaseHolders() override {
    return Fail("ListLeaseHolders") ? Injected() : jobs_->ListLeaseHolders();
  }
  Result<int> ExpireLeases(const std::string& holder) override {
    return Fail("ExpireLeases") ? Injected() : jobs_->ExpireLeases(holder);
  }
  Result<int> RenewLeases(const std::string& holder, std::chrono::milliseconds lease) override {
    return Fail("RenewLeases") ? Injected() : jobs_->RenewLeases(holder, lease);
  }
  Status FinishJob(int64_t id, const std::string& holder, const std::string& result_json) override {
    return Fail("FinishJob") ? Injected() : jobs_->FinishJob(id, holder, result_json);
  }
  Result<JobState> FailJob(int64_t id, const std::string& holder, const std::string& error,
                           std::chrono::milliseconds retry_after, bool permanent) override {
    return Fail("FailJob") ? Injected() : jobs_->FailJob(id, holder, error, retry_after, permanent);
  }
  Status RetryJob(int64_t id) override { return Fail("RetryJob") ? Injected() : jobs_->RetryJob(id); }
  Result<std::optional<JobRecord>> FindJob(int64_t id) override {
    return Fail("FindJob") ? Injected() : jobs_->FindJob(id);
  }
  Result<std::vector<JobRecord>> ListJobs(const JobFilter& filter) override {
    return Fail("ListJobs") ? Injected() : jobs_->ListJobs(filter);
  }
  Result<JobCounts> CountJobs() override { return Fail("CountJobs") ? Injected() : jobs_->CountJobs(); }
  Result<std::vector<std::chrono::milliseconds>> RecentRunTimes(JobKind kind, int limit) override {
    return Fail("RecentRunTimes") ? Injected() : jobs_->RecentRunTimes(kind, limit);
  }
  Result<int> PurgeFinishedJobs(int64_t before_ms, int limit) override {
    return Fail("PurgeFinishedJobs") ? Injected() : jobs_->PurgeFinishedJobs(before_ms, limit);
  }

  // The call that failed ("SavePages"), empty before it did.
  std::string failed_call() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return failed_call_;
  }

 private:
  bool Fail(const char* call) {
    if (calls_.fetch_add(1) + 1 != fail_call_) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    failed_call_ = call;
    return true;
  }
  static Status Injected() { return Status::IoError("injected store failure"); }

  DocumentStore* documents_;
  JobStore* jobs_;
  const int fail_call_;
  std::atomic<int> calls_{0};
  mutable std::mutex mutex_;
  std::string failed_call_;  // guarded by mutex_
};

}  // namespace quai
