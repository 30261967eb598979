#include "review/desk_dashboard.h"

#include <chrono>
#include <string>
#include <vector>

#include "core/clock.h"
#include "gtest/gtest.h"

namespace quai {
namespace {

using std::chrono::minutes;

StoredReviewEvent Event(const std::string& at, const std::string& action, const std::string& field = "",
                        const std::string& user = "ana") {
  StoredReviewEvent event;
  event.at = at;
  event.action = action;
  event.field = field;
  event.user = user;
  return event;
}

DashboardDocument Doc(int64_t id, const std::string& created_at, const std::string& status, const std::string& type,
                      const std::string& supplier, std::vector<StoredReviewEvent> events, const std::string& source = "") {
  DashboardDocument doc;
  doc.summary.document.id = id;
  doc.summary.document.created_at = created_at;
  doc.summary.document.source = source;
  doc.summary.document.original_name = "doc" + std::to_string(id) + ".pdf";
  doc.summary.status = status;
  doc.summary.document_type = type;
  doc.summary.supplier = supplier;
  doc.events = std::move(events);
  return doc;
}

TEST(DeskDashboardTest, PercentileIsTheNearestRank) {
  EXPECT_EQ(Percentile({}, 0.5), 0);
  EXPECT_EQ(Percentile({4, 1, 3, 2}, 0.5), 2);
  EXPECT_EQ(Percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9), 9);
  EXPECT_EQ(Percentile({7}, 0.9), 7);
}

TEST(DeskDashboardTest, FiguresFromDocumentsAndEvents) {
  DashboardInput input;
  input.now = *ParseUtcTimestamp("2026-12-07T12:00:00Z");
  input.days = 7;
  input.manual_minutes_per_document = 6;
  // 1: validated after two corrections; 10 min from arrival; active 2 + 3 minutes (a 20 min pause not counted).
  input.documents.push_back(Doc(1, "2026-12-06T08:00:00Z", "validated", "invoice", "Isère Chimie",
                                {Event("2026-12-06T08:01:00Z", "field_corrected", "po_number"),
                                 Event("2026-12-06T08:03:00Z", "line_corrected", "lines[2].quantity"),
                                 Event("2026-12-06T08:23:00Z", "field_corrected", "po_number"),
                                 Event("2026-12-06T08:26:00Z", "validated")}));
  // 2: validated without a correction, 30 min after arrival, from a watched folder.
  input.documents.push_back(Doc(2, "2026-12-06T09:00:00Z", "validated", "delivery_note", "Duval",
                                {Event("2026-12-06T09:30:00Z", "validated")}, "folder:1:scans/a.pdf"));
  // 3: auto-accepted; 4: waiting; 5: rejected after a correction.
  input.documents.push_back(Doc(3, "2026-12-07T07:00:00Z", "auto_accepted", "invoice", "Duval", {}));
  input.documents.push_back(Doc(4, "2026-12-07T08:00:00Z", "needs_review", "invoice", "", {}));
  input.documents.push_back(Doc(5, "2026-12-07T09:00:00Z", "rejected", "", "Duval",
                                {Event("2026-12-07T09:01:00Z", "field_corrected", "supplier_name"),
                                 Event("2026-12-07T09:02:00Z", "rejected")}));
  input.oldest_waiting = input.documents[3].summary;
  DriftSignal signal;
  signal.id = 9;
  signal.kind = "supplier_corrections_up";
  signal.detail_json = "{\"rate\":0.5}";
  input.drift.push_back(signal);

  nlohmann::json d = ComputeDashboard(input);
  EXPECT_EQ(d["documents"], 5);
  EXPECT_EQ(d["window"]["from"], "2026-11-30T12:00:00Z");
  ASSERT_EQ(d["per_day"].size(), 4u) << d["per_day"].dump();
  EXPECT_EQ(d["per_day"][0], nlohmann::json({{"day", "2026-12-06"}, {"source", "folder"}, {"type", "delivery_note"}, {"count", 1}}));
  EXPECT_EQ(d["per_day"][1], nlohmann::json({{"day", "2026-12-06"}, {"source", "upload"}, {"type", "invoice"}, {"count", 1}}));
  EXPECT_EQ(d["per_day"][2], nlohmann::json({{"day", "2026-12-07"}, {"source", "upload"}, {"type", "invoice"}, {"count", 2}}));
  EXPECT_EQ(d["per_day"][3]["type"], "unknown");
  // Finished: 1, 2, 3, 5; without a person: 2 (validated as read) and 3 (auto-accepted).
  EXPECT_EQ(d["straight_through"]["finished"], 4);
  EXPECT_EQ(d["straight_through"]["without_person"], 2);
  EXPECT_EQ(d["straight_through"]["rate"], 0.5);
  EXPECT_EQ(d["to_validation_minutes"]["count"], 2);
  EXPECT_EQ(d["to_validation_minutes"]["median"], 26.0);
  EXPECT_EQ(d["to_validation_minutes"]["p90"], 30.0);
  // Active: doc 1 = 2 + 3 = 5, doc 2 = 0 (one event), doc 5 = 1.
  EXPECT_EQ(d["active_review_minutes"]["count"], 3);
  EXPECT_EQ(d["active_review_minutes"]["total"], 6.0);
  EXPECT_EQ(d["active_review_minutes"]["median"], 1.0);
  EXPECT_EQ(d["active_review_minutes"]["p90"], 5.0);
  EXPECT_EQ(d["corrections"]["total"], 4);
  EXPECT_EQ(d["corrections"]["by_field"][0], nlohmann::json({{"field", "po_number"}, {"count", 2}}));
  EXPECT_EQ(d["corrections"]["by_field"][1]["field"], "lines[].quantity");
  EXPECT_EQ(d["corrections"]["by_supplier"][0], nlohmann::json({{"supplier", "Isère Chimie"}, {"count", 3}}));
  EXPECT_EQ(d["oldest_waiting"]["id"], 4);
  EXPECT_EQ(d["oldest_waiting"]["waiting_minutes"], 240.0);
  EXPECT_EQ(d["time_saved"]["manual_minutes"], 24.0);
  EXPECT_EQ(d["time_saved"]["review_minutes"], 6.0);
  EXPECT_EQ(d["time_saved"]["saved_minutes"], 18.0);
  EXPECT_EQ(d["drift"]["count"], 1);
  EXPECT_EQ(d["drift"]["signals"][0]["detail"]["rate"], 0.5);
}

TEST(DeskDashboardTest, EmptyWindow) {
  DashboardInput input;
  input.now = *ParseUtcTimestamp("2026-12-07T12:00:00Z");
  nlohmann::json d = ComputeDashboard(input);
  EXPECT_EQ(d["documents"], 0);
  EXPECT_TRUE(d["straight_through"]["rate"].is_null());
  EXPECT_TRUE(d["to_validation_minutes"]["median"].is_null());
  EXPECT_TRUE(d["oldest_waiting"].is_null());
  EXPECT_EQ(d["time_saved"]["saved_minutes"], 0.0);
}

}  // namespace
}  // namespace quai
