#include "quai/workspace.h"
#include "core/log.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <nlohmann/json.hpp>

#include "check/erp_rules.h"
#include "core/clock.h"
#include "core/file_system.h"
#include "intake/blob_store.h"
#include "learn/learner.h"
#include "learn/retrainer.h"
#include "learn/stored_knowledge.h"
#include "pipeline/batch_runner.h"
#include "pipeline/page_reading.h"
#include "pipeline/job_runner.h"
#include "pipeline/job_wake_listener.h"
#include "pipeline/learning_jobs.h"
#include "pipeline/lease_keeper.h"
#include "pipeline/erp_keeper.h"
#include "pipeline/model_keeper.h"
#include "pipeline/stages.h"
#include "pipeline/workspace_services.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {

std::string ResolveDataDir(const std::string& requested) {
  if (!requested.empty()) return requested;
  if (const char* home = std::getenv("QUAI_HOME"); home != nullptr && *home != '\0') return home;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') return JoinPath(xdg, "quai");
  if (const char* user_home = std::getenv("HOME"); user_home != nullptr && *user_home != '\0')
    return JoinPath(user_home, ".local/share/quai");
  return "quai-data";
}

PipelineContext WorkspaceServices::MakeContext() {
  PipelineContext context;
  context.options = options_;
  context.file_system = file_system_;
  context.blob_store = blob_store_.get();
  context.repository = stores_.documents;
  context.jobs = stores_.jobs;
  context.extractor = LoadExtractor();
  context.current_extractor = [this]() {
    std::lock_guard<std::mutex> lock(load_mutex_);
    return extractor_;
  };
  context.knowledge = knowledge_.get();
  context.erp = erp_checks();
  context.today = [this] { return Today(); };
  if (learner_) {
    Learner* to_tell = learner_.get();
    context.on_extracted = [to_tell](int64_t id, const Extraction& extraction) {
      (void)to_tell->NoteExtraction(id, extraction);  // monitoring only: reading goes on
    };
  }
  return context;
}

PipelineContext WorkspaceServices::IntakeContext() const {
  PipelineContext context;
  context.options = options_;
  context.readers = readers_;
  context.file_system = file_system_;
  context.blob_store = blob_store_.get();
  context.repository = stores_.documents;
  context.any_stored_is_duplicate = true;
  return context;
}

OcrEngineFactory WorkspaceServices::OcrEngines() const {
  if (environment_.ocr_engines) return environment_.ocr_engines(options_.ocr);
  OcrOptions ocr = options_.ocr;
  return [ocr] { return NewTesseractEngine(ocr); };
}

// The active model set of the registry, else the shipped models.
Result<std::unique_ptr<Extractor>> WorkspaceServices::LoadModels() {
  ExtractorOptions options;
  auto active = ActiveModels(stores_.models);
  if (active.ok() && active->has_value()) {
    options.model_dir = ModelFolder(data_dir_, **active);
    auto loaded = Extractor::Load(options);
    if (loaded.ok()) return loaded;
    Logf(LogLevel::kWarning, {}, "quai: the active models (%s) cannot be loaded, using the shipped ones: %s\n",
                 (*active)->version.c_str(), loaded.status().message().c_str());
    options.model_dir.clear();
  }
  return Extractor::Load(options);
}

// Models are loaded for the first ingest only: list and show do not need them.
const Extractor* WorkspaceServices::LoadExtractor() {
  std::lock_guard<std::mutex> lock(load_mutex_);  // the server's request threads may ask first
  if (!extractor_tried_) {
    extractor_tried_ = true;
    auto loaded = LoadModels();
    if (loaded.ok()) {
      extractor_ = std::move(loaded).value();
      knowledge_ = std::make_unique<StoredKnowledge>(stores_.learning, extractor_->schemas());
      learner_ = std::make_unique<Learner>(stores_.documents, stores_.reviews, stores_.learning, extractor_.get(),
                                           knowledge_.get(), clock_);
    } else {
      extractor_problem_ = loaded.status().message();
    }
  }
  return extractor_.get();
}

const Extractor* WorkspaceServices::extractor() {
  LoadExtractor();
  std::lock_guard<std::mutex> lock(load_mutex_);
  return extractor_.get();
}

const StoredKnowledge* WorkspaceServices::knowledge() {
  LoadExtractor();
  return knowledge_.get();
}

Learner* WorkspaceServices::learner() {
  LoadExtractor();
  return learner_.get();
}

