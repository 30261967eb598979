#include "pipeline/model_keeper.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>

#include "pipeline/workspace_internals.h"

namespace quai {

ModelKeeper::ModelKeeper(Workspace* workspace, ModelKeeperOptions options)
    : workspace_(workspace), options_(std::move(options)), last_training_(std::chrono::steady_clock::now()) {}

ModelKeeper::~ModelKeeper() { Stop(); }

void ModelKeeper::Start() {
  if (auto active = ActiveModels(WorkspaceInternals::learning(*workspace_)); active.ok() && active->has_value())
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
  LearningRepository* store = WorkspaceInternals::learning(*workspace_);
  auto now = std::chrono::steady_clock::now();
  if (options_.interval.count() > 0 && now - last_training_ >= options_.interval) {
    last_training_ = now;
    // New examples since the newest model set was trained.
    auto models = store->ListModelVersions();
    int trained_on = 0;
    if (models.ok())
      for (const ModelVersionRecord& m : *models)
        if (m.kind == kExtractorModelKind) trained_on = m.training_examples;
    auto examples = AllTrainingExamples(WorkspaceInternals::reviews(*workspace_));
    const int total = examples.ok() ? static_cast<int>(examples->size()) : 0;
    if (total - trained_on >= options_.min_new_examples) {
      std::fprintf(stderr, "quai serve: retraining from %d training examples\n", total);
      Retrainer retrainer(WorkspaceInternals::documents(*workspace_), WorkspaceInternals::reviews(*workspace_), store,
                          workspace_->data_dir());
      auto report = retrainer.Retrain(options_.retraining);
      if (!report.ok())
        std::fprintf(stderr, "quai serve: retraining failed: %s\n", report.status().message().c_str());
      else
        std::fprintf(stderr, "quai serve: model set #%lld %s (held-out field accuracy %.4f, current %.4f)\n",
                     static_cast<long long>(report->model.id), report->promoted ? "promoted" : "not promoted",
                     report->candidate.field_accuracy, report->current.field_accuracy);
    }
  }
  // Follow the registry: a promotion, an activation or a rollback.
  auto active = ActiveModels(store);
  if (!active.ok()) return;
  int64_t id = active->has_value() ? (*active)->id : 0;
  if (id == active_id_) return;
  Status reloaded = WorkspaceInternals::ReloadModels(*workspace_);
  if (reloaded.ok()) {
    active_id_ = id;
    std::fprintf(stderr, "quai serve: reading with %s\n",
                 id == 0 ? "the shipped models" : ("model set #" + std::to_string(id)).c_str());
  } else {
    std::fprintf(stderr, "quai serve: cannot switch models: %s\n", reloaded.message().c_str());
  }
}

}  // namespace quai
