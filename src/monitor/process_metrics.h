// ProcessMetrics: what one process measures as it works — how long each
// stage of the pipeline took per document, and each HTTP request's route,
// status and duration. Kept in memory (prometheus-cpp's registry), counted
// from the process's start: these are per process (each `quai serve`
// exposes its own; Prometheus sums them across instances), unlike the
// store's counts (store_metrics.h), which every process reports alike.
// Global() is the process's one instance; every call is thread-safe.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include <prometheus/metric_family.h>

namespace quai::monitor {

// Histogram buckets, in seconds, with a boundary at each target the project
// measures against (docs/operations.md lists which).
const std::vector<double>& StageBuckets();
const std::vector<double>& RequestBuckets();

class ProcessMetrics {
 public:
  ProcessMetrics();
  ~ProcessMetrics();
  ProcessMetrics(const ProcessMetrics&) = delete;
  ProcessMetrics& operator=(const ProcessMetrics&) = delete;

  static ProcessMetrics& Global();

  // One document's time in `stage` (a page stage: its pages' times added up).
  void ObserveStage(std::string_view stage, double seconds);
  // One answered request: `route` is the route's template ("/api/v1/documents/{id}"),
  // never the raw path, so the labels stay few.
  void ObserveRequest(std::string_view method, std::string_view route, int status, double seconds);

  // quai_stage_duration_seconds, quai_http_requests_total,
  // quai_http_request_duration_seconds, quai_process_start_time_seconds.
  std::vector<prometheus::MetricFamily> Collect() const;

 private:
  struct Instruments;
  std::unique_ptr<Instruments> instruments_;
};

}  // namespace quai::monitor
