// PostgresRepository: every store by concern — the same interfaces as
// SqliteRepository, with the same contracts (the conformance suites run
// against both: postgres_conformance_test.cc) — kept in one PostgreSQL
// database, so several quai processes on several machines (API nodes,
// workers) share one installation. Opening brings the schema up to date
// (postgres_migrations.h) and refuses a database written by a newer quai.
// Thread-safe: calls from many threads run on a small pool of connections
// (postgres_pool.h), each call one transaction; a call made inside another's
// transaction on the same thread joins it. Jobs are claimed with
// FOR UPDATE SKIP LOCKED, so workers never wait on each other's claims; a
// queued job NOTIFYs channel quai_jobs (WaitForJobs). Timestamps come from the
// injected Clock, which must outlive the repository. Errors name the server
// and database, never the password.
//
// Files by concern: postgres_repository.cc (documents, pages, extractions),
// _reviews.cc, _accounts.cc, _jobs.cc, _sources.cc, and (pg-stores)
// _learning.cc, _models.cc, _master_data.cc, _receiving.cc, _exports.cc.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "quai/document.h"
#include "quai/status.h"
#include "storage/account_store.h"
#include "storage/document_store.h"
#include "storage/job_store.h"
#include "storage/learning_store.h"
#include "storage/master_data_store.h"
#include "storage/model_registry.h"
#include "storage/monitoring_store.h"
#include "storage/postgresql/postgres_connection.h"
#include "storage/receiving_store.h"
#include "storage/review_store.h"
#include "storage/source_store.h"

