// SqliteRepository: every store by concern — DocumentStore, ReviewStore,
// AccountStore, LearningStore, ModelRegistry and JobStore — kept in one
// embedded SQLite file (WAL mode, synchronous FULL: a call that returned ok
// survives a power cut), behind one connection and one lock, so a data
// directory's stores come from one Open. The contracts are the interfaces';
// the conformance suites beside them run against this class
// (sqlite_conformance_test.cc). Opening brings the schema up to date
// (migrations.h) and refuses a file written by a newer quai. Thread-safe: one
// connection behind a mutex, so calls from worker threads run one at a time,
// each as one IMMEDIATE transaction, which takes the file's write lock at its
// start: that is what serialises every transaction (an edit of a document, a
// login attempt, a claim) across processes sharing the file (they wait up to
// 10 s for the lock). SQLite's errors name the database file. Timestamps come from the
// injected Clock, which must outlive the repository.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
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
#include "storage/receiving_store.h"
#include "storage/review_store.h"
#include "storage/source_store.h"

namespace quai {

class SqliteConnection;

class SqliteRepository final : public DocumentStore,
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
  // Opens or creates the database at `database_path` (its folder must exist).
  // `clock` may be null for the system clock. IoError if the file cannot be
  // opened or is not a database; InvalidArgument if its schema is newer than
  // this code knows.
  static Result<std::unique_ptr<SqliteRepository>> Open(const std::string& database_path, Clock* clock);

  ~SqliteRepository() override;
  SqliteRepository(const SqliteRepository&) = delete;
  SqliteRepository& operator=(const SqliteRepository&) = delete;

  // DocumentStore (sqlite_repository.cc).
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

  // AccountStore (sqlite_repository_accounts.cc).
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

  // ReviewStore (sqlite_repository_reviews.cc). A reviewed document cannot be
  // deleted: review_events has no ON DELETE, so its audit trail stays.
  Result<ReviewDocumentRecord> LoadReviewDocument(int64_t document_id) override;
  Status EditReview(int64_t document_id, const ReviewEdit& edit) override;
  Result<ReviewSearchPage> SearchReviews(const ReviewSearchFilter& filter) override;
  Result<std::vector<StoredReviewEvent>> ListReviewEvents(int64_t document_id) override;
  Result<std::vector<TrainingExample>> ListTrainingExamples(int limit, int offset) override;
  Result<std::optional<TrainingExample>> FindTrainingExample(int64_t document_id) override;

  // LearningStore (sqlite_repository_learning.cc). The generation is a row
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

  // ModelRegistry (sqlite_repository_learning.cc). A partial unique index
  // holds one active version per kind and document type.
  Result<int64_t> AddModelVersion(const ModelVersionRecord& model) override;
  Result<std::vector<ModelVersionRecord>> ListModelVersions() override;
  Status ActivateModelVersion(int64_t id) override;
  Status SetModelVersionStatus(int64_t id, const std::string& status) override;

  // JobStore (sqlite_repository_jobs.cc). AddDocument queues the document's
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

  // MasterDataStore (sqlite_repository_erp.cc).
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

  // ReceivingStore (sqlite_repository_receiving.cc, sqlite_repository_exports.cc).
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

  // SourceStore (sqlite_repository_sources.cc). A source's ledger goes with it.
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

  // A connection setting as sqlite reports it, for diagnostics and tests:
  // one of journal_mode, synchronous, foreign_keys, busy_timeout.
  Result<std::string> ReadPragma(const std::string& name);

  // MonitoringStore (sqlite_repository_monitoring.cc)
  Result<MonitoringFigures> ReadMonitoringFigures(int window) override;

 private:
  // Every page of the document (`number` 0), or only page `number`.
  Result<std::vector<Page>> ReadPages(int64_t document_id, int number);
  SqliteRepository(std::unique_ptr<SqliteConnection> connection, Clock* clock);

  // Requires mutex_ held and a transaction open.
  Status InsertPage(int64_t document_id, const Page& page);
  // NotFound unless the document exists. Requires mutex_ held and a transaction open.
  Status CheckDocumentExists(int64_t document_id, const std::string& context);
  // Appends the document's extractions, newest first, at most `limit` of
  // them (all for a negative limit). NotFound for an unknown document.
  // Requires mutex_ held and a transaction open.
  Status ReadExtractions(int64_t document_id, int64_t limit, const std::string& context,
                         std::vector<StoredExtraction>* extractions);

