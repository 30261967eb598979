#include "monitor/process_metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <string>

namespace quai::monitor {
namespace {

// Methods outside the API's are one label value, so a client cannot add series.
std::string MethodLabel(std::string_view method) {
  for (const char* known : {"GET", "HEAD", "POST", "PUT", "DELETE"})
    if (method == known) return known;
  return "other";
}

}  // namespace

const std::vector<double>& StageBuckets() {
  // 0.005: an ERP check (< 5 ms); 0.02: born-digital pages at 50 pages/s/core;
  // 1–10: a scanned page's OCR; 60+: long documents.
  static const std::vector<double> buckets = {0.001, 0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1,
                                              2.5,   5,     10,   30,   60,  120, 300};
  return buckets;
}

const std::vector<double>& RequestBuckets() {
  // 0.1: the document list and review queue (p95 < 100 ms); 0.15: the review
  // screen opens a document (p95 < 150 ms).
  static const std::vector<double> buckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  return buckets;
}

struct ProcessMetrics::Instruments {
  prometheus::Registry registry;
  prometheus::Family<prometheus::Histogram>& stage_seconds =
      prometheus::BuildHistogram()
          .Name("quai_stage_duration_seconds")
          .Help("Time one document spent in a stage of the pipeline (a page stage: its pages added up), in this "
                "process.")
          .Register(registry);
  prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter()
          .Name("quai_http_requests_total")
          .Help("HTTP requests answered by this process, by method, route template and status.")
          .Register(registry);
  prometheus::Family<prometheus::Histogram>& request_seconds =
      prometheus::BuildHistogram()
          .Name("quai_http_request_duration_seconds")
          .Help("Time from a request's headers to its answer being ready, by route template, in this process.")
          .Register(registry);
  prometheus::Family<prometheus::Gauge>& start_time = prometheus::BuildGauge()
                                                          .Name("quai_process_start_time_seconds")
                                                          .Help("When this process started, in seconds since the epoch.")
                                                          .Register(registry);
};

ProcessMetrics::ProcessMetrics() : instruments_(std::make_unique<Instruments>()) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  instruments_->start_time.Add({}).Set(std::chrono::duration<double>(now).count());
}

ProcessMetrics::~ProcessMetrics() = default;

ProcessMetrics& ProcessMetrics::Global() {
  static ProcessMetrics* metrics = new ProcessMetrics();  // never destroyed: threads may observe until exit
  return *metrics;
}

void ProcessMetrics::ObserveStage(std::string_view stage, double seconds) {
  instruments_->stage_seconds.Add({{"stage", std::string(stage)}}, StageBuckets()).Observe(seconds);
}

void ProcessMetrics::ObserveRequest(std::string_view method, std::string_view route, int status, double seconds) {
  instruments_->requests
      .Add({{"method", MethodLabel(method)}, {"route", std::string(route)}, {"status", std::to_string(status)}})
      .Increment();
  instruments_->request_seconds.Add({{"route", std::string(route)}}, RequestBuckets()).Observe(seconds);
}

std::vector<prometheus::MetricFamily> ProcessMetrics::Collect() const { return instruments_->registry.Collect(); }

}  // namespace quai::monitor
