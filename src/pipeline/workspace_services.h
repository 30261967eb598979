// WorkspaceServices: what an opened data directory holds besides the public
// Workspace calls — its stores by concern, its environment, the models it
// reads with and the learning loop — for services that run in the same
// process (the server's routes, the CLI's learn, train and models commands,
// the workers). Reached through Workspace::services(); internal: not part of
// include/quai/. Lives as long as its Workspace; the stores are thread-safe;
// the model accessors load the models on first use and are thread-safe.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <mutex>
#include <string>
#include <vector>

#include "check/erp_checks.h"
#include "erp/http_client.h"
#include "export/exporter.h"
#include "extract/extractor.h"
#include "intake/blob_store.h"
#include "learn/learner.h"
#include "learn/stored_knowledge.h"
#include "pipeline/document_job.h"
#include "pipeline/environment.h"

namespace quai {

class ErpKeeper;
class JobRunner;
class JobWakeListener;
class ModelKeeper;

class WorkspaceServices {
 public:
  DocumentStore* documents() const { return stores_.documents; }
  ReviewStore* reviews() const { return stores_.reviews; }
  AccountStore* accounts() const { return stores_.accounts; }
  LearningStore* learning() const { return stores_.learning; }
  ModelRegistry* models() const { return stores_.models; }
  JobStore* jobs() const { return stores_.jobs; }
  MasterDataStore* master_data() const { return stores_.master_data; }
  ReceivingStore* receiving() const { return stores_.receiving; }
  SourceStore* sources() const { return stores_.sources; }
  MonitoringStore* monitoring() const { return stores_.monitoring; }
  Clock* clock() const { return clock_; }
  FileSystem* file_system() const { return file_system_; }
  const std::string& data_dir() const { return data_dir_; }
  const Options& options() const { return options_; }

  // These load the models on first use; null when they cannot be loaded
  // (problem() says why).
  const Extractor* extractor();
  const StoredKnowledge* knowledge();
  Learner* learner();
  const std::string& problem() const { return extractor_problem_; }
  // Reads with the registry's active model set from now on (after a promotion or a rollback).
  Status ReloadModels();

  // The ERP cross-checks, with the rules an administrator set in the store;
  // null when the stores keep no master data.
  const ErpChecks* erp_checks();
  // Checks and stores new ERP rules (check/erp_rules.h); every process
  // follows them from its next check.
  Status SetErpRules(const nlohmann::json& rules);
  // The day dates are judged by: Options::today, else the clock's (UTC).
  std::string Today() const;
  // Readers kept for occasional use (an upload's intake, drawing a page for
  // the review desk), isolated when the options say so.
  ReaderPool& readers() const { return *readers_; }

 private:
  friend class Workspace;  // the Workspace owns and drives its services
  WorkspaceServices() = default;

  PipelineContext MakeContext();
  // The intake stage alone (an upload, a queued file): any stored original is a
  // duplicate, its read job already queued.
  PipelineContext IntakeContext() const;
  OcrEngineFactory OcrEngines() const;
  Result<std::unique_ptr<Extractor>> LoadModels();
  const Extractor* LoadExtractor();

  Options options_;
  std::string data_dir_;
  FileSystem* file_system_ = nullptr;
  Clock* clock_ = nullptr;
  Environment environment_;
  Stores stores_;
  std::unique_ptr<BlobStore> blob_store_;
  std::shared_ptr<ReaderPool> readers_;  // set by Workspace::Open
  // The models in use: the data directory's active set (quai train --data,
  // promoted), else the shipped ones. Null until first used, or when no
  // models can be loaded. Replaced whole by ReloadModels; a replaced one stays
  // alive (in `replaced_`) for readers and the learner still holding it.
  std::shared_ptr<const Extractor> extractor_;
  std::vector<std::shared_ptr<const Extractor>> replaced_;
  std::string extractor_problem_;
  bool extractor_tried_ = false;
  std::unique_ptr<StoredKnowledge> knowledge_;
  std::unique_ptr<Learner> learner_;
  std::mutex load_mutex_;
  std::unique_ptr<ErpChecks> erp_checks_;
  std::once_flag erp_checks_once_;
  CurlHttpClient export_http_;
  std::unique_ptr<Exporter> exporter_;   // set by StartWorkers
  std::unique_ptr<JobRunner> runner_;    // set by StartWorkers
  // Set by StartWorkers for a store that notifies; after runner_, so it goes first.
  std::unique_ptr<JobWakeListener> wake_listener_;
  std::unique_ptr<ModelKeeper> keeper_;  // set by StartWorkers
  std::unique_ptr<ErpKeeper> erp_keeper_;  // set by StartWorkers
};

}  // namespace quai