namespace quai {

class PostgresPool;
class PostgresConnection;

class PostgresRepository final : public DocumentStore,
                                 public ReviewStore,
                                 public AccountStore,
                                 public LearningStore,
                                 public ModelRegistry,
                                 public JobStore,
                                 public MasterDataStore,
                                 public ReceivingStore,
                                 public SourceStore,
                                 public MonitoringStore {
 public:
  // Connects to the database `options` name and migrates it. `clock` may be
  // null for the system clock. Unavailable when the server cannot be reached;
  // InvalidArgument if its schema is newer than this code knows.
  static Result<std::unique_ptr<PostgresRepository>> Open(const PostgresOptions& options, Clock* clock);

  ~PostgresRepository() override;
  PostgresRepository(const PostgresRepository&) = delete;
  PostgresRepository& operator=(const PostgresRepository&) = delete;

  // DocumentStore (postgres_repository.cc).
  Result<int64_t> AddDocument(const DocumentRecord& record) override;
  Result<std::optional<DocumentRecord>> FindDocumentBySha256(const std::string& sha256) override;
  Result<std::vector<DocumentRecord>> FindDocumentsBySha256Prefix(const std::string& prefix, int limit) override;
  Result<std::optional<DocumentRecord>> FindDocument(int64_t id) override;
  Result<std::vector<DocumentRecord>> ListDocuments(const DocumentFilter& filter) override;
  Status SavePages(int64_t document_id, const std::vector<Page>& pages) override;
  Status MarkRefused(int64_t document_id, const std::string& error) override;
  Status ReadAgain(int64_t document_id) override;
  Result<int> DeleteRefused(int64_t document_id) override;
  Result<std::vector<Page>> LoadPages(int64_t document_id) override;
  Result<std::optional<Page>> LoadPage(int64_t document_id, int number) override;
  // Extractions go with their document when it is deleted.
  Status SaveExtraction(const StoredExtraction& extraction) override;
  Result<std::optional<StoredExtraction>> LatestExtraction(int64_t document_id) override;
  Result<std::vector<StoredExtraction>> ListExtractions(int64_t document_id) override;
  Result<std::vector<ReadConfidence>> RecentConfidences(int limit) override;

  // AccountStore (postgres_repository_accounts.cc).
  Result<int64_t> AddUser(const StoredUser& user) override;
  Result<std::optional<StoredUser>> FindUser(const std::string& name) override;
  Result<std::vector<StoredUser>> ListUsers() override;
  Status SetPasswordHash(const std::string& name, const std::string& password_hash) override;
  Status AddSession(const StoredSession& session) override;
  Result<std::optional<std::pair<StoredSession, StoredUser>>> FindSession(const std::string& id_hash) override;
  Status ExtendSession(const std::string& id_hash, const std::string& expires_at) override;
  Status RemoveSession(const std::string& id_hash) override;
  Status AddApiToken(const StoredApiToken& token) override;
  Result<std::optional<StoredUser>> FindApiTokenUser(const std::string& token_hash, const std::string& now) override;
  Result<std::vector<StoredApiToken>> ListApiTokens() override;
  Status RevokeApiToken(int64_t id, const std::string& at) override;
  Status RevokeUserApiTokens(const std::string& user_name, const std::string& at) override;
  Status SetUserDisabled(const std::string& name, const std::string& at) override;
  Status SetUserRole(const std::string& name, const std::string& role) override;
  Result<LoginAdmission> BeginLoginAttempt(const LoginAttempt& attempt) override;
  Status LoginSucceeded(int64_t attempt_id, const std::string& user_name) override;
  Status ClearLoginFailures(const std::string& user_name) override;
  Status AddKnownDevice(const std::string& id_hash, const std::string& user_name, const std::string& at) override;
  Result<bool> IsKnownDevice(const std::string& id_hash, const std::string& user_name) override;
  Result<SecurityEvent> AppendSecurityEvent(SecurityEvent event) override;
  Result<std::vector<SecurityEvent>> ListSecurityEvents(int64_t after_id, int limit) override;

  // ReviewStore (postgres_repository_reviews.cc). A reviewed document cannot be
  // deleted: review_events has no ON DELETE, so its audit trail stays.
  Result<ReviewDocumentRecord> LoadReviewDocument(int64_t document_id) override;
  Status EditReview(int64_t document_id, const ReviewEdit& edit) override;
  Result<ReviewSearchPage> SearchReviews(const ReviewSearchFilter& filter) override;
  Result<std::vector<StoredReviewEvent>> ListReviewEvents(int64_t document_id) override;
  Result<std::vector<TrainingExample>> ListTrainingExamples(int limit, int offset) override;
  Result<std::optional<TrainingExample>> FindTrainingExample(int64_t document_id) override;

  // LearningStore (postgres_repository_learning.cc). The generation is a row
  // raised by triggers, so it moves with writes from any process.
  Result<int64_t> AddSupplier(const StoredSupplier& supplier) override;
  Result<std::vector<StoredSupplier>> ListSuppliers() override;
  Result<std::optional<StoredSupplier>> FindSupplier(int64_t id) override;
  Status UpdateSupplier(const StoredSupplier& supplier) override;
  Status CountSupplierDocument(int64_t supplier_id) override;
  Status RemoveSupplierIdentifier(int64_t supplier_id, const SupplierIdentifier& identifier) override;
  Status MergeSuppliers(int64_t kept_id, int64_t merged_id) override;
  Status RecordSupplierOutcome(const SupplierOutcome& outcome) override;
  Result<std::vector<SupplierOutcome>> ListSupplierOutcomes(int64_t supplier_id, int limit) override;
  Status SaveLayoutExample(const LayoutExampleRecord& example) override;
  Status RemoveLayoutExample(int64_t document_id) override;
  Result<std::vector<LayoutExampleRecord>> ListLayoutExamples(int64_t supplier_id, const std::string& document_type,
                                                              int limit) override;
  Result<int64_t> LearningGeneration() override;
  Result<int64_t> AddDriftSignal(const DriftSignal& signal) override;
  Result<std::vector<DriftSignal>> ListDriftSignals(int limit, int offset) override;

  // ModelRegistry (postgres_repository_models.cc). A partial unique index
  // holds one active version per kind and document type.
  Result<int64_t> AddModelVersion(const ModelVersionRecord& model) override;
  Result<std::vector<ModelVersionRecord>> ListModelVersions() override;
  Status ActivateModelVersion(int64_t id) override;
  Status SetModelVersionStatus(int64_t id, const std::string& status) override;

  // JobStore (postgres_repository_jobs.cc). AddDocument queues the document's
  // read job in its own transaction; SavePages and MarkRefused finish it in theirs.
  Result<int64_t> EnqueueJob(const NewJob& job) override;
  Result<std::optional<JobRecord>> ClaimNextJob(const std::vector<JobKind>& kinds, const std::string& holder,
                                                std::chrono::milliseconds lease) override;
  Result<std::optional<JobRecord>> ClaimDocumentJob(JobKind kind, int64_t document_id, const std::string& holder,
                                                    std::chrono::milliseconds lease) override;
  Result<int> RenewLeases(const std::string& holder, std::chrono::milliseconds lease) override;
  Result<std::vector<std::string>> ListLeaseHolders() override;
  Result<int> ExpireLeases(const std::string& holder) override;
  Status FinishJob(int64_t id, const std::string& holder, const std::string& result_json) override;
  Result<JobState> FailJob(int64_t id, const std::string& holder, const std::string& error,
                           std::chrono::milliseconds retry_after, bool permanent) override;
  Status RetryJob(int64_t id) override;
  Result<std::optional<JobRecord>> FindJob(int64_t id) override;
  Result<std::vector<JobRecord>> ListJobs(const JobFilter& filter) override;
  Result<JobCounts> CountJobs() override;
  Result<std::vector<std::chrono::milliseconds>> RecentRunTimes(JobKind kind, int limit) override;
  Result<int> PurgeFinishedJobs(int64_t before_ms, int limit) override;

  // MasterDataStore (postgres_repository_master_data.cc).
  Result<std::optional<ErpConnection>> GetErpConnection() override;
  Status SaveErpConnection(const ErpConnection& connection) override;
  Result<std::string> GetErpRulesJson() override;
  Status SaveErpRulesJson(const std::string& rules_json) override;
  Result<ErpSyncState> GetErpSyncState() override;
  Status SaveErpSyncState(const ErpSyncState& state) override;
  Result<bool> ClaimErpSync(const std::string& expected, const std::string& now) override;
  Result<MasterDataChange> ApplyMasterData(const MasterDataBatch& batch) override;
  Result<MasterDataCounts> CountMasterData() override;
  Result<std::optional<PurchaseOrder>> FindPurchaseOrder(const std::string& po_number) override;
  Result<std::optional<ErpSupplier>> FindErpSupplier(const std::string& supplier_id) override;
  Result<std::vector<ErpSupplier>> FindErpSuppliersByIdentifier(const std::string& kind,
                                                               const std::string& value) override;
  Result<std::vector<ErpSupplier>> ListErpSuppliers() override;
  Result<std::optional<ErpArticle>> FindArticle(const std::string& article_code,
                                                const std::string& supplier_id) override;
  Result<std::vector<ErpArticle>> FindArticlesBySupplierCode(const std::string& supplier_id,
                                                             const std::string& supplier_article_code) override;
  Status SaveReceivedQuantities(int64_t document_id, const std::vector<ReceivedQuantity>& received) override;
  Result<std::map<std::string, double>> ReceivedInQuai(const std::string& po_number, int64_t document_id) override;
  Result<std::vector<InvoiceTwin>> FindInvoiceTwins(int64_t document_id, const std::string& supplier,
                                                    const std::string& invoice_number, const std::string& total,
                                                    const std::string& date) override;

  // ReceivingStore (postgres_repository_receiving.cc, postgres_repository_exports.cc).
  Result<std::vector<DocumentVersion>> ListDocumentVersions(int64_t document_id) override;
  Result<std::optional<DocumentVersion>> FindDocumentVersion(int64_t version_id) override;
  Result<std::vector<Lot>> SearchLots(const LotSearch& search) override;
  Result<std::optional<LotPage>> FindLot(int64_t lot_id) override;
  Result<std::vector<UnlinkedCertificate>> UnlinkedCertificates(int64_t document_id) override;
  Result<std::string> CertificateMatch(const LotEntry& entry) override;
  Result<int64_t> SaveExportTarget(const ExportTarget& target) override;
  Result<std::vector<ExportTarget>> ListExportTargets() override;
  Result<std::optional<ExportTarget>> FindExportTarget(int64_t id) override;
  Status RemoveExportTarget(int64_t id) override;
  Result<std::optional<ExportRecord>> FindExport(int64_t id) override;
  Result<std::vector<ExportRecord>> ListExports(const ExportFilter& filter) override;
  Status RecordExportAttempt(int64_t id, const ExportAttempt& attempt) override;
  Status RetryExport(int64_t id) override;
  Status MarkReceiptBooked(int64_t document_id, const std::string& at) override;

  // SourceStore (postgres_repository_sources.cc). A source's ledger goes with it.
  Result<int64_t> AddSource(const SourceRecord& source) override;
  Result<std::vector<SourceRecord>> ListSources() override;
  Result<std::optional<SourceRecord>> FindSource(const std::string& name) override;
  Status UpdateSource(const std::string& name, const std::string& settings_json,
                      const std::optional<std::string>& secret, bool enabled) override;
  Status RemoveSource(const std::string& name) override;
  Result<bool> ClaimSource(int64_t source_id, const std::string& holder, std::chrono::milliseconds lease,
                           const std::string& dead_holder) override;
  Status FinishSourceRun(int64_t source_id, const std::string& holder, const SourceRun& run) override;
  Status SaveSourceCursor(int64_t source_id, const std::string& cursor_json) override;
  Result<std::optional<SourceItem>> FindSourceItem(int64_t source_id, const std::string& key) override;
  Status SaveSourceItem(const SourceItem& item) override;

  // MonitoringStore (postgres_repository_monitoring.cc): one REPEATABLE READ snapshot.
  Result<MonitoringFigures> ReadMonitoringFigures(int window) override;

  // Waits up to `timeout` for a job to be queued or released by any process
  // (LISTEN quai_jobs); true when one was. Workers poll anyway: this only
  // wakes them sooner. Thread-safe.
  Result<bool> WaitForJobs(std::chrono::milliseconds timeout);

  // Where the database is ("127.0.0.1:5432, database quai"), for messages.
  const std::string& where() const;

 private:
  PostgresRepository(std::unique_ptr<PostgresPool> pool, Clock* clock);

  // The clock's time as stored text, and in milliseconds since the epoch.
  std::string NowText() const;
  int64_t NowMs() const;
  // Runs `body` in one transaction (nested calls on one thread join it).
  Status InTransaction(const std::string& context, const std::function<Status(PostgresConnection&)>& body);

  // --- documents, reviews, jobs (postgres_repository.cc, _reviews.cc, _jobs.cc) ---
  Result<std::vector<Page>> ReadPages(int64_t document_id, int number);
  Status InsertPage(PostgresConnection& db, int64_t document_id, const Page& page);
  Status CheckDocumentExists(PostgresConnection& db, int64_t document_id, const std::string& context);
  Status ReadExtractions(PostgresConnection& db, int64_t document_id, int64_t limit, const std::string& context,
                         std::vector<StoredExtraction>* extractions);
  Status ReadReviewDocument(PostgresConnection& db, int64_t document_id, const std::string& context,
                            ReviewDocumentRecord* record);
  Status WriteReviewUpdate(PostgresConnection& db, int64_t document_id, const ReviewUpdate& update,
                           const std::string& context);
  Status ReplaceSearchValues(PostgresConnection& db, int64_t document_id, const std::vector<SearchValue>& values,
                             const std::string& context);
  Status InsertJob(PostgresConnection& db, const NewJob& job, int64_t now_ms, const std::string& context,
                   int64_t* id);
  Status FinishDocumentJob(PostgresConnection& db, JobKind kind, int64_t document_id, const std::string& result_json,
                           const std::string& context);
  Status TakeJob(PostgresConnection& db, int64_t id, const std::string& holder, int64_t now_ms,
                 int64_t lease_expires_ms, const std::string& context);
  Status BuryJob(PostgresConnection& db, int64_t id, const std::string& error, int64_t now_ms,
                 const std::string& context);
  Result<std::optional<JobRecord>> ReadJob(PostgresConnection& db, int64_t id, const std::string& context);

  // --- pg-stores: learning, models, master data, receiving, exports. Helpers
  // called from the concerns above (an acceptance from SaveExtraction and
  // EditReview) are declared here; add your own below this line. ---
  // An acceptance: its version, its lot entries and its exports (postgres_repository_receiving.cc).
  Status RecordAcceptance(PostgresConnection& db, int64_t document_id, const AcceptedVersion& accepted,
                          const std::string& context);
  // One export (and its job) per enabled target that takes the version and
  // has none for it yet; `supersede_earlier`: earlier versions' undelivered
  // exports (and their queued jobs) are superseded first (postgres_repository_exports.cc).
  Status QueueExports(PostgresConnection& db, int64_t document_id, int64_t version_id, int version,
                      const AcceptedVersion& accepted, const std::string& now, bool supersede_earlier,
                      const std::string& context);

  std::unique_ptr<PostgresPool> pool_;
  Clock* const clock_;
  // The connection that LISTENs on quai_jobs (opened on first WaitForJobs).
  std::mutex listen_mutex_;
  std::unique_ptr<PostgresConnection> listener_;  // guarded by listen_mutex_
};

}  // namespace quai
