// Building metric families by hand (for figures read at scrape time) and
// writing families in Prometheus's text exposition format (version 0.0.4,
// through prometheus-cpp's TextSerializer). Pure functions; thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <prometheus/metric_family.h>

namespace quai::monitor {

using Labels = std::vector<std::pair<std::string, std::string>>;

// An empty family of `type`; samples are added with AddSample.
prometheus::MetricFamily Family(std::string name, std::string help, prometheus::MetricType type);

// Appends one sample to a counter, gauge or untyped family.
void AddSample(prometheus::MetricFamily& family, const Labels& labels, double value);

// The text exposition of `families`, in their order. The content type to
// send it with is kMetricsContentType.
std::string MetricsText(const std::vector<prometheus::MetricFamily>& families);

inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace quai::monitor