Status WorkspaceServices::ReloadModels() {
  if (LoadExtractor() == nullptr) return Status::Internal(extractor_problem_);
  auto loaded = LoadModels();
  if (!loaded.ok()) return loaded.status();
  std::lock_guard<std::mutex> lock(load_mutex_);
  replaced_.push_back(extractor_);
  extractor_ = std::move(loaded).value();
  return Status::Ok();
}

const ErpChecks* WorkspaceServices::erp_checks() {
  if (stores_.master_data == nullptr) return nullptr;
  std::call_once(erp_checks_once_, [this] {
    erp_checks_ = std::make_unique<ErpChecks>(*stores_.master_data);
    erp_checks_->set_lot_book(stores_.receiving);
  });
  return erp_checks_.get();
}

Status WorkspaceServices::SetErpRules(const nlohmann::json& rules) {
  if (stores_.master_data == nullptr) return Status::FailedPrecondition("this store keeps no ERP data");
  auto parsed = ErpRules::FromJson(rules);
  if (!parsed.ok()) return parsed.status();
  return stores_.master_data->SaveErpRulesJson(rules.dump());
}

std::string WorkspaceServices::Today() const {
  if (!options_.today.empty()) return options_.today;
  return FormatUtcTimestamp(clock_->Now()).substr(0, 10);
}

Result<Stores> OpenSqliteStores(const std::string& data_dir, Clock* clock) {
  auto repository = SqliteRepository::Open(JoinPath(data_dir, "quai.db"), clock);
  if (!repository.ok()) return repository.status();
  std::shared_ptr<SqliteRepository> store = std::move(repository).value();
  Stores stores;
  stores.documents = store.get();
  stores.reviews = store.get();
  stores.accounts = store.get();
  stores.learning = store.get();
  stores.models = store.get();
  stores.jobs = store.get();
  stores.master_data = store.get();
  stores.receiving = store.get();
  stores.sources = store.get();
  stores.monitoring = store.get();
  stores.owner = store;
  return stores;
}

Workspace::Workspace(std::unique_ptr<WorkspaceServices> impl) : impl_(std::move(impl)) {}
Workspace::~Workspace() { StopWorkers(); }

WorkspaceServices& Workspace::services() const { return *impl_; }
const std::string& Workspace::data_dir() const { return impl_->data_dir_; }
const std::string& Workspace::extraction_problem() const { return impl_->extractor_problem_; }

Result<std::optional<std::string>> Workspace::LatestExtractionJson(int64_t document_id) {
  auto stored = impl_->stores_.documents->LatestExtraction(document_id);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return std::optional<std::string>();
  return std::optional<std::string>((*stored)->result_json);
}

Result<std::unique_ptr<Workspace>> Workspace::Open(const Options& options) { return Open(options, Environment{}); }

Result<std::unique_ptr<Workspace>> Workspace::Open(const Options& options, const Environment& environment) {
  std::unique_ptr<WorkspaceServices> impl(new WorkspaceServices);
  impl->options_ = options;
  impl->environment_ = environment;
  impl->data_dir_ = ResolveDataDir(options.data_dir);
  impl->file_system_ = environment.file_system != nullptr ? environment.file_system : DefaultFileSystem();
  impl->clock_ = environment.clock != nullptr ? environment.clock : SystemClock();
  FileSystem* fs = impl->file_system_;
  Status created = fs->CreateDirectories(impl->data_dir_);
  if (!created.ok()) return created.WithContext("cannot create the data directory");
  // Suppliers' documents and people's accounts: for the server's own user only
  // (new files are private by the umask `main` sets; this mends older installations).
  ::chmod(impl->data_dir_.c_str(), 0700);
  for (const char* file : {"quai.db", "quai.db-wal", "quai.db-shm"})
    ::chmod(JoinPath(impl->data_dir_, file).c_str(), 0600);
  impl->blob_store_ = std::make_unique<BlobStore>(fs, impl->data_dir_);
  {
    WorkspaceServices* services = impl.get();
    impl->readers_ = std::make_shared<ReaderPool>(
        [services] { return NewDocumentReader(services->options_, services->OcrEngines()); }, 2);
  }
  QUAI_RETURN_IF_ERROR(impl->blob_store_->Open());
  auto stores = environment.open_stores
                    ? environment.open_stores(impl->data_dir_, impl->clock_)
                    : OpenStores(ResolveDatabase(options.database), impl->data_dir_, impl->clock_);
  if (!stores.ok()) return stores.status();
  impl->stores_ = std::move(stores).value();
  return std::unique_ptr<Workspace>(new Workspace(std::move(impl)));
}