  // Reads the document, its state (or else its latest extraction) and its page
  // sizes. Requires mutex_ held and a transaction open.
  Status ReadReviewDocument(int64_t document_id, const std::string& context, ReviewDocumentRecord* record);
  // Writes `update` for `document_id`. Requires mutex_ held and a transaction open.
  Status WriteReviewUpdate(int64_t document_id, const ReviewUpdate& update, const std::string& context);

  // NotFound unless the supplier exists. Requires mutex_ held and a transaction open.
  Status CheckSupplierExists(int64_t supplier_id, const std::string& context);
  // Appends the identifiers of `supplier` not yet stored for it. Requires
  // mutex_ held and a transaction open.
  Status InsertSupplierIdentifiers(const StoredSupplier& supplier, const std::string& context);
  // Retires the active model of `id`'s kind and document type and makes `id`
  // active. NotFound for an unknown id. Requires mutex_ held and a transaction open.
  Status ActivateModel(int64_t id, const std::string& context);

  // Replaces the document's search values. Requires mutex_ held and a transaction open.
  Status ReplaceSearchValues(int64_t document_id, const std::vector<SearchValue>& values,
                             const std::string& context);
  // An acceptance: its version (unless the latest has its digest), its lot
  // entries and its exports. Requires mutex_ held and a transaction open.
  Status RecordAcceptance(int64_t document_id, const AcceptedVersion& accepted, const std::string& context);
  Status ReplaceLotEntries(int64_t document_id, int version, const std::vector<LotEntry>& entries,
                           const std::string& now, const std::string& context);
  // The one lot `entry` (a certificate) certifies, or why none. Requires mutex_ held.
  Status MatchCertificate(const LotEntry& entry, const std::string& context, int64_t* lot_id, std::string* why_not);
  // Links a certificate's entry by the rules on the lots as they are now;
  // `linked_lot` is the lot it is linked to so far (0: none).
  Status LinkCertificateEntry(int64_t entry_id, int64_t document_id, const LotEntry& entry, int64_t linked_lot,
                              const std::string& now, const std::string& context, std::set<int64_t>* touched);
  Status UpdateLotState(int64_t lot_id, const std::string& now, const std::string& context);
  Status AddLotEvent(int64_t lot_id, const std::string& action, int64_t document_id, const std::string& detail,
                     const std::string& now, const std::string& context);
  // One export (and its job) per enabled target that takes the version and
  // has none for it yet; `supersede_earlier`: earlier versions' undelivered
  // exports are superseded first.
  Status QueueExports(int64_t document_id, int64_t version_id, int version, const AcceptedVersion& accepted,
                      const std::string& now, bool supersede_earlier, const std::string& context);
  // The clock's time in milliseconds since the epoch.
  int64_t NowMs() const;
  // Inserts a queued job unless one with its key is live (then `*id` is that
  // one's). Requires mutex_ held and a transaction open.
  Status InsertJob(const NewJob& job, int64_t now_ms, const std::string& context, int64_t* id);
  // Marks the document's live job of `kind` done, whoever holds it (the
  // document's state just changed in this transaction). Requires mutex_ held
  // and a transaction open.
  Status FinishDocumentJob(JobKind kind, int64_t document_id, const std::string& result_json,
                           const std::string& context);
  // Claims job `id` for `holder` (an attempt). Requires mutex_ held and a transaction open.
  // Sets run_after_ms to `now_ms`: a claimed job's run_after is when its last claim began.
  Status TakeJob(int64_t id, const std::string& holder, int64_t now_ms, int64_t lease_expires_ms,
                 const std::string& context);
  // A job whose attempts are spent becomes dead; a dead read job refuses its
  // document. Requires mutex_ held and a transaction open.
  Status BuryJob(int64_t id, const std::string& error, int64_t now_ms, const std::string& context);
  Result<std::optional<JobRecord>> ReadJob(int64_t id, const std::string& context);

  // Recursive: a store call made inside another's callback (the ERP checks
  // reading the master data inside a review edit's transaction) runs on the
  // same connection, in that transaction (InTransaction nests as a savepoint).
  std::recursive_mutex mutex_;
  std::unique_ptr<SqliteConnection> connection_;  // guarded by mutex_
  Clock* const clock_;
};

}  // namespace quai
