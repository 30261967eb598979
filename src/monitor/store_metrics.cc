#include "monitor/store_metrics.h"

#include <algorithm>

#include "monitor/metric_families.h"

namespace quai::monitor {
namespace {

using prometheus::MetricType;

// A document not read yet has no type; "none" keeps the label non-empty.
std::string TypeLabel(const std::string& type) { return type.empty() ? "none" : type; }

double Ratio(int64_t part, int64_t whole) { return whole > 0 ? static_cast<double>(part) / whole : 0; }

void AddDocumentFamilies(const MonitoringFigures& figures, std::vector<prometheus::MetricFamily>& out) {
  struct Step {
    const char* name;
    const char* help;
    int64_t DocumentStepCount::*count;
    MetricType type;
  };
  const Step steps[] = {
      {"quai_documents_received_total", "Documents received (stored), by source and type.",
       &DocumentStepCount::received, MetricType::Counter},
      {"quai_documents_read_total", "Documents whose pages and values were read.", &DocumentStepCount::read,
       MetricType::Counter},
      {"quai_documents_refused_total", "Documents refused (unreadable, over a limit, given up).",
       &DocumentStepCount::refused, MetricType::Counter},
      {"quai_documents_auto_accepted_total", "Documents accepted without a person.",
       &DocumentStepCount::auto_accepted, MetricType::Counter},
      {"quai_documents_validated_total", "Documents validated by a person.", &DocumentStepCount::validated,
       MetricType::Counter},
      {"quai_documents_rejected_total", "Documents rejected by a person.", &DocumentStepCount::rejected,
       MetricType::Counter},
      {"quai_documents_awaiting_review", "Documents waiting for a person now.", &DocumentStepCount::needs_review,
       MetricType::Gauge},
  };
  for (const Step& step : steps) {
    auto family = Family(step.name, step.help, step.type);
    for (const DocumentStepCount& count : figures.documents)
      AddSample(family, {{"source", count.source}, {"type", TypeLabel(count.type)}},
                static_cast<double>(count.*(step.count)));
    out.push_back(std::move(family));
  }
}

void AddQueueFamilies(const JobCounts& jobs, int64_t now_ms, std::vector<prometheus::MetricFamily>& out) {
  auto depth = Family("quai_jobs", "Jobs in the queue, by kind and state (queued, running, dead).", MetricType::Gauge);
  auto age = Family("quai_job_oldest_queued_age_seconds",
                    "Age of the oldest job waiting in the queue, by kind; 0 when none waits.", MetricType::Gauge);
  for (JobKind kind : {JobKind::kRead, JobKind::kLearn, JobKind::kExport, JobKind::kRetrain}) {
    const JobKindCounts& of = jobs.of(kind);
    const std::string name = JobKindName(kind);
    AddSample(depth, {{"kind", name}, {"state", "queued"}}, of.queued);
    AddSample(depth, {{"kind", name}, {"state", "running"}}, of.running);
    AddSample(depth, {{"kind", name}, {"state", "dead"}}, of.dead);
    const double seconds = of.queued > 0 && of.oldest_queued_ms > 0
                               ? std::max<int64_t>(0, now_ms - of.oldest_queued_ms) / 1000.0
                               : 0;
    AddSample(age, {{"kind", name}}, seconds);
  }
  out.push_back(std::move(depth));
  out.push_back(std::move(age));
}

void AddExportFamilies(const MonitoringFigures& figures, std::vector<prometheus::MetricFamily>& out) {
  auto attempts = Family("quai_export_attempts_total", "Delivery attempts to an export target.", MetricType::Counter);
  auto failures = Family("quai_export_failures_total", "Delivery attempts the export target did not take.",
                         MetricType::Counter);
  auto state = Family("quai_exports", "Exports by target and state (pending, dead).", MetricType::Gauge);
  for (const ExportTargetFigures& target : figures.exports) {
    AddSample(attempts, {{"target", target.target}}, static_cast<double>(target.attempts));
    AddSample(failures, {{"target", target.target}},
              static_cast<double>(std::max<int64_t>(0, target.attempts - target.delivered)));
    AddSample(state, {{"target", target.target}, {"state", "pending"}}, static_cast<double>(target.pending));
    AddSample(state, {{"target", target.target}, {"state", "dead"}}, static_cast<double>(target.dead));
  }
  out.push_back(std::move(attempts));
  out.push_back(std::move(failures));
  out.push_back(std::move(state));
}

void AddDriftFamilies(const MonitoringFigures& figures, std::vector<prometheus::MetricFamily>& out) {
  auto below = Family("quai_drift_below_threshold_ratio",
                      "Share of the latest documents read that had a field under its threshold or a blocking "
                      "finding (went to a person).",
                      MetricType::Gauge);
  AddSample(below, {}, Ratio(figures.window_review_required, figures.window_read));
  auto confidence = Family("quai_drift_mean_confidence", "Mean field confidence of the latest documents read.",
                           MetricType::Gauge);
  AddSample(confidence, {}, figures.window_mean_confidence);
  auto corrected = Family("quai_drift_correction_ratio",
                          "Share of the latest validated documents in which a person corrected a value.",
                          MetricType::Gauge);
  AddSample(corrected, {}, Ratio(figures.window_corrected, figures.window_validated));
  auto window = Family("quai_drift_window_documents",
                       "Documents the drift gauges looked at: the latest read, the latest validated.",
                       MetricType::Gauge);
  AddSample(window, {{"window", "read"}}, static_cast<double>(figures.window_read));
  AddSample(window, {{"window", "validated"}}, static_cast<double>(figures.window_validated));
  auto signals = Family("quai_drift_signals_total", "Drift signals raised by the learning loop, by kind.",
                        MetricType::Counter);
  for (const auto& [kind, count] : figures.drift_signals) AddSample(signals, {{"kind", kind}}, static_cast<double>(count));
  out.push_back(std::move(below));
  out.push_back(std::move(confidence));
  out.push_back(std::move(corrected));
  out.push_back(std::move(window));
  out.push_back(std::move(signals));
}

void AddModelFamilies(const MonitoringFigures& figures, std::vector<prometheus::MetricFamily>& out) {
  auto in_use = Family("quai_model_info", "The model version the newest document was read with (value 1).",
                       MetricType::Gauge);
  if (!figures.latest_model_version.empty()) AddSample(in_use, {{"version", figures.latest_model_version}}, 1);
  auto active = Family("quai_model_active_info",
                       "The registry's active model versions, by kind and document type (value 1).",
                       MetricType::Gauge);
  for (const ActiveModelVersion& model : figures.active_models)
    AddSample(active, {{"kind", model.kind}, {"document_type", model.document_type}, {"version", model.version}}, 1);
  out.push_back(std::move(in_use));
  out.push_back(std::move(active));
}

}  // namespace

std::vector<prometheus::MetricFamily> StoreMetricFamilies(const MonitoringFigures& figures, const JobCounts& jobs,
                                                          int64_t now_ms) {
  std::vector<prometheus::MetricFamily> out;
  AddDocumentFamilies(figures, out);
  AddQueueFamilies(jobs, now_ms, out);
  AddExportFamilies(figures, out);
  AddDriftFamilies(figures, out);
  AddModelFamilies(figures, out);
  return out;
}

}  // namespace quai::monitor