Result<IngestReport> Workspace::Ingest(const std::vector<std::string>& paths, const std::string& source,
                                       IngestObserver* observer) {
  // This process reads what it takes in: it holds each document's read job,
  // renewing the lease while it reads, so a worker sharing the data directory
  // leaves the document alone (and takes it over should this process die).
  LeaseKeeper leases(impl_->stores_.jobs, std::chrono::seconds(impl_->options_.lease_seconds));
  PipelineContext context = impl_->MakeContext();
  context.jobs = impl_->stores_.jobs;
  context.read_holder = leases.holder();
  context.read_lease = leases.lease();
  BatchRunner runner(std::move(context), impl_->OcrEngines(), observer);
  IngestReport report;
  for (auto& job : runner.Run(paths, source, /*keep_pages=*/false)) {
    if (job->retry_later && job->report.document_id != 0) {
      // The store failed, not the document: its read job goes back to the queue.
      (void)impl_->stores_.jobs->EnqueueJob(NewJob{JobKind::kRead, job->report.document_id});
    }
    report.files.push_back(std::move(job->report));
  }
  return report;
}

Result<IngestReport> Workspace::Queue(const std::vector<std::string>& paths, const std::string& source,
                                      IngestObserver* observer) {
  PipelineContext context = impl_->IntakeContext();  // stored before: its read job exists already
  IngestReport report;
  int done = 0;
  for (const std::string& path : paths) {
    DocumentJob job;
    job.path = path;
    job.source = source;
    job.report.path = path;
    RunIntakeOnly(context, job);
    if (observer != nullptr) observer->OnFileDone(job.report, ++done, static_cast<int>(paths.size()));
    report.files.push_back(std::move(job.report));
  }
  return report;
}

Result<IngestedFile> Workspace::Receive(const std::string& name, std::string bytes, const std::string& source,
                                        const std::string& origin_json) {
  PipelineContext context = impl_->IntakeContext();
  DocumentJob job;
  job.path = name;
  job.source = source;
  job.origin_json = origin_json;
  job.report.path = name;
  job.bytes = std::make_shared<const std::string>(std::move(bytes));
  RunIntakeOnly(context, job);
  if (job.report.outcome == IngestOutcome::kStored && impl_->runner_) impl_->runner_->Wake();
  return std::move(job.report);
}

Status Workspace::StartWorkers(IngestObserver* observer, const WorkerSettings& settings) {
  if (impl_->runner_) return Status::Ok();
  JobRunnerOptions options;
  options.readers = WorkerCount(impl_->options_.jobs);
  options.lease = std::chrono::seconds(std::max(impl_->options_.lease_seconds, 1));
  options.poll = std::chrono::milliseconds(std::max(impl_->options_.poll_milliseconds, 10));
  options.retry_base = std::chrono::milliseconds(std::max(impl_->options_.retry_milliseconds, 1));
  PipelineContext context = impl_->MakeContext();  // loads the models
  if (impl_->learner_) {
    Learner* learner = impl_->learner_.get();
    options.handlers[JobKind::kLearn] = [learner](const JobRecord& job, JobRetry*) -> Result<std::string> {
      return RunLearnJob(*learner, job.document_id);
    };
  }
  Workspace* self = this;
  options.handlers[JobKind::kRetrain] = [self](const JobRecord&, JobRetry*) -> Result<std::string> {
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 19);  // reading and answering come first
    return RunRetraining(*self, RetrainingOptions{});
  };
  if (impl_->stores_.receiving != nullptr) {
    impl_->exporter_ = std::make_unique<Exporter>(
        *impl_->stores_.documents, *impl_->stores_.receiving,
        DefaultExportSenders(impl_->export_http_, *impl_->file_system_, *impl_->clock_), *impl_->clock_);
    const Exporter* exporter = impl_->exporter_.get();
    options.handlers[JobKind::kExport] = [exporter](const JobRecord& job, JobRetry* retry) {
      return exporter->Run(job, retry);
    };
    // Exports wait on other systems: several at once, so one slow target does not hold the others.
    options.service_threads[JobKind::kExport] = 4;
  }
  impl_->runner_ = std::make_unique<JobRunner>(std::move(context), impl_->OcrEngines(), observer,
                                              impl_->stores_.jobs, std::move(options));
  if (impl_->stores_.wait_for_jobs) {
    // Jobs queued by another process (another machine) wake this one's workers at once.
    JobRunner* runner = impl_->runner_.get();
    impl_->wake_listener_ =
        std::make_unique<JobWakeListener>(impl_->stores_.wait_for_jobs, [runner] { runner->Wake(); });
  }
  ModelKeeperOptions keeping;
  keeping.interval = std::chrono::seconds(static_cast<int64_t>(settings.retrain_hours * 3600));
  keeping.min_new_examples = settings.retrain_min_examples;
  impl_->keeper_ = std::make_unique<ModelKeeper>(this, keeping);
  impl_->keeper_->Start();
  ErpKeeperOptions erp;
  erp.interval = std::chrono::seconds(static_cast<int64_t>(settings.erp_sync_minutes * 60));
  impl_->erp_keeper_ = std::make_unique<ErpKeeper>(impl_.get(), erp);
  impl_->erp_keeper_->Start();
  return Status::Ok();
}

