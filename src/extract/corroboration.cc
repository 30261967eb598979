#include "extract/corroboration.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <optional>
#include <map>

namespace quai {
namespace {

bool IsTotal(const std::string& field) {
  return field == "total_excl_tax" || field == "total_tax" || field == "total_incl_tax";
}

// Net payment terms in days: the usual ones, and the French legal maximum (60).
// End-of-month terms are left out: every invoice date of a month gives their
// due date, so they would not confirm the day.
constexpr int kPaymentTermDays[] = {30, 45, 60};

// Days since 1970-01-01 of an ISO date ("2026-03-12"); nullopt when it is not one.
std::optional<int> IsoDays(const std::string& value) {
  int y = 0;
  unsigned m = 0, d = 0;
  char rest = 0;
  if (value.size() != 10 || std::sscanf(value.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &rest) != 3) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return static_cast<int>(std::chrono::sys_days(date).time_since_epoch().count());
}

std::string ValueOf(const Extraction& extraction, const std::string& field) {
  auto it = extraction.fields.find(field);
  return it == extraction.fields.end() ? "" : it->second.value;
}

// How many of the supplier's remembered values of `field` (header anchors, or
// line cells when `line`) have each shape; `values` receives how many there are.
std::map<std::string, int> RememberedShapes(const LayoutMemory& memory, const std::string& field, bool line,
                                            int* values) {
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  std::map<std::string, int> shapes;
  *values = 0;
  auto add = [&](const std::string& value) {
    if (value.empty()) return;
    ++shapes[ValueShape(value)];
    ++*values;
  };
  for (int d = 0; d < documents; ++d) {
    if (line) {
      for (const auto& cells : memory.examples[d].lines)
        if (auto it = cells.find(field); it != cells.end()) add(it->second);
    } else {
      const std::map<std::string, std::string> values = HeaderValues(memory.examples[d]);
      if (auto it = values.find(field); it != values.end()) add(it->second);
    }
  }
  return shapes;
}

}  // namespace

bool PaymentTermsFit(const Extraction& extraction) {
  const std::optional<int> invoiced = IsoDays(ValueOf(extraction, "invoice_date"));
  const std::optional<int> due = IsoDays(ValueOf(extraction, "due_date"));
  if (!invoiced || !due) return false;
  return std::find(std::begin(kPaymentTermDays), std::end(kPaymentTermDays), *due - *invoiced) !=
         std::end(kPaymentTermDays);
}

std::string Corroboration(const Extraction& extraction, const std::string& field, const LayoutMemory& memory) {
  auto it = extraction.fields.find(field);
  if (it == extraction.fields.end() || it->second.value.empty()) return "";
  if (IsTotal(field) && TotalsAddUp(extraction)) return "the totals add up";
  if ((field == "invoice_date" || field == "due_date") && PaymentTermsFit(extraction))
    return "usual payment terms between the invoice and due dates";
  if (auto articles = memory.articles.find(field);
      articles != memory.articles.end() && articles->second.count(it->second.value))
    return "an article this supplier delivered before";
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  int same = 0;
  for (int d = 0; d < documents; ++d)
    for (const FieldAnchor& a : memory.examples[d].anchors)
      if (a.field == field) {
        same += a.value == it->second.value;
        break;
      }
  return documents > 0 && 2 * same > documents ? "the value of most validated documents of this supplier" : "";
}

std::string ColumnShape(const LayoutMemory& memory, const std::string& field) {
  int values = 0;
  for (const auto& [shape, count] : RememberedShapes(memory, field, true, &values))
    if (values >= 3 && 2 * count > values) return shape;
  return "";
}

std::string UnanimousShape(const LayoutMemory& memory, const std::string& field, bool line) {
  int values = 0;
  const std::map<std::string, int> shapes = RememberedShapes(memory, field, line, &values);
  return values >= kMinUnanimousValues && shapes.size() == 1 ? shapes.begin()->first : "";
}

bool OutsideCompanyShapes(const std::string& value, const std::map<std::string, int>& shapes) {
  int values = 0;
  for (const auto& [shape, count] : shapes) values += count;
  if (values < kMinCompanyValues || value.empty()) return false;
  // One validated value is not a shape of the company's: it may be a misread a person let through.
  auto shape = shapes.find(ValueShape(value));
  return shape == shapes.end() || shape->second < 2;
}

bool BreaksShape(const std::string& value, const std::string& unanimous_shape) {
  return !unanimous_shape.empty() && !value.empty() && ValueShape(value) != unanimous_shape;
}

bool CellCorroborated(const FieldCandidate& cell, const std::string& column_shape) {
  if (cell.value.empty()) return false;
  if (cell.remembered || cell.adds_up) return true;
  // A value repaired into the shape is not confirmed by fitting it.
  return !column_shape.empty() && !cell.repaired && ValueShape(cell.value) == column_shape;
}

}  // namespace quai
