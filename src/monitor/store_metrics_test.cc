#include "monitor/store_metrics.h"

#include <gtest/gtest.h>

#include "monitor/metric_families.h"

namespace quai::monitor {
namespace {

bool Has(const std::string& text, const std::string& line) { return text.find(line + "\n") != std::string::npos; }

TEST(StoreMetrics, CountsDocumentsBySourceTypeAndStep) {
  MonitoringFigures figures;
  figures.documents.push_back({"upload", "invoice", 10, 9, 1, 4, 3, 1, 1});
  figures.documents.push_back({"folder:scans", "", 2, 0, 0, 0, 0, 0, 0});
  std::string text = MetricsText(StoreMetricFamilies(figures, JobCounts{}, 0));
  EXPECT_TRUE(Has(text, "quai_documents_received_total{source=\"upload\",type=\"invoice\"} 10")) << text;
  EXPECT_TRUE(Has(text, "quai_documents_read_total{source=\"upload\",type=\"invoice\"} 9"));
  EXPECT_TRUE(Has(text, "quai_documents_refused_total{source=\"upload\",type=\"invoice\"} 1"));
  EXPECT_TRUE(Has(text, "quai_documents_auto_accepted_total{source=\"upload\",type=\"invoice\"} 4"));
  EXPECT_TRUE(Has(text, "quai_documents_validated_total{source=\"upload\",type=\"invoice\"} 3"));
  EXPECT_TRUE(Has(text, "quai_documents_awaiting_review{source=\"upload\",type=\"invoice\"} 1"));
  EXPECT_TRUE(Has(text, "quai_documents_received_total{source=\"folder:scans\",type=\"none\"} 2")) << text;
}

TEST(StoreMetrics, GivesQueueDepthAndTheOldestWaitingJobsAgeInSeconds) {
  JobCounts jobs;
  jobs.read.queued = 7;
  jobs.read.running = 2;
  jobs.read.oldest_queued_ms = 1'000'000;
  jobs.export_.dead = 1;
  std::string text = MetricsText(StoreMetricFamilies(MonitoringFigures{}, jobs, 1'090'500));
  EXPECT_TRUE(Has(text, "quai_jobs{kind=\"read\",state=\"queued\"} 7")) << text;
  EXPECT_TRUE(Has(text, "quai_jobs{kind=\"read\",state=\"running\"} 2"));
  EXPECT_TRUE(Has(text, "quai_jobs{kind=\"export\",state=\"dead\"} 1"));
  EXPECT_TRUE(Has(text, "quai_job_oldest_queued_age_seconds{kind=\"read\"} 90.5")) << text;
  EXPECT_TRUE(Has(text, "quai_job_oldest_queued_age_seconds{kind=\"export\"} 0"));
}

TEST(StoreMetrics, CountsFailedExportAttemptsAsAttemptsNotDelivered) {
  MonitoringFigures figures;
  figures.exports.push_back({"erp", 12, 9, 1, 1});
  std::string text = MetricsText(StoreMetricFamilies(figures, JobCounts{}, 0));
  EXPECT_TRUE(Has(text, "quai_export_attempts_total{target=\"erp\"} 12")) << text;
  EXPECT_TRUE(Has(text, "quai_export_failures_total{target=\"erp\"} 3"));
  EXPECT_TRUE(Has(text, "quai_exports{target=\"erp\",state=\"dead\"} 1"));
}

TEST(StoreMetrics, GivesDriftRatiosOverTheWindowAndZeroForAnEmptyOne) {
  MonitoringFigures figures;
  figures.window_read = 200;
  figures.window_review_required = 50;
  figures.window_mean_confidence = 0.9;
  figures.window_validated = 40;
  figures.window_corrected = 10;
  figures.drift_signals = {{"confidence_shift", 2}};
  std::string text = MetricsText(StoreMetricFamilies(figures, JobCounts{}, 0));
  EXPECT_TRUE(Has(text, "quai_drift_below_threshold_ratio 0.25")) << text;
  EXPECT_TRUE(Has(text, "quai_drift_correction_ratio 0.25"));
  EXPECT_TRUE(Has(text, "quai_drift_mean_confidence 0.9"));
  EXPECT_TRUE(Has(text, "quai_drift_signals_total{kind=\"confidence_shift\"} 2"));
  std::string empty = MetricsText(StoreMetricFamilies(MonitoringFigures{}, JobCounts{}, 0));
  EXPECT_TRUE(Has(empty, "quai_drift_below_threshold_ratio 0")) << empty;
  EXPECT_TRUE(Has(empty, "quai_drift_correction_ratio 0"));
}

TEST(StoreMetrics, NamesTheModelVersionsInUse) {
  MonitoringFigures figures;
  figures.latest_model_version = "2026-12-01.3";
  figures.active_models.push_back({"scorer", "invoice", "2026-12-01.3"});
  std::string text = MetricsText(StoreMetricFamilies(figures, JobCounts{}, 0));
  EXPECT_TRUE(Has(text, "quai_model_info{version=\"2026-12-01.3\"} 1")) << text;
  EXPECT_TRUE(Has(text, "quai_model_active_info{kind=\"scorer\",document_type=\"invoice\",version=\"2026-12-01.3\"} 1"));
}

}  // namespace
}  // namespace quai::monitor
