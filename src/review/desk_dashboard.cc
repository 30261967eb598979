#include "review/desk_dashboard.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "core/clock.h"

namespace quai {
namespace {

using Json = nlohmann::json;

bool IsCorrection(const std::string& action) {
  return action == "field_corrected" || action == "line_corrected" || action == "line_added" ||
         action == "line_removed" || action == "type_changed";
}

// "lines[2].quantity" -> "lines[].quantity": a line's field, whichever line.
std::string FieldName(const std::string& field) {
  if (field.rfind("lines[", 0) != 0) return field;
  const size_t close = field.find(']');
  return close == std::string::npos ? field : "lines[]" + field.substr(close + 1);
}

std::string SourceKind(const std::string& source) {
  if (source.empty()) return "upload";
  return source.substr(0, source.find(':'));
}

Json Round1(double value) { return std::round(value * 10) / 10; }

double Minutes(std::chrono::system_clock::duration d) {
  return std::chrono::duration<double>(d).count() / 60.0;
}

Json Distribution(std::vector<double> minutes) {
  Json out = {{"count", minutes.size()}, {"median", nullptr}, {"p90", nullptr}};
  if (!minutes.empty()) {
    out["median"] = Round1(Percentile(minutes, 0.5));
    out["p90"] = Round1(Percentile(minutes, 0.9));
  }
  return out;
}

Json Ranked(const std::map<std::string, int>& counts, const char* key, size_t top) {
  std::vector<std::pair<std::string, int>> list(counts.begin(), counts.end());
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  Json out = Json::array();
  for (size_t i = 0; i < list.size() && i < top; ++i) out.push_back({{key, list[i].first}, {"count", list[i].second}});
  return out;
}

}  // namespace

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(fraction * static_cast<double>(values.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return values[std::min(index, values.size() - 1)];
}

Json ComputeDashboard(const DashboardInput& input) {
  std::map<std::tuple<std::string, std::string, std::string>, int> per_day;
  int finished = 0, without_person = 0, corrections = 0;
  std::vector<double> to_validation, active;
  double active_total = 0;
  std::map<std::string, int> by_field, by_supplier;
  for (const DashboardDocument& doc : input.documents) {
    const ReviewSummaryRecord& s = doc.summary;
    ++per_day[{s.document.created_at.substr(0, 10), SourceKind(s.document.source),
               s.document_type.empty() ? "unknown" : s.document_type}];
    int corrected = 0;
    std::optional<std::chrono::system_clock::time_point> previous;
    double active_minutes = 0;
    bool person = false;
    std::string validated_at;
    for (const StoredReviewEvent& event : doc.events) {
      if (IsCorrection(event.action)) {
        ++corrected;
        if (event.action == "field_corrected" || event.action == "line_corrected") {
          ++corrections;
          ++by_field[FieldName(event.field)];
          ++by_supplier[s.supplier.empty() ? "?" : s.supplier];
        }
      }
      if (event.action == "validated") validated_at = event.at;
      else if (event.action == "reopened") validated_at.clear();
      auto at = ParseUtcTimestamp(event.at);
      if (!at || event.user == "system") continue;
      person = true;
      if (previous && *at >= *previous && *at - *previous <= kActiveGap) active_minutes += Minutes(*at - *previous);
      previous = at;
    }
    const bool done = s.status == "auto_accepted" || s.status == "validated" || s.status == "rejected";
    if (done) {
      ++finished;
      if (s.status == "auto_accepted" || (s.status == "validated" && corrected == 0)) ++without_person;
    }
    if (s.status == "validated" && !validated_at.empty()) {
      auto arrived = ParseUtcTimestamp(s.document.created_at), validated = ParseUtcTimestamp(validated_at);
      if (arrived && validated && *validated >= *arrived) to_validation.push_back(Minutes(*validated - *arrived));
    }
    if (person) {
      active.push_back(active_minutes);
      active_total += active_minutes;
    }
  }
  Json days = Json::array();
  for (const auto& [key, count] : per_day)
    days.push_back({{"day", std::get<0>(key)}, {"source", std::get<1>(key)}, {"type", std::get<2>(key)}, {"count", count}});
  Json active_json = Distribution(active);
  active_json["total"] = Round1(active_total);
  Json oldest = nullptr;
  if (input.oldest_waiting) {
    const ReviewSummaryRecord& w = *input.oldest_waiting;
    auto arrived = ParseUtcTimestamp(w.document.created_at);
    oldest = {{"id", w.document.id},
              {"file", w.document.original_name},
              {"supplier", w.supplier.empty() ? Json(nullptr) : Json(w.supplier)},
              {"created_at", w.document.created_at},
              {"waiting_minutes", arrived ? Round1(Minutes(input.now - *arrived)) : Json(nullptr)}};
  }
  Json drift = Json::array();
  for (const DriftSignal& signal : input.drift) {
    Json detail = Json::parse(signal.detail_json, nullptr, /*allow_exceptions=*/false);
    drift.push_back({{"id", signal.id},
                     {"at", signal.at},
                     {"kind", signal.kind},
                     {"supplier_id", signal.supplier_id ? Json(*signal.supplier_id) : Json(nullptr)},
                     {"document_id", signal.document_id ? Json(*signal.document_id) : Json(nullptr)},
                     {"detail", detail.is_object() ? detail : Json(nullptr)}});
  }
  const double manual = input.manual_minutes_per_document * finished;
  return {{"window", {{"days", input.days},
                      {"from", FormatUtcTimestamp(input.now - std::chrono::hours(24) * input.days)},
                      {"to", FormatUtcTimestamp(input.now)}}},
          {"documents", input.documents.size()},
          {"per_day", days},
          {"straight_through", {{"finished", finished},
                                {"without_person", without_person},
                                {"rate", finished ? Json(std::round(1000.0 * without_person / finished) / 1000) : Json(nullptr)}}},
          {"to_validation_minutes", Distribution(to_validation)},
          {"active_review_minutes", active_json},
          {"corrections", {{"total", corrections},
                           {"by_field", Ranked(by_field, "field", 20)},
                           {"by_supplier", Ranked(by_supplier, "supplier", 20)}}},
          {"oldest_waiting", oldest},
          {"time_saved", {{"manual_minutes_per_document", input.manual_minutes_per_document},
                          {"documents", finished},
                          {"manual_minutes", Round1(manual)},
                          {"review_minutes", Round1(active_total)},
                          {"saved_minutes", Round1(manual - active_total)}}},
          {"drift", {{"count", input.drift.size()}, {"signals", drift}}}};
}

}  // namespace quai
