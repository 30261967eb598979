// MonitoringStore: the figures /metrics reads from the store when it is
// scraped, so that every process sharing one database reports the same counts
// (documents by source, type and step reached; export attempts; the drift
// windows; the model versions in use). Read-only; one call is one consistent
// snapshot. Thread-safe like every store.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quai/status.h"

namespace quai {

// Documents of one source and type that reached each step. A document counts
// once in `received`, and in each later step it has reached: `read` (its
// pages and values are stored), `refused`, `auto_accepted`, `validated`,
// `rejected`, `needs_review` (waiting for a person now).
struct DocumentStepCount {
  std::string source;  // "upload", "folder:<name>", "mail:<name>", "cli", ...
  std::string type;    // the document type, "" when not read yet
  int64_t received = 0;
  int64_t read = 0;
  int64_t refused = 0;
  int64_t auto_accepted = 0;
  int64_t validated = 0;
  int64_t rejected = 0;
  int64_t needs_review = 0;
};

// Exports to one target (by name): deliveries tried and how they ended.
struct ExportTargetFigures {
  std::string target;
  int64_t attempts = 0;   // every delivery attempt, successful or not
  int64_t delivered = 0;  // exports delivered (one successful attempt each)
  int64_t pending = 0;
  int64_t dead = 0;       // given up after their last attempt
};

struct ActiveModelVersion {
  std::string kind;
  std::string document_type;
  std::string version;
};

struct MonitoringFigures {
  std::vector<DocumentStepCount> documents;
  std::vector<ExportTargetFigures> exports;
  // The drift window: the latest `window_read` extractions, of which
  // `window_review_required` had a field under its threshold or a blocking
  // finding, with this mean field confidence ...
  int64_t window_read = 0;
  int64_t window_review_required = 0;
  double window_mean_confidence = 0;
  // ... and the latest `window_validated` validated documents, of which
  // `window_corrected` had at least one value corrected by a person.
  int64_t window_validated = 0;
  int64_t window_corrected = 0;
  std::vector<std::pair<std::string, int64_t>> drift_signals;  // kind, count
  std::string latest_model_version;  // of the newest extraction; "" when none
  std::vector<ActiveModelVersion> active_models;
};

class MonitoringStore {
 public:
  virtual ~MonitoringStore() = default;
  // `window`: how many latest documents the drift figures look at (> 0).
  virtual Result<MonitoringFigures> ReadMonitoringFigures(int window) = 0;
};

}  // namespace quai
