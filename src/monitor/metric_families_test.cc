#include "monitor/metric_families.h"

#include <gtest/gtest.h>

namespace quai::monitor {
namespace {

using prometheus::MetricType;

TEST(MetricsText, WritesHelpTypeAndOneLinePerSample) {
  auto received = Family("quai_documents_received_total", "Documents received.", MetricType::Counter);
  AddSample(received, {{"source", "upload"}, {"type", "invoice"}}, 3);
  AddSample(received, {{"source", "folder:scans"}, {"type", "none"}}, 12);
  std::string text = MetricsText({received});
  EXPECT_NE(text.find("# HELP quai_documents_received_total Documents received.\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE quai_documents_received_total counter\n"), std::string::npos) << text;
  EXPECT_NE(text.find("quai_documents_received_total{source=\"upload\",type=\"invoice\"} 3\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("quai_documents_received_total{source=\"folder:scans\",type=\"none\"} 12\n"), std::string::npos)
      << text;
}

TEST(MetricsText, EscapesQuotesBackslashesAndNewlinesInLabelValues) {
  auto info = Family("quai_model_info", "The model version in use.", MetricType::Gauge);
  AddSample(info, {{"version", "a\"b\\c\nd"}}, 1);
  std::string text = MetricsText({info});
  EXPECT_NE(text.find(R"(quai_model_info{version="a\"b\\c\nd"} 1)"), std::string::npos) << text;
}

TEST(MetricsText, WritesGaugesWithFractions) {
  auto ratio = Family("quai_drift_correction_ratio", "Share corrected.", MetricType::Gauge);
  AddSample(ratio, {}, 0.25);
  std::string text = MetricsText({ratio});
  EXPECT_NE(text.find("# TYPE quai_drift_correction_ratio gauge\n"), std::string::npos) << text;
  EXPECT_NE(text.find("quai_drift_correction_ratio 0.25\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace quai::monitor
