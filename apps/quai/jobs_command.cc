// quai jobs list [--state S] [--kind K] [--limit N]: the durable job queue,
// newest first, with the counts per kind; quai jobs retry ID: sends a dead job
// again (attempts from zero), as the API's POST /api/v1/jobs/{id}/retry does.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "core/clock.h"
#include "pipeline/workspace_services.h"

namespace quai::cli {
namespace {

std::string Time(int64_t ms) {
  if (ms <= 0) return "-";
  return FormatUtcTimestamp(std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
}

int ListJobs(JobStore& jobs, const JobFilter& filter) {
  auto counts = jobs.CountJobs();
  auto listed = jobs.ListJobs(filter);
  if (!counts.ok() || !listed.ok()) {
    std::cerr << "quai: " << (counts.ok() ? listed.status() : counts.status()).message() << "\n";
    return kExitStorage;
  }
  for (JobKind kind : {JobKind::kRead, JobKind::kLearn, JobKind::kExport, JobKind::kRetrain}) {
    const JobKindCounts& of = counts->of(kind);
    std::printf("%-8s %d queued (oldest %s), %d running, %d dead\n", JobKindName(kind), of.queued,
                Time(of.oldest_queued_ms).c_str(), of.running, of.dead);
  }
  std::printf("\n%-7s %-8s %-8s %-9s %-8s %-21s %s\n", "ID", "KIND", "STATE", "DOCUMENT", "ATTEMPTS", "CREATED",
              "LAST ERROR / HOLDER");
  for (const JobRecord& job : *listed) {
    const std::string note = job.state == JobState::kRunning ? "held by " + job.lease_holder : job.last_error;
    std::printf("%-7lld %-8s %-8s %-9s %d/%-6d %-21s %s\n", static_cast<long long>(job.id), JobKindName(job.kind),
                JobStateName(job.state), job.document_id == 0 ? "-" : std::to_string(job.document_id).c_str(),
                job.attempts, job.max_attempts, Time(job.created_ms).c_str(), note.c_str());
  }
  return kExitOk;
}

}  // namespace

CommandRunner AddJobsCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("jobs", "See the job queue (read, learn, export, retrain) and retry dead jobs");
  command->require_subcommand(1);
  auto state = std::make_shared<std::string>();
  auto kind = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(50);
  auto id = std::make_shared<int64_t>(0);
  auto* list = command->add_subcommand("list", "Counts per kind, then the newest jobs");
  list->add_option("--state", *state, "queued, running, done or dead");
  list->add_option("--kind", *kind, "read, learn, export or retrain");
  list->add_option("--limit", *limit, "How many jobs (default 50)")->check(CLI::Range(1, 100000));
  auto* retry = command->add_subcommand("retry", "Send a dead job again, attempts from zero");
  retry->add_option("id", *id, "The job's id (see list)")->required();
  for (CLI::App* sub : {list, retry})
    sub->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");
  return [=]() -> int {
    JobFilter filter;
    filter.limit = *limit;
    if (!state->empty() && !(filter.state = ParseJobState(*state))) {
      std::cerr << "quai: --state must be queued, running, done or dead\n";
      return kExitUsage;
    }
    if (!kind->empty() && !(filter.kind = ParseJobKind(*kind))) {
      std::cerr << "quai: --kind must be read, learn, export or retrain\n";
      return kExitUsage;
    }
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) {
      std::cerr << "quai: " << workspace.status().message() << "\n";
      return kExitStorage;
    }
    JobStore& jobs = *(*workspace)->services().jobs();
    if (list->parsed()) return ListJobs(jobs, filter);
    Status retried = jobs.RetryJob(*id);
    if (!retried.ok()) {
      std::cerr << "quai: " << retried.message() << "\n";
      return retried.code() == StatusCode::kNotFound ? kExitNotFound
             : retried.code() == StatusCode::kFailedPrecondition ? kExitUsage
                                                                  : kExitStorage;
    }
    std::printf("job %lld queued again\n", static_cast<long long>(*id));
    return kExitOk;
  };
}

}  // namespace quai::cli
