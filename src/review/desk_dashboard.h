// The managers' dashboard of the review desk (GET /api/v1/dashboard): what
// the documents of a window of days and their review events say. A pure
// function of its inputs (the server reads them from the stores), so tests
// give it documents and events and check every figure.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "storage/learning_store.h"
#include "storage/review_store.h"

namespace quai {

struct DashboardDocument {
  ReviewSummaryRecord summary;            // status, type, supplier, document (created_at, source)
  std::vector<StoredReviewEvent> events;  // oldest first
};

struct DashboardInput {
  std::vector<DashboardDocument> documents;  // those received in the window
  std::chrono::system_clock::time_point now;
  int days = 30;                         // the window, ending now
  double manual_minutes_per_document = 5;  // the manual baseline a document costs without quai
  // The oldest document waiting for a person, whenever it arrived (nullopt: none waits).
  std::optional<ReviewSummaryRecord> oldest_waiting;
  std::vector<DriftSignal> drift;  // newest first
};

// Review events closer than this are one sitting; a longer gap is not counted
// as active review time (the clerk was elsewhere).
constexpr std::chrono::seconds kActiveGap{300};

// {"window": {"days", "from", "to"}, "documents": n, "per_day": [{"day", "source", "type", "count"}],
//  "straight_through": {"finished", "without_person", "rate"},
//  "to_validation_minutes": {"count", "median", "p90"}, "active_review_minutes": {"count", "median", "p90", "total"},
//  "corrections": {"total", "by_field": [{"field", "count"}], "by_supplier": [{"supplier", "count"}]},
//  "oldest_waiting": {"id", "file", "supplier", "created_at", "waiting_minutes"} | null,
//  "time_saved": {"manual_minutes_per_document", "documents", "manual_minutes", "review_minutes", "saved_minutes"},
//  "drift": {"count", "signals": [...]}}
nlohmann::json ComputeDashboard(const DashboardInput& input);

// The value below which `fraction` of the sorted `values` lie (nearest rank); 0 for none.
double Percentile(std::vector<double> values, double fraction);

}  // namespace quai