Workspace::ReadingCounts Workspace::reading_counts() const {
  auto counts = impl_->stores_.jobs->CountJobs();
  if (!counts.ok()) return {};
  return ReadingCounts{counts->read.queued, counts->read.running};
}

bool Workspace::workers_idle() const { return !impl_->runner_ || impl_->runner_->idle(); }

void Workspace::WakeExporters() {
  if (impl_ && impl_->runner_) impl_->runner_->Wake(JobKind::kExport);
}

void Workspace::StopWorkers() {
  if (!impl_) return;
  if (impl_->erp_keeper_) impl_->erp_keeper_->Stop();
  if (impl_->keeper_) impl_->keeper_->Stop();
  if (impl_->wake_listener_) impl_->wake_listener_->Stop();
  if (impl_->runner_) impl_->runner_->Stop();
}

Result<std::string> Workspace::OriginalPath(const DocumentRecord& document) {
  if (!impl_->blob_store_->Contains(document.sha256))
    return Status::NotFound("the original of document " + std::to_string(document.id) + " is missing");
  return impl_->blob_store_->PathFor(document.sha256);
}

Result<std::string> Workspace::ReadOriginal(const DocumentRecord& document) {
  return impl_->blob_store_->Get(document.sha256, std::max(document.size_bytes, impl_->options_.limits.max_file_bytes));
}

Result<std::vector<DocumentRecord>> Workspace::ListDocuments(const DocumentQuery& query) {
  DocumentFilter filter;
  filter.status = query.status;
  filter.limit = query.limit;
  filter.offset = query.offset;
  return impl_->stores_.documents->ListDocuments(filter);
}

Result<DocumentRecord> Workspace::FindDocument(const std::string& reference) {
  bool numeric = !reference.empty() && reference.size() <= 18 &&
                 reference.find_first_not_of("0123456789") == std::string::npos;
  if (numeric) {
    auto found = impl_->stores_.documents->FindDocument(std::stoll(reference));
    if (!found.ok()) return found.status();
    if (found->has_value()) return **found;
  }
  bool hex = reference.size() >= 6 && reference.size() <= 64 &&
             reference.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex) return Status::NotFound("no document " + reference + " (give an id or at least 6 hex digits of its SHA-256)");
  auto matches = impl_->stores_.documents->FindDocumentsBySha256Prefix(reference, 2);
  if (!matches.ok()) return matches.status();
  if (matches->empty()) return Status::NotFound("no document " + reference);
  if (matches->size() > 1) return Status::InvalidArgument("several documents start with " + reference + "; give more digits");
  return matches->front();
}

Result<std::vector<Page>> Workspace::LoadPages(int64_t document_id) {
  return impl_->stores_.documents->LoadPages(document_id);
}

Result<std::optional<Page>> Workspace::LoadPage(int64_t document_id, int number) {
  return impl_->stores_.documents->LoadPage(document_id, number);
}

Result<DocumentText> ReadDocumentText(const std::string& path, const Options& options) {
  DocumentPages read = std::move(ReadPagesOfFiles({path}, options, /*cache_dir=*/"").front());
  if (!read.error.empty()) return Status::InvalidArgument(read.error);
  DocumentText text;
  text.path = path;
  text.sha256 = read.sha256;
  text.media_type = read.media_type;
  text.pages = std::move(read.pages);
  text.timings = std::move(read.timings);
  return text;
}

}  // namespace quai
