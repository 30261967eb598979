// How the trainer chooses among sets of auto-accept thresholds: each set is
// rated by how many held-out documents it would auto-accept — through the
// decide stage's own rule (decide/decide.h), so that what training promises is
// what reading does — and how many of those documents' fields are right.
// Pure; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/extractor_calibration.h"
#include "extract/schema.h"
#include "quai/extraction.h"

namespace quai {

// A held-out document as the thresholds see it: its extraction with its final
// (calibrated) confidences and its findings, and how many of its values were
// right. Its page_sources are the text source the thresholds were chosen by.
struct RatedDocument {
  Extraction extraction;
  const DocumentSchema* schema = nullptr;  // of extraction.document_type; null: none known
  long values = 0;  // values read (header fields and line cells)
  long right = 0;   // of them, right
  int missed = 0;   // true values not read
};

// How many documents `thresholds` auto-accept (Decide finds no reason to hold
// them, with `thresholds` as the calibrated thresholds and `target_precision`
// as the target), and of their fields (values read and values missed) how
// many are right.
struct AcceptedDocuments {
  int documents = 0;
  long fields = 0;
  long right = 0;
};
AcceptedDocuments AcceptedBy(const std::vector<RatedDocument>& documents, const std::map<std::string, double>& thresholds,
                             double target_precision = kDefaultTargetPrecision);

// Per-field thresholds chosen at one per-field precision.
struct ThresholdChoice {
  double precision = 0;
  std::map<std::string, double> thresholds;
};

// Of `choices`, the one that auto-accepts the most documents over all
// `sources` (held-out documents by text source: scans, text layers). A choice
// below `target` counts only where, on every source, it accepts at least
// `min_documents` documents whose fields are right at least `target` of the
// time; one at `target` always counts. Its index; -1 when none counts.
int BestThresholdChoice(const std::vector<ThresholdChoice>& choices,
                        const std::vector<std::vector<RatedDocument>>& sources, double target, int min_documents);

}  // namespace quai
