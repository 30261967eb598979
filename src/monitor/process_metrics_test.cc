#include "monitor/process_metrics.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "monitor/metric_families.h"

namespace quai::monitor {
namespace {

TEST(ProcessMetrics, CountsRequestsByRouteTemplateMethodAndStatus) {
  ProcessMetrics metrics;
  metrics.ObserveRequest("GET", "/api/v1/documents/{id}", 200, 0.004);
  metrics.ObserveRequest("GET", "/api/v1/documents/{id}", 200, 0.2);
  metrics.ObserveRequest("GET", "/api/v1/documents/{id}", 404, 0.001);
  metrics.ObserveRequest("BREW", "/api/v1/documents/{id}", 405, 0.001);
  std::string text = MetricsText(metrics.Collect());
  EXPECT_NE(text.find("quai_http_requests_total{method=\"GET\",route=\"/api/v1/documents/{id}\",status=\"200\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("quai_http_requests_total{method=\"GET\",route=\"/api/v1/documents/{id}\",status=\"404\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("method=\"other\""), std::string::npos) << "unknown methods share one label value";
  EXPECT_EQ(text.find("BREW"), std::string::npos);
  // Four observations; three under 0.15 s, the review screen's target.
  EXPECT_NE(text.find("quai_http_request_duration_seconds_count{route=\"/api/v1/documents/{id}\"} 4"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("quai_http_request_duration_seconds_bucket{route=\"/api/v1/documents/{id}\",le=\"0.15\"} 3"),
            std::string::npos)
      << text;
}

TEST(ProcessMetrics, TimesStagesInSecondsWithABucketAtEachTarget) {
  ProcessMetrics metrics;
  metrics.ObserveStage("check", 0.003);
  metrics.ObserveStage("check", 0.007);
  std::string text = MetricsText(metrics.Collect());
  EXPECT_NE(text.find("quai_stage_duration_seconds_bucket{stage=\"check\",le=\"0.005\"} 1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("quai_stage_duration_seconds_bucket{stage=\"check\",le=\"+Inf\"} 2"), std::string::npos);
  EXPECT_NE(text.find("quai_stage_duration_seconds_sum{stage=\"check\"} 0.01"), std::string::npos) << text;
  for (double target : {0.005, 0.02}) {
    const auto& buckets = StageBuckets();
    EXPECT_NE(std::find(buckets.begin(), buckets.end(), target), buckets.end()) << target;
  }
  for (double target : {0.1, 0.15}) {
    const auto& buckets = RequestBuckets();
    EXPECT_NE(std::find(buckets.begin(), buckets.end(), target), buckets.end()) << target;
  }
}

TEST(ProcessMetrics, ReportsItsStartTime) {
  ProcessMetrics metrics;
  std::string text = MetricsText(metrics.Collect());
  EXPECT_NE(text.find("# TYPE quai_process_start_time_seconds gauge"), std::string::npos) << text;
}

}  // namespace
}  // namespace quai::monitor
