// The metric families read from the store at scrape time: documents by
// source, type and step reached; the job queue's depth and the age of its
// oldest waiting job; export attempts and failures; the drift figures; the
// model versions in use. Every process sharing the store reports the same
// values, so they can be compared across API nodes and workers. A pure
// function of what the store returned; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include <prometheus/metric_family.h>

#include "storage/job_store.h"
#include "storage/monitoring_store.h"

namespace quai::monitor {

// How many latest documents the drift gauges look at.
inline constexpr int kDriftWindow = 200;

// `now_ms`: milliseconds since the epoch (the queue's ages are measured to it).
std::vector<prometheus::MetricFamily> StoreMetricFamilies(const MonitoringFigures& figures, const JobCounts& jobs,
                                                          int64_t now_ms);

}  // namespace quai::monitor
