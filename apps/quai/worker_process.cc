#include "worker_process.h"

#include <pthread.h>

#include <cstdio>

#include "core/log.h"

namespace quai::cli {

void ReaderLog::OnFileDone(const IngestedFile& file, int, int) {
  LogFields fields;
  fields.document_id = file.document_id;
  switch (file.outcome) {
    case IngestOutcome::kStored:
      Logf(LogLevel::kInfo, fields, "quai %s: read #%lld %s: %d page%s%s%s", process_,
           static_cast<long long>(file.document_id), file.path.c_str(),
           file.pages_from_text_layer + file.pages_from_ocr,
           file.pages_from_text_layer + file.pages_from_ocr == 1 ? "" : "s", file.document_type.empty() ? "" : ", ",
           file.document_type.c_str());
      break;
    case IngestOutcome::kDuplicate:
      break;  // read meanwhile by another process
    case IngestOutcome::kRefused:
      Logf(LogLevel::kWarning, fields, "quai %s: refused #%lld %s", process_, static_cast<long long>(file.document_id),
           file.error.c_str());
      break;
  }
}

StopSignals::StopSignals(const char* process, std::function<void()> on_stop) {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGTERM);
  sigaddset(&signals_, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that goes away is the socket's error, not the process's end
  watcher_ = std::thread([this, process, on_stop = std::move(on_stop)] {
    int received = 0;
    sigwait(&signals_, &received);
    if (stopped_) return;
    Logf(LogLevel::kInfo, {}, "quai %s: %s received, stopping", process, received == SIGINT ? "SIGINT" : "SIGTERM");
    on_stop();
  });
}

StopSignals::~StopSignals() { Stop(); }

void StopSignals::Stop() {
  if (!watcher_.joinable()) return;
  stopped_ = true;
  pthread_kill(watcher_.native_handle(), SIGTERM);  // wakes the watcher if no signal came
  watcher_.join();
}

void AddWorkerOptions(CLI::App* command, Options* options, Workspace::WorkerSettings* settings) {
  command->add_option("--lease-seconds", options->lease_seconds,
                      "A job stays this process's this long without renewal: after a kill, it is taken again "
                      "within this time (default 30)")
      ->check(CLI::Range(2, 3600));
  command->add_option("--poll-ms", options->poll_milliseconds,
                      "How often idle workers look for jobs other processes queued (default 1000)")
      ->check(CLI::Range(10, 600'000));
  command->add_option("--retry-ms", options->retry_milliseconds,
                      "A failed job (an export its target did not take) is tried again after about this, doubled "
                      "per attempt up to 15 minutes, with jitter (default 5000)")
      ->check(CLI::Range(1, 3'600'000));
  command->add_option("--retrain-hours", settings->retrain_hours,
                      "Retrain from the validated documents this often, promoting only better models (default 24; 0: "
                      "never)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--retrain-min-examples", settings->retrain_min_examples,
                      "New validated documents needed before a retraining (default 20)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--erp-sync-minutes", settings->erp_sync_minutes,
                      "Sync the ERP's master data this often, every minute while it does not answer (default 15; "
                      "0: only with quai erp sync)")
      ->check(CLI::NonNegativeNumber);
  command
      ->add_option_function<std::string>(
          "--log-format",
          [](const std::string& name) {
            LogFormat format = LogFormat::kText;
            ParseLogFormat(name, &format);
            SetLogFormat(format);
          },
          "The log on stderr: text (default, as before) or json (one object per line: time, level, process, "
          "message, document_id, stage, route, status)")
      ->check(CLI::IsMember({"text", "json"}))
      ->envname("QUAI_LOG_FORMAT");
}

}  // namespace quai::cli
