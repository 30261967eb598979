#include "pipeline/batch_runner.h"

#include <thread>

#include "pipeline/stage_scheduler.h"
#include "pipeline/stages.h"

namespace quai {

int WorkerCount(int jobs) {
  if (jobs > 0) return jobs;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

BatchRunner::BatchRunner(PipelineContext context, OcrEngineFactory engine_factory, IngestObserver* observer)
    : context_(std::move(context)), engine_factory_(std::move(engine_factory)), observer_(observer) {}

std::vector<std::unique_ptr<DocumentJob>> BatchRunner::Run(const std::vector<std::string>& paths,
                                                           const std::string& source, bool keep_pages,
                                                           const std::vector<Stage>* stages) {
  std::vector<std::unique_ptr<DocumentJob>> jobs;
  for (size_t i = 0; i < paths.size(); ++i) {
    auto job = std::make_unique<DocumentJob>();
    job->sequence = static_cast<int>(i);
    job->path = paths[i];
    job->source = source;
    job->report.path = paths[i];
    jobs.push_back(std::move(job));
  }
  const int workers = WorkerCount(context_.options.jobs);
  StageScheduler scheduler(context_, stages ? *stages : IngestStages(), observer_, keep_pages, 2 * workers + 2);
  scheduler.set_total(static_cast<int>(jobs.size()));

  std::vector<std::thread> threads;
  for (int i = 0; i < workers; ++i) {
    threads.emplace_back([&] {
      WorkerState worker;
      worker.reader = NewDocumentReader(context_.options, engine_factory_);
      scheduler.WorkerLoop(worker);
    });
  }
  for (auto& job : jobs) scheduler.Submit(job.get());
  scheduler.WaitUntilIdle();
  scheduler.Shutdown();
  for (auto& thread : threads) thread.join();
  return jobs;
}

}  // namespace quai
