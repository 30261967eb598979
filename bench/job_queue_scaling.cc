// The job queue's scaling across worker processes (issue 20): N jobs queued,
// then 1, 2, 4, 8 worker processes (fork) each with its own store connection
// claim, "work" and finish them until none is left; prints jobs per second per
// count and the ratios to one worker, and checks every job was done exactly
// once (one attempt each, none left queued, running or dead).
//   job_queue_scaling --backend postgres --conninfo '...' [--password-file F]
//   job_queue_scaling --backend sqlite --file /tmp/q.db   (the reference)
//   --jobs N (default 2000) --workers 1,2,4,8 --work-ms W (default 0)
// The work is a stand-in reader: it waits W ms (no CPU), so the figure is the
// queue's own cost and contention, not this machine's cores. W = 0: claims per
// second of the queue alone. Exit 1 when a job was lost or done twice.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "storage/job_store.h"
#include "storage/postgresql/postgres_pool.h"
#include "storage/postgresql/postgres_repository.h"
#include "storage/sqlite/sqlite_repository.h"

namespace {

struct Settings {
  std::string backend = "postgres";
  std::string conninfo, password, file;
  int jobs = 2000;
  std::vector<int> workers = {1, 2, 4, 8};
  int work_ms = 0;
};

// One connection to the store, as one worker process opens it.
struct Store {
  std::shared_ptr<void> owner;
  quai::JobStore* jobs = nullptr;
};

Store Open(const Settings& settings) {
  Store store;
  if (settings.backend == "sqlite") {
    auto opened = quai::SqliteRepository::Open(settings.file, nullptr);
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
      std::exit(2);
    }
    std::shared_ptr<quai::SqliteRepository> repository = std::move(opened).value();
    store.jobs = repository.get();
    store.owner = repository;
  } else {
    quai::PostgresOptions options;
    options.conninfo = settings.conninfo;
    options.password = settings.password;
    options.pool_size = 2;
    auto opened = quai::PostgresRepository::Open(options, nullptr);
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
      std::exit(2);
    }
    std::shared_ptr<quai::PostgresRepository> repository = std::move(opened).value();
    store.jobs = repository.get();
    store.owner = repository;
  }
  return store;
}

// Runs `count` worker processes over the queue; returns the seconds they took.
double RunWorkers(const Settings& settings, int count) {
  int start[2];
  if (pipe(start) != 0) std::exit(2);
  std::vector<pid_t> children;
  for (int w = 0; w < count; ++w) {
    pid_t pid = fork();
    if (pid == 0) {
      close(start[1]);
      Store store = Open(settings);
      char go;
      if (read(start[0], &go, 1) < 0) _exit(2);
      const std::string holder = "bench-worker-" + std::to_string(w) + "-" + std::to_string(getpid());
      while (true) {
        auto claimed = store.jobs->ClaimNextJob({quai::JobKind::kExport}, holder, std::chrono::seconds(60));
        if (!claimed.ok()) {
          std::fprintf(stderr, "claim: %s\n", claimed.status().ToString().c_str());
          _exit(3);
        }
        if (!claimed->has_value()) break;
        if (settings.work_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(settings.work_ms));
        quai::Status finished = store.jobs->FinishJob((*claimed)->id, holder, "{}");
        if (!finished.ok()) {
          std::fprintf(stderr, "finish: %s\n", finished.ToString().c_str());
          _exit(3);
        }
      }
      store = Store();
      _exit(0);
    }
    children.push_back(pid);
  }
  close(start[0]);
  // Every child has had time to connect (opening is not what is measured).
  std::this_thread::sleep_for(std::chrono::milliseconds(500 + 100 * count));
  auto began = std::chrono::steady_clock::now();
  for (int w = 0; w < count; ++w)
    if (write(start[1], "g", 1) != 1) std::exit(2);
  close(start[1]);
  bool failed = false;
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) failed = true;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  if (failed) {
    std::fprintf(stderr, "a worker failed\n");
    std::exit(1);
  }
  return seconds;
}

std::vector<int> ParseList(const std::string& text) {
  std::vector<int> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) values.push_back(std::atoi(item.c_str()));
  return values;
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--backend") settings.backend = value;
    else if (flag == "--conninfo") settings.conninfo = value;
    else if (flag == "--password-file") {
      std::ifstream in(value);
      std::getline(in, settings.password);
    } else if (flag == "--file") settings.file = value;
    else if (flag == "--jobs") settings.jobs = std::atoi(value.c_str());
    else if (flag == "--workers") settings.workers = ParseList(value);
    else if (flag == "--work-ms") settings.work_ms = std::atoi(value.c_str());
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  double one = 0;
  std::printf("backend %s, %d jobs, stand-in work %d ms per job\n", settings.backend.c_str(), settings.jobs,
              settings.work_ms);
  std::printf("%8s %10s %10s %8s\n", "workers", "seconds", "jobs/s", "ratio");
  int run = 0;
  for (int count : settings.workers) {
    Store store = Open(settings);
    // A fresh batch per run, keyed by the run so earlier (done) jobs do not collide.
    for (int j = 0; j < settings.jobs; ++j) {
      quai::NewJob job;
      job.kind = quai::JobKind::kExport;
      job.dedupe_key = "bench:" + std::to_string(run) + ":" + std::to_string(j);
      auto id = store.jobs->EnqueueJob(job);
      if (!id.ok()) {
        std::fprintf(stderr, "enqueue: %s\n", id.status().ToString().c_str());
        return 2;
      }
    }
    store = Store();
    double seconds = RunWorkers(settings, count);
    double rate = settings.jobs / seconds;
    if (count == 1 || one == 0) one = rate;
    std::printf("%8d %10.2f %10.1f %8.2f\n", count, seconds, rate, rate / one);
    std::fflush(stdout);
    // Every job of this run done exactly once.
    store = Open(settings);
    quai::JobFilter filter;
    filter.kind = quai::JobKind::kExport;
    filter.limit = settings.jobs * (run + 1) + 10;
    auto listed = store.jobs->ListJobs(filter);
    if (!listed.ok()) return 2;
    int done = 0, twice = 0;
    const std::string prefix = "bench:" + std::to_string(run) + ":";
    for (const quai::JobRecord& job : *listed) {
      if (job.dedupe_key.rfind(prefix, 0) != 0) continue;
      if (job.state == quai::JobState::kDone) ++done;
      if (job.attempts != 1) ++twice;
    }
    if (done != settings.jobs || twice != 0) {
      std::printf("LOST OR REPEATED: %d of %d jobs done, %d taken more than once\n", done, settings.jobs, twice);
      return 1;
    }
    ++run;
  }
  std::printf("every job done exactly once\n");
  return 0;
}
