#include "pipeline/model_keeper.h"
#include "core/log.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>

#include "pipeline/workspace_services.h"

namespace quai {

ModelKeeper::ModelKeeper(Workspace* workspace, ModelKeeperOptions options)
    : workspace_(workspace), options_(std::move(options)) {}

// Due when the last retraining (any process's) was queued at least `interval`
// ago, or none ever was, and enough examples were validated since the newest
// model set was trained. The queue keeps one retraining at a time.
void ModelKeeper::QueueRetrainingWhenDue() {
  JobStore* jobs = workspace_->services().jobs();
  JobFilter filter;
  filter.kind = JobKind::kRetrain;
  filter.limit = 1;
  auto last = jobs->ListJobs(filter);
  if (!last.ok()) return;
  const int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (!last->empty() &&
      now_ms - last->front().created_ms < std::chrono::duration_cast<std::chrono::milliseconds>(options_.interval).count())
    return;
  auto models = workspace_->services().models()->ListModelVersions();
  int trained_on = 0;
  if (models.ok())
    for (const ModelVersionRecord& m : *models)
      if (m.kind == kExtractorModelKind) trained_on = m.training_examples;
  auto examples = AllTrainingExamples(workspace_->services().reviews());
  const int total = examples.ok() ? static_cast<int>(examples->size()) : 0;
  if (total - trained_on < options_.min_new_examples) return;
  NewJob retrain;
  retrain.kind = JobKind::kRetrain;
  retrain.max_attempts = 2;
  auto queued = jobs->EnqueueJob(retrain);
  if (queued.ok())
    Logf(LogLevel::kInfo, {}, "quai: retraining from %d training examples queued (job %lld)\n", total,
                 static_cast<long long>(*queued));
}

Result<std::string> RunRetraining(Workspace& workspace, const RetrainingOptions& options) {
  Retrainer retrainer(workspace.services().documents(), workspace.services().reviews(),
                      workspace.services().models(), workspace.data_dir());
  auto report = retrainer.Retrain(options);
  if (!report.ok()) return report.status();
  Logf(LogLevel::kInfo, {}, "quai: model set #%lld %s (held-out field accuracy %.4f, current %.4f)\n",
               static_cast<long long>(report->model.id), report->promoted ? "promoted" : "not promoted",
               report->candidate.field_accuracy, report->current.field_accuracy);
  char figures[256];
  std::snprintf(figures, sizeof(figures),
                "{\"model_id\":%lld,\"promoted\":%s,\"examples\":%d,\"candidate_field_accuracy\":%.6f,"
                "\"current_field_accuracy\":%.6f}",
                static_cast<long long>(report->model.id), report->promoted ? "true" : "false", report->examples,
                report->candidate.field_accuracy, report->current.field_accuracy);
  return std::string(figures);
}

ModelKeeper::~ModelKeeper() { Stop(); }

void ModelKeeper::Start() {
  if (auto active = ActiveModels(workspace_->services().models()); active.ok() && active->has_value())
    active_id_ = (*active)->id;
  thread_ = std::thread([this] { Run(); });
}

void ModelKeeper::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ModelKeeper::Run() {
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 19);
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, options_.check_every, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    Check();
    lock.lock();
  }
}

void ModelKeeper::Check() {
  ModelRegistry* store = workspace_->services().models();
  if (options_.interval.count() > 0) QueueRetrainingWhenDue();
  // Follow the registry: a promotion, an activation or a rollback.
  auto active = ActiveModels(store);
  if (!active.ok()) return;
  int64_t id = active->has_value() ? (*active)->id : 0;
  if (id == active_id_) return;
  Status reloaded = workspace_->services().ReloadModels();
  if (reloaded.ok()) {
    active_id_ = id;
    Logf(LogLevel::kInfo, {}, "quai serve: reading with %s\n",
                 id == 0 ? "the shipped models" : ("model set #" + std::to_string(id)).c_str());
  } else {
    Logf(LogLevel::kError, {}, "quai serve: cannot switch models: %s\n", reloaded.message().c_str());
  }
}

}  // namespace quai
